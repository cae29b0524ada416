-- Written once per build (and after synthetic data is added): the table every view reads.
-- One row per region, indicator, year and kind of target: every-year targets spread over the
-- plan's years, cumulative ones at the plan's last year. When a document states the same target
-- twice (a table and a sentence), the table row is kept and the mentions are counted.
-- Sorted by indicator and region, so that a view's filter reads a few blocks, not the table.
create or replace table target_facts as
with
targets as (select * from targets where status = 'target'),
regions as (select * from regions),
indicators as (select * from indicators),
documents as (select document_id, title, period_start as doc_period_start, period_end as doc_period_end from documents),
spread as (
    select
        t.*,
        unnest(case when t.year_scope = 'every_year'
                    then range(t.period_start, t.period_end + 1)
                    else [t.year] end) as fact_year
    from targets as t
),
ranked as (
    select
        s.*,
        count(*) over same_target as mentions,
        count(distinct s.value) over same_target as distinct_values,
        row_number() over (partition by s.region_id, s.indicator_id, s.fact_year, s.kind
                           order by case s.rule when 'year_table' then 0 else 1 end,
                                    s.document_id, s.quote_start) as preference
    from spread as s
    window same_target as (partition by s.region_id, s.indicator_id, s.fact_year, s.kind)
),
labelled as (
    select
        r.target_id,
        r.document_id,
        d.title as document_title,
        r.region_id,
        g.name_zh as region_name_zh,
        g.name_en as region_name_en,
        g.level as region_level,
        g.parent_id,
        g.host_id,
        r.indicator_id,
        i.name_zh as indicator_name_zh,
        i.name_en as indicator_name_en,
        i.category,
        i.direction,
        i.is_additive,
        r.fact_year as year,
        r.year_scope,
        r.period_start,
        r.period_end,
        r.value,
        r.value_high,
        r.unit,
        r.value_raw,
        r.unit_raw,
        r.kind,
        r.comparator,
        r.firmness,
        r.responsible_unit,
        r.scope_note,
        r.deadline,
        r.quote,
        r.quote_start,
        r.quote_end,
        r.mentions,
        r.distinct_values > 1 as has_conflicting_mentions
    from ranked as r
    join regions as g using (region_id)
    join indicators as i using (indicator_id)
    join documents as d using (document_id)
    where r.preference = 1
)
select * from labelled
order by indicator_id, region_id, year, kind;
