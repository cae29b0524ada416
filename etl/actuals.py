"""The store of uploaded actuals (data/actuals.duckdb), kept apart from the targets database so
that a rebuild of the targets never touches them.

Every confirmed upload is one batch written in one transaction; for the same region, indicator
and year the newest batch wins and older values stay as history; a batch can be undone.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from datetime import datetime, timezone

import duckdb
import pandas as pd

from etl import paths
from etl.queries import DATABASE_LOCK, sql

VALUE_COLUMNS = ["source_row", "region_id", "indicator_id", "year", "value", "unit", "value_raw",
                 "unit_raw", "scope", "source", "note"]
RETRIES = 5


class AlreadyStored(Exception):
    """The same file is already stored as a live batch: confirming it again would change nothing."""


class ActualsBusy(Exception):
    """Another process is writing the actuals right now; nothing was written. Try again."""


def _connect(read_only: bool) -> duckdb.DuckDBPyConnection:
    path = paths.actuals_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(RETRIES):
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
            if not read_only:
                connection.execute(sql("actuals_schema"))
            return connection
        except duckdb.IOException as error:  # the file is locked by another process
            if attempt == RETRIES - 1:
                raise ActualsBusy("the actuals database is busy (another upload is being saved); "
                                  "please try again / 数据库正忙，请稍后重试") from error
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def _read(name: str, params: dict | None = None, frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    if not paths.actuals_db().exists():
        return pd.DataFrame()
    with DATABASE_LOCK:
        connection = _connect(read_only=True)
        try:
            for frame_name, frame in (frames or {}).items():
                connection.register(frame_name, frame)
            return connection.execute(sql(name), params or {}).df()
        finally:
            connection.close()


def unmatched() -> pd.DataFrame:
    """Uploaded actuals no target is judged against, with the reason (see unmatched_actuals.sql)."""
    if not paths.actuals_db().exists() or not paths.targets_db().exists():
        return pd.DataFrame(columns=["region_id", "indicator_id", "year", "value", "unit",
                                     "source_file", "source_row", "batch_id", "reason"])
    with DATABASE_LOCK:
        connection = _connect(read_only=True)
        try:
            # The targets file is only ever replaced whole by a build, never written in place:
            # reading it alongside is safe.
            connection.execute("attach ? as t (read_only)", [str(paths.targets_db())])
            return connection.execute(sql("unmatched_actuals")).df()
        finally:
            connection.close()


def current_for_keys(wanted: pd.DataFrame) -> pd.DataFrame:
    return _read("current_actuals_for_keys", frames={"wanted": wanted})


def pairs() -> pd.DataFrame:
    """region_id, indicator_id of every uploaded actual that counts (for coverage)."""
    found = _read("actual_pairs")
    return found if len(found) else pd.DataFrame({"region_id": pd.Series(dtype=str),
                                                  "indicator_id": pd.Series(dtype=str)})


def count_with(document_keys: pd.DataFrame) -> int:
    """How many actuals there are: uploads, plus the documents' values no upload replaces."""
    found = _read("actuals_count", frames={"document_keys": document_keys})
    return int(found["actuals"].iloc[0]) if len(found) else len(document_keys)


def current_actuals(indicator_id: str | None = None, year: int | None = None,
                    region_ids: list[str] | None = None) -> pd.DataFrame:
    """The winning uploaded value of each region, indicator and year (only those asked for)."""
    return _read("current_actuals", facts_filter(indicator_id, year, region_ids))


def facts_filter(indicator_id: str | None, year: int | None, region_ids: list[str] | None) -> dict:
    return {"indicator_id": indicator_id, "year": None if year is None else int(year),
            "region_ids": None if region_ids is None else list(region_ids)}


def batches() -> pd.DataFrame:
    return _read("actuals_batches")


def history() -> pd.DataFrame:
    return _read("actuals_history")


def save_batch(rows: pd.DataFrame, file_name: str, content: bytes, note: str,
               rows_replaced: int, rows_rejected: int) -> str:
    """Write one batch (all rows or none) and return its id."""
    batch_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    values = rows[VALUE_COLUMNS].copy()
    values.insert(0, "batch_id", batch_id)
    with DATABASE_LOCK:
        connection = _connect(read_only=False)
        try:
            connection.execute("begin transaction")
            sha = hashlib.sha256(content).hexdigest()
            same = connection.execute(
                "select batch_id from batches where sha256 = $1 and batch_id not in "
                "(select batch_id from undone_batches)", [sha]).fetchone()
            if same:
                raise AlreadyStored(f"这个文件已保存为批次 {same[0]}，未再次导入 / this file is already "
                                    f"stored as batch {same[0]}; nothing was added")
            connection.execute(
                "insert into batches (batch_id, file_name, sha256, uploaded_at, note, rows_added, "
                "rows_replaced, rows_rejected) values ($1, $2, $3, $4, $5, $6, $7, $8)",
                [batch_id, file_name, hashlib.sha256(content).hexdigest(),
                 datetime.now(timezone.utc).replace(tzinfo=None), note, len(values) - rows_replaced,
                 rows_replaced, rows_rejected])
            connection.register("incoming", values)
            connection.execute("insert into actual_values select * from incoming")
            connection.execute("commit")
        except Exception:
            connection.execute("rollback")
            raise
        finally:
            connection.close()
    return batch_id


def undo_batch(batch_id: str) -> bool:
    """Mark a batch undone; its values stay as history. False if there was no such live batch."""
    with DATABASE_LOCK:
        connection = _connect(read_only=False)
        try:
            changed = connection.execute(
                "insert into undone_batches select batch_id, $2 from batches "
                "where batch_id = $1 and batch_id not in (select batch_id from undone_batches) "
                "returning batch_id",
                [batch_id, datetime.now(timezone.utc).replace(tzinfo=None)]).fetchall()
            return bool(changed)
        finally:
            connection.close()
