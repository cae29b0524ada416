"""How every page scales: server run time and peak memory on SYNTHETIC data (bench/synthetic.py),
generated into a temporary folder, never into data/.

    .venv/bin/python -m bench.bench_scale --scale x1|x10|x100|national [--pages compare,gap]

One JSON line per page: the median warm run and the cold run (empty cache, first visitor after a
rebuild or an upload) of the page with AppTest, the same for a one-line baseline page measured in
the same run, their ratios, and the peak memory of the process that ran the page. Each page runs
in a fresh process, so that one page's cache and memory do not flatter another's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES = ["overview", "compare", "trends", "gap", "map", "region", "sources", "upload", "documents"]
WARM_RUNS = 3
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
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"page": page, "cold_s": round(cold, 3), "warm_s": round(warm, 3), "peak_mb": round(peak_mb)}


def measure(page: str, db_dir: Path) -> dict:
    env = {**os.environ, "KJ_DB_DIR": str(db_dir)}
    done = subprocess.run([sys.executable, "-m", "bench.bench_scale", "--child", page],
                          env=env, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    if done.returncode:
        raise SystemExit(f"{page} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="x1", choices=["x1", "x10", "x100", "national"])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    from bench import synthetic

    with tempfile.TemporaryDirectory(prefix="kj_scale_") as folder:
        started = time.perf_counter()
        counts = synthetic.make(args.scale, Path(folder))
        print(json.dumps({"scale": args.scale, "data": "SYNTHETIC (bench/synthetic.py)", **counts,
                          "generate_s": round(time.perf_counter() - started, 1)}), flush=True)
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
