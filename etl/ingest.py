"""Check an actuals file and, when it passes, store it as one batch (the command line's path;
the upload page calls the same functions)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import actuals, audit, queries, sandbox
from etl.reference import load_reference
from etl.upload import ParseResult, Problem, parse_actuals, preview


@dataclass
class IngestOutcome:
    result: ParseResult
    preview: pd.DataFrame
    batch_id: str | None

    @property
    def rejected_anything(self) -> bool:
        """Something was refused, or nothing was stored though rows were good (unconfirmed values)."""
        return bool(self.result.problems) or (self.batch_id is None and len(self.result.rows) > 0)

    def report(self) -> str:
        counts = self.preview["action"].value_counts().to_dict() if len(self.preview) else {}
        lines = [f"encoding: {self.result.encoding or '-'}; layout: {self.result.layout or '-'}",
                 f"good rows: {len(self.result.rows)} (add {counts.get('add', 0)}, replace "
                 f"{counts.get('replace', 0)}, unchanged {counts.get('same', 0)}); "
                 f"rejected rows: {len(self.result.rejected_rows)}; problems: {len(self.result.problems)}"]
        lines += [f"  {problem}" for problem in self.result.problems]
        if self.result.warnings:
            lines.append(f"unusual values (saved only with --confirm-unusual): {len(self.result.warnings)}")
            lines += [f"  {warning}" for warning in self.result.warnings]
        lines.append(f"saved as batch {self.batch_id}" if self.batch_id else "nothing was written")
        return "\n".join(lines)


def check(content: bytes, file_name: str, sheet: str | None = None,
          current: pd.DataFrame | None = None) -> tuple[ParseResult, pd.DataFrame]:
    """Parse and preview; ``current`` is the actuals now stored (read here when not given: only
    those of the file's keys)."""
    # In a child process with CPU and memory limits: a hostile file cannot take the server. The
    # child reads the bytes from a private temporary file rather than a pickled copy, so that a
    # large upload is not held twice more in the server while it is parsed.
    with tempfile.NamedTemporaryFile(prefix="kj-upload-", suffix=Path(file_name).suffix[:8]) as handle:
        handle.write(content)
        handle.flush()
        try:
            result = sandbox.run_limited(parse_file_in_child, handle.name, file_name, sheet)
        except sandbox.TooCostly as error:
            result = ParseResult(pd.DataFrame(), [Problem(0, "", error.zh, error.en)])
    if current is None:
        current = queries.actual_facts_for(result.rows) if len(result.rows) else pd.DataFrame()
    return result, preview(result.rows, current)


def parse_file_in_child(path: str, file_name: str, sheet: str | None) -> ParseResult:
    return parse_actuals(Path(path).read_bytes(), file_name, load_reference(), sheet)


def save(result: ParseResult, shown: pd.DataFrame, file_name: str, content: bytes, note: str,
         actor: audit.Actor, allow_repeat: bool = False) -> str:
    counts = {action: int((shown["action"] == action).sum()) for action in ("add", "replace", "same")}
    return actuals.save_batch(result.rows, file_name, content, note,
                              {**counts, "rejected": len(result.rejected_rows)}, actor, allow_repeat)


def read_bounded(path: Path) -> bytes:
    """The file's bytes, after checking it is a regular file within the size limit (so that
    /dev/zero or a huge file is refused before it is read)."""
    from etl.upload import MAX_BYTES

    if not path.is_file():
        raise ValueError(f"不是普通文件：{path} / not a regular file: {path}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"文件超过 {MAX_BYTES // 2**20} MB 上限 / the file is larger than the "
                         f"{MAX_BYTES // 2**20} MB limit ({size / 2**20:.0f} MB)")
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def may_save(result: ParseResult, good_rows_only: bool, unusual_confirmed: bool) -> bool:
    """Good rows, nothing wrong with the file, every problem row left out on purpose, and any
    unusual value confirmed by a person."""
    return (len(result.rows) > 0 and not result.file_problems
            and (good_rows_only or not result.problems)
            and (unusual_confirmed or not result.warnings))


def ingest(path: Path, good_rows_only: bool = False, note: str = "",
           sheet: str | None = None, unusual_confirmed: bool = False, again: bool = False,
           actor: audit.Actor | None = None) -> IngestOutcome:
    content = read_bounded(path)
    result, shown = check(content, path.name, sheet)
    batch_id = save(result, shown, path.name, content, note, actor or audit.Actor.command_line(), again) \
        if may_save(result, good_rows_only, unusual_confirmed) else None
    return IngestOutcome(result, shown, batch_id)
