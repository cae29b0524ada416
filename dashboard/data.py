"""Cached loaders for the pages. Each cache is keyed on the databases' modification times, so a
rebuild or an upload shows at once; the functions can be called outside Streamlit too."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl import actuals as actuals_store
from etl import queries


@st.cache_data(show_spinner=False, max_entries=16)
def _load(name: str, version: tuple) -> pd.DataFrame:
    loaders = {"regions": queries.regions, "indicators": queries.indicators,
               "documents": queries.documents, "unplaced": queries.unplaced,
               "uncatalogued": queries.uncatalogued_targets}
    return loaders[name]()


# Frames of the views, one per set of filters, shared by every visitor (never copied per visitor):
# callers treat them as read-only. Targets are keyed on the targets database only, so an upload
# of actuals leaves them cached.
@st.cache_resource(show_spinner=False, max_entries=256)
def _targets(indicator_id, year, region_ids, parent_id, version: tuple) -> pd.DataFrame:
    return queries.target_facts(indicator_id, year, None if region_ids is None else list(region_ids),
                                parent_id)


@st.cache_resource(show_spinner=False, max_entries=256)
def _actuals(indicator_id, year, region_ids, version: tuple) -> pd.DataFrame:
    return queries.actual_facts(indicator_id, year, None if region_ids is None else list(region_ids))


def targets(indicator_id: str | None = None, year: int | None = None, region_ids=None,
            parent_id: str | None = None) -> pd.DataFrame:
    """Targets as the views compare them: only one indicator, year, set of regions or
    prefecture (with its own row) when asked; no argument gives every row."""
    return _targets(indicator_id, None if year is None else int(year), _key(region_ids), parent_id,
                    queries.targets_version())


def actuals(indicator_id: str | None = None, year: int | None = None, region_ids=None) -> pd.DataFrame:
    return _actuals(indicator_id, None if year is None else int(year), _key(region_ids),
                    queries.data_version())


@st.cache_resource(show_spinner=False, max_entries=256)
def _menu(name: str, params: tuple, version: tuple) -> pd.DataFrame:
    return queries.frame(name, dict(params))


def indicator_menu() -> list[str]:
    """Indicators with a target, the most widely targeted first."""
    return list(_menu("indicator_menu", (), queries.targets_version())["indicator_id"])


def year_kind_menu(indicator_id: str) -> pd.DataFrame:
    """year, kind, regions: what one indicator's targets cover."""
    return _menu("year_kind_menu", (("indicator_id", indicator_id),), queries.targets_version())


def source_search(region_ids, indicator_id: str | None, year: int | None, catalogue: str | None,
                  text: str | None, limit: int) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` numbers a Sources search finds, and how many it finds in all."""
    params = (("region_ids", list(_key(region_ids)) if region_ids else None),
              ("indicator_id", indicator_id or None), ("year", int(year) if year else None),
              ("catalogue", catalogue or None),
              ("text", text.strip() if text and text.strip() else None))
    found = _menu("source_search", params + (("limit", int(limit)),), queries.targets_version())
    total = _menu("source_count", params, queries.targets_version())
    return found, int(total["found_total"].iloc[0])


def source_menu() -> dict[str, list[str]]:
    """Regions and years with an extracted number, and how many numbers there are."""
    menu = _menu("source_menu", (), queries.targets_version())
    facets = menu.groupby("facet")["value"].apply(list).to_dict()
    return {"regions": sorted(facets.get("region", [])), "years": sorted(facets.get("year", [])),
            "total": int(facets.get("total", ["0"])[0])}


@st.cache_resource(show_spinner=False, max_entries=64)
def _coverage(parent_id: str | None, version: tuple) -> pd.DataFrame:
    return queries.coverage(parent_id)


def coverage(parent_id: str | None) -> pd.DataFrame:
    return _coverage(parent_id, queries.data_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _overview_counts(version: tuple) -> dict[str, int]:
    return queries.overview_counts()


def overview_counts() -> dict[str, int]:
    return dict(_overview_counts(queries.data_version()))


def template_keys() -> pd.DataFrame:
    return _menu("upload_template", (), queries.targets_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _unmatched(version: tuple) -> pd.DataFrame:
    return actuals_store.unmatched()


def unmatched_actuals() -> pd.DataFrame:
    return _unmatched(queries.data_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _actual_years(version: tuple) -> list[int]:
    return queries.actual_years()


def actual_years() -> list[int]:
    return list(_actual_years(queries.data_version()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _actuals_problem(version: tuple):
    return actuals_store.health()


def actuals_problem():
    """None, or why the actuals cannot be read (locked, damaged, read-only, disk full)."""
    return _actuals_problem(queries.actuals_version())


def regions_with_targets() -> list[str]:
    return [str(r) for r in _menu("regions_with_targets", (), queries.targets_version())["region_id"]]


def year_menu() -> list[int]:
    return [int(y) for y in _menu("year_menu", (), queries.targets_version())["year"]]


def year_regions(year: int) -> int:
    """How many regions have a target in ``year``."""
    menu = _menu("year_menu", (), queries.targets_version())
    found = menu.loc[menu["year"] == int(year), "regions"]
    return int(found.iloc[0]) if len(found) else 0


def prefecture_menu(indicator_id: str | None, year: int | None = None, kind: str | None = None) -> pd.DataFrame:
    """prefecture_id, parts, has_own_target: prefectures with targets of this indicator."""
    return _menu("prefecture_menu", (("indicator_id", indicator_id),
                                     ("year", None if year is None else int(year)), ("kind", kind)),
                 queries.targets_version())


def _key(region_ids) -> tuple | None:
    return None if region_ids is None else tuple(sorted(map(str, region_ids)))


def regions() -> pd.DataFrame:
    return _load("regions", queries.data_version())


def indicators() -> pd.DataFrame:
    return _load("indicators", queries.data_version())


def documents() -> pd.DataFrame:
    return _load("documents", queries.data_version())


def unplaced() -> pd.DataFrame:
    return _load("unplaced", queries.data_version())



def uncatalogued_targets() -> pd.DataFrame:
    return _load("uncatalogued", queries.data_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _query(name: str, params: tuple, version: tuple) -> pd.DataFrame:
    """One parameterised query's rows, cached until a rebuild or an upload changes the data."""
    return queries.frame(name, dict(params))


def review_counts() -> pd.DataFrame:
    return _query("review_counts", (), queries.data_version())


def document_review(document_id: str) -> pd.DataFrame:
    return _query("document_review", (("document_id", document_id),), queries.data_version())


def document_body(document_id: str) -> str:
    found = _query("document_body", (("document_id", document_id),), queries.data_version())
    return found["body"].iloc[0] if len(found) else ""


def plan_checks(document_id: str | None = None, region_id: str | None = None) -> pd.DataFrame:
    return _query("plan_checks", (("document_id", document_id), ("region_id", region_id)),
                  queries.data_version())


def review_log() -> pd.DataFrame:
    return _query("review_log", (), queries.data_version())


def as_of(lang: str = "zh") -> str:
    documents_date, uploads_date = _as_of(queries.data_version())
    if lang == "en":
        return f"documents {documents_date}" + (f", actuals {uploads_date}" if uploads_date else "")
    return f"文件 {documents_date}" + (f"，实际值 {uploads_date}" if uploads_date else "")


@st.cache_data(show_spinner=False, max_entries=2)
def _as_of(version: tuple) -> tuple[str, str]:
    """How current the data is: the newest document's date (its plan year when it has no date)
    and the newest upload of actuals; not the day the database was built."""
    documents = queries.documents()
    dated = documents.loc[documents["published"].fillna("") != "", "published"]
    newest = max(dated) if len(dated) else str(int(documents["period_start"].max()))
    batches = actuals_store.batches()
    live = batches[~batches["is_undone"]] if len(batches) else batches
    return newest, str(live["uploaded_at"].max())[:10] if len(live) else ""
