-- The stored actuals (newest live batch per key) of the keys an upload brings, and no others:
-- the preview compares a file with what is stored without reading every stored actual.
-- wanted (region_id, indicator_id, year) is given by the caller.
with
batches as (select * from batches where batch_id not in (select batch_id from undone_batches)),
ranked as (
    select
        v.region_id, v.indicator_id, v.year, v.value, v.unit, v.source_row, v.batch_id,
        b.file_name, b.uploaded_at,
        row_number() over (partition by v.region_id, v.indicator_id, v.year
                           order by b.uploaded_at desc, b.batch_id desc) as preference
    from actual_values as v
    semi join wanted as w on w.region_id = v.region_id and w.indicator_id = v.indicator_id
                          and w.year = v.year
    join batches as b on b.batch_id = v.batch_id
)
select
    region_id, indicator_id, year, value, unit, 'upload' as source_kind, file_name as source_file,
    source_row, batch_id,
    'uploaded ' || strftime(uploaded_at, '%Y-%m-%d %H:%M:%S') || ' UTC' as source_detail,
    null::integer as source_target_id
from ranked
where preference = 1
