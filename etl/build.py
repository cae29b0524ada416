"""Build the targets database from data/raw/ and the reference tables.

The database is written to a new file next to the old one and swapped in with ``os.replace``,
so a failed build leaves the previous database untouched and readers are never locked out.
A document that cannot be read or placed is set aside and listed in the report; the others are
built. When no document is left, the previous database stays and the build says so.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from etl import paths
from etl.checks import plan_checks
from etl.documents import Document, SetAside, read_documents
from etl.extract import extract_document
from etl.reference import Reference, load_reference
from etl.review import LOG_COLUMNS, ReviewError, add_keys, apply_decisions, read_decisions


class BuildError(Exception):
    """The build was stopped; the previous database is still in place."""


class NothingToBuild(BuildError):
    """Every document was set aside (or there was none): the previous database is kept."""

    def __init__(self, raw_dir: Path, database: Path, set_aside: list[SetAside]) -> None:
        self.set_aside = set_aside
        what = (f"all {len(set_aside)} documents in {raw_dir} were set aside" if set_aside
                else f"no documents in {raw_dir}")
        kept = f"kept the previous database {database}" if database.exists() else \
            f"{database} was not created"
        super().__init__(f"nothing to build: {what}; {kept}{format_set_aside(set_aside)}")


@dataclass
class BuildReport:
    database: Path
    documents: int
    targets: int
    actuals_in_documents: int
    unplaced: int
    seconds: float
    set_aside: list[SetAside] = field(default_factory=list)
    uncatalogued: int = 0
    frequent_labels: list[tuple[str, int]] = field(default_factory=list)
    decisions: int = 0
    not_applied: list[str] = field(default_factory=list)
    open_checks: int = 0

    def __str__(self) -> str:
        return (f"built {self.database} in {self.seconds:.2f} s: {self.documents} documents, "
                f"{self.targets} targets and {self.actuals_in_documents} reported values "
                f"({self.uncatalogued} of these outside the indicator catalogue), "
                f"{self.unplaced} unplaced numbers{format_set_aside(self.set_aside)}"
                f"{format_review(self.decisions, self.not_applied)}"
                f"\nplan checks to look at: {self.open_checks} (see the Documents page)"
                f"{format_labels(self.frequent_labels)}")


def format_review(decisions: int, not_applied: list[str]) -> str:
    """How many review decisions were applied, and each one that could not be."""
    if not decisions:
        return ""
    lines = [f"review decisions: {decisions - len(not_applied)} of {decisions} applied"]
    lines += [f"  {line}" for line in not_applied]
    return "\n" + "\n".join(lines)


def format_labels(labels: list[tuple[str, int]]) -> str:
    """The most frequent labels no catalogue indicator matched: where the catalogue should grow."""
    if not labels:
        return ""
    return "\nmost frequent labels outside the catalogue: " + \
        "、".join(f"{label} ({count})" for label, count in labels)


def frequent_labels(targets: pd.DataFrame, limit: int = 10) -> list[tuple[str, int]]:
    outside = targets.loc[targets["indicator_id"].isna(), "indicator_label"]
    return [(label, int(count)) for label, count in outside.value_counts().head(limit).items()]


def format_set_aside(set_aside: list[SetAside]) -> str:
    """The set-aside documents as lines under the report ("" when there are none)."""
    if not set_aside:
        return ""
    lines = [f"set aside {len(set_aside)} document{'s' if len(set_aside) > 1 else ''} "
             "(not in the database):"]
    lines += [f"  {item.file}: {item.reason}" for item in set_aside]
    return "\n" + "\n".join(lines)


def run(raw_dir: Path | None = None, database: Path | None = None,
        corrections: Path | None = None) -> BuildReport:
    started = time.perf_counter()
    raw_dir = raw_dir or paths.RAW_DIR
    database = database or paths.targets_db()
    # -- load inputs
    ref = load_reference()
    documents, set_aside = read_documents(raw_dir, ref)
    if not documents:
        raise NothingToBuild(raw_dir, database, set_aside)
    try:
        decisions = read_decisions(corrections)
    except ReviewError as error:
        raise BuildError(str(error)) from error
    # -- process
    targets, unplaced = extract_all(documents, ref)
    reviewed = apply_decisions(decisions, add_keys(targets), unplaced,
                               {d.document_id: d.text for d in documents}, ref)
    targets, unplaced = numbered(reviewed.targets, reviewed.unplaced)
    check_quotes(documents, targets)
    checks = plan_checks(targets, ref.regions, ref.indicators, decisions)
    log = pd.concat([reviewed.log, explained_log(decisions, checks)], ignore_index=True)
    # -- save outputs
    database.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_scratch(database)
    scratch = database.with_name(f".{database.name}.{os.getpid()}.building")
    scratch.unlink(missing_ok=True)
    try:
        write_database(scratch, ref, documents, targets, unplaced, log, checks)
        os.replace(scratch, database)
    finally:
        scratch.unlink(missing_ok=True)
    return BuildReport(database, len(documents), int((targets["status"] == "target").sum()),
                       int((targets["status"] == "actual").sum()), len(unplaced),
                       time.perf_counter() - started, set_aside,
                       int(targets["indicator_id"].isna().sum()), frequent_labels(targets),
                       len(decisions), [f"{row.key} ({row.action} {row.field}): {row.outcome}"
                                        for row in log.itertuples()
                                        if row.outcome.startswith("not applied")],
                       int((~checks["explained"]).sum()))


def extract_all(documents: list[Document], ref: Reference) -> tuple[pd.DataFrame, pd.DataFrame]:
    target_rows, unplaced_rows = [], []
    for document in documents:
        found = extract_document(document.text, document.document_id, document.meta["region_id"],
                                 document.period, ref, title=document.meta.get("title", ""),
                                 published=document.meta.get("published", ""))
        target_rows += found.target_rows()
        unplaced_rows += found.unplaced_rows()
    targets = pd.DataFrame(target_rows).rename(columns={"document": "document_id"})
    targets["indicator_id"] = targets["indicator_id"].replace("", None)
    unplaced = pd.DataFrame(unplaced_rows).rename(columns={"document": "document_id"})
    return targets, unplaced


def explained_log(decisions, checks: pd.DataFrame) -> pd.DataFrame:
    """What became of each explanation: a check that no longer fires is reported."""
    firing = set(checks["check_id"])
    return pd.DataFrame([{
        "key": d.key, "action": d.action, "field": "", "old": "", "new": "", "who": d.who,
        "when": d.when, "why": d.why, "applied_to": d.key,
        "outcome": "applied" if d.key in firing else "not applied: the check no longer fires",
    } for d in decisions if d.action == "explain"], columns=LOG_COLUMNS)


def numbered(targets: pd.DataFrame, unplaced: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Row ids in document order (ids change between builds; target_key does not)."""
    targets, unplaced = targets.copy(), unplaced.reset_index(drop=True).copy()
    targets["indicator_id"] = targets["indicator_id"].replace("", None)
    targets.insert(0, "target_id", range(1, len(targets) + 1))
    unplaced.insert(0, "unplaced_id", range(1, len(unplaced) + 1))
    return targets, unplaced


def check_quotes(documents: list[Document], targets: pd.DataFrame) -> None:
    """Every quote must be the document's own text at the recorded offsets."""
    texts = {d.document_id: d.text for d in documents}
    for row in targets.itertuples():
        if texts[row.document_id][row.quote_start:row.quote_end] != row.quote:
            raise BuildError(f"quote of target {row.target_id} is not at its offsets in "
                             f"{row.document_id}")


def remove_abandoned_scratch(database: Path) -> list[Path]:
    """Delete the half-written databases of builds that were killed (their process is gone)."""
    removed = []
    for scratch in database.parent.glob(f".{database.name}.*.building"):
        pid = scratch.name.removeprefix(f".{database.name}.").removesuffix(".building")
        if pid.isdigit() and not _running(int(pid)):
            scratch.unlink(missing_ok=True)
            removed.append(scratch)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def derive_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """The tables the views read, computed once from the extracted rows (not at every page view)."""
    connection.execute((paths.SQL_DIR / "derive_target_facts.sql").read_text(encoding="utf-8"))


def write_database(path: Path, ref: Reference, documents: list[Document], targets: pd.DataFrame,
                   unplaced: pd.DataFrame, review_log: pd.DataFrame,
                   checks: pd.DataFrame) -> None:
    documents_frame = pd.DataFrame([{
        "document_id": d.document_id, "title": d.meta["title"], "issuer": d.meta.get("issuer", ""),
        "doc_number": d.meta.get("doc_number", ""), "region_id": d.meta["region_id"],
        "period_start": d.period[0], "period_end": d.period[1],
        "published": d.meta.get("published", ""), "url": d.meta.get("url", ""),
        "sha256": d.meta["sha256"], "notes": d.meta.get("notes", ""),
        "is_metadata_inferred": d.meta["is_metadata_inferred"], "body": d.text,
    } for d in documents])
    info = pd.DataFrame({"key": ["built_at", "documents", "targets", "unplaced"],
                         "value": [datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                   str(len(documents)), str(len(targets)), str(len(unplaced))]})
    connection = duckdb.connect(str(path))
    try:
        connection.execute((paths.SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
        for table, frame in [("regions", ref.regions), ("indicators", ref.indicators),
                             ("documents", documents_frame), ("targets", targets),
                             ("unplaced", unplaced), ("build_info", info),
                             ("review_log", review_log), ("plan_checks", checks)]:
            if frame.empty:
                continue
            connection.register("incoming", frame)
            columns = ", ".join(f'"{c}"' for c in frame.columns)
            connection.execute(f"insert into {table} ({columns}) select {columns} from incoming")
            connection.unregister("incoming")
        derive_tables(connection)
        connection.execute("checkpoint")
    finally:
        connection.close()
