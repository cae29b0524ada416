-- Coverage of targets and actuals by indicator, one row per area: every province when $parent_id
-- is null, else the parent's own row and one row per region directly below it (a prefecture's
-- counties, or a province's prefectures, each summing every region under it).
-- actual_pairs (region_id, indicator_id) is the uploaded actuals' coverage, given by the caller.
with pairs as (
    select region_id, indicator_id, bool_or(has_target) as has_target, bool_or(has_actual) as has_actual
    from (
        select distinct region_id, indicator_id, true as has_target, false as has_actual from target_facts
        union all
        select distinct region_id, indicator_id, false, true from targets
        where status = 'actual' and indicator_id is not null
        union all
        select region_id, indicator_id, false, true from actual_pairs
    )
    group by region_id, indicator_id
),
chain as (
    select r.region_id, r.level, r.parent_id as p1, p.parent_id as p2, g.parent_id as p3,
           p.level as l1, g.level as l2
    from regions as r
    left join regions as p on p.region_id = r.parent_id
    left join regions as g on g.region_id = p.parent_id
),
placed as (
    select pairs.*, case
        when $parent_id is null then
            case when c.level = 'province' then c.region_id when c.l1 = 'province' then c.p1
                 when c.l2 = 'province' then c.p2 else c.p3 end
        when c.region_id = $parent_id then c.region_id
        when c.p1 = $parent_id then c.region_id
        when c.p2 = $parent_id then c.p1
        when c.p3 = $parent_id then c.p2
    end as area_id
    from pairs join chain as c using (region_id)
)
select area_id, indicator_id, bool_or(has_target) as has_target, bool_or(has_actual) as has_actual,
       count(distinct region_id) filter (where has_target) as regions_with_target
from placed
where area_id is not null
group by area_id, indicator_id
order by area_id, indicator_id
