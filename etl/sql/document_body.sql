select body from documents where document_id = $document_id
