"""Where things live. No project imports here.

The databases can be moved with KJ_DB_DIR and the plan documents with KJ_RAW_DIR (tests use both).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
RAW_DIR = Path(os.environ.get("KJ_RAW_DIR", PROJECT_DIR / "data" / "raw"))
DB_DIR = Path(os.environ.get("KJ_DB_DIR", PROJECT_DIR / "data"))
REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
GEO_DIR = PROJECT_DIR / "data" / "geo"
# A person's review decisions and the catalogue's growth: plain files, applied at every build.
REVIEW_DIR = Path(os.environ.get("KJ_REVIEW_DIR", PROJECT_DIR / "data" / "review"))
SQL_DIR = Path(__file__).resolve().parent / "sql"


def targets_db() -> Path:
    return DB_DIR / "targets.duckdb"


def corrections_file() -> Path:
    return REVIEW_DIR / "corrections.jsonl"


def label_map_file() -> Path:
    return REVIEW_DIR / "label_map.csv"


def added_indicators_file() -> Path:
    return REVIEW_DIR / "indicators_added.csv"


def actuals_db() -> Path:
    return DB_DIR / "actuals.duckdb"
