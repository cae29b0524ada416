"""A region's profile: every indicator it has a target for, by year, with actuals and status."""

from __future__ import annotations

import pandas as pd

from dashboard import gap


def region_table(targets: pd.DataFrame, actuals: pd.DataFrame, region_id: str,
                 elapsed: float = 1.0) -> pd.DataFrame:
    """One row per indicator, year and kind of the region's targets: target as stated, actual,
    attainment and status (the gap page's assessment), and the document it comes from."""
    own = targets[targets["region_id"] == region_id]
    rows = [gap.gap_table(own, actuals, int(year), elapsed) for year in sorted(own["year"].dropna().unique())]
    rows = [r for r in rows if len(r)]
    if not rows:
        return pd.DataFrame(columns=["indicator_id", "year", "kind", "target_value_stated", "unit",
                                     "actual", "attainment", "status", "document_id", "quote"])
    table = pd.concat(rows, ignore_index=True)
    return table.sort_values(["indicator_id", "year", "kind"]).reset_index(drop=True)


def parents(region_id: str, regions: pd.DataFrame) -> list[str]:
    """The region's prefecture and province, nearest first (a zone's host county too)."""
    rows = regions.set_index("region_id")
    chain, current = [], region_id
    host = rows.loc[region_id, "host_id"] if region_id in rows.index else ""
    if host:
        chain.append(host)
    while current in rows.index and rows.loc[current, "parent_id"]:
        current = rows.loc[current, "parent_id"]
        if current not in chain:
            chain.append(current)
    return chain
