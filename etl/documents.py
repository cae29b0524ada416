"""Plan documents in data/raw/ and the metadata file kept beside each one."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from etl.normalize import normalise
from etl.reference import Reference


class DocumentError(Exception):
    """A raw document that cannot be read; the message says which and why."""


@dataclass
class Document:
    document_id: str
    text: str
    meta: dict

    @property
    def period(self) -> tuple[int, int]:
        return int(self.meta["period_start"]), int(self.meta["period_end"])


def read_documents(raw_dir: Path, ref: Reference) -> list[Document]:
    documents = []
    for path in sorted(raw_dir.glob("*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError as error:
                raise DocumentError(f"{path.name}: neither UTF-8 nor GB18030 ({error})") from error
        meta_path = path.with_suffix(".meta.json")
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            meta["is_metadata_inferred"] = False
        else:
            meta = infer_metadata(text, ref)
        checksum = hashlib.sha256(data).hexdigest()
        if meta.get("sha256") and meta["sha256"] != checksum:
            raise DocumentError(f"{path.name}: checksum differs from {meta_path.name}; "
                                "update the metadata if the document was replaced on purpose")
        meta["sha256"] = checksum
        if not ref.regions["region_id"].eq(meta.get("region_id", "")).any():
            raise DocumentError(f"{path.name}: region {meta.get('region_id')!r} is not in the "
                                "regions table")
        documents.append(Document(path.name, text, meta))
    return documents


def infer_metadata(text: str, ref: Reference) -> dict:
    """Metadata for a document dropped in without a metadata file: read from its first lines."""
    head = normalise("\n".join(text.splitlines()[:6])).text
    region_id = ""
    for name in ref.region_names():
        if len(name) >= 2 and name in head and not name.isdigit():
            region_id = ref.resolve_region(name) or ""
            break
    years = [int(y) for y in re.findall(r"(20\d\d)", head)]
    start, end = (min(years), max(years)) if years else (0, 0)
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return {
        "title": title[:200], "issuer": "", "doc_number": "", "region_id": region_id,
        "period_start": start, "period_end": end, "published": "", "url": "",
        "notes": "No metadata file: region and period read from the first lines of the text.",
        "is_metadata_inferred": True,
    }
