-- What the targets database holds, one row per table.
select 'documents' as table_name, count(*) as rows from documents
union all select 'regions', count(*) from regions
union all select 'indicators', count(*) from indicators
union all select 'targets', count(*) from targets where status = 'target'
union all select 'reported values', count(*) from targets where status = 'actual'
union all select 'unplaced numbers', count(*) from unplaced
