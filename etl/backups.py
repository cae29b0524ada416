"""Rotating copies of the actuals database, taken after every batch and undo (the newest
``KEEP``), as a second way back beside the journal:

    python -m etl restore-actuals --from-backup [FILE]

A copy is taken by the writer that has just committed, after a checkpoint, while it still holds
the database's write lock, so no other process can change the file while it is copied.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from etl import journal, paths

KEEP = 10


def folder() -> Path:
    return paths.DB_DIR / "backups"


def take(connection: duckdb.DuckDBPyConnection) -> Path:
    """Copy the actuals database as it is now committed; keep the newest KEEP copies."""
    connection.execute("checkpoint")  # everything committed is in the main file, none in the WAL
    folder().mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    target = folder() / f"actuals-{stamp}.duckdb"
    scratch = folder() / f".{target.name}.copying"
    shutil.copyfile(paths.actuals_db(), scratch)
    os.replace(scratch, target)  # a copy is either whole or absent
    for old in existing()[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def existing() -> list[Path]:
    """The backups, newest first."""
    return sorted(folder().glob("actuals-*.duckdb"), reverse=True) if folder().exists() else []


def restore(chosen: Path | None = None) -> Path:
    """Put a backup (the newest when none is named) in place of the actuals database; the old file
    is kept beside it, renamed. Returns the backup used."""
    chosen = chosen or next(iter(existing()), None)
    if chosen is None or not chosen.is_file():
        raise FileNotFoundError(f"no backup to restore from in {folder()}")
    with duckdb.connect(str(chosen), read_only=True) as connection:  # refuse a damaged copy
        connection.execute("select count(*) from batches").fetchone()
    database = paths.actuals_db()
    scratch = database.with_name(f".{database.name}.{os.getpid()}.restoring")
    shutil.copyfile(chosen, scratch)
    journal.put_in_place(scratch)
    return chosen
