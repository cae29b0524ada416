-- Every region, indicator and year that has a target (yes/no targets left out): the rows of the
-- upload template.
select distinct f.region_id, f.region_name_zh, f.indicator_id, f.indicator_name_zh, f.year, i.unit
from target_facts as f
join indicators as i using (indicator_id)
where f.kind != 'boolean' and f.year is not null
order by f.region_id, f.indicator_id, f.year
