"""Shared fixtures: the reference tables and a targets database built into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl import build, paths
from etl.reference import load_reference

RAW = paths.PROJECT_DIR / "data" / "raw"


@pytest.fixture(scope="session")
def ref():
    return load_reference()


@pytest.fixture(scope="session")
def session_db_dir(tmp_path_factory) -> Path:
    """One database built from the five seed documents, shared by read-only tests."""
    directory = tmp_path_factory.mktemp("db")
    build.run(RAW, directory / "targets.duckdb", directory / "no_corrections.jsonl")
    return directory


@pytest.fixture
def db_dir(session_db_dir, monkeypatch) -> Path:
    """Point the app's queries at the session database (read-only tests)."""
    monkeypatch.setattr(paths, "DB_DIR", session_db_dir)
    return session_db_dir


@pytest.fixture
def fresh_db_dir(tmp_path, session_db_dir, monkeypatch) -> Path:
    """A private copy of the database for tests that write (uploads, rebuilds)."""
    shutil.copy(session_db_dir / "targets.duckdb", tmp_path / "targets.duckdb")
    monkeypatch.setattr(paths, "DB_DIR", tmp_path)
    return tmp_path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The seed documents, a database and an empty review folder, all private to the test."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    monkeypatch.setattr(paths, "RAW_DIR", raw)
    monkeypatch.setattr(paths, "DB_DIR", tmp_path)
    monkeypatch.setattr(paths, "REVIEW_DIR", tmp_path / "review")
    build.run()
    return tmp_path
