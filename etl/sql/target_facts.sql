-- The targets a view shows: one indicator, one year, some regions, or all (a null parameter is
-- no filter). Parameters: $indicator_id, $year, $region_ids (a list), $parent_id.
select *
from target_facts
where ($indicator_id is null or indicator_id = $indicator_id)
  and ($year is null or year = $year)
  and ($region_ids is null or list_contains($region_ids, region_id))
  and ($parent_id is null or parent_id = $parent_id or region_id = $parent_id)
order by indicator_id, region_id, year, kind
