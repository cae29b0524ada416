"""Add a plan document to data/raw/: check it first, then store text, original and metadata.

Nothing is written unless the document can be read and its region and plan period are known
(given or inferred). The text copy is written last, so a build running meanwhile never sees a
text without its metadata.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.intake.errors import DocumentError
from etl.intake.metadata import Given, infer_metadata, missing_reason
from etl.intake.readers import decode_text, read_text
from etl.reference import Reference

NUMBERED = re.compile(r"^(\d{3})_")


@dataclass
class Stored:
    text_path: Path
    meta_path: Path
    original_path: Path | None
    meta: dict

    def __str__(self) -> str:
        meta = self.meta
        lines = [f"added {meta['original']['name']} as {self.text_path.name}"
                 + (f" (original kept as {self.original_path.name})" if self.original_path else "")]
        for field, label in [("title", "title"), ("region_id", "region"),
                             ("period_start", "period")]:
            entry = meta["given"].get(field) or meta["inferred"].get(field)
            value = f"{meta['period_start']}-{meta['period_end']}" if field == "period_start" \
                else meta[field]
            lines.append(f"  {label}: {value}" + (f"  ({entry['how']})" if entry else ""))
        return "\n".join(lines)


def add_document(source: Path, raw_dir: Path, ref: Reference, region: str | None = None,
                 year: str | None = None, title: str | None = None, actor=None) -> Stored:
    """Check ``source`` and store it in ``raw_dir``; raises DocumentError and writes nothing."""
    source = Path(source)
    if not source.is_file():
        raise DocumentError(f"{source}: no such file", f"{source}：文件不存在")
    for name, value, limit in (("title", title, 200), ("region", region, 80), ("year", year, 9)):
        if value and len(value) > limit:
            raise DocumentError(f"the {name} has at most {limit} characters; nothing was added",
                                f"{ {'title': '标题', 'region': '地区', 'year': '年份'}[name]}最多 {limit} 个字符；未添加任何内容")
    given = Given(title=(title or "").strip())
    if region:
        given.region_id, given.region_input = resolve_given_region(region, ref), region
    if year:
        given.period, given.year_input = parse_year(year), year
    # -- check: read it and place it before anything is written
    text = read_text(source)
    meta = infer_metadata(text, ref, given)
    reason = missing_reason(meta, text)
    if reason:
        raise DocumentError(f"{source.name}: {reason}; nothing was added",
                            f"{source.name}：{missing_reason(meta, text, 'zh')}；未添加任何内容")
    data = source.read_bytes()
    original_sha = hashlib.sha256(data).hexdigest()
    refuse_duplicate(source, raw_dir, original_sha)
    # -- store
    raw_dir.mkdir(parents=True, exist_ok=True)
    text_bytes = text.encode("utf-8")
    is_plain_utf8 = source.suffix.lower() == ".txt" and text_bytes == data
    encoding = decode_text(data, source.name)[1] if source.suffix.lower() == ".txt" else ""
    base = f"{_next_number(raw_dir):03d}_{original_sha[:16]}"
    text_path = raw_dir / f"{base}.txt"
    meta_path = raw_dir / f"{base}.meta.json"
    original_path = None if is_plain_utf8 else raw_dir / f"{base}.orig{source.suffix.lower()}"
    meta.update({
        "sha256": hashlib.sha256(text_bytes).hexdigest(), "encoding": "utf-8",
        "original": {"file": (original_path or text_path).name, "name": source.name,
                     "format": source.suffix.lower().lstrip("."), "encoding": encoding,
                     "sha256": original_sha},
        "added": date.today().isoformat(),
    })
    meta["notes"] = f"Added from {source.name} with add-document. {meta['notes']}".strip()
    written: list[Path] = []
    try:
        _write(meta_path, json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
               written)
        if original_path:
            _write(original_path, data, written)
        _write(text_path, text_bytes, written)
    except (OSError, DocumentError):
        for path in written:
            path.unlink(missing_ok=True)
        raise
    from etl import audit

    audit.record(actor or audit.Actor.command_line(), "document_added", text_path.name,
                 {"file": source.name, "sha256": original_sha, "region_id": meta.get("region_id"),
                  "period": f"{meta.get('period_start')}-{meta.get('period_end')}", "title": meta.get("title")})
    return Stored(text_path, meta_path, original_path, meta)


def resolve_given_region(name: str, ref: Reference) -> str:
    """The region id for --region (a name, alias or six-digit code); ambiguous or unknown: error."""
    region_id = ref.resolve_region(name)
    if region_id:
        return region_id
    candidates = ref.region_candidates(name) if hasattr(ref, "region_candidates") else []
    if len(candidates) > 1:
        raise DocumentError(f"--region {name} is ambiguous: it can be "
                            + ", ".join(describe_region(c, ref) for c in candidates)
                            + "; give the six-digit code or the full name",
                            f"地区“{name}”有多个可能："
                            + "、".join(describe_region(c, ref) for c in candidates)
                            + "；请填写六位代码或全称")
    suggestions = ref.suggest_region(name)
    raise DocumentError(f"--region {name}: no such region in the regions table"
                        + (f"; did you mean {'、'.join(suggestions)}?" if suggestions else ""),
                        f"地区表中没有“{name}”"
                        + (f"，是否是：{'、'.join(suggestions)}？" if suggestions else ""))


def parse_year(value: str) -> tuple[int, int]:
    """--year 2023 or --year 2022-2024."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–—~至]\s*(\d{4})\s*)?", value)
    if not match:
        raise DocumentError(f"--year {value}: give a year (2023) or a period (2022-2024)",
                            f"年份“{value}”：请填写一个年份（2023）或一个区间（2022-2024）")
    start, end = int(match.group(1)), int(match.group(2) or match.group(1))
    if not 1990 <= start <= end <= 2100:
        raise DocumentError(f"--year {value}: not a plan year or period",
                            f"年份“{value}”：不是合理的规划年份或区间")
    return start, end


def describe_region(region_id: str, ref: Reference) -> str:
    """鼓楼区 (350102, 福州市): enough to tell regions that share a name apart."""
    rows = ref.regions.set_index("region_id")
    row = rows.loc[region_id]
    parent = row["parent_id"]
    within = f", {rows.loc[parent, 'name_zh']}" if parent in rows.index else ""
    return f"{row['name_zh']} ({region_id}{within})"


def refuse_duplicate(source: Path, raw_dir: Path, original_sha: str) -> None:
    if not raw_dir.exists():
        return
    for meta_path in sorted(raw_dir.glob("*.meta.json")):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        original = meta.get("original") if isinstance(meta.get("original"), dict) else {}
        if original_sha in (meta.get("sha256"), original.get("sha256")):
            raise DocumentError(f"{source.name}: already in {raw_dir} as "
                                f"{meta_path.name.removesuffix('.meta.json')}; nothing was added",
                                f"{source.name}：已作为 {meta_path.name.removesuffix('.meta.json')} "
                                "收录，未重复添加")


def _next_number(raw_dir: Path) -> int:
    numbers = [int(m.group(1)) for p in raw_dir.iterdir() if (m := NUMBERED.match(p.name))]
    return max(numbers, default=-1) + 1


def _write(path: Path, data: bytes, written: list[Path]) -> None:
    """Write through a hidden temporary file, so the name only ever holds a complete file."""
    if path.exists():
        raise DocumentError(f"{path.name} already exists in {path.parent}; nothing was added",
                            f"{path.name} 已存在，未添加任何内容")
    scratch = path.with_name(f".{path.name}.{os.getpid()}.adding")
    scratch.write_bytes(data)
    os.replace(scratch, path)
    written.append(path)
