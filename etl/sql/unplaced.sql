select u.unplaced_id, u.document_id, u.text, u.reason, u.quote, u.quote_start, u.quote_end,
       u.value_start, u.value_end, u.region_id, u.indicator_id
from unplaced as u
order by u.document_id, u.value_start
