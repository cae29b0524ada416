"""The actuals journal: every batch's rows (Parquet) and original file, and every undo, kept as
plain files beside the database, so that a damaged actuals database can be rebuilt from them:

    python -m etl restore-actuals

The rows and the file are written before the batch is committed and the journal line after it,
so the journal never lists a batch the database refused.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from etl import paths


def folder() -> Path:
    return paths.DB_DIR / "actuals_journal"


def keep_files(batch_id: str, values: pd.DataFrame, content: bytes, file_name: str) -> None:
    """The batch's rows and its original file, before the batch is committed."""
    folder().mkdir(parents=True, exist_ok=True)
    values.to_parquet(folder() / f"{batch_id}.rows.parquet", index=False)
    suffix = Path(file_name).suffix.lower()[:8] if Path(file_name).suffix else ".bin"
    (folder() / f"{batch_id}.original{suffix}").write_bytes(content)


def record(event: dict) -> None:
    """One line of the journal, flushed to disk before returning."""
    folder().mkdir(parents=True, exist_ok=True)
    line = json.dumps(event, ensure_ascii=False, default=str) + "\n"
    with (folder() / "journal.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def events() -> list[dict]:
    path = folder() / "journal.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def restore() -> dict[str, int]:
    """Rebuild data/actuals.duckdb from the journal; the old file is kept beside it, renamed."""
    from etl.actuals import insert_batch
    from etl.queries import sql

    database = paths.actuals_db()
    scratch = database.with_name(f".{database.name}.{os.getpid()}.restoring")
    scratch.unlink(missing_ok=True)
    counts = {"batches": 0, "rows": 0, "undone": 0}
    with duckdb.connect(str(scratch)) as connection:
        connection.execute(sql("actuals_schema"))
        for event in events():
            if event["event"] == "batch":
                insert_batch(connection, event)
                rows = pd.read_parquet(folder() / f"{event['batch_id']}.rows.parquet")
                connection.register("incoming", rows)
                connection.execute("insert into actual_values select * from incoming")
                connection.unregister("incoming")
                counts["batches"] += 1
                counts["rows"] += len(rows)
            elif event["event"] == "undo":
                connection.execute("insert into undone_batches (batch_id, undone_at, undone_by, undone_from) "
                                   "values ($1, $2, $3, $4)", [event["batch_id"], event["undone_at"],
                                                              event.get("undone_by", ""), event.get("undone_from", "")])
                counts["undone"] += 1
        connection.execute("checkpoint")
    put_in_place(scratch)
    return counts


def put_in_place(scratch: Path) -> None:
    """Make ``scratch`` the actuals database; the file it replaces is kept beside it, renamed."""
    database = paths.actuals_db()
    if database.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        database.rename(database.with_name(f"{database.name}.replaced-{stamp}"))
    database.with_name(database.name + ".wal").unlink(missing_ok=True)
    os.replace(scratch, database)
