"""The one query module: pages and commands read the databases only through these functions.

Connections are short-lived and read-only, so the ETL can swap in a new targets file and an
upload can write the actuals file while the dashboard runs. SQL lives in ``etl/sql``; values are
always bound parameters.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import duckdb
import pandas as pd

from etl import paths

# DuckDB refuses read-only and read-write connections to one file in one process at the same
# time; this lock makes the app's readers and the upload's writer take turns.
DATABASE_LOCK = threading.RLock()


class DataMissing(Exception):
    """The targets database has not been built yet."""


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    return (paths.SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def ensure_database() -> None:
    """Build the targets database if it is missing (first run on a fresh machine)."""
    if not paths.targets_db().exists():
        from etl import build

        build.run()


@contextmanager
def read_connection() -> Iterator[duckdb.DuckDBPyConnection]:
    database = paths.targets_db()
    if not database.exists():
        raise DataMissing(f"{database} is missing: run `python -m etl`")
    with DATABASE_LOCK:
        connection = duckdb.connect(str(database), read_only=True)
        try:
            yield connection
        finally:
            connection.close()


def frame(name: str, params: dict | None = None) -> pd.DataFrame:
    with read_connection() as connection:
        return connection.execute(sql(name), params or {}).df()


def targets_for_export() -> pd.DataFrame:
    return frame("targets_export")


def target_facts() -> pd.DataFrame:
    return frame("target_facts")


def regions() -> pd.DataFrame:
    return frame("regions")


def indicators() -> pd.DataFrame:
    return frame("indicators")


def documents() -> pd.DataFrame:
    return frame("documents")


def document_body(document_id: str) -> str:
    found = frame("document_body", {"document_id": document_id})
    return found["body"].iloc[0] if len(found) else ""


def target_row(target: str) -> dict | None:
    """One extracted row by its id in the current build or its stable key."""
    found = frame("target_row", {"target": str(target)})
    return found.iloc[0].to_dict() if len(found) else None


def document_review(document_id: str) -> pd.DataFrame:
    return frame("document_review", {"document_id": document_id})


def review_log() -> pd.DataFrame:
    return frame("review_log")


def plan_checks(document_id: str | None = None, region_id: str | None = None) -> pd.DataFrame:
    """The plan checks of one document, one region, or all."""
    return frame("plan_checks", {"document_id": document_id, "region_id": region_id})


def review_counts() -> pd.DataFrame:
    return frame("review_counts")


def unplaced() -> pd.DataFrame:
    return frame("unplaced")


def build_info() -> dict[str, str]:
    return dict(frame("build_info").itertuples(index=False, name=None))


def actual_facts() -> pd.DataFrame:
    """Every actual: values reported in the documents, then uploads (newest batch wins)."""
    from etl import actuals  # imported here: actuals imports this module

    reported = frame("document_actuals")
    uploaded = actuals.current_actuals()
    both = pd.concat([reported, uploaded], ignore_index=True) if len(uploaded) else reported
    # An uploaded figure replaces a document's reported one for the same region, indicator, year.
    both["priority"] = both["source_kind"].map({"upload": 0, "document": 1})
    both = both.sort_values("priority").drop_duplicates(["region_id", "indicator_id", "year"])
    return both.drop(columns="priority").reset_index(drop=True)


def data_version() -> tuple[float, float]:
    """Changes whenever either database file changes: the key for cached loaders."""
    return tuple(p.stat().st_mtime if p.exists() else 0.0
                 for p in (paths.targets_db(), paths.actuals_db()))


def target_sources() -> pd.DataFrame:
    return frame("target_sources")


def uncatalogued_targets(region_id: str | None = None) -> pd.DataFrame:
    """Targets and results outside the indicator catalogue, of one region or all."""
    return frame("uncatalogued_targets", {"region_id": region_id})


def actuals_for_export() -> pd.DataFrame:
    facts = actual_facts()
    with read_connection() as connection:
        connection.register("actuals", facts)
        return connection.execute(sql("actuals_export")).df()
