-- The newest batch that has not been undone wins for each region, indicator and year.
-- Only the rows a view asks for: $indicator_id, $year, $region_ids (null: no filter); they are
-- the window's partition keys, so filtering first gives the same winners.
with
batches as (select * from batches where batch_id not in (select batch_id from undone_batches)),
actual_values as (
    select * from actual_values
    where ($indicator_id is null or indicator_id = $indicator_id)
      and ($year is null or year = $year)
      and ($region_ids is null or list_contains($region_ids, region_id))
),
ranked as (
    select
        v.*,
        b.file_name,
        b.uploaded_at,
        row_number() over (partition by v.region_id, v.indicator_id, v.year
                           order by b.uploaded_at desc, b.batch_id desc) as preference
    from actual_values as v
    join batches as b using (batch_id)
)
select
    region_id,
    indicator_id,
    year,
    value,
    unit,
    'upload' as source_kind,
    file_name as source_file,
    source_row,
    batch_id,
    'uploaded ' || strftime(uploaded_at, '%Y-%m-%d %H:%M:%S') || ' UTC' as source_detail,
    null::integer as source_target_id
from ranked
where preference = 1
order by region_id, indicator_id, year
