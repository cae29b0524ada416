-- Indicators with a target (yes/no targets left out), the most widely targeted first.
select indicator_id, count(distinct region_id) as regions
from target_facts
where kind != 'boolean'
group by indicator_id
order by regions desc, indicator_id
