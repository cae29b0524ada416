-- How many actuals the pages can use: uploaded values (newest batch per region, indicator and
-- year) plus the documents' reported values no upload replaces. document_keys is given by the caller.
with uploaded as (
    select distinct region_id, indicator_id, year
    from actual_values
    where batch_id not in (select batch_id from undone_batches)
)
select
    (select count(*) from uploaded)
    + (select count(*) from document_keys as d
       where not exists (select 1 from uploaded as u
                         where u.region_id = d.region_id and u.indicator_id = d.indicator_id
                           and u.year = d.year)) as actuals
