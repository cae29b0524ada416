-- Which region has an uploaded actual of which indicator (batches not undone): for coverage.
select distinct region_id, indicator_id
from actual_values
where batch_id not in (select batch_id from undone_batches)
