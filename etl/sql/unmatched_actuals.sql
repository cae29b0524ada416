-- Uploaded actuals (newest batch per key, batches not undone) that no target is judged against,
-- with why: the region has no target of that indicator at all, or none in that year (it may still
-- be the baseline of the next year's growth target). Runs on the actuals database with the
-- targets database attached read-only as t.
-- A key's match with a target depends on the key alone, so the keys with a target that year are
-- dropped before the newest batch is picked: only the few unmatched rows are ranked.
with target_pairs as (select distinct region_id, indicator_id from t.target_facts),
target_years as (select distinct region_id, indicator_id, year from t.target_facts),
unmatched as (
    select v.*
    from actual_values as v
    anti join target_years as y
        on y.region_id = v.region_id and y.indicator_id = v.indicator_id and y.year = v.year
    where v.batch_id not in (select batch_id from undone_batches)
),
current as (
    select u.*, b.file_name, row_number() over (partition by u.region_id, u.indicator_id, u.year
                                                order by b.uploaded_at desc, b.batch_id desc) as preference
    from unmatched as u
    join batches as b using (batch_id)
)
select c.region_id, c.indicator_id, c.year, c.value, c.unit, c.file_name as source_file, c.source_row,
       c.batch_id,
       case when p.region_id is null then 'no_target_for_indicator' else 'no_target_that_year' end as reason
from current as c
left join target_pairs as p on p.region_id = c.region_id and p.indicator_id = c.indicator_id
where c.preference = 1
order by c.region_id, c.indicator_id, c.year
