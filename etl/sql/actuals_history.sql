select v.*, b.file_name, b.uploaded_at, b.is_undone
from actual_values as v join batches as b using (batch_id)
order by b.uploaded_at desc, v.source_row
