"""Parse-and-validate time for 1,000 and 100,000 rows of SYNTHETIC actuals (generated here, never
stored), next to DuckDB's own read_csv on the same UTF-8 bytes in the same run.

    .venv/bin/python -m bench.bench_upload
    .venv/bin/python -m bench.bench_upload --national   # one national file as one batch
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from bench.common import median_seconds
from etl import sandbox, upload
from etl.reference import load_reference


def synthetic_csv(rows: int) -> bytes:
    """Synthetic rows over real region and indicator names; labelled as demo data in the note."""
    ref = load_reference()
    # names repeat across China (朝阳区 in Beijing and Changchun): every row also gives the code
    regions = ref.regions.query("level != 'zone'")[["name_zh", "region_id"]].values.tolist()
    units = {"高新技术企业数": "家", "全社会研发经费投入": "万元", "科技型中小企业": "家", "有效发明专利拥有量": "件",
             "财政科技支出": "万元", "技术合同交易额": "亿元", "外国专家拥有量": "人", "研发人员数": "人/年"}
    indicators = list(units)
    lines = ["地区,区划代码,指标,年份,数值,单位,备注"]
    for n in range(rows):
        region, code = regions[n % len(regions)]
        indicator = indicators[(n // len(regions)) % len(indicators)]
        year = 1990 + n // (len(regions) * len(indicators))
        lines.append(f"{region},{code},{indicator},{year},{n % 997 + 1},{units[indicator]},synthetic demo")
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    ref = load_reference()
    upload.MAX_ROWS = 200_000  # the benchmark measures beyond the page's limit on purpose
    upload.MAX_BYTES = 50 * 1024 * 1024
    print(f"{'rows':>8} {'parse+validate ms':>18} {'duckdb read_csv ms':>19} {'ratio':>7} "
          f"{'in child ms':>14} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as scratch:
        for rows in (1_000, 100_000):
            content = synthetic_csv(rows)
            path = Path(scratch) / f"synthetic_{rows}.csv"
            path.write_bytes(content)
            result = upload.parse_actuals(content, path.name, ref)
            assert len(result.rows) == rows and not result.problems, result.problems[:3]
            ours = median_seconds(lambda: upload.parse_actuals(content, path.name, ref),
                                  repeats=5 if rows < 10_000 else 3)

            def duck() -> None:
                with duckdb.connect() as connection:
                    connection.execute("select * from read_csv(?)", [str(path)]).fetchall()

            theirs = median_seconds(duck, repeats=5)
            # as the page and the command line run it: in a child process with CPU and memory limits
            child = median_seconds(lambda: sandbox.run_limited(upload.parse_actuals, content, path.name, ref),
                                   repeats=3)
            print(f"{rows:8d} {ours * 1000:18.1f} {theirs * 1000:19.1f} {ours / theirs:7.1f} "
                  f"{child * 1000:14.1f} {child / theirs:7.1f}")


def national() -> None:
    """One national file (every synthetic target key, new values: about 1.14 M rows) checked and
    stored as one batch into a database already holding as many actuals; SYNTHETIC data in a
    temporary folder."""
    import os
    import subprocess
    import sys
    import time

    from bench import synthetic

    with tempfile.TemporaryDirectory(prefix="kj_upload_") as folder:
        counts = synthetic.make("national", Path(folder))
        with duckdb.connect(str(Path(folder) / "targets.duckdb"), read_only=True) as connection:
            path = Path(folder) / "national_SYNTHETIC.csv"
            connection.execute(f"""
                copy (select r.name_zh as 地区, t.region_id as 区划代码, t.indicator_id as 指标代码,
                             t.year as 年份, round(t.value * 1.1, 2) as 数值, t.unit as 单位,
                             'SYNTHETIC' as 备注
                      from targets t join regions r using (region_id)
                      where t.document_id like 'SYN-%')
                to '{path}' (header, delimiter ',')""")
        size_mb = path.stat().st_size / 2**20
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "etl", "ingest-actuals", str(path)],
                              env={**os.environ, "KJ_DB_DIR": folder}, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        print(f"national file: {size_mb:.0f} MB; stored before: {counts['actuals']:,} actuals; "
              f"check and store as one batch: {seconds:.1f} s (exit {done.returncode})")
        print("\n".join(done.stdout.strip().splitlines()[1:6]) if done.stdout else done.stderr[-2000:])


if __name__ == "__main__":
    import sys

    national() if "--national" in sys.argv else main()
