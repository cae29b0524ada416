"""A person's decisions on extracted numbers: kept as data, applied at every build.

Each decision is one line of ``data/review/corrections.jsonl`` (who, when, why, the field with
its old and new value), so a rebuild or a new extractor never loses it and code review can read
it. A decision names its number by a key that depends only on the document's text, not on the
extractor: ``DOCUMENT@START-END#N`` (the number's offsets, and which of the rows sharing that
number, as in 省重点实验室、省技术创新中心各20家). It also keeps the number and quote it was made
on, so that when the document's text changes the number is found again by its quote, and a
decision whose sentence is gone is reported rather than dropped. A decision also keeps the row as
the reviewer left it: when a new extractor no longer finds the number, the reviewed row is
restored, because a person's reading outranks the rules.

Actions: ``accept`` (the row is right), ``set`` (one field corrected), ``reject`` (not a
target or result: the number goes to the unplaced table with the reason), ``add`` (a number
the extractor missed, given with its quote) and ``explain`` (a plan check looked at and
explained; its key is the check's id, see ``etl.checks``).
"""

from __future__ import annotations

import getpass
import json
import re
from dataclasses import asdict, dataclass
from dataclasses import field as default
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from etl import paths
from etl.intake.store import describe_region
from etl.reference import Reference

ACTIONS = ("accept", "set", "reject", "add", "explain")
CHOICES = {
    "year_scope": ("year", "every_year", "cumulative"),
    "kind": ("level", "growth_pct", "net_increase", "share_pct", "ratio", "per_capita",
             "count_events", "boolean", "relative"),
    "comparator": ("at_least", "at_most", "about", "unspecified", "yes"),
    "status": ("target", "actual"),
}
FIELDS = ("region_id", "indicator_id", "indicator_label", "year", "year_scope", "value", "unit",
          "value_high", "kind", "comparator", "status")
REVIEW_STATES = ("unreviewed", "accepted", "corrected", "added")
# What the build records of each decision (the review_log table).
LOG_COLUMNS = ["key", "action", "field", "old", "new", "who", "when", "why", "applied_to", "outcome"]
KEY = re.compile(r"^(?P<document>[^@]+)@(?P<start>\d+)-(?P<end>\d+)#(?P<n>\d+)$")
# What the reviewer saw and what a restored row needs; offsets are checked against the text.
ROW_FIELDS = ("document_id", "region_id", "indicator_id", "indicator_label", "indicator_match",
              "year", "year_scope", "period_start", "period_end", "value", "unit", "value_raw",
              "unit_raw", "value_high", "kind", "comparator", "firmness", "status",
              "status_reason", "responsible_unit", "scope_note", "deadline", "quote",
              "quote_start", "quote_end", "value_start", "value_end", "context_start",
              "context_end", "rule")


class ReviewError(ValueError):
    """A decision that cannot be recorded or applied; nothing was written."""


@dataclass
class Decision:
    key: str
    action: str
    field: str = ""
    old: str = ""
    new: str = ""
    who: str = ""
    when: str = ""
    why: str = ""
    number: str = ""  # the number's text when decided: tells whether the document changed
    row: dict = default(default_factory=dict)  # the row as the reviewer left it

    @property
    def document_id(self) -> str:
        return parse_key(self.key)[0]


def make_key(document_id: str, value_start: int, value_end: int, n: int = 1) -> str:
    return f"{document_id}@{value_start}-{value_end}#{n}"


def parse_key(key: str) -> tuple[str, int, int, int]:
    match = KEY.match(key)
    if not match:
        raise ReviewError(f"not a target key: {key!r} (expected DOCUMENT@START-END#N)")
    return match["document"], int(match["start"]), int(match["end"]), int(match["n"])


def add_keys(targets: pd.DataFrame) -> pd.DataFrame:
    """A key per row: the number's offsets, and its place among the rows sharing that number."""
    targets = targets.copy()
    n = targets.groupby(["document_id", "value_start", "value_end"]).cumcount() + 1
    targets["target_key"] = [make_key(d, s, e, k) for d, s, e, k in zip(
        targets["document_id"], targets["value_start"], targets["value_end"], n)]
    targets["review"] = "unreviewed"
    targets["review_note"] = ""
    return targets


# -- the file ------------------------------------------------------------------------------------

def read_decisions(path: Path | None = None) -> list[Decision]:
    path = path or paths.corrections_file()
    if not path.exists():
        return []
    decisions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            decisions.append(Decision(**json.loads(line)))
        except (ValueError, TypeError) as error:
            raise ReviewError(f"{path}, line {number}: not a decision ({error})") from error
    return decisions


MAX_CHARS = {"who": 80, "why": 500, "new": 200, "field": 40}


def within_limits(**fields: str) -> None:
    """Free text kept in the review files stays short: a reason is a sentence, not a file."""
    for name, value in fields.items():
        limit = MAX_CHARS.get(name, 500)
        if len(str(value or "")) > limit:
            raise ReviewError(f"{name} 最多 {limit} 个字符 / {name} has at most {limit} characters")


def append_decision(decision: Decision, path: Path | None = None, actor=None) -> Decision:
    """Keep the decision; the audit trail records who made it (``actor``: an audit.Actor, the
    shell's login when None)."""
    from etl import audit

    within_limits(who=decision.who, why=decision.why, new=decision.new, field=decision.field)
    path = path or paths.corrections_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(decision), ensure_ascii=False, sort_keys=True) + "\n")
    audit.record(actor or audit.Actor.command_line(),
                 "check_explained" if decision.action == "explain" else "review_decision", decision.key,
                 {"action": decision.action, "field": decision.field, "old": decision.old,
                  "new": decision.new, "who": decision.who, "why": decision.why})
    return decision


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# -- making a decision -----------------------------------------------------------------------------

def clean_value(field_name: str, value, ref: Reference, within: str | None = None):
    """A field's new value checked and typed; raises ReviewError with the allowed values."""
    text = "" if value is None else str(value).strip()
    if field_name not in FIELDS:
        raise ReviewError(f"cannot correct {field_name!r}; fields: {', '.join(FIELDS)}")
    if field_name in CHOICES:
        if text not in CHOICES[field_name]:
            raise ReviewError(f"取值不在列表中 / {field_name} must be one of "
                              f"{', '.join(CHOICES[field_name])}")
        return text
    if field_name == "region_id":
        region_id = ref.resolve_region(text, within) if text else None
        if not region_id:
            candidates = ref.region_candidates(text) if text else []
            described = [describe_region(c, ref) for c in candidates]
            raise ReviewError(f"没有这个地区 / no region called {text!r}" + (
                f"；可能是 {', '.join(described)}，请给出代码 / it could be any of these: give the code"
                if candidates else ""))
        return region_id
    if field_name == "indicator_id":
        if text and text not in set(ref.indicators["indicator_id"]):
            raise ReviewError(f"no catalogue indicator {text!r}")
        return text
    if field_name == "year":
        if not text:
            return None
        if not re.fullmatch(r"(19|20)\d\d", text):
            raise ReviewError(f"年份应为四位数字 / year must be four digits, not {text!r}")
        return int(text)
    if field_name in ("value", "value_high"):
        if not text and field_name == "value_high":
            return None
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            raise ReviewError(f"应为数字 / {field_name} must be a number, not {text!r}") from None
        if number != number or abs(number) == float("inf"):
            raise ReviewError(f"应为有限的数字 / {field_name} must be a finite number")
        return number
    if field_name == "indicator_label" and not text:
        raise ReviewError("标签不能为空 / a label cannot be empty")
    if field_name == "unit" and text and ref.unit(text) is None:
        raise ReviewError(f"未知单位 / unknown unit {text!r}; units: "
                          + "、".join(sorted(ref.units["unit"])[:40]))
    return text


def set_field(row: dict, field_name: str, value) -> dict:
    """The row with one field changed; value and unit as the reviewer states them."""
    row = dict(row)
    row[field_name] = value
    if field_name == "value":
        row["value_raw"] = value
    if field_name == "unit":
        row["unit_raw"] = value
    if field_name == "indicator_id":
        row["indicator_match"] = "review" if value else ""
    return row


def decide(row: dict, action: str, ref: Reference, field_name: str = "", new="", why: str = "",
           who: str = "", text: str = "") -> Decision:
    """A checked decision on one extracted row (a dict with target_key and the row's fields)."""
    if action not in ACTIONS[:3]:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS[:3])} (add: use add_number)")
    if action != "accept" and not why.strip():
        raise ReviewError("请说明理由（更正和驳回都要记下原因）/ say why (a reason is kept with every correction and rejection)")
    snapshot = {k: _plain(row.get(k)) for k in ROW_FIELDS}
    old = ""
    if action == "set":
        value = clean_value(field_name, new, ref, row.get("region_id"))
        indicator_id = row.get("indicator_id")
        if field_name == "unit" and indicator_id and isinstance(indicator_id, str) and value and \
                ref.unit(value).dimension != ref.dimension_of_indicator(indicator_id) and \
                row.get("kind") not in ("growth_pct", "relative"):
            raise ReviewError(f"单位与指标不符 / {value} does not fit {indicator_id} (in "
                              f"{ref.indicator(indicator_id)['unit']}); correct the indicator first")
        old = "" if snapshot.get(field_name) is None else str(snapshot.get(field_name))
        snapshot = set_field(snapshot, field_name, value)
        new = "" if value is None else str(value)
    number = text[row["value_start"]:row["value_end"]] if text else str(row.get("number", ""))
    return Decision(key=row["target_key"], action=action, field=field_name if action == "set" else "",
                    old=old, new=str(new) if action == "set" else "", who=who or default_who(),
                    when=now(), why=why.strip(), number=number, row=snapshot)


def add_number(document_id: str, text: str, quote: str, number: str, fields: dict,
               ref: Reference, why: str, who: str = "", period: tuple[int, int] = (0, 0),
               taken: set[str] = frozenset()) -> Decision:
    """A number the extractor missed, found by its quote in the document's text."""
    if not why.strip():
        raise ReviewError("请说明添加的理由 / say why the number is added")
    quote_start = _only_place(text, quote)
    inside = quote.find(number)
    if not number or inside < 0:
        raise ReviewError(f"引文中没有数字 {number!r} / the number {number!r} is not in the quote")
    value_start = quote_start + inside
    row = {k: "" for k in ROW_FIELDS}
    row.update(document_id=document_id, quote=quote, quote_start=quote_start,
               quote_end=quote_start + len(quote), value_start=value_start,
               value_end=value_start + len(number), context_start=quote_start,
               context_end=quote_start + len(quote), period_start=period[0], period_end=period[1],
               indicator_match="", firmness="", status_reason="added by review", rule="review",
               value_high=None, year=None, year_scope="year", comparator="unspecified",
               indicator_id="")
    for name in FIELDS:
        if name in fields and fields[name] not in (None, ""):
            row = set_field(row, name, clean_value(name, fields[name], ref))
    for needed in ("region_id", "indicator_label", "value", "kind", "status"):
        if row.get(needed) in (None, ""):
            raise ReviewError(f"添加的数字缺少 {needed} / an added number needs {needed}")
    row["unit"] = row.get("unit") or ""
    row["unit_raw"], row["value_raw"] = row["unit"], row["value"]
    n = 1
    while make_key(document_id, value_start, row["value_end"], n) in taken:
        n += 1
    return Decision(key=make_key(document_id, value_start, row["value_end"], n), action="add",
                    who=who or default_who(), when=now(), why=why.strip(), number=number,
                    new=str(row["value"]), row=row)


def _only_place(text: str, quote: str) -> int:
    if not quote:
        raise ReviewError("请给出数字所在的原文 / give the quote the number stands in")
    first = text.find(quote)
    if first < 0:
        raise ReviewError("原文中找不到这段引文（请原样复制）/ the quote is not in the document (copy it exactly)")
    if text.find(quote, first + 1) >= 0:
        raise ReviewError("这段引文出现不止一次，请给出更长的一段 / the quote occurs more than once; give a longer one")
    return first


def _plain(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def explain_check(check_id: str, why: str, who: str = "") -> Decision:
    """A plan check a reviewer has looked at, with the explanation (e.g. 州本级 counts its own)."""
    if not why.strip():
        raise ReviewError("请写明解释 / say what explains it")
    return Decision(key=check_id, action="explain", who=who or default_who(), when=now(),
                    why=why.strip())


# -- applying decisions at build -------------------------------------------------------------------

@dataclass
class Applied:
    targets: pd.DataFrame
    unplaced: pd.DataFrame
    log: pd.DataFrame

    @property
    def orphaned(self) -> pd.DataFrame:
        return self.log[self.log["outcome"].str.startswith("not applied")]


def apply_decisions(decisions: list[Decision], targets: pd.DataFrame, unplaced: pd.DataFrame,
                    texts: dict[str, str], ref: Reference) -> Applied:
    """Extracted rows (with keys) after every decision, in the order they were made."""
    rows = {r["target_key"]: r for r in targets.to_dict("records")}
    rejected: list[dict] = []
    log = []
    for decision in decisions:
        if decision.action == "explain":  # a plan check, not a number: see etl.checks
            continue
        outcome, key = _apply_one(decision, rows, rejected, texts, ref)
        log.append({**{k: getattr(decision, k) for k in ("key", "action", "field", "old", "new",
                                                        "who", "when", "why")},
                    "applied_to": key, "outcome": outcome})
    targets = pd.DataFrame(list(rows.values()), columns=targets.columns)
    # a number a reviewer added is placed now: it leaves the unplaced table
    placed = set(zip(targets["document_id"], targets["value_start"]))
    if len(unplaced):
        unplaced = unplaced[[(d, s) not in placed for d, s in
                             zip(unplaced["document_id"], unplaced["value_start"])]]
    targets = targets.sort_values(["document_id", "quote_start", "value_start"], kind="stable")
    if rejected:
        unplaced = pd.concat([unplaced, pd.DataFrame(rejected)], ignore_index=True)
    return Applied(targets.reset_index(drop=True), unplaced, pd.DataFrame(log, columns=LOG_COLUMNS))


def _apply_one(decision: Decision, rows: dict, rejected: list, texts: dict[str, str],
               ref: Reference) -> tuple[str, str]:
    try:
        document, start, end, n = parse_key(decision.key)
    except ReviewError as error:
        return f"not applied: {error}", ""
    text = texts.get(document)
    if text is None:
        return f"not applied: document {document} is no longer in the database", ""
    moved = _find_again(decision, text, start, end)
    if moved is None:
        return "not applied: its sentence is no longer in the document", ""
    shift = moved - start
    key = make_key(document, start + shift, end + shift, n)
    saved = _shifted(decision.row, shift)
    if decision.action == "reject":
        row = rows.pop(key, None) or saved
        rejected.append({"document_id": document, "text": decision.number,
                         "value_start": row["value_start"], "value_end": row["value_end"],
                         "quote": row["quote"], "quote_start": row["quote_start"],
                         "quote_end": row["quote_end"],
                         "reason": f"rejected by review ({decision.who}): {decision.why}",
                         "indicator_id": row.get("indicator_id") or None,
                         "region_id": row.get("region_id") or None})
        return "applied", key
    problem = _unknown_reference(saved, ref)
    if problem:
        return f"not applied: {problem}", key
    restored = key not in rows
    if decision.action == "add" or restored:
        row = {**{c: None for c in ROW_FIELDS}, **saved}
        rows[key] = {**row, "target_key": key, "review": "unreviewed", "review_note": ""}
    row = rows[key]
    if decision.action == "set":
        row.update(set_field(row, decision.field, saved.get(decision.field)))
        row["review"] = "corrected"
    elif decision.action == "add":
        row["review"] = "added"
    elif row["review"] == "unreviewed":
        row["review"] = "accepted"
    if decision.why:
        note = f"{decision.field or decision.action}: {decision.why} ({decision.who})"
        row["review_note"] = "; ".join(filter(None, [row["review_note"], note]))
    return ("applied, row restored (the extractor no longer finds it)"
            if restored and decision.action != "add" else "applied"), key


def _find_again(decision: Decision, text: str, start: int, end: int) -> int | None:
    """Where the number starts now: in place, or found again by its quote (once only)."""
    if text[start:end] == decision.number:
        return start
    quote = decision.row.get("quote") or ""
    first = text.find(quote) if quote else -1
    if first < 0 or text.find(quote, first + 1) >= 0:
        return None
    moved = start + first - int(decision.row["quote_start"])
    return moved if text[moved:moved + end - start] == decision.number else None


def _shifted(row: dict, shift: int) -> dict:
    row = dict(row)
    for name in ("quote_start", "quote_end", "value_start", "value_end", "context_start",
                 "context_end"):
        if row.get(name) not in (None, ""):
            row[name] = int(row[name]) + shift
    return row


def _unknown_reference(row: dict, ref: Reference) -> str:
    if row.get("region_id") and ref.resolve_region(row["region_id"]) != row["region_id"]:
        return f"region {row['region_id']} is not in the regions table"
    if row.get("indicator_id") and row["indicator_id"] not in set(ref.indicators["indicator_id"]):
        return f"indicator {row['indicator_id']} is not in the catalogue"
    return ""
