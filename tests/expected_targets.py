"""Read tests/expected/targets.txt and compare it with what the extractor found."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

EXPECTED = Path(__file__).parent / "expected" / "targets.txt"


def expected_keys(path: Path = EXPECTED) -> Counter:
    keys: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        document, region, indicator, kind, status, *pairs = line.split()
        for pair in pairs:
            year, value = pair.split("=")
            keys[(document, region, indicator, kind, status, year, round(float(value), 4))] += 1
    return keys


def found_keys(targets: pd.DataFrame) -> Counter:
    """Keys of extracted rows, without yes/no commitments (those are tested on their own)."""
    keys: Counter = Counter()
    for row in targets.itertuples():
        if row.rule == "commitment" or not isinstance(row.indicator_id, str) or not row.indicator_id:
            continue  # yes/no commitments and uncatalogued labels are checked elsewhere
        year = {"every_year": "every", "cumulative": "cum"}.get(row.year_scope) or str(int(row.year))
        keys[(row.document_id[:3], row.region_id, row.indicator_id, row.kind, row.status, year,
              round(float(row.value), 4))] += 1
    return keys


def compare(targets: pd.DataFrame) -> dict:
    expected, found = expected_keys(), found_keys(targets)
    missed, extra = expected - found, found - expected
    return {"expected": sum(expected.values()), "found": sum(found.values()),
            "missed": sorted(missed.elements()), "extra": sorted(extra.elements())}
