select
    d.document_id, d.title, d.issuer, d.doc_number, d.region_id, r.name_zh as region_name_zh,
    d.period_start, d.period_end, d.published, d.url, d.sha256, d.notes, d.is_metadata_inferred,
    length(d.body) as characters,
    (select count(*) from targets t where t.document_id = d.document_id and t.status = 'target') as targets,
    (select count(*) from targets t where t.document_id = d.document_id and t.status = 'actual') as reported_values,
    (select count(*) from unplaced u where u.document_id = d.document_id) as unplaced_numbers
from documents as d join regions as r using (region_id)
order by d.document_id
