-- Every review decision with what the last build did with it, newest first.
select key, action, field, old, new, who, "when", why, applied_to, outcome
from review_log
order by "when" desc, key
