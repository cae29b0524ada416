-- Plan checks of one document, one region, or all ($document_id / $region_id null for all).
select c.*, r.name_zh as region_name_zh, r.name_en as region_name_en
from plan_checks as c
join regions as r using (region_id)
where ($document_id is null or list_contains(string_split(c.document_ids, '|'), $document_id))
  and ($region_id is null or c.region_id = $region_id)
order by c.explained, c.check_kind, c.region_id, c.year
