"""Trends and roll-ups of targets: pure calculations on the target_facts table."""

from __future__ import annotations

import pandas as pd

from etl.checks import CHILD_LEVELS, double_counted

ABSOLUTE_KINDS = ("level", "share_pct", "ratio", "per_capita", "count_events")


def yearly_levels(targets: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Absolute targets of one indicator by region and year (growth and increases left out)."""
    chosen = targets[(targets["indicator_id"] == indicator_id) & targets["kind"].isin(ABSOLUTE_KINDS)]
    return chosen.sort_values(["region_id", "year"]).reset_index(drop=True)


def implied_growth(levels: pd.DataFrame) -> pd.DataFrame:
    """Average annual growth (%) each region's targets imply between their first and last year."""
    rows = []
    for region_id, group in levels.groupby("region_id"):
        group = group.dropna(subset=["year"]).sort_values("year")
        if len(group) < 2 or group["value"].iloc[0] <= 0:
            continue
        first, last = group.iloc[0], group.iloc[-1]
        years = int(last["year"] - first["year"])
        rows.append({"region_id": region_id, "region_name_zh": first["region_name_zh"],
                     "region_name_en": first["region_name_en"], "first_year": int(first["year"]),
                     "last_year": int(last["year"]), "first_value": first["value"],
                     "last_value": last["value"],
                     "annual_growth_pct": ((last["value"] / first["value"]) ** (1 / years) - 1) * 100})
    return pd.DataFrame(rows)


def index_to_base(levels: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each region's values as an index, its base-year value = 100 (regions without it dropped)."""
    base = levels[levels["year"] == base_year].set_index("region_id")["value"]
    indexed = levels[levels["region_id"].isin(base.index[base != 0])].copy()
    indexed["value"] = indexed["value"] / indexed["region_id"].map(base) * 100
    return indexed


def _rollup_inputs(targets: pd.DataFrame, regions: pd.DataFrame, prefecture_id: str,
                   indicator_id: str) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The prefecture's own level targets, its children's that are counted, and those left out."""
    levels = yearly_levels(targets, indicator_id)
    levels = levels[levels["kind"] == "level"]
    children = set(regions.loc[(regions["parent_id"] == prefecture_id) &
                               regions["level"].isin(CHILD_LEVELS), "region_id"])
    parts = levels[levels["region_id"].isin(children)]
    left_out = double_counted(parts)
    counted = parts[~parts["region_id"].isin(left_out)]
    return levels[levels["region_id"] == prefecture_id], counted, left_out


def rollup_rows(targets: pd.DataFrame, regions: pd.DataFrame, prefecture_id: str,
                indicator_id: str) -> pd.DataFrame:
    """The target rows a prefecture roll-up is computed from: what its chart must cite."""
    own, counted, _ = _rollup_inputs(targets, regions, prefecture_id, indicator_id)
    return pd.concat([own, counted], ignore_index=True)


def prefecture_rollup(targets: pd.DataFrame, regions: pd.DataFrame, prefecture_id: str,
                      indicator_id: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Sum of the prefecture's counties' (and zones') targets against its own target, per year."""
    own, counted, left_out = _rollup_inputs(targets, regions, prefecture_id, indicator_id)
    own = own.set_index("year")["value"]
    summed = counted.groupby("year").agg(sum_of_parts=("value", "sum"), parts=("region_id", "nunique"))
    table = summed.join(own.rename("prefecture_target"), how="outer").reset_index()
    table["difference"] = table["sum_of_parts"] - table["prefecture_target"]
    table["difference_pct"] = table["difference"] / table["prefecture_target"] * 100
    return table, left_out
