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
