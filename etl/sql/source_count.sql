-- How many extracted numbers a Sources search finds: the filters of source_search.sql.
select count(*) as found_total
from targets as t
join regions as r on r.region_id = t.region_id
left join indicators as i on i.indicator_id = t.indicator_id
where ($region_ids is null or list_contains($region_ids, t.region_id))
  and ($indicator_id is null or t.indicator_id = $indicator_id)
  and ($year is null or t.year = $year or t.year_scope = 'every_year')
  and ($catalogue is null or (t.indicator_id is null) = ($catalogue = 'out'))
  and ($text is null or contains(lower(concat_ws(' ', t.quote, r.name_zh, r.name_en,
                                                  i.name_zh, i.name_en, t.indicator_label)),
                                 lower($text)))
