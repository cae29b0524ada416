"""Document intake: read plan documents in any format we accept, infer and record their metadata.

- ``readers.read_text(path)``: .txt (UTF-8, GB18030/GBK, UTF-16), .docx, .pdf with a text layer,
  .html, as one text whose tables are pipe rows (the convention of ``etl.layout``);
- ``metadata.infer_metadata(text, ref, given)``: title, issuer, region and plan period, each with
  how it was found;
- ``store.add_document(...)``: check a new document, then store it in data/raw/ beside its metadata.
"""

from etl.intake.errors import DocumentError
from etl.intake.metadata import Given, infer_metadata
from etl.intake.readers import MAX_BYTES, SUFFIXES, decode_text, read_text

__all__ = ["DocumentError", "Given", "MAX_BYTES", "SUFFIXES", "decode_text", "infer_metadata",
           "read_text"]
