-- The newest live batch stored from a file with this checksum (a repeat upload is asked about).
select batch_id, uploaded_at, uploaded_by
from batches
where sha256 = $sha256 and batch_id not in (select batch_id from undone_batches)
order by uploaded_at desc
limit 1
