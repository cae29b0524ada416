select b.batch_id, b.file_name, b.uploaded_at, b.uploaded_by, b.uploaded_from, b.note,
       b.rows_added, b.rows_replaced, b.rows_unchanged, b.rows_rejected,
       u.batch_id is not null as is_undone, u.undone_at, u.undone_by, b.sha256
from batches as b
left join undone_batches as u using (batch_id)
order by b.uploaded_at desc, b.batch_id desc
