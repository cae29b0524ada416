"""Median time of `python -m etl`'s build on the seed documents, next to a baseline measured in
the same run: reading and normalising the same documents without extracting anything.

    .venv/bin/python -m bench.bench_etl
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import median_seconds
from etl import build, paths
from etl.documents import read_documents
from etl.normalize import normalise
from etl.reference import load_reference


def main() -> None:
    ref = load_reference()

    def read_only() -> None:
        for document in read_documents(paths.RAW_DIR, ref)[0]:
            normalise(document.text)

    baseline = median_seconds(read_only, repeats=7)
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "targets.duckdb"
        full = median_seconds(lambda: build.run(paths.RAW_DIR, database), repeats=5)
    print(f"read + normalise (baseline): {baseline * 1000:.0f} ms")
    print(f"full build (extract, check, write, swap): {full * 1000:.0f} ms = {full / baseline:.1f} x baseline")


if __name__ == "__main__":
    main()
