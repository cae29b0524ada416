-- The years and kinds of target one indicator has, with how many regions each.
select year, kind, count(distinct region_id) as regions
from target_facts
where indicator_id = $indicator_id and year is not null
group by year, kind
order by year, regions desc, kind
