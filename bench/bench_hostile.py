"""Does one hostile upload slow another visitor down? (a benchmark script, not a test)

    .venv/bin/python -m bench.bench_hostile [--rounds 5]

A served copy of today's targets database. Visitor B opens Compare again and again, first with
the server otherwise idle (the baseline, measured in this run), then while visitor A, in another
browser, uploads hostile files one after another:

* ``bomb.xlsx``: 0.6 MB that would unpack to 1.2 M rows (refused from the zip's directory);
* ``rows.csv``: 2 M short rows, 33 MB, past the 1.5 M-row limit (refused while reading);
* ``slow.xlsx``: 50,000 rows of real-looking values, 1.6 MB, the largest Excel file allowed (parsed).

For each file, on a fresh server, prints medians: B's time to a rendered page idle and under
attack (and their ratio), how long A waited for the verdict, and how much the server's resident
memory grew to its peak (parse children are separate processes with their own limits). The files are
generated here, in a temporary folder, and never stored in data/.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_scale import _status_kb, rss_mb
from bench.common import start_server
from bench.synthetic import excel_bomb
from etl import paths

PAGE = "compare?indicator=hightech_enterprises&year=2025&lang=zh"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def hostile_files(folder: Path) -> list[Path]:
    (folder / "bomb.xlsx").write_bytes(excel_bomb(1_200_000))
    with (folder / "rows.csv").open("w", encoding="utf-8") as handle:
        handle.write("地区,指标,年份,数值,单位\n")
        handle.writelines("吉首市,高新技术企业数,2023,1,家\n" for _ in range(2_000_000))
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet_out = book.create_sheet("actuals")
    sheet_out.append(["地区", "指标", "年份", "数值", "单位"])
    for n in range(50_000):  # SYNTHETIC rows, generated here
        sheet_out.append(["吉首市", "高新技术企业数", 2000 + n % 30, n % 500, "家"])
    book.save(folder / "slow.xlsx")
    return [folder / "bomb.xlsx", folder / "rows.csv", folder / "slow.xlsx"]


def settled(tab) -> None:
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=300_000)
    tab.wait_for_function('!document.querySelector(\'[data-testid="stSkeleton"]\')', timeout=300_000)


def visit_times(url: str, rounds: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for _ in range(rounds):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            tab = context.new_page()
            started = time.perf_counter()
            tab.goto(f"{url}/{PAGE}", wait_until="commit")
            settled(tab)
            tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=300_000)
            times.append(time.perf_counter() - started)
            context.close()
        browser.close()
    return times


def attacker(url: str, files: list[str], out: str) -> None:
    """Visitor A: upload each file, wait for the page's verdict, again and again until stopped."""
    from playwright.sync_api import sync_playwright

    verdicts: dict[str, list[float]] = {Path(f).name: [] for f in files}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        tab = browser.new_page()
        while not Path(out + ".stop").exists():
            for file in files:
                tab.goto(f"{url}/upload", wait_until="commit")
                settled(tab)
                started = time.perf_counter()
                tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(file)
                # the verdict: the page's summary of the file ("编码 …"), drawn once the check is done
                tab.get_by_text(re.compile("^编码")).first.wait_for(timeout=300_000)
                verdicts[Path(file).name].append(time.perf_counter() - started)
                Path(out).write_text(json.dumps(verdicts))
        browser.close()


def one_attack(work: Path, file: Path, rounds: int) -> dict:
    """A fresh server; B's visits idle, then while A uploads ``file`` again and again."""
    server, url = start_server(work)
    out = work / f"verdicts_{file.name}.json"
    try:
        visit_times(url, 1)  # warm the caches once
        idle = visit_times(url, rounds)
        before_mb = rss_mb(server.pid)
        attack = subprocess.Popen([sys.executable, "-m", "bench.bench_hostile", "--attacker", url, str(file),
                                   str(out)], cwd=paths.PROJECT_DIR)
        time.sleep(3)
        attacked = visit_times(url, rounds)
        Path(str(out) + ".stop").touch()
        attack.wait(timeout=600)
        peak_mb = _status_kb(server.pid, "VmHWM") // 1024
        time.sleep(20)  # what the server keeps once the attack is over
        after_mb = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    verdicts = json.loads(out.read_text())[file.name]
    return {"file": file.name, "size_mb": round(file.stat().st_size / 2**20, 2),
            "b_idle_median_s": round(statistics.median(idle), 2),
            "b_under_attack_median_s": round(statistics.median(attacked), 2),
            "b_ratio": round(statistics.median(attacked) / statistics.median(idle), 2),
            "a_uploads": len(verdicts), "a_verdict_median_s": round(statistics.median(verdicts), 2),
            "server_rss_mb_before": before_mb, "server_growth_to_peak_mb": peak_mb - before_mb,
            "server_growth_kept_20s_after_mb": after_mb - before_mb}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--attacker", nargs=3, metavar=("URL", "FILES", "OUT"))
    args = parser.parse_args(argv)
    if args.attacker:
        attacker(args.attacker[0], args.attacker[1].split(","), args.attacker[2])
        return
    work = Path(tempfile.mkdtemp(prefix="bench_hostile_"))
    try:
        shutil.copy(paths.targets_db(), work / "targets.duckdb")
        for file in hostile_files(work):
            print(json.dumps(one_attack(work, file, args.rounds), ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
