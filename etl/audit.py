"""The audit trail: every write (a batch stored or undone, a document added, a review decision,
the catalogue grown, an account changed, a sign-in) is one line of ``data/audit/audit.jsonl``
saying who, in which role and how they signed in, from which address, when, and what.

A plain append-only file, so that it survives whatever happens to the databases; lines are
written under an exclusive lock and flushed to disk before the call returns. The Audit page and
``python -m etl audit`` read it through ``etl/sql/audit_log.sql``.
"""

from __future__ import annotations

import fcntl
import getpass
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from etl import paths
from etl.queries import sql

ACTIONS = ("batch_stored", "batch_undone", "actuals_restored", "document_added", "review_decision",
           "label_mapped", "indicator_added", "check_explained", "account_added", "account_role_changed",
           "account_password_changed", "account_removed", "sign_in", "sign_in_failed")
MAX_DETAIL_CHARS = 2000
COLUMNS = ["time", "who", "role", "via", "address", "action", "subject", "detail"]


@dataclass(frozen=True)
class Actor:
    """Who does something: a name, the role it had then, how they signed in, and from where."""

    name: str
    role: str
    via: str
    address: str

    @classmethod
    def command_line(cls) -> "Actor":
        """Someone at the server's shell: they can change the data folder anyway, so they act as admin."""
        return cls(getpass.getuser(), "admin", "command line", "localhost")


def log_file() -> Path:
    return paths.DB_DIR / "audit" / "audit.jsonl"


def record(actor: Actor, action: str, subject: str, detail: dict | None = None) -> None:
    """Append one event, under a lock, flushed to disk before returning."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    text = json.dumps(detail or {}, ensure_ascii=False, default=str, sort_keys=True)
    event = {"time": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "who": actor.name,
             "role": actor.role, "via": actor.via, "address": actor.address, "action": action,
             "subject": str(subject)[:200], "detail": text[:MAX_DETAIL_CHARS]}
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8")
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # one whole line at a time, across processes
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)  # closing releases the lock


def events(action: str | None = None, who: str | None = None, since: str | None = None,
           until: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """The trail, newest first, filtered (dates as YYYY-MM-DD, in UTC; ``until`` inclusive)."""
    path = log_file()
    if not path.exists() or path.stat().st_size == 0:
        return pd.DataFrame({column: pd.Series(dtype=str) for column in COLUMNS})
    with duckdb.connect() as connection:
        return connection.execute(sql("audit_log"), {
            "path": str(path), "action": action, "who": who, "since": since, "until": until,
            "row_limit": limit}).df()


def actions() -> list[str]:
    return list(ACTIONS)
