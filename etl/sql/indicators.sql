select indicator_id, name_zh, name_en, category, unit, kind, direction, is_additive, numerator_id
from indicators order by category, indicator_id
