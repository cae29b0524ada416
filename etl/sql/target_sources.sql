-- Every extracted number with the paragraph (cell) around its quote, for the sources page.
with
targets as (select * from targets),
documents as (select document_id, title, body from documents),
regions as (select region_id, name_zh, name_en from regions),
indicators as (select indicator_id, name_zh, name_en from indicators)
select
    t.target_id, t.document_id, d.title as document_title, t.region_id,
    r.name_zh as region_name_zh, r.name_en as region_name_en, t.indicator_id,
    coalesce(i.name_zh, t.indicator_label) as indicator_name_zh,
    coalesce(i.name_en, t.indicator_label) as indicator_name_en,
    t.indicator_label, t.indicator_match, t.indicator_id is null as is_uncatalogued,
    t.status_reason, t.year, t.year_scope,
    t.value, t.unit, t.value_raw, t.unit_raw, t.value_high, t.kind, t.comparator, t.firmness, t.status,
    t.responsible_unit, t.scope_note, t.quote, t.quote_start, t.quote_end, t.value_start,
    t.value_end, t.context_start, t.context_end, t.target_key, t.review, t.review_note,
    substr(d.body, t.context_start + 1, t.context_end - t.context_start) as context
from targets as t
join documents as d using (document_id)
join regions as r using (region_id)
left join indicators as i using (indicator_id)
order by t.document_id, t.quote_start, t.target_id
