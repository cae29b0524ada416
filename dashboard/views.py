"""Tables behind the charts: pure pandas on the loaded frames, no Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard.rollup import ABSOLUTE_KINDS


def with_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    column = "region_name_en" if lang == "en" else "region_name_zh"
    return frame.assign(label=frame[column])


def indicator_choices(targets: pd.DataFrame) -> list[str]:
    """Indicators with at least one target, most targeted first."""
    counts = targets[targets["kind"] != "boolean"].groupby("indicator_id")["region_id"].nunique()
    return counts.sort_values(ascending=False).index.tolist()


def year_choices(targets: pd.DataFrame, indicator_id: str) -> list[int]:
    years = targets.loc[targets["indicator_id"] == indicator_id, "year"].dropna().astype(int)
    return sorted(years.unique().tolist())


def kind_choices(targets: pd.DataFrame, indicator_id: str, year: int) -> list[str]:
    chosen = targets[(targets["indicator_id"] == indicator_id) & (targets["year"] == year)]
    return chosen["kind"].value_counts().index.tolist()


def prefectures_with_targets(targets: pd.DataFrame, regions: pd.DataFrame) -> list[str]:
    parents = set(targets["parent_id"].dropna()) | set(
        targets.loc[targets["region_level"] == "prefecture", "region_id"])
    return sorted(p for p in parents if p in set(regions.loc[regions["level"] == "prefecture", "region_id"]))


# Compare one level at a time: a prefecture's counties and zones, every county-level unit, or
# every prefecture.
PEERS = {"prefecture": None, "counties": ("county", "county_city", "district", "zone"),
         "prefectures": ("prefecture",)}
MAX_BARS = 40
MAX_GAP_REGIONS = 200  # more regions than this with targets in a year: Gap opens on one prefecture  # more bars than this are shown as the first or last N, with a search


def compare_table(targets: pd.DataFrame, actuals: pd.DataFrame, indicator_id: str, year: int,
                  kind: str, prefecture: str | None, sort: str, lang: str,
                  peers: str = "prefecture") -> pd.DataFrame:
    """One row per region: its target (and actual, for absolute targets) of the chosen year."""
    chosen = targets[(targets["indicator_id"] == indicator_id) & (targets["year"] == year)
                     & (targets["kind"] == kind)]
    if prefecture:  # its counties and zones; the prefecture's own target is another level
        chosen = chosen[chosen["parent_id"] == prefecture]
    elif PEERS.get(peers):
        chosen = chosen[chosen["region_level"].isin(PEERS[peers])]
    table = with_labels(chosen, lang).rename(columns={"value": "target_value"})
    facts = actuals[(actuals["indicator_id"] == indicator_id) & (actuals["year"] == year)]
    if kind in ABSOLUTE_KINDS:
        table = table.merge(facts[["region_id", "value", "source_file", "source_row", "batch_id"]]
                            .rename(columns={"value": "actual_value"}), on="region_id", how="left")
    else:
        table = table.assign(actual_value=float("nan"), source_file=None, source_row=None, batch_id=None)
    column, ascending = {"value": ("target_value", False), "name": ("label", True),
                         "code": ("region_id", True)}[sort]
    return table.sort_values(column, ascending=ascending).reset_index(drop=True)


def window(table: pd.DataFrame, end: str, size: int, search: str = "") -> pd.DataFrame:
    """The first (top) or last (bottom) ``size`` rows of a sorted table, or the rows whose region
    name or code contains ``search``; the order is kept."""
    if search.strip():
        wanted = search.strip()
        found = table[table["label"].str.contains(wanted, regex=False)
                      | table["region_id"].astype(str).str.startswith(wanted)]
        return found.head(size).reset_index(drop=True)
    return (table.head(size) if end == "top" else table.tail(size)).reset_index(drop=True)


DEFAULT_LINES = 12  # a trend chart starts with this many lines at most; more are added by search


def default_regions(levels: pd.DataFrame, prefecture: str | None = None) -> list[str]:
    """County-level regions and zones with a target in more than one year (prefectures and
    single-year targets would flatten the chart), those of ``prefecture`` when given, at most
    DEFAULT_LINES of them."""
    below = levels[levels["region_level"] != "prefecture"]
    if prefecture is not None and (below["parent_id"] == prefecture).any():
        below = below[below["parent_id"] == prefecture]
    spans = below.groupby("region_id")["year"].nunique()
    chosen = sorted(spans[spans > 1].index) or sorted(levels["region_id"].unique())
    return chosen[:DEFAULT_LINES]


def judged_in(targets: pd.DataFrame, actuals: pd.DataFrame) -> bool:
    """Whether some region has both a target and an actual of the same indicator (one year's)."""
    key = ["region_id", "indicator_id", "year"]
    return bool(len(targets) and len(actuals) and len(targets[key].merge(actuals[key], on=key)))


def identical_series(levels: pd.DataFrame) -> list[list[str]]:
    """Groups of regions whose target lines are the same in every year (drawn on top of each
    other), each group sorted, groups in order of their first region."""
    series = {region: tuple(zip(group["year"], group["value"]))
              for region, group in levels.sort_values("year").groupby("region_id")}
    groups: dict[tuple, list[str]] = {}
    for region, points in sorted(series.items()):
        groups.setdefault(points, []).append(region)
    return [group for group in groups.values() if len(group) > 1]


def sources_of(frame: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    titles = documents.set_index("document_id")["title"]
    return [f"{doc[:3]} {titles.get(doc, doc)}" for doc in sorted(frame["document_id"].dropna().unique())]


def actual_sources(frame: pd.DataFrame, documents: pd.DataFrame, label: str,
                   file_column: str = "source_file", batch_column: str = "batch_id") -> list[str]:
    """What a chart's actuals come from: the documents that report them, and each uploaded file
    (``label``: file name). ``frame`` holds only rows whose actual is shown."""
    if file_column not in frame or frame.empty:
        return []
    rows = frame.dropna(subset=[file_column])
    uploaded = rows[rows[batch_column].notna()] if batch_column in rows else rows.iloc[0:0]
    reported = rows.drop(uploaded.index)
    cited = sources_of(pd.DataFrame({"document_id": reported[file_column].unique()}), documents)
    return cited + [f"{label}: {name}" for name in sorted(uploaded[file_column].unique())]


def coverage_matrix(coverage: pd.DataFrame, area_names: dict[str, str],
                    indicator_names: dict[str, str] | None = None, parent_id: str | None = None,
                    own_label: str = "{name}") -> pd.DataFrame:
    """Area x indicator: ◆ target and actual, ○ target only, ● actual only, blank neither, for
    spotting data gaps. ``coverage`` is queries.coverage(parent_id): one row per area and
    indicator; the parent's own row (its own plan) comes first, labelled with ``own_label``."""
    if coverage.empty:
        return pd.DataFrame()
    marks = {(True, True): "◆", (True, False): "○", (False, True): "●"}
    cells = coverage.assign(mark=[marks.get((bool(t), bool(a)), "") for t, a in
                                  zip(coverage["has_target"], coverage["has_actual"])])
    grid = cells.pivot(index="area_id", columns="indicator_id", values="mark").fillna("")
    order = sorted(grid.index, key=lambda a: (a != parent_id, a))
    grid = grid.loc[order]
    grid.index = [own_label.format(name=area_names.get(a, a)) if a == parent_id else area_names.get(a, a)
                  for a in grid.index]
    grid.columns = [(indicator_names or {}).get(i, i) for i in grid.columns]
    grid.columns.name = None
    return grid


def safe_name(*parts) -> str:
    """A file name from indicator, year and view: ASCII, no spaces."""
    return "_".join(str(p) for p in parts if p not in (None, "")).replace(" ", "-")


def uncatalogued_table(frame: pd.DataFrame, lang: str, kind_name, status_name,
                       every_year: str, unit_name=lambda unit: unit) -> pd.DataFrame:
    """Uncatalogued targets for display, one row per distinct statement: region, label, year,
    value with its unit, kind, status, how often the document states it, document and quote."""
    columns = ["region_name", "indicator_label", "year", "value_text", "kind", "status",
               "mentions", "document_title", "quote"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    region = frame["region_name_en" if lang == "en" else "region_name_zh"]
    table = pd.DataFrame({
        "region_name": region,
        "indicator_label": frame["indicator_label"],
        "year": [every_year if scope == "every_year" else "" if pd.isna(y) else str(int(y))
                 for y, scope in zip(frame["year"], frame["year_scope"])],
        "value_text": [f"{v:g}" + ("" if pd.isna(h) else f"–{h:g}") + _unit_after(unit_name(u or ""), u or "")
                       for v, h, u in zip(frame["value_raw"], frame["value_high"], frame["unit_raw"])],
        "kind": frame["kind"].map(kind_name),
        "status": frame["status"].map(status_name),
        "document_title": frame["document_title"],
        "quote": frame["quote"],
    })
    # A document that repeats a paragraph (a task table after the text) states it twice: one row.
    key = ["region_name", "indicator_label", "year", "value_text", "kind", "status", "document_title"]
    counted = table.groupby(key, sort=False, dropna=False).agg(
        mentions=("quote", "size"), quote=("quote", "first")).reset_index()
    return counted[columns]


def _unit_after(shown: str, stated: str) -> str:
    """38家 as stated; '38 firms' with a space once the unit is translated."""
    return shown if shown == stated or not shown else f" {shown}"


def overlapping(table: pd.DataFrame, regions: pd.DataFrame) -> dict[str, str]:
    """Zones shown next to the county that hosts them: {zone: host} (吉首市 and 湘西高新区)."""
    hosts = regions.set_index("region_id")["host_id"].fillna("")
    shown = set(table["region_id"])
    return {zone: hosts[zone] for zone in sorted(shown) if hosts.get(zone, "") in shown}
