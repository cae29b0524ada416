"""Score extracted rows against a reading of the same documents (labels written by people).

A label and an extracted row match when they are about the same document, region and value and
their years agree. Years agree when they are equal, or when one side holds every year of the
plan (年均/每年, no year) and the other names a year inside the plan's period. Matching is one to
one, greedy in document order. Values are compared in canonical units (money in 万元).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from etl.reference import Reference

LABEL_COLUMNS = ["quote", "number", "status", "region", "year", "year_scope", "value", "unit",
                 "value_high", "kind", "comparator", "label", "note"]


@dataclass
class Row:
    """One number: from a label file or from the extractor."""

    document: str
    status: str  # target, actual (a reported result) or none
    region_id: str
    year: int | None
    value: float
    period: tuple[int, int]
    text: str = ""  # the quote or label, for the report


@dataclass
class Score:
    labels: list[Row] = field(default_factory=list)
    found: list[Row] = field(default_factory=list)
    pairs: list[tuple[Row, Row]] = field(default_factory=list)

    def count(self, label_status: str | None = None, found_status: str | None = None) -> int:
        return sum(1 for label, row in self.pairs
                   if (label_status is None or label.status == label_status)
                   and (found_status is None or row.status == found_status))

    def recall(self, status: str, any_found_status: bool = False) -> tuple[int, int]:
        total = sum(1 for r in self.labels if r.status == status)
        hit = self.count(status, None if any_found_status else status)
        return hit, total

    def precision(self, status: str) -> tuple[int, int]:
        total = sum(1 for r in self.found if r.status == status)
        return self.count(status, status), total

    def results_as_targets(self) -> int:
        """Target rows that are a reported result: paired with a result label, or left unpaired
        while a result label of the same document, region and value exists (its year differs)."""
        paired = {id(row) for _, row in self.pairs}
        results = {(r.document, r.region_id, round(r.value, 6)) for r in self.labels
                   if r.status == "actual"}
        unpaired = sum(1 for row in self.found if row.status == "target" and id(row) not in paired
                       and (row.document, row.region_id, round(row.value, 6)) in results)
        return self.count("actual", "target") + unpaired


def read_labels(path: Path, document: str, period: tuple[int, int], home_region: str,
                ref: Reference) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            status = {"result": "actual"}.get(record["status"], record["status"])
            region = ref.resolve_region(record["region"], within=home_region) or \
                f"?{record['region']}"
            rows.append(Row(document, status, region,
                            int(record["year"]) if record["year"].strip() else None,
                            canonical_value(record["value"], record["unit"], ref), period,
                            record["quote"]))
    return rows


def canonical_value(value: str, unit: str, ref: Reference) -> float:
    try:
        number = float(value)
    except ValueError:
        return float("nan")
    found = ref.unit(unit) if unit else None
    return number * found.factor if found else number


def years_agree(a: int | None, b: int | None, period: tuple[int, int]) -> bool:
    if a == b:
        return True
    other = b if a is None else a if b is None else None
    return other is not None and period[0] <= other <= period[1]


def match(labels: list[Row], found: list[Row]) -> Score:
    """Pairs of label and row: first those that agree on status too, then the rest."""
    score = Score(labels, found)
    free, open_labels = list(found), list(labels)
    for same_status in (True, False):
        for label in list(open_labels):
            for row in free:
                if (row.document == label.document and row.region_id == label.region_id
                        and (row.status == label.status or not same_status)
                        and _same_value(row.value, label.value)
                        and years_agree(row.year, label.year, label.period)):
                    score.pairs.append((label, row))
                    free.remove(row)
                    open_labels.remove(label)
                    break
    return score


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))
