"""How every page scales: server run time and peak memory on SYNTHETIC data (bench/synthetic.py),
generated into a temporary folder, never into data/.

    .venv/bin/python -m bench.bench_scale --scale x1|x10|x100|national [--pages compare,gap]
    .venv/bin/python -m bench.bench_scale --scale national --pages compare --browsers 10

One JSON line per page: the median warm run and the cold run (empty cache, first visitor after a
rebuild or an upload) of the page with AppTest, the same for a one-line baseline page measured in
the same run, their ratios, and the peak memory of the process that ran the page. Each page runs
in a fresh process, so that one page's cache and memory do not flatter another's.

With --browsers N: a server of the same data, N headless Chromium pages opening one page at once;
the median and slowest time to fully rendered, errors, and the server's memory per extra visitor.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES = ["overview", "compare", "trends", "gap", "map", "region", "sources", "upload", "documents"]
WARM_RUNS = 3
TABS_PER_BROWSER = 5
# The views a user opens by default at national size are shown for the indicator and year most
# pages start on; each page reads its filters from the URL as a user's link would give them.
QUERY = {"compare": {"indicator": "hightech_enterprises", "year": "2023"},
         "trends": {"indicator": "hightech_enterprises"},
         "gap": {"indicator": "hightech_enterprises", "year": "2023"},
         "map": {"indicator": "hightech_enterprises", "year": "2023"}}


def run_one(page: str) -> dict:
    """In the child process: a cold run, then warm runs, of one page (or the baseline)."""
    from streamlit.testing.v1 import AppTest

    from etl import paths

    def once() -> float:
        if page == "baseline":
            script = Path(tempfile.gettempdir()) / "kj_baseline_page.py"
            script.write_text("import streamlit as st\nst.write('baseline')\n")
            at = AppTest.from_file(str(script), default_timeout=600)
        else:
            at = AppTest.from_file(str(paths.PROJECT_DIR / "app.py"), default_timeout=600)
            for key, value in QUERY.get(page, {}).items():
                at.query_params[key] = value
            if page != "overview":
                at.switch_page(f"pages/{page}.py")
        started = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].value}")
        return elapsed

    cold = once()
    warm = statistics.median(once() for _ in range(WARM_RUNS))
    return {"page": page, "cold_s": round(cold, 3), "warm_s": round(warm, 3), "peak_mb": peak_mb()}


def peak_mb(pid: str = "self") -> int:
    """The process's peak resident memory (VmHWM): its own, not the parent's it was forked from
    (ru_maxrss keeps the parent's peak across exec)."""
    return _status_kb(pid, "VmHWM") // 1024


def rss_mb(pid: str | int) -> int:
    return _status_kb(pid, "VmRSS") // 1024


def _status_kb(pid, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure(page: str, db_dir: Path) -> dict:
    env = {**os.environ, "KJ_DB_DIR": str(db_dir)}
    done = subprocess.run([sys.executable, "-m", "bench.bench_scale", "--child", page],
                          env=env, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    if done.returncode:
        raise SystemExit(f"{page} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def browsers(count: int, page: str, folder: Path) -> dict:
    """``count`` headless browsers open ``page`` at once on a server of the data in ``folder``:
    the median and slowest time to fully rendered, errors, and the server's memory per visitor
    (its resident memory with every page open, less that after one visit, over count - 1)."""
    import asyncio
    import shutil

    from bench.common import start_server
    from playwright.async_api import async_playwright

    server, base = start_server(folder)
    url = f"{base}/{page}?" + "&".join(f"{k}={v}" for k, v in QUERY.get(page, {}).items())
    try:
        async def visit(browser) -> tuple[float, bool]:
            context = await browser.new_context(viewport={"width": 1400, "height": 1000})
            tab = await context.new_page()
            started = time.perf_counter()
            try:  # many tabs on few cores load slowly: wait up to ten minutes, then count a failure
                await tab.goto(url, wait_until="commit", timeout=600_000)
                await tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                                            timeout=600_000)
                await tab.wait_for_function('!document.querySelector(\'[data-testid="stSkeleton"]\')',
                                            timeout=600_000)
                if page in ("compare", "trends", "gap", "region"):
                    await tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=600_000)
                failed = bool(await tab.query_selector('[data-testid="stException"]'))
            except Exception:  # a timeout or a crashed tab
                failed = True
            return time.perf_counter() - started, failed, context

        async def run() -> dict:
            async with async_playwright() as playwright:
                # Visitors use browsers of their own: one Chromium holds a few connections to one
                # server at a time (30 tabs in one browser never finished), so at most
                # TABS_PER_BROWSER tabs share one.
                browsers_used = [await playwright.chromium.launch(
                    executable_path=shutil.which("chromium"), args=["--no-sandbox"])
                    for _ in range(-(-count // TABS_PER_BROWSER))]
                first = await visit(browsers_used[0])
                await first[2].close()
                one_visitor = rss_mb(server.pid)
                results = await asyncio.gather(*(visit(browsers_used[n % len(browsers_used)])
                                                 for n in range(count)))
                all_visitors = rss_mb(server.pid)
                for _, _, context in results:
                    await context.close()
                for browser in browsers_used:
                    await browser.close()
                times = [r[0] for r in results]
                return {"browsers": count, "page": page,
                        "median_rendered_s": round(statistics.median(times), 2),
                        "slowest_rendered_s": round(max(times), 2),
                        "errors": sum(r[1] for r in results),
                        "server_mb_one_visitor": one_visitor, "server_mb_all_visitors": all_visitors,
                        "mb_per_extra_visitor": round((all_visitors - one_visitor) / max(count - 1, 1), 1)}

        return asyncio.run(run())
    finally:
        server.terminate()
        server.wait(timeout=20)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="x1", choices=["x1", "x10", "x100", "national"])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--browsers", type=int, default=0,
                        help="open this many headless browsers at once on the first page of --pages")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    from bench import synthetic

    with tempfile.TemporaryDirectory(prefix="kj_scale_") as folder:
        started = time.perf_counter()
        counts = synthetic.make(args.scale, Path(folder))
        print(json.dumps({"scale": args.scale, "data": "seed build only" if args.scale == "x1" else
                          "seed build + SYNTHETIC (bench/synthetic.py)", **counts,
                          "generate_s": round(time.perf_counter() - started, 1)}), flush=True)
        if args.browsers:
            result = browsers(args.browsers, args.pages.split(",")[0], Path(folder))
            print(json.dumps({"scale": args.scale, **result}), flush=True)
            return
        baseline = measure("baseline", Path(folder))
        for page in args.pages.split(","):
            result = measure(page, Path(folder))
            print(json.dumps({
                "scale": args.scale, **result,
                "baseline_warm_s": baseline["warm_s"], "baseline_cold_s": baseline["cold_s"],
                "warm_ratio": round(result["warm_s"] / baseline["warm_s"], 1),
                "cold_ratio": round(result["cold_s"] / baseline["cold_s"], 1),
                "baseline_peak_mb": baseline["peak_mb"]}), flush=True)


if __name__ == "__main__":
    main()
