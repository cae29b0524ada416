"""Export targets or actuals as CSV in utf-8-sig or XLSX; formula-like cells neutralised."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pandas as pd

from etl import queries


class ExportError(Exception):
    """Nothing was written; the message says why."""


EXPORTS = {"targets": queries.targets_for_export, "actuals": queries.actuals_for_export}
FORMULA_START = ("=", "+", "-", "@")


def starts_a_formula(value) -> bool:
    """Text a spreadsheet would run as a formula: = + - @ first, also after spaces, tabs or line
    breaks (Excel skips them)."""
    return isinstance(value, str) and value.lstrip(" \t\r\n").startswith(FORMULA_START)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe (CSV)."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: "'" + v if starts_a_formula(v) else v)
    return frame


def text_cells(sheet) -> None:
    """In an XLSX, formula-like text is stored as text (never as a formula, no apostrophe)."""
    for row in sheet.iter_rows():
        for cell in row:
            if starts_a_formula(cell.value):
                cell.data_type = "s"


def to_bytes(frame: pd.DataFrame, file_format: str) -> bytes:
    if file_format == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False)
            text_cells(next(iter(writer.sheets.values())))
        return buffer.getvalue()
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def main(table: str, file_format: str, output: str | None) -> int:
    frame = EXPORTS[table]()
    if output is None and file_format == "xlsx":
        raise ExportError("XLSX needs --output FILE")
    data = to_bytes(frame, file_format)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        Path(output).write_bytes(data)
        print(f"wrote {len(frame)} rows to {output}", file=sys.stderr)
    return 0
