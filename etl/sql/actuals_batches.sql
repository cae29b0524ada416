select batch_id, file_name, sha256, uploaded_at, note, rows_added, rows_replaced, rows_rejected,
       is_undone, undone_at
from batches
order by uploaded_at desc, batch_id desc
