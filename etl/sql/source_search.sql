-- The extracted numbers a search on the Sources page finds, first $limit of them, each with the
-- paragraph (cell) around its quote (source_count.sql counts them all: one query each, so that
-- neither holds every match in memory). A null parameter is no filter.
-- $catalogue: 'in' (catalogued only), 'out' (outside the catalogue only) or null.
with found as (
    select
        t.target_id, t.document_id, d.title as document_title, t.region_id,
        r.name_zh as region_name_zh, r.name_en as region_name_en, t.indicator_id,
        coalesce(i.name_zh, t.indicator_label) as indicator_name_zh,
        coalesce(i.name_en, t.indicator_label) as indicator_name_en,
        t.indicator_label, t.indicator_match, t.indicator_id is null as is_uncatalogued,
        t.status_reason, t.year, t.year_scope,
        t.value, t.unit, t.value_raw, t.unit_raw, t.value_high, t.kind, t.comparator, t.firmness,
        t.status, t.responsible_unit, t.scope_note, t.quote, t.quote_start, t.quote_end,
        t.value_start, t.value_end, t.context_start, t.context_end, t.target_key, t.review,
        t.review_note
    from targets as t
    join documents as d on d.document_id = t.document_id
    join regions as r on r.region_id = t.region_id
    left join indicators as i on i.indicator_id = t.indicator_id
    where ($region_ids is null or list_contains($region_ids, t.region_id))
      and ($indicator_id is null or t.indicator_id = $indicator_id)
      and ($year is null or t.year = $year or t.year_scope = 'every_year')
      and ($catalogue is null or (t.indicator_id is null) = ($catalogue = 'out'))
      and ($text is null or contains(lower(concat_ws(' ', t.quote, r.name_zh, r.name_en,
                                                      i.name_zh, i.name_en, t.indicator_label)),
                                     lower($text)))
),
first_found as (
    select *
    from found
    order by document_id, quote_start, target_id
    limit $limit
)
select f.*, substr(d.body, f.context_start + 1, f.context_end - f.context_start) as context
from first_found as f
join documents as d using (document_id)
order by f.document_id, f.quote_start, f.target_id
