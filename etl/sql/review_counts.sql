-- Per document: rows by status and review state, for the Documents page.
select
    d.document_id,
    count(t.target_id) filter (where t.status = 'target') as targets,
    count(t.target_id) filter (where t.status = 'actual') as results,
    (select count(*) from unplaced u where u.document_id = d.document_id) as unplaced,
    count(t.target_id) filter (where t.review <> 'unreviewed') as reviewed,
    count(t.target_id) filter (where t.review = 'corrected') as corrected,
    (select count(*) from plan_checks c
     where not c.explained and list_contains(string_split(c.document_ids, '|'), d.document_id))
        as open_checks
from documents as d
left join targets as t using (document_id)
group by d.document_id
order by d.document_id
