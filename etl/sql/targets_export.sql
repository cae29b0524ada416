-- Every target and reported value, one row each, with names and its quote.
with
targets as (select * from targets),
regions as (select * from regions),
indicators as (select * from indicators),
labelled as (
    select
        t.document_id as document,
        t.region_id as region_code,
        r.name_zh as region_name_zh,
        t.indicator_id,
        i.name_zh as indicator_name_zh,
        t.indicator_label,
        t.year,
        t.year_scope,
        t.value,
        t.unit,
        t.value_raw,
        t.unit_raw,
        t.value_high,
        t.kind,
        t.comparator,
        t.firmness,
        t.status,
        t.responsible_unit,
        t.scope_note,
        t.deadline,
        t.quote,
        t.quote_start,
        t.quote_end,
        t.target_id,
        t.target_key,
        t.review,
        t.review_note
    from targets as t
    join regions as r using (region_id)
    left join indicators as i using (indicator_id)
)
select * from labelled
order by document, quote_start, target_id
