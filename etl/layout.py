"""Split a plan document into rows of cells, keeping each cell's original offsets.

Three layouts occur in the published documents and are recognised line by line:
- tab tables (000, 002, 003): a cell is a line starting with a tab, lines without a tab continue
  the cell above, a blank line ends the row;
- pipe tables (001, 004): cells end with ``|``; an empty cell ends the row;
- prose: every other line is a row of one cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    start: int
    end: int
    text: str

    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass
class Row:
    layout: str  # "prose", "tab" or "pipe"
    cells: list[Cell] = field(default_factory=list)


def split_rows(text: str) -> list[Row]:
    rows: list[Row] = []
    current: Row | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        start, body = offset, line.rstrip("\r\n")
        offset += len(line)
        stripped = body.strip()
        if "|" in body and body.rstrip().endswith("|"):
            current = _add_pipe_cells(rows, current, body, start)
        elif body.startswith("\t"):
            if current is None or current.layout != "tab":
                current = Row("tab")
                rows.append(current)
            lead = len(body) - len(body.lstrip("\t"))
            current.cells.append(Cell(start + lead, start + len(body), body[lead:]))
        elif not stripped:
            if current is not None and current.layout == "tab":
                current = None
        elif current is not None and current.layout == "tab" and current.cells:
            last = current.cells[-1]  # a continuation line of the tab cell above
            last.end = start + len(body)
            last.text = text[last.start:last.end]
        else:
            lead = len(body) - len(body.lstrip())
            rows.append(Row("prose", [Cell(start + lead, start + len(body.rstrip()), stripped)]))
            current = None
    return [row for row in rows if row.cells]


def _add_pipe_cells(rows: list[Row], current: Row | None, body: str, start: int) -> Row | None:
    position = 0
    for piece in body.split("|")[:-1]:
        cell_start = start + position
        position += len(piece) + 1
        if not piece.strip():
            current = None  # an empty cell closes the row
            continue
        if current is None or current.layout != "pipe":
            current = Row("pipe")
            rows.append(current)
        lead = len(piece) - len(piece.lstrip())
        current.cells.append(Cell(cell_start + lead, cell_start + len(piece.rstrip()), piece.strip()))
    return current
