-- Reported values printed in the plan documents (001's 2021 and 2022 columns), as actuals.
with
-- Only catalogued ones: an uncatalogued result has no indicator to compare a target with.
-- Filtered by $indicator_id, $year, $region_ids (null: no filter), the window's partition keys.
targets as (
    select * from targets
    where status = 'actual' and indicator_id is not null
      and ($indicator_id is null or indicator_id = $indicator_id)
      and ($year is null or year = $year)
      and ($region_ids is null or list_contains($region_ids, region_id))
),
ranked as (
    select *, row_number() over (partition by region_id, indicator_id, year
                                 order by document_id, quote_start) as preference
    from targets
)
select
    region_id,
    indicator_id,
    year,
    value,
    unit,
    'document' as source_kind,
    document_id as source_file,
    null::integer as source_row,
    null::varchar as batch_id,
    quote as source_detail,
    target_id as source_target_id
from ranked
where preference = 1
