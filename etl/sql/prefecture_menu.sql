-- Prefectures whose counties and zones have a target of one indicator, year and kind (a null
-- parameter: any indicator, year or kind), the one with most of them first; a prefecture with
-- only its own target is listed too, with 0 parts.
with chosen as (
    select region_id, parent_id, region_level
    from target_facts
    where ($indicator_id is null or indicator_id = $indicator_id)
      and ($year is null or year = $year)
      and ($kind is null or kind = $kind)
),
parts as (
    select parent_id as prefecture_id, count(distinct region_id) as parts
    from chosen where parent_id is not null group by parent_id
),
own as (
    select distinct region_id as prefecture_id from chosen where region_level = 'prefecture'
)
select p.region_id as prefecture_id, coalesce(parts.parts, 0) as parts,
       p.region_id in (select prefecture_id from own) as has_own_target
from regions as p
left join parts on parts.prefecture_id = p.region_id
where p.level = 'prefecture'
  and (parts.parts is not null or p.region_id in (select prefecture_id from own))
order by parts desc, p.region_id
