-- Every region with at least one target.
select distinct region_id from target_facts order by region_id
