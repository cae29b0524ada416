"""Chart exports under load: one export, then N at once (threads, as N visitors clicking), with
the export server warm; the time for all N as a ratio to one export measured in the same run.

    .venv/bin/python -m bench.bench_export [N]
"""

from __future__ import annotations

import concurrent.futures
import sys
import time

from bench.common import median_seconds


def main(count: int = 8) -> None:
    from dashboard import charts, export, views
    from etl import queries

    table = views.compare_table(queries.target_facts("hightech_enterprises", 2023),
                                queries.actual_facts("hightech_enterprises", 2023),
                                "hightech_enterprises", 2023, "level", None, "value", "zh", "counties")
    fig = charts.compare_bars(table, "高新技术企业数 · 2023", "家", ["000"], "bench", "zh")
    export.render(fig, "png", scale=2)  # starts the export server
    one = median_seconds(lambda: export.render(fig, "png", scale=2), repeats=5, warmup=0)

    def together() -> list:
        with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
            futures = [pool.submit(export.render, fig, "png", 2) for _ in range(count)]
            return [f.exception() for f in futures]

    started = time.perf_counter()
    errors = together()
    all_of_them = time.perf_counter() - started
    busy = sum(isinstance(e, export.ExportBusy) for e in errors)
    print(f"export workers: {export.EXPORT_WORKERS}, queue: {export.EXPORT_QUEUE}")
    print(f"one export: {one * 1000:.0f} ms; {count} at once: {all_of_them * 1000:.0f} ms "
          f"= {all_of_them / one:.1f}x one; refused as busy: {busy}; other errors: "
          f"{sum(e is not None and not isinstance(e, export.ExportBusy) for e in errors)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
