"""Cached loaders for the pages. Each cache is keyed on the databases' modification times, so a
rebuild or an upload shows at once; the functions can be called outside Streamlit too."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl import actuals as actuals_store
from etl import queries


@st.cache_data(show_spinner=False, max_entries=16)
def _load(name: str, version: tuple) -> pd.DataFrame:
    loaders = {"targets": queries.target_facts, "actuals": queries.actual_facts,
               "regions": queries.regions, "indicators": queries.indicators,
               "documents": queries.documents, "unplaced": queries.unplaced,
               "sources": queries.target_sources, "uncatalogued": queries.uncatalogued_targets}
    return loaders[name]()


def targets() -> pd.DataFrame:
    return _load("targets", queries.data_version())


def actuals() -> pd.DataFrame:
    return _load("actuals", queries.data_version())


def regions() -> pd.DataFrame:
    return _load("regions", queries.data_version())


def indicators() -> pd.DataFrame:
    return _load("indicators", queries.data_version())


def documents() -> pd.DataFrame:
    return _load("documents", queries.data_version())


def unplaced() -> pd.DataFrame:
    return _load("unplaced", queries.data_version())


def target_sources() -> pd.DataFrame:
    return _load("sources", queries.data_version())


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
