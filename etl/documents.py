"""Plan documents in data/raw/ and the metadata file kept beside each one.

data/raw/ holds, per document, ``NNN_<sha>.txt`` (the text the targets are quoted from),
``NNN_<sha>.meta.json`` (its metadata) and, when it came as .docx, .pdf, .html or a text file
not in UTF-8, the original as ``NNN_<sha>.orig.<ext>``. A .docx, .pdf or .html put there without
a text copy is read directly. A document that cannot be read, or whose region or plan period
cannot be determined, is set aside with the reason: it never stops the build of the others.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from etl.intake.errors import DocumentError
from etl.intake.metadata import infer_metadata, missing_reason
from etl.intake.readers import read_text
from etl.reference import Reference

__all__ = ["Document", "DocumentError", "SetAside", "read_documents"]

ORIGINAL = ".orig."  # NNN_<sha>.orig.pdf is the original of NNN_<sha>.txt
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


class SetAside(NamedTuple):
    """A document left out of the build, and why (a message for the person who added it)."""
    file: str
    reason: str


@dataclass
class Document:
    document_id: str
    text: str
    meta: dict

    @property
    def period(self) -> tuple[int, int]:
        return int(self.meta["period_start"]), int(self.meta["period_end"])


def read_documents(raw_dir: Path, ref: Reference) -> tuple[list[Document], list[SetAside]]:
    """Every document in ``raw_dir`` that can be built, and those set aside with the reason."""
    documents, set_aside = [], []
    for path in document_files(raw_dir):
        try:
            documents.append(read_document(path, ref))
        except DocumentError as error:
            set_aside.append(SetAside(path.name, str(error).removeprefix(f"{path.name}: ")))
    return documents, set_aside


def document_files(raw_dir: Path) -> list[Path]:
    """The files that are documents: not metadata, not hidden, not an original with a text copy."""
    files = []
    for path in sorted(raw_dir.iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.name.endswith(".meta.json"):
            continue
        if ORIGINAL in path.name and text_copy(path).exists():
            continue
        files.append(path)
    return files


def base_name(path: Path) -> str:
    """NNN_<sha> for NNN_<sha>.txt and NNN_<sha>.orig.pdf; report for report.pdf."""
    name = path.name
    return name.split(ORIGINAL)[0] if ORIGINAL in name else name.rsplit(".", 1)[0]


def text_copy(path: Path) -> Path:
    return path.with_name(base_name(path) + ".txt")


def meta_file(path: Path) -> Path:
    return path.with_name(base_name(path) + ".meta.json")


def read_document(path: Path, ref: Reference) -> Document:
    """One document with its metadata; raises DocumentError saying why it cannot be built."""
    text = read_text(path)
    meta_path = meta_file(path)
    if meta_path.exists():
        meta = _load_meta(path, meta_path)
        inferred = meta.get("inferred") or {}
        meta["is_metadata_inferred"] = bool(inferred.get("region_id")
                                            or inferred.get("period_start"))
    else:
        meta = infer_metadata(text, ref)
        meta["notes"] = "No metadata file: " + meta["notes"]
        meta["is_metadata_inferred"] = True
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    original = meta.get("original") if isinstance(meta.get("original"), dict) else {}
    expected = meta.get("sha256") if path.suffix == ".txt" and ORIGINAL not in path.name \
        else original.get("sha256") or meta.get("sha256")
    if expected and expected != checksum:
        raise DocumentError(f"{path.name}: checksum differs from {meta_path.name}; "
                            "update the metadata if the document was replaced on purpose",
                            f"{path.name}：内容与 {meta_path.name} 记录的校验值不符；如是有意替换，请更新元数据")
    meta["sha256"] = checksum
    _check_placed(path, meta, text, ref)
    return Document(path.name, text, meta)


def _load_meta(path: Path, meta_path: Path) -> dict:
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise DocumentError(f"{path.name}: {meta_path.name} is not valid JSON ({error})",
                            f"{path.name}：{meta_path.name} 不是有效的 JSON（{error}）") from error
    if not isinstance(meta, dict):
        raise DocumentError(f"{path.name}: {meta_path.name} is not a JSON object",
                            f"{path.name}：{meta_path.name} 不是 JSON 对象")
    meta.setdefault("title", "")
    return meta


def _check_placed(path: Path, meta: dict, text: str, ref: Reference) -> None:
    """A document needs a known region and a plan period to be built."""
    reason = missing_reason(meta, text)
    if reason:
        raise DocumentError(f"{path.name}: {reason}", f"{path.name}：{missing_reason(meta, text, 'zh')}")
    region_id = str(meta["region_id"])
    if not ref.regions["region_id"].eq(region_id).any():
        raise DocumentError(f"{path.name}: region {region_id!r} is not in the regions table",
                            f"{path.name}：地区代码 {region_id} 不在地区表中")
    try:
        start, end = int(meta["period_start"]), int(meta["period_end"])
    except (KeyError, TypeError, ValueError) as error:
        raise DocumentError(f"{path.name}: plan period {meta.get('period_start')!r}-"
                            f"{meta.get('period_end')!r} is not a pair of years",
                            f"{path.name}：规划期 {meta.get('period_start')}-{meta.get('period_end')} "
                            "不是两个年份") from error
    if not EARLIEST_YEAR <= start <= end <= LATEST_YEAR:
        raise DocumentError(f"{path.name}: plan period {start}-{end} is not a period of years",
                            f"{path.name}：规划期 {start}-{end} 不是合理的年份区间")
