-- The years that have targets, with how many regions each.
select year, count(distinct region_id) as regions
from target_facts
where year is not null and kind != 'boolean'
group by year
order by year
