"""The indicator catalogue grows from the data: labels mapped to indicators, new indicators.

Both are plain CSV files in data/review/, beside the decisions, read with the catalogue at every
build: ``label_map.csv`` (label, indicator_id, who, when, why) adds the label as an alias of the
indicator; ``indicators_added.csv`` has the columns of ``data/reference/indicators.csv`` plus
who, when and why.
"""

from __future__ import annotations

import csv
import re

import pandas as pd

from etl import audit, paths
from etl.normalize import normalise_name
from etl.reference import Reference, load_reference
from etl.review import ReviewError, default_who, now

LABEL_MAP_COLUMNS = ["label", "indicator_id", "who", "when", "why"]
INDICATOR_COLUMNS = ["indicator_id", "name_zh", "name_en", "category", "unit", "kind",
                     "direction", "is_additive", "numerator_id", "aliases"]
KINDS = ("level", "share_pct", "ratio", "per_capita", "count_events", "boolean")


def read_label_map() -> pd.DataFrame:
    path = paths.label_map_file()
    if not path.exists():
        return pd.DataFrame(columns=LABEL_MAP_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_added_indicators() -> pd.DataFrame:
    path = paths.added_indicators_file()
    if not path.exists():
        return pd.DataFrame(columns=INDICATOR_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def with_growth(indicators: pd.DataFrame) -> pd.DataFrame:
    """The catalogue with the added indicators, and mapped labels as aliases."""
    added = read_added_indicators()
    if len(added):
        added = added[INDICATOR_COLUMNS].assign(is_additive=added["is_additive"].eq("true"))
        indicators = pd.concat([indicators, added], ignore_index=True)
    mapped = read_label_map()
    if len(mapped):
        indicators = indicators.copy()
        extra = mapped.groupby("indicator_id")["label"].agg("|".join)
        for indicator_id, labels in extra.items():
            where = indicators["indicator_id"] == indicator_id
            indicators.loc[where, "aliases"] = indicators.loc[where, "aliases"] + "|" + labels
    return indicators


def map_label(label: str, indicator_id: str, why: str, who: str = "",
              ref: Reference | None = None, units: list[str] = (), actor=None) -> None:
    """Record that a label means a catalogue indicator (from the next build on).

    ``units`` are the units the label's numbers are stated in: when none fits the indicator
    (项 for a percentage), the mapping would change nothing and is refused with the reason.
    """
    ref = ref or load_reference()
    label = normalise_name(label or "")
    if not label:
        raise ReviewError("give the label to map")
    if indicator_id not in set(ref.indicators["indicator_id"]):
        raise ReviewError(f"no catalogue indicator {indicator_id!r}")
    if not why.strip():
        raise ReviewError("say why the label means this indicator")
    if label in set(read_label_map()["label"]):
        raise ReviewError(f"{label} is already mapped")
    wanted = ref.dimension_of_indicator(indicator_id)
    stated = [u for u in units if u is not None]
    if stated and not any((ref.unit(u).dimension if ref.unit(u) else "none") == wanted
                          for u in stated):
        raise ReviewError(f"the label's numbers are in {'、'.join(sorted(set(stated)))}, "
                          f"the indicator in {ref.indicator(indicator_id)['unit']}: "
                          "they would not be compared; add a new indicator instead")
    _append(paths.label_map_file(), LABEL_MAP_COLUMNS,
            [label, indicator_id, who or default_who(), now(), why.strip()])
    audit.record(actor or audit.Actor.command_line(), "label_mapped", label,
                 {"indicator_id": indicator_id, "who": who, "why": why.strip()})


def add_indicator(fields: dict, why: str, who: str = "", ref: Reference | None = None, actor=None) -> str:
    """A new catalogue indicator (names, unit, direction); returns its id."""
    ref = ref or load_reference()
    row = {c: str(fields.get(c, "") or "").strip() for c in INDICATOR_COLUMNS}
    row["indicator_id"] = row["indicator_id"] or re.sub(r"[^a-z0-9]+", "_",
                                                        row["name_en"].lower()).strip("_")
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,40}", row["indicator_id"]):
        raise ReviewError("the id is lower-case letters, digits and _ (from the English name)")
    if row["indicator_id"] in set(ref.indicators["indicator_id"]):
        raise ReviewError(f"{row['indicator_id']} is already in the catalogue")
    for needed in ("name_zh", "name_en", "unit"):
        if not row[needed]:
            raise ReviewError(f"a new indicator needs {needed}")
    if ref.unit(row["unit"]) is None:
        raise ReviewError(f"unknown unit {row['unit']!r}")
    row["kind"] = row["kind"] or ("share_pct" if row["unit"] == "%" else "level")
    if row["kind"] not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}")
    if row["direction"] not in ("higher", "lower"):
        raise ReviewError("direction must be higher or lower (is more better, or less?)")
    if not why.strip():
        raise ReviewError("say why the catalogue needs this indicator")
    row["category"] = row["category"] or "added"
    row["is_additive"] = "true" if row["kind"] in ("level", "count_events") else "false"
    row["aliases"] = row["aliases"] or row["name_zh"]
    _append(paths.added_indicators_file(), INDICATOR_COLUMNS + ["who", "when", "why"],
            [row[c] for c in INDICATOR_COLUMNS] + [who or default_who(), now(), why.strip()])
    audit.record(actor or audit.Actor.command_line(), "indicator_added", row["indicator_id"],
                 {**row, "who": who, "why": why.strip()})
    return row["indicator_id"]


def label_counts(uncatalogued: pd.DataFrame) -> pd.DataFrame:
    """Labels outside the catalogue, most frequent first, with an example quote and documents."""
    if uncatalogued.empty:
        return pd.DataFrame(columns=["indicator_label", "mentions", "documents", "example"])
    grouped = uncatalogued.groupby("indicator_label")
    table = pd.DataFrame({
        "mentions": grouped.size(),
        "documents": grouped["document_id"].agg(lambda d: "、".join(sorted(set(d)))),
        "example": grouped["quote"].first(),
    }).reset_index()
    return table.sort_values(["mentions", "indicator_label"], ascending=[False, True],
                             ignore_index=True)


def _append(path, columns: list[str], values: list[str]) -> None:
    for value in values:  # names, aliases, a reason: each a line, not a file
        if len(value) > 500:
            raise ReviewError("每项最多 500 个字符 / each field has at most 500 characters")
    path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if is_new:
            writer.writerow(columns)
        writer.writerow(values)
