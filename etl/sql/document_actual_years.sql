-- The years with a value the documents report as achieved.
select distinct year from targets
where status = 'actual' and indicator_id is not null and year is not null
order by year
