-- The years with an uploaded actual (batches not undone).
select distinct year from actual_values
where batch_id not in (select batch_id from undone_batches)
order by year
