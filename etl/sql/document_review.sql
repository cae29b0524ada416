-- The rows of one document for its review: every target and result, then the unplaced numbers.
-- row_number is the row's place in the document (1 = first number in the text): it stays the same
-- across rebuilds, unlike target_id, which counts rows over every document.
with
targets as (select * from targets where document_id = $document_id),
unplaced as (select * from unplaced where document_id = $document_id),
regions as (select region_id, name_zh, name_en from regions),
indicators as (select indicator_id, name_zh, name_en from indicators)
select
    t.target_key, t.target_id,
    row_number() over (order by t.value_start, t.target_key) as row_number, t.status, t.review, t.review_note, t.region_id,
    r.name_zh as region_name_zh, r.name_en as region_name_en, t.indicator_id,
    coalesce(i.name_zh, t.indicator_label) as indicator_name_zh,
    coalesce(i.name_en, t.indicator_label) as indicator_name_en, t.indicator_label,
    t.year, t.year_scope, t.value, t.unit, t.value_high, t.kind, t.comparator, t.quote,
    t.quote_start, t.value_start, t.value_end, t.status_reason, '' as reason
from targets as t
join regions as r using (region_id)
left join indicators as i using (indicator_id)
union all by name
select
    '' as target_key, null as target_id, null as row_number, 'unplaced' as status, '' as review, '' as review_note,
    u.region_id, null as region_name_zh, null as region_name_en, u.indicator_id,
    null as indicator_name_zh, null as indicator_name_en, '' as indicator_label, null as year,
    '' as year_scope, null as value, '' as unit, null as value_high, '' as kind,
    '' as comparator, u.quote, u.quote_start, u.value_start, u.value_end, '' as status_reason,
    u.reason
from unplaced as u
order by value_start, target_key
