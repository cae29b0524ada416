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
    """Build the targets database if it is missing (first run on a fresh machine) or was built by
    an older version without the tables the views read."""
    if paths.targets_db().exists() and _has_table("target_facts"):
        return
    from etl import build

    build.run()


def _has_table(name: str) -> bool:
    with read_connection() as connection:
        return bool(connection.execute(
            "select count(*) from information_schema.tables where table_name = ?", [name]).fetchone()[0])


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


def frame(name: str, params: dict | None = None, frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The rows of one query in etl/sql, with bound parameters (and frames the query reads)."""
    with read_connection() as connection:
        for frame_name, given in (frames or {}).items():
            connection.register(frame_name, given)
        return connection.execute(sql(name), params or {}).df()


def targets_for_export() -> pd.DataFrame:
    return frame("targets_export")


def target_facts(indicator_id: str | None = None, year: int | None = None,
                 region_ids: list[str] | None = None, parent_id: str | None = None) -> pd.DataFrame:
    """Targets as the views compare them, only the rows asked for (no argument: every row)."""
    return frame("target_facts", {"indicator_id": indicator_id, "year": None if year is None else int(year),
                                  "region_ids": None if region_ids is None else list(region_ids),
                                  "parent_id": parent_id})


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


def coverage(parent_id: str | None = None) -> pd.DataFrame:
    """area_id, indicator_id, has_target, has_actual: every province, or the areas below one."""
    from etl import actuals

    return frame("coverage", {"parent_id": parent_id}, {"actual_pairs": actuals.pairs()})


def actual_years() -> list[int]:
    """Years with an actual: reported in a document or uploaded."""
    from etl import actuals

    uploaded = actuals._read("actual_years")
    years = set(frame("document_actual_years")["year"]) | set(uploaded.get("year", []))
    return sorted(int(y) for y in years)


def overview_counts() -> dict[str, int]:
    """Regions and indicators with a target, targets, and actuals the pages can use."""
    from etl import actuals

    counts = {k: int(v) for k, v in frame("overview_counts").iloc[0].items()}
    document_keys = frame("document_actuals", actuals.facts_filter(None, None, None))[
        ["region_id", "indicator_id", "year"]]
    return counts | {"actuals": actuals.count_with(document_keys)}


def actual_facts(indicator_id: str | None = None, year: int | None = None,
                 region_ids: list[str] | None = None) -> pd.DataFrame:
    """Actuals (only those asked for): values reported in the documents, then uploads (an upload
    wins over a document's figure for the same region, indicator and year)."""
    from etl import actuals  # imported here: actuals imports this module

    wanted = actuals.facts_filter(indicator_id, year, region_ids)
    reported = frame("document_actuals", wanted)
    uploaded = actuals.current_actuals(indicator_id, year, region_ids)
    both = pd.concat([reported, uploaded], ignore_index=True) if len(uploaded) else reported
    both["priority"] = both["source_kind"].map({"upload": 0, "document": 1})
    both = both.sort_values("priority", kind="stable").drop_duplicates(["region_id", "indicator_id", "year"])
    return both.drop(columns="priority").reset_index(drop=True)


def actual_facts_for(keys: pd.DataFrame) -> pd.DataFrame:
    """The actuals now stored for these (region_id, indicator_id, year) keys only: what an
    upload's preview compares with (the database joins; no other stored actual is read)."""
    from etl import actuals

    wanted = keys[["region_id", "indicator_id", "year"]].drop_duplicates()
    reported = frame("document_actuals", actuals.facts_filter(None, None, None)).merge(
        wanted, on=["region_id", "indicator_id", "year"])
    uploaded = actuals.current_for_keys(wanted)
    both = pd.concat([reported, uploaded], ignore_index=True) if len(uploaded) else reported
    both["priority"] = both["source_kind"].map({"upload": 0, "document": 1})
    both = both.sort_values("priority", kind="stable").drop_duplicates(["region_id", "indicator_id", "year"])
    return both.drop(columns="priority").reset_index(drop=True)


def data_version() -> tuple[float, ...]:
    """Changes whenever either database changes: the key for cached loaders."""
    return targets_version() + actuals_version()


def targets_version() -> tuple[float, ...]:
    """Changes when a build replaces the targets database (an upload leaves it alone)."""
    return (_mtime(paths.targets_db()),)


def actuals_version() -> tuple[float, ...]:
    """Changes when an upload or an undo is written, its write-ahead log included: a batch still
    in the log is already what readers see."""
    database = paths.actuals_db()
    return _mtime(database), _mtime(database.with_name(database.name + ".wal"))


def _mtime(path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def uncatalogued_targets(region_id: str | None = None) -> pd.DataFrame:
    """Targets and results outside the indicator catalogue, of one region or all."""
    return frame("uncatalogued_targets", {"region_id": region_id})


def actuals_for_export() -> pd.DataFrame:
    facts = actual_facts()
    with read_connection() as connection:
        connection.register("actuals", facts)
        return connection.execute(sql("actuals_export")).df()
