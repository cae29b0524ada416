"""Gap to target: pure calculations, no Streamlit, no database.

Formulas (the gap page shows them in both languages: i18n formula_text):
- absolute target: a level, share or ratio target is its own value; a growth target of g% is
  baseline x (1 + g/100) and a net-increase target of n is baseline + n, where the baseline is the
  actual of the year before (for a plan-total increase: the year before the plan starts). With no
  baseline the status is "needs a baseline", never a guess.
- better: lower when the target says 以下/不高于/缩小到 or the indicator is lower-is-better
  (energy intensity, income ratio), higher otherwise.
- attainment = actual / target (higher is better) or target / actual (lower is better), not capped.
- status: met when the actual reaches the target (within 5% for 左右); otherwise, while the year is
  running, on track when the actual reaches the expected-by-now value
  baseline + (target - baseline) x share of the year elapsed (the target itself with no baseline);
  behind otherwise; no actual when none is known.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd

STATUSES = ("met", "on_track", "behind", "no_actual", "needs_baseline")
SYMBOLS = {"met": "✔", "on_track": "◔", "behind": "✖", "no_actual": "?", "needs_baseline": "⌀"}
COLOURS = {"met": "#1a9850", "on_track": "#91bfdb", "behind": "#d73027", "no_actual": "#bdbdbd",
           "needs_baseline": "#fdae61"}
ABOUT_TOLERANCE = 0.05
RELATIVE_KINDS = ("growth_pct", "net_increase")


@dataclass(frozen=True)
class Assessment:
    target: float | None
    baseline: float | None
    actual: float | None
    gap: float | None
    attainment: float | None
    expected_by_now: float | None
    better: str
    status: str


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def absolute_target(kind: str, value: float, baseline: float | None) -> float | None:
    if kind == "growth_pct":
        return baseline * (1 + value / 100) if _known(baseline) else None
    if kind == "net_increase":
        return baseline + value if _known(baseline) else None
    return value


def better_direction(direction: str, comparator: str) -> str:
    if comparator == "at_most":
        return "lower"
    if comparator == "at_least":
        return "higher"
    return direction


def attainment(actual: float, target: float, better: str) -> float | None:
    numerator, denominator = (actual, target) if better == "higher" else (target, actual)
    return numerator / denominator if denominator else None


def _reaches(actual: float, goal: float, better: str, tolerance: float = 0.0) -> bool:
    if better == "higher":
        return actual >= goal * (1 - tolerance) if goal >= 0 else actual >= goal
    return actual <= goal * (1 + tolerance)


def assess(kind: str, value: float, comparator: str, direction: str, actual: float | None,
           baseline: float | None, elapsed: float = 1.0) -> Assessment:
    """Assess one target against its actual; ``elapsed`` is the share of the year gone (0-1)."""
    better = better_direction(direction, comparator)
    baseline = baseline if _known(baseline) else None
    actual = actual if _known(actual) else None
    target = absolute_target(kind, value, baseline)
    if target is None:
        return Assessment(None, baseline, actual, None, None, None, better, "needs_baseline")
    if elapsed >= 1 or baseline is None:
        expected = target
    else:
        expected = baseline + (target - baseline) * max(elapsed, 0.0)
    if actual is None:
        return Assessment(target, baseline, None, None, None, expected, better, "no_actual")
    tolerance = ABOUT_TOLERANCE if comparator == "about" else 0.0
    if _reaches(actual, target, better, tolerance):
        status = "met"
    elif elapsed < 1 and _reaches(actual, expected, better, tolerance):
        status = "on_track"
    else:
        status = "behind"
    return Assessment(target, baseline, actual, actual - target, attainment(actual, target, better),
                      expected, better, status)


def growth_required(latest_actual: float | None, next_target: float | None) -> float | None:
    """Growth (%) still needed from the latest actual to reach the next absolute target."""
    if not _known(latest_actual) or not _known(next_target) or not latest_actual:
        return None
    return (next_target / latest_actual - 1) * 100


def baseline_year(row) -> int:
    """The year whose actual is the baseline of a relative target."""
    return int(row.period_start) - 1 if row.year_scope == "cumulative" else int(row.year) - 1


def gap_table(targets: pd.DataFrame, actuals: pd.DataFrame, year: int,
              elapsed: float = 1.0) -> pd.DataFrame:
    """Targets of ``year`` (yes/no commitments left out) with actual, baseline and assessment."""
    chosen = targets[(targets["year"] == year) & (targets["kind"] != "boolean")]
    lookup = {(a.region_id, a.indicator_id, int(a.year)): a for a in actuals.itertuples()}
    next_targets = {(t.region_id, t.indicator_id, t.kind): t.value for t in
                    targets[(targets["year"] == year + 1)].itertuples()}
    rows = []
    for row in chosen.itertuples():
        actual = lookup.get((row.region_id, row.indicator_id, year))
        base = lookup.get((row.region_id, row.indicator_id, baseline_year(row)))
        result = assess(row.kind, row.value, row.comparator, row.direction,
                        actual.value if actual else None, base.value if base else None, elapsed)
        following = next_targets.get((row.region_id, row.indicator_id, row.kind))
        next_absolute = absolute_target(row.kind, following, result.actual) \
            if following is not None else None
        rows.append({
            **row._asdict(), **asdict(result),
            "target_value_stated": row.value,
            "symbol": SYMBOLS[result.status],
            "actual_source": _source(actual), "baseline_source": _source(base),
            "actual_file": actual.source_file if actual else None,
            "actual_batch": actual.batch_id if actual and actual.source_kind == "upload" else None,
            "growth_required_pct": growth_required(result.actual, next_absolute)
            if row.kind not in RELATIVE_KINDS else None,
        })
    columns = list(chosen.columns) + list(Assessment.__dataclass_fields__) + [
        "target_value_stated", "symbol", "actual_source", "baseline_source", "actual_file",
        "actual_batch", "growth_required_pct"]
    table = pd.DataFrame(rows, columns=list(dict.fromkeys(columns)))
    return table.drop(columns=["Index"], errors="ignore")


def _source(actual) -> str:
    if actual is None:
        return ""
    if actual.source_kind == "upload":
        return f"{actual.source_file} · 第{int(actual.source_row)}行 row {int(actual.source_row)} · {actual.batch_id}"
    return f"{actual.source_file} · {actual.source_detail[:40]}"


def region_summary(table: pd.DataFrame) -> pd.DataFrame:
    """How many targets each region has met, is on track for, is behind on, or cannot judge."""
    if table.empty:
        return pd.DataFrame(columns=["region_id", "region_name_zh", *STATUSES, "total"])
    counts = (table.groupby(["region_id", "region_name_zh", "status"]).size()
              .unstack(fill_value=0).reindex(columns=list(STATUSES), fill_value=0))
    counts["total"] = counts.sum(axis=1)
    return counts.reset_index().sort_values(["behind", "total"], ascending=False)


URGENCY = ("behind", "on_track", "met", "needs_baseline", "no_actual")


def by_urgency(table: pd.DataFrame) -> pd.DataFrame:
    """Behind first, then on track, met, and those that cannot be judged; lowest attainment first."""
    order = table["status"].map({s: i for i, s in enumerate(URGENCY)})
    return (table.assign(_order=order).sort_values(["_order", "attainment"], na_position="last")
            .drop(columns="_order").reset_index(drop=True))
