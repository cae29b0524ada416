-- Current actuals (document-reported and uploaded) with region names, for export.
select
    a.region_id as region_code,
    r.name_zh as region_name_zh,
    a.indicator_id,
    a.year,
    a.value,
    a.unit,
    a.batch_id,
    a.source_file,
    a.source_row,
    a.source_kind
from actuals as a
join regions as r using (region_id)
order by a.region_id, a.indicator_id, a.year
