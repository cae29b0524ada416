select v.*, b.file_name, b.uploaded_at, u.batch_id is not null as is_undone
from actual_values as v
join batches as b using (batch_id)
left join undone_batches as u using (batch_id)
order by b.uploaded_at desc, v.source_row
