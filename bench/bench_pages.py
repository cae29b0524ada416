"""Median server-side run time of each page script on the seed data, and of one chart export with
the export server warm, each also as a ratio to a baseline measured in the same run (an AppTest
run of a one-line Streamlit script; for export, a cold first export).

    .venv/bin/python -m bench.bench_pages
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.common import median_seconds
from etl import paths

PAGES = ["overview", "compare", "trends", "gap", "map", "sources", "upload"]


def run_page(page: str) -> None:
    at = AppTest.from_file(str(paths.PROJECT_DIR / "app.py"), default_timeout=120)
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, page


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        baseline_script = Path(scratch) / "baseline.py"
        baseline_script.write_text("import streamlit as st\nst.write('baseline')\n")
        baseline = median_seconds(lambda: AppTest.from_file(str(baseline_script)).run(), repeats=7)
    print(f"baseline (one-line script via AppTest): {baseline * 1000:.1f} ms")
    print(f"{'page':10} {'median ms':>10} {'x baseline':>11}")
    for page in PAGES:
        seconds = median_seconds(lambda: run_page(page), repeats=5)
        print(f"{page:10} {seconds * 1000:10.1f} {seconds / baseline:11.1f}")

    from dashboard import charts, data, export, views
    targets, actuals = data.targets(), data.actuals()
    table = views.compare_table(targets, actuals, "hightech_enterprises", 2023, "level", None, "value", "zh")
    fig = charts.compare_bars(table, "高新技术企业数 · 2023", "家", ["000"], "bench", "zh")
    started = time.perf_counter()
    export.render(fig, "png", scale=2)
    cold = time.perf_counter() - started
    warm = median_seconds(lambda: export.render(fig, "png", scale=2), repeats=7, warmup=0)
    print(f"chart export PNG x2: cold (starts the server) {cold * 1000:.0f} ms; "
          f"warm median {warm * 1000:.0f} ms; warm/cold {warm / cold:.2f}")


if __name__ == "__main__":
    main()
