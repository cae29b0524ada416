-- One extracted row, by its id in this build or its stable key, with every field a decision keeps.
select t.*, d.body[t.value_start + 1:t.value_end] as number
from targets as t
join documents as d using (document_id)
where t.target_key = $target or cast(t.target_id as varchar) = $target
