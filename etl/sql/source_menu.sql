-- What the Sources page's filters offer: every region and every year with an extracted number.
select 'region' as facet, region_id as value from targets group by region_id
union all
select 'year', year::varchar from targets where year is not null group by year
union all
select 'total', count(*)::varchar from targets
