"""Server-side chart export with kaleido on the system Chromium: one export server per process
with EXPORT_WORKERS tabs rendering at once, not a browser per click. Past that, up to
EXPORT_QUEUE exports wait their turn; more than that are refused at once with "busy, try again in
N s" (N from the recent export times), never left to time out. A missing browser or a hang
becomes a clear message, not a crash."""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import shutil
import threading
import time
import warnings
import zipfile

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import display_width

# plotly passes browser options that a running kaleido server ignores; expected, not a problem.
warnings.filterwarnings("ignore", message="The kopts argument is ignored")
EXPORT_TIMEOUT_SECONDS = 60
EXPORT_WORKERS = 1  # Chromium tabs rendering at once: two were no faster on two cores (bench_export)
EXPORT_QUEUE = 6  # exports that may wait for a tab; one more is told to come back later
_server_lock = threading.Lock()
_server_started = False
_admission = threading.Lock()
_in_flight = 0
_recent_seconds: list[float] = []


class ExportUnavailable(Exception):
    """Images cannot be rendered here; the message says what to install."""


class ExportBusy(ExportUnavailable):
    """Every export tab is busy and the queue is full: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"图片导出繁忙，请 {retry_after} 秒后重试 / image export is busy: "
                         f"try again in {retry_after} s")
        self.retry_after = retry_after


@contextlib.contextmanager
def _turn():
    """A place among the exports running or waiting, or ExportBusy at once when there is none."""
    global _in_flight
    with _admission:
        if _in_flight >= EXPORT_WORKERS + EXPORT_QUEUE:
            typical = sorted(_recent_seconds)[len(_recent_seconds) // 2] if _recent_seconds else 2.0
            raise ExportBusy(max(1, round(typical * _in_flight / EXPORT_WORKERS)))
        _in_flight += 1
    started = time.perf_counter()
    try:
        yield
    finally:
        with _admission:
            _in_flight -= 1
            _recent_seconds.append(time.perf_counter() - started)
            del _recent_seconds[:-20]


def browser_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _ensure_server() -> None:
    global _server_started
    with _server_lock:
        if _server_started:
            return
        if browser_path() is None:
            raise ExportUnavailable("no Chromium found: install it with `apt-get install chromium "
                                    "fonts-noto-cjk` / 未找到 Chromium，请安装 chromium 和 fonts-noto-cjk")
        import kaleido

        kaleido.start_sync_server(n=EXPORT_WORKERS, mathjax=False, silence_warnings=True)
        _server_started = True


def render(fig: go.Figure, image_format: str = "png", scale: float = 2, width: int = 1100,
           height: int | None = None) -> bytes:
    """PNG or SVG bytes of a figure (ExportBusy at once when the export queue is full)."""
    _ensure_server()
    with _turn():
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        future = pool.submit(fig.to_image, format=image_format, scale=scale, width=width,
                             height=height or fig.layout.height or 520)
        try:
            return future.result(timeout=EXPORT_TIMEOUT_SECONDS)
        except concurrent.futures.TimeoutError as error:
            raise ExportUnavailable(f"image export took more than {EXPORT_TIMEOUT_SECONDS} s") from error
        except RuntimeError as error:
            raise ExportUnavailable(str(error)) from error
        finally:
            pool.shutdown(wait=False)


def workbook(data: dict[str, pd.DataFrame], about: dict[str, str] | None = None,
             about_headers: tuple[str, str] = ("项目", "内容")) -> bytes:
    """An XLSX: first a sheet saying what the data reflects (view, filters, sources, dates),
    then one sheet per table, columns wide enough to read."""
    from etl.export import text_cells

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheets = ({"about": pd.DataFrame(list(about.items()), columns=list(about_headers))} if about else {})
        sheets |= dict(data)
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            text_cells(sheet)  # formula-like text stays text
            for number, column in enumerate(frame.columns, start=1):
                cells = [str(column)] + [str(v) for v in frame[column].head(200)]
                width = max(display_width(c) for c in cells) + 2
                sheet.column_dimensions[_letter(number)].width = min(max(width, 8), 60)
    return buffer.getvalue()


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def briefing_zip(figures: dict[str, go.Figure], data: dict[str, pd.DataFrame],
                 about: dict[str, str] | None = None,
                 about_headers: tuple[str, str] = ("项目", "内容")) -> bytes:
    """The current view's charts as PNG plus their data as XLSX and CSV (utf-8-sig) in one ZIP."""
    from etl.export import neutralise_formulas

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, fig in figures.items():
            archive.writestr(f"{name}.png", render(fig, "png", scale=2))
        archive.writestr("data.xlsx", workbook(data, about, about_headers))
        for name, frame in data.items():
            archive.writestr(f"{name}.csv", neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig"))
    return buffer.getvalue()
