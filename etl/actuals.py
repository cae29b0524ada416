"""The store of uploaded actuals (data/actuals.duckdb), kept apart from the targets database so
that a rebuild of the targets never touches them.

Every confirmed upload is one batch written in one transaction; for the same region, indicator
and year the newest batch wins and older values stay as history; a batch can be undone.
"""

from __future__ import annotations

import hashlib
import random
import time
import uuid
from datetime import datetime, timezone

import duckdb
import pandas as pd

from etl import audit, backups, journal, paths
from etl.queries import DATABASE_LOCK, sql

VALUE_COLUMNS = ["source_row", "region_id", "indicator_id", "year", "value", "unit", "value_raw",
                 "unit_raw", "scope", "source", "note"]
RETRIES = 12  # about 10 s of waiting for another writer before saying the store is busy
MAX_NOTE_CHARS = 500
MAX_FILE_NAME_CHARS = 255


class AlreadyStored(Exception):
    """The same file (same checksum) is already stored as a live batch: storing it again needs a
    person to say so (``allow_repeat``)."""

    def __init__(self, batch_id: str, uploaded_at, uploaded_by: str) -> None:
        when = f"{uploaded_at:%Y-%m-%d %H:%M} UTC" if uploaded_at else ""
        by = uploaded_by or "?"
        super().__init__(f"这个文件已由 {by} 于 {when} 保存为批次 {batch_id}，本次未保存 / this file was "
                         f"stored as batch {batch_id} by {by} on {when}; nothing was added")
        self.batch_id, self.uploaded_at, self.uploaded_by = batch_id, uploaded_at, uploaded_by


class NotAllowed(Exception):
    """The actor's role does not allow this change."""


class ActualsUnavailable(Exception):
    """The actuals database cannot be used; ``kind`` says why: locked, corrupt, read_only,
    disk_full or unknown. Pages keep showing targets, with a banner."""

    MESSAGES = {
        "locked": ("实际值数据库正被另一个上传占用，请稍后重试",
                   "the actuals database is busy (another upload is being saved); please try again"),
        "corrupt": ("实际值数据库已损坏：目标仍可查看；管理员可用 python -m etl restore-actuals 从批次日志重建",
                    "the actuals database is damaged: targets can still be read; an administrator "
                    "can rebuild it from the batch journal with python -m etl restore-actuals"),
        "read_only": ("实际值数据库所在的文件夹只读：可以查看，不能上传",
                      "the actuals database's folder is read-only: viewing works, uploading does not"),
        "disk_full": ("磁盘已满：没有写入任何内容，请腾出空间后重试",
                      "the disk is full: nothing was written; free some space and try again"),
        "unknown": ("实际值数据库暂时无法使用", "the actuals database cannot be used right now"),
    }

    def __init__(self, kind: str, detail: str = "") -> None:
        zh, en = self.MESSAGES[kind]
        super().__init__(f"{en} / {zh}")
        self.kind, self.detail = kind, detail


class ActualsBusy(ActualsUnavailable):
    """Another process is writing the actuals right now; nothing was written. Try again."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("locked", detail)


def classify(error: Exception) -> str:
    """What went wrong with the actuals database, from DuckDB's or the system's words."""
    text = str(error).lower()
    if "lock" in text:
        return "locked"
    if "no space left" in text or "disk full" in text:
        return "disk_full"
    if "read-only" in text or "permission denied" in text or "read only" in text:
        return "read_only"
    if any(word in text for word in ("corrupt", "not a valid duckdb", "serializ", "checksum",
                                     "unrecognized file", "invalid", "magic", "truncated",
                                     "failed to read", "could not read")):
        return "corrupt"
    return "corrupt" if isinstance(error, (duckdb.SerializationException, duckdb.InternalException)) \
        else "unknown"


def _connect(read_only: bool) -> duckdb.DuckDBPyConnection:
    path = paths.actuals_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(RETRIES):
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
            if not read_only:
                connection.execute(sql("actuals_schema"))
            return connection
        except duckdb.Error as error:
            kind = classify(error)
            if kind != "locked":
                raise ActualsUnavailable(kind, str(error)) from error
            if attempt == RETRIES - 1:  # the file is locked by another process
                raise ActualsBusy(str(error)) from error
            # writers take turns: wait a little longer each time, at random, so that they spread
            time.sleep(0.1 * (attempt + 1) * (1 + random.random()))
        except OSError as error:
            raise ActualsUnavailable(classify(error), str(error)) from error
    raise AssertionError("unreachable")


def health() -> ActualsUnavailable | None:
    """None when the actuals can be read (or there are none yet), else what is wrong."""
    if not paths.actuals_db().exists():
        return None
    try:
        with DATABASE_LOCK:
            connection = _connect(read_only=True)
            try:
                connection.execute("select count(*) from batches").fetchone()
                connection.execute("select count(*) from actual_values").fetchone()
            finally:
                connection.close()
    except ActualsUnavailable as problem:
        return problem
    except duckdb.Error as error:
        return ActualsUnavailable(classify(error), str(error))
    return None


def _read(name: str, params: dict | None = None, frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """A query's rows; an empty frame when there are no actuals yet or the database cannot be read
    (health() says why, for the pages' banner): targets stay readable either way."""
    if not paths.actuals_db().exists():
        return pd.DataFrame()
    try:
        with DATABASE_LOCK:
            connection = _connect(read_only=True)
            try:
                for frame_name, frame in (frames or {}).items():
                    connection.register(frame_name, frame)
                return connection.execute(sql(name), params or {}).df()
            finally:
                connection.close()
    except (ActualsUnavailable, duckdb.Error):
        return pd.DataFrame()


def unmatched() -> pd.DataFrame:
    """Uploaded actuals no target is judged against, with the reason (see unmatched_actuals.sql)."""
    if not paths.actuals_db().exists() or not paths.targets_db().exists():
        return pd.DataFrame(columns=["region_id", "indicator_id", "year", "value", "unit",
                                     "source_file", "source_row", "batch_id", "reason"])
    try:
        with DATABASE_LOCK:
            connection = _connect(read_only=True)
            try:
                # The targets file is only ever replaced whole by a build, never written in place:
                # reading it alongside is safe.
                connection.execute("attach ? as t (read_only)", [str(paths.targets_db())])
                return connection.execute(sql("unmatched_actuals")).df()
            finally:
                connection.close()
    except (ActualsUnavailable, duckdb.Error):
        return pd.DataFrame(columns=["region_id", "indicator_id", "year", "value", "unit",
                                     "source_file", "source_row", "batch_id", "reason"])


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


def live_batch_of(content: bytes) -> dict | None:
    """The live batch already stored from these exact bytes, or None."""
    found = _read("live_batch_of", {"sha256": hashlib.sha256(content).hexdigest()})
    return found.iloc[0].to_dict() if len(found) else None


def history() -> pd.DataFrame:
    return _read("actuals_history")


def save_batch(rows: pd.DataFrame, file_name: str, content: bytes, note: str, counts: dict[str, int],
               actor: audit.Actor, allow_repeat: bool = False) -> str:
    """Write one batch (all rows or none) and return its id. ``counts``: rows added, replaced,
    unchanged and rejected, as the preview showed them."""
    if not audit_role_may(actor, "analyst"):
        raise NotAllowed(f"{actor.name} 不能上传实际值 / {actor.name} may not upload actuals")
    if len(note) > MAX_NOTE_CHARS or len(file_name) > MAX_FILE_NAME_CHARS:
        raise ValueError(f"备注最多 {MAX_NOTE_CHARS} 字、文件名最多 {MAX_FILE_NAME_CHARS} 字 / "
                         f"a note has at most {MAX_NOTE_CHARS} characters, a file name "
                         f"{MAX_FILE_NAME_CHARS}")
    batch_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    values = rows[VALUE_COLUMNS].copy()
    values.insert(0, "batch_id", batch_id)
    uploaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    sha = hashlib.sha256(content).hexdigest()
    batch = {"batch_id": batch_id, "file_name": file_name, "sha256": sha, "uploaded_at": uploaded_at,
             "note": note, "rows_added": counts.get("add", 0), "rows_replaced": counts.get("replace", 0),
             "rows_unchanged": counts.get("same", 0), "rows_rejected": counts.get("rejected", 0),
             "uploaded_by": actor.name, "uploaded_role": actor.role, "uploaded_via": actor.via,
             "uploaded_from": actor.address}
    with DATABASE_LOCK:
        connection = _connect(read_only=False)
        try:
            connection.execute("begin transaction")
            same = connection.execute(
                "select batch_id, uploaded_at, uploaded_by from batches where sha256 = $1 and batch_id "
                "not in (select batch_id from undone_batches) order by uploaded_at desc", [sha]).fetchone()
            if same and not allow_repeat:
                raise AlreadyStored(*same)
            insert_batch(connection, batch)
            connection.register("incoming", values)
            connection.execute("insert into actual_values select * from incoming")
            journal.keep_files(batch_id, values, content, file_name)  # before the commit
            connection.execute("commit")
            journal.record({"event": "batch", **batch})  # after it: the journal lists only what the database kept
            backups.take(connection)
        except AlreadyStored:
            _rollback_quietly(connection)
            raise
        except duckdb.Error as error:  # a full disk, a damaged file: said plainly, nothing kept
            _rollback_quietly(connection)
            raise ActualsUnavailable(classify(error), str(error)) from error
        finally:
            connection.close()
    audit.record(actor, "batch_stored", batch_id, {
        "file": file_name, "sha256": sha, "rows": len(values), "added": batch["rows_added"],
        "replaced": batch["rows_replaced"], "unchanged": batch["rows_unchanged"],
        "rejected": batch["rows_rejected"], "repeat_of": same[0] if same else None, "note": note})
    return batch_id


BATCH_COLUMNS = ["batch_id", "file_name", "sha256", "uploaded_at", "note", "rows_added", "rows_replaced",
                 "rows_unchanged", "rows_rejected", "uploaded_by", "uploaded_role", "uploaded_via",
                 "uploaded_from"]


def insert_batch(connection: duckdb.DuckDBPyConnection, batch: dict) -> None:
    """One row of ``batches`` from a batch's description (a journal line written by an older
    version lacks the later columns: they stay empty)."""
    defaults = {"rows_unchanged": 0, "uploaded_by": "", "uploaded_role": "", "uploaded_via": "",
                "uploaded_from": ""}
    connection.execute(
        f"insert into batches ({', '.join(BATCH_COLUMNS)}) values "
        f"({', '.join(f'${i + 1}' for i in range(len(BATCH_COLUMNS)))})",
        [batch.get(column, defaults.get(column)) for column in BATCH_COLUMNS])


def audit_role_may(actor: audit.Actor, role: str) -> bool:
    from etl.accounts import at_least

    return at_least(actor.role, role)


def _rollback_quietly(connection: duckdb.DuckDBPyConnection) -> None:
    """Roll back what is open; after a fatal error DuckDB has already ended the transaction."""
    try:
        connection.execute("rollback")
    except duckdb.Error:
        pass


def may_undo(actor: audit.Actor, uploaded_by: str) -> bool:
    """An analyst undoes their own batches; an admin anyone's."""
    return audit_role_may(actor, "admin") or (audit_role_may(actor, "analyst") and uploaded_by == actor.name)


def undo_batch(batch_id: str, actor: audit.Actor) -> bool:
    """Mark a batch undone; its values stay as history. False if there was no such live batch."""
    with DATABASE_LOCK:
        connection = _connect(read_only=False)
        try:
            found = connection.execute("select uploaded_by from batches where batch_id = $1",
                                       [batch_id]).fetchone()
            if found is None:
                return False
            if not may_undo(actor, found[0]):
                raise NotAllowed(f"只有管理员可以撤销他人（{found[0] or '?'}）的批次 / only an admin may undo "
                                 f"a batch someone else ({found[0] or '?'}) stored")
            undone_at = datetime.now(timezone.utc).replace(tzinfo=None)
            changed = connection.execute(
                "insert into undone_batches (batch_id, undone_at, undone_by, undone_from) "
                "select batch_id, $2, $3, $4 from batches "
                "where batch_id = $1 and batch_id not in (select batch_id from undone_batches) "
                "returning batch_id",
                [batch_id, undone_at, actor.name, actor.address]).fetchall()
            if changed:
                journal.record({"event": "undo", "batch_id": batch_id, "undone_at": undone_at.isoformat(),
                                "undone_by": actor.name, "undone_from": actor.address})
                backups.take(connection)
        except duckdb.Error as error:
            raise ActualsUnavailable(classify(error), str(error)) from error
        finally:
            connection.close()
    if changed:
        audit.record(actor, "batch_undone", batch_id, {"uploaded_by": found[0]})
    return bool(changed)


def upgrade() -> None:
    """Give a store written by an older version the columns this one reads (no-op when current)."""
    if not paths.actuals_db().exists():
        return
    try:
        with DATABASE_LOCK:
            _connect(read_only=False).close()  # runs actuals_schema.sql: create / add if missing
    except ActualsUnavailable:
        pass  # a damaged or busy store: the banner says so; nothing to upgrade now
