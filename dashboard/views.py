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


def compare_table(targets: pd.DataFrame, actuals: pd.DataFrame, indicator_id: str, year: int,
                  kind: str, prefecture: str | None, sort: str, lang: str) -> pd.DataFrame:
    """One row per region: its target (and actual, for absolute targets) of the chosen year."""
    chosen = targets[(targets["indicator_id"] == indicator_id) & (targets["year"] == year)
                     & (targets["kind"] == kind)]
    if prefecture:  # its counties and zones; the prefecture's own target is another level
        chosen = chosen[chosen["parent_id"] == prefecture]
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


def default_regions(levels: pd.DataFrame) -> list[str]:
    """County-level regions and zones with a target in more than one year (prefectures and
    single-year targets would flatten the chart)."""
    spans = levels[levels["region_level"] != "prefecture"].groupby("region_id")["year"].nunique()
    return sorted(spans[spans > 1].index) or sorted(levels["region_id"].unique())


def sources_of(frame: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    titles = documents.set_index("document_id")["title"]
    return [f"{doc[:3]} {titles.get(doc, doc)}" for doc in sorted(frame["document_id"].dropna().unique())]


def coverage_matrix(targets: pd.DataFrame, actuals: pd.DataFrame, lang: str,
                    indicator_names: dict[str, str] | None = None) -> pd.DataFrame:
    """Region x indicator: 目标 target / 实际 actual / both / blank, for spotting data gaps."""
    label = "region_name_en" if lang == "en" else "region_name_zh"
    names = targets.drop_duplicates("region_id").set_index("region_id")[label]
    has_target = set(zip(targets["region_id"], targets["indicator_id"]))
    has_actual = set(zip(actuals["region_id"], actuals["indicator_id"]))
    regions = sorted({r for r, _ in has_target | has_actual if r in names.index})
    indicators = sorted({i for _, i in has_target | has_actual})
    marks = {(True, True): "◆", (True, False): "○", (False, True): "●", (False, False): ""}
    rows = {names[r]: [marks[((r, i) in has_target, (r, i) in has_actual)] for i in indicators]
            for r in regions}
    columns = [(indicator_names or {}).get(i, i) for i in indicators]
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns)


def safe_name(*parts) -> str:
    """A file name from indicator, year and view: ASCII, no spaces."""
    return "_".join(str(p) for p in parts if p not in (None, "")).replace(" ", "-")


def uncatalogued_table(frame: pd.DataFrame, lang: str, kind_name, status_name,
                       every_year: str) -> pd.DataFrame:
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
        "value_text": [f"{v:g}" + ("" if pd.isna(h) else f"–{h:g}") + str(u or "")
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


def overlapping(table: pd.DataFrame, regions: pd.DataFrame) -> dict[str, str]:
    """Zones shown next to the county that hosts them: {zone: host} (吉首市 and 湘西高新区)."""
    hosts = regions.set_index("region_id")["host_id"].fillna("")
    shown = set(table["region_id"])
    return {zone: hosts[zone] for zone in sorted(shown) if hosts.get(zone, "") in shown}
