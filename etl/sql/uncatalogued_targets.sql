-- Targets and reported results whose subject is not in the indicator catalogue: one row each,
-- with the region's names and the document's title. Never compared across labels.
with
targets as (select * from targets where indicator_id is null),
regions as (select region_id, name_zh, name_en from regions),
documents as (select document_id, title from documents)
select
    t.target_id, t.document_id, d.title as document_title, t.region_id,
    r.name_zh as region_name_zh, r.name_en as region_name_en, t.indicator_label, t.year,
    t.year_scope, t.value_raw, t.unit_raw, t.value_high, t.kind, t.comparator, t.status, t.quote
from targets as t
join regions as r using (region_id)
join documents as d using (document_id)
where $region_id is null or t.region_id = $region_id
order by t.region_id, t.indicator_label, t.year, t.target_id
