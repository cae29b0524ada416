"""The Documents page's work: document states, the text with its numbers marked, adding a
document and recording a reviewer's decision. Pages only lay these out."""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.i18n import t, unit_label, unplaced_reason
from etl import build, paths, review
from etl.extract import extract_document
from etl.intake.errors import DocumentError
from etl.intake.metadata import Given, infer_metadata, missing_reason
from etl.intake.readers import read_text
from etl.intake.store import add_document, parse_year, refuse_duplicate, resolve_given_region
from etl.reference import Reference

# Marks that tell a number's state without colour: the symbol is printed after the number.
MARKS = {"target": "▲", "actual": "●", "unplaced": "？"}
REVIEWED_MARK = "✔"
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def review_state(reviewed: int, rows: int) -> str:
    """not_reviewed, partly or reviewed: how much of a document a person has checked."""
    if rows and reviewed >= rows:
        return "reviewed"
    return "partly" if reviewed else "not_reviewed"


def documents_overview(documents: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """One row per document with its counts and review state."""
    table = documents.merge(counts[["document_id", "reviewed", "corrected", "open_checks"]],
                            on="document_id", how="left").fillna(
        {"reviewed": 0, "corrected": 0, "open_checks": 0})
    table["review_state"] = [review_state(r, t + a) for r, t, a in
                             zip(table["reviewed"], table["targets"], table["reported_values"])]
    table["period"] = [f"{s}" if s == e else f"{s}–{e}" for s, e in
                       zip(table["period_start"], table["period_end"])]
    return table[["document_id", "title", "region_name_zh", "period", "published", "targets",
                  "reported_values", "unplaced_numbers", "reviewed", "corrected", "open_checks",
                  "review_state"]]


def review_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The document's rows as the reviewer reads them: words, not database codes; blanks, not None."""
    en = lang == "en"
    table = pd.DataFrame({
        "row_number": rows["row_number"].map(lambda i: "" if pd.isna(i) else str(int(i))),
        "mark": rows["status"].map(MARKS),
        "status": rows["status"].map(lambda s: t("status_" + s, lang)),
        "review": rows["review"].map(lambda r: t("row_" + r, lang) if r else ""),
        "region_name_zh": rows["region_name_en" if en else "region_name_zh"].fillna(""),
        "indicator_name_zh": rows["indicator_name_en" if en else "indicator_name_zh"].fillna(""),
        "year": rows["year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
        "value": [_stated(v, u, h) for v, u, h in zip(rows["value"], rows["unit"], rows["value_high"])],
        "kind": rows["kind"].map(lambda k: t("kind_" + k, lang) if k else ""),
        "comparator": rows["comparator"].map(lambda c: t("comparator_" + c, lang) if c else ""),
        "quote": rows["quote"],
        "review_note": rows["review_note"].fillna(""),
        "reason": rows["reason"].fillna("").map(lambda r: unplaced_reason(r, lang)),
    })
    return table


def _stated(value, unit, high) -> str:
    if pd.isna(value):
        return ""
    text = f"{value:g}" + (f"–{high:g}" if pd.notna(high) else "")
    return f"{text} {unit or ''}".strip()


WORD_MARKUP = re.compile(r"\[bookmark: [^\]]*\]")


def without_markup(text: str) -> str:
    """Text as a reader sees it: Word's bookmark markers ([bookmark: _GoBack]) left out of the
    display only (the stored text, and every offset into it, keep them)."""
    return WORD_MARKUP.sub("", text)


def marked_text(body: str, rows: pd.DataFrame) -> str:
    """The document as HTML with every number marked in place: ``8000万元▲12``.

    The symbol says target (▲), result (●) or unplaced (？), the number after it is the row's
    number in the table beside the text (its place in the document, the same after a rebuild),
    and ✔ marks a number a person has reviewed.
    """
    spans = rows.dropna(subset=["value_start"]).drop_duplicates(["value_start", "value_end"])
    spans = spans.sort_values("value_start")
    parts, position = [], 0
    for row in spans.itertuples():
        start, end = int(row.value_start), int(row.value_end)
        if start < position:
            continue
        mark = MARKS.get(row.status, "")
        tag = mark + ("" if pd.isna(row.row_number) else str(int(row.row_number)))
        if row.review and row.review != "unreviewed":
            tag += REVIEWED_MARK
        parts.append(html.escape(without_markup(body[position:start])))
        parts.append(f"<mark class='{row.status}'><b>{html.escape(body[start:end])}</b>"
                     f"<sup>{html.escape(tag)}</sup></mark>")
        position = end
    parts.append(html.escape(without_markup(body[position:])))
    return "".join(parts).replace("\n", "<br>")


@dataclass
class Preview:
    """A document read and placed, with what the extractor finds, before anything is saved."""
    name: str
    text: str
    meta: dict
    problem: str
    rows: pd.DataFrame
    problem_zh: str = ""

    def problem_text(self, lang: str) -> str:
        return self.problem_zh if lang == "zh" else self.problem


def preview_document(data: bytes, name: str, ref: Reference, region: str = "", year: str = "",
                     title: str = "") -> Preview:
    """Read an uploaded or pasted document and extract it without storing anything."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"{name}: {len(data) / 1e6:.0f} MB is more than the "
                            f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB a plan document may have",
                            f"{name}：{len(data) / 1e6:.0f} MB，超过单个规划文件 "
                            f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB 的上限")
    refuse_duplicate(Path(name), paths.RAW_DIR, hashlib.sha256(data).hexdigest())
    given = Given(title=title.strip())
    if region.strip():
        given.region_id, given.region_input = resolve_given_region(region.strip(), ref), region
    if year.strip():
        given.period, given.year_input = parse_year(year), year
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        text = read_text(path)
    meta = infer_metadata(text, ref, given)
    problem = missing_reason(meta, text)
    rows = pd.DataFrame()
    if not problem:
        found = extract_document(text, "preview", meta["region_id"],
                                 (int(meta["period_start"]), int(meta["period_end"])), ref,
                                 title=meta["title"], published=meta.get("published", ""))
        rows = pd.DataFrame(found.target_rows())
    return Preview(name, text, meta, problem, rows, missing_reason(meta, text, "zh"))


def save_document(data: bytes, name: str, ref: Reference, region: str, year: str,
                  title: str, lang: str = "zh", actor=None) -> str:
    """Store the document in data/raw/ (same checks as add-document) and rebuild."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        stored = add_document(path, paths.RAW_DIR, ref, region or None, year or None,
                              title or None, actor)
    return f"{stored.text_path.name} ← {Path(name).name}\n\n{rebuild(lang)}"


def record(decision: review.Decision, lang: str = "zh", actor=None) -> str:
    """Keep a decision in the corrections file and rebuild, so every page shows it at once."""
    review.append_decision(decision, actor=actor)
    return rebuild(lang)


def rebuild(lang: str = "zh") -> str:
    return summary(build.run(), lang)


def summary(report: build.BuildReport, lang: str) -> str:
    """What the rebuild did, in the reader's language (no file paths)."""
    if lang == "en":
        lines = [f"Rebuilt: {report.documents} documents, {report.targets} targets, "
                 f"{report.actuals_in_documents} results, {report.unplaced} unplaced numbers; "
                 f"{report.decisions - len(report.not_applied)} of {report.decisions} review "
                 f"decisions applied; {report.open_checks} plan checks open."]
    else:
        lines = [f"已重建：{report.documents} 个文件，{report.targets} 个目标，"
                 f"{report.actuals_in_documents} 个已实现结果，{report.unplaced} 个未归类数字；"
                 f"审核决定 {report.decisions} 条，已应用 {report.decisions - len(report.not_applied)} 条；"
                 f"待复核 {report.open_checks} 项。"]
    lines += [f"- {line}" for line in report.not_applied]
    lines += [f"- {item.file}: {item.reason}" for item in report.set_aside]
    return "\n".join(lines)


def row_names(rows: pd.DataFrame, lang: str) -> dict[str, str]:
    """target_key -> what the reviewer reads when choosing a row: number, subject, year, value."""
    names = {}
    for row in rows.itertuples():
        subject = row.indicator_name_en if lang == "en" else row.indicator_name_zh
        year = "" if pd.isna(row.year) else f" · {int(row.year)}"
        mark = MARKS.get(row.status, "")
        names[row.target_key] = (f"{mark}{int(row.row_number)} · {subject}{year} · {row.value:g} "
                                 f"{unit_label(row.unit, lang)}")
    return names


def where_inferred(meta: dict) -> dict[str, str]:
    """For each metadata field, how it was given or inferred (shown beside the field)."""
    how = {}
    for source in ("given", "inferred"):
        for field, entry in meta.get(source, {}).items():
            how.setdefault(field, entry["how"])
    return how


def checks_table(checks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Plan checks as the reviewer reads them: what, where, the message, and any explanation."""
    en = lang == "en"
    return pd.DataFrame({
        "check_kind": checks["check_kind"].map(lambda k: t("check_" + k, lang)),
        "region_name_zh": checks["region_name_en" if en else "region_name_zh"],
        "indicator_label": checks["indicator_label"].fillna(""),
        "message": checks["message_en" if en else "message_zh"],
        "quotes": checks["quotes"],
        "explanation": checks["explanation"],
    })


def check_names(checks: pd.DataFrame, lang: str) -> dict[str, str]:
    """check_id -> what the reviewer reads when choosing a check: where, what, which year."""
    en = lang == "en"
    names = {}
    for row in checks.itertuples():
        region = row.region_name_en if en else row.region_name_zh
        subject = row.indicator_label or row.indicator_id or ""
        names[row.check_id] = (f"{t('check_' + row.check_kind, lang)} · {region} · {subject} · "
                               f"{row.message_en if en else row.message_zh}")
    return names
