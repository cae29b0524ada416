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


def as_of() -> str:
    return _as_of(queries.data_version())


@st.cache_data(show_spinner=False, max_entries=2)
def _as_of(version: tuple) -> str:
    """When the targets were built and when the newest upload was saved."""
    built = queries.build_info().get("built_at", "")[:10]
    batches = actuals_store.batches()
    live = batches[~batches["is_undone"]] if len(batches) else batches
    if len(live):
        return f"{built}; actuals {str(live['uploaded_at'].max())[:16]}"
    return built
