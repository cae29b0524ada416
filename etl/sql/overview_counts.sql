-- The overview's headline numbers: regions and indicators with a target, and targets.
select
    (select count(distinct region_id) from target_facts) as regions,
    (select count(distinct indicator_id) from target_facts) as indicators,
    (select count(*) from targets where status = 'target') as targets
