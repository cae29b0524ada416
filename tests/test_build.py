"""Loading: constraints, atomic swap, a reader not locked out, export."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import duckdb
import openpyxl
import pytest

from etl import build, export, paths
from conftest import RAW

EXPORT_COLUMNS = ["document", "region_code", "region_name_zh", "indicator_id", "indicator_name_zh",
                  "year", "value", "unit", "value_raw", "unit_raw", "kind", "comparator", "status",
                  "quote"]


def count(database, sql):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchone()[0]


class TestBuild:
    def test_report_names_the_most_frequent_labels_outside_the_catalogue(self, tmp_path):
        report = build.run(RAW, tmp_path / "targets.duckdb")
        assert report.uncatalogued > 50 and report.frequent_labels
        label, count = report.frequent_labels[0]
        assert count >= report.frequent_labels[-1][1] and f"{label} ({count})" in str(report)

    def test_tables_and_counts(self, session_db_dir):
        database = session_db_dir / "targets.duckdb"
        assert count(database, "select count(*) from documents") == 5
        assert count(database, "select count(*) from targets where status = 'actual'") == 52
        assert count(database, "select count(*) from targets") > 700
        uncatalogued = "select count(*) from targets where indicator_id is null and indicator_label <> ''"
        assert count(database, uncatalogued) > 50
        assert count(database, "select count(*) from unplaced where reason = ''") == 0

    def test_constraints_reject_a_target_without_region(self, fresh_db_dir):
        with duckdb.connect(str(fresh_db_dir / "targets.duckdb")) as connection:
            with pytest.raises(duckdb.ConstraintException):
                connection.execute("insert into targets select * replace ('999999' as region_id, "
                                   "100000 as target_id) from targets limit 1")

    def test_enumerations_are_checked(self, fresh_db_dir):
        with duckdb.connect(str(fresh_db_dir / "targets.duckdb")) as connection:
            with pytest.raises(duckdb.ConstraintException):
                connection.execute("update targets set comparator = 'roughly' where target_id = 1")

    def test_failed_build_leaves_the_previous_database(self, tmp_path, session_db_dir):
        database = tmp_path / "targets.duckdb"
        shutil.copy(session_db_dir / "targets.duckdb", database)
        before = database.read_bytes()
        raw = tmp_path / "raw"
        shutil.copytree(RAW, raw)
        for meta in raw.glob("*.meta.json"):
            data = json.loads(meta.read_text(encoding="utf-8"))
            data["region_id"] = "000000"  # a region that does not exist
            meta.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(build.NothingToBuild, match="000000"):
            build.run(raw, database)
        assert database.read_bytes() == before
        assert not list(tmp_path.glob(".*building"))

    def test_a_document_with_an_unknown_region_is_set_aside(self, tmp_path):
        raw = tmp_path / "raw"
        shutil.copytree(RAW, raw)
        meta = raw / "002_a0aa2766bb8c39c1.meta.json"
        data = json.loads(meta.read_text(encoding="utf-8"))
        data["region_id"] = "000000"
        meta.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        report = build.run(raw, tmp_path / "targets.duckdb")
        assert report.documents == 4
        assert [(s.file, "000000" in s.reason) for s in report.set_aside] == \
            [("002_a0aa2766bb8c39c1.txt", True)]
        assert "set aside 1 document" in str(report)

    def test_changed_document_is_set_aside_until_its_metadata_says_so(self, tmp_path):
        raw = tmp_path / "raw"
        shutil.copytree(RAW, raw)
        path = raw / "003_e388266448963a87.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        report = build.run(raw, tmp_path / "targets.duckdb")
        assert report.documents == 4
        assert "checksum" in dict(report.set_aside)["003_e388266448963a87.txt"]

    def test_a_reader_is_not_locked_out_during_a_rebuild(self, tmp_path, session_db_dir):
        database = tmp_path / "targets.duckdb"
        shutil.copy(session_db_dir / "targets.duckdb", database)
        reader = duckdb.connect(str(database), read_only=True)
        try:
            build.run(RAW, database)
            assert reader.execute("select count(*) from documents").fetchone()[0] == 5
        finally:
            reader.close()
        assert count(database, "select count(*) from documents") == 5


class TestExport:
    def test_csv_columns_and_rows(self, db_dir):
        frame = export.EXPORTS["targets"]()
        data = export.to_bytes(frame, "csv")
        assert data.startswith(b"\xef\xbb\xbf")  # utf-8-sig, for Excel
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert set(EXPORT_COLUMNS) <= set(rows[0])
        assert len(rows) == count(db_dir / "targets.duckdb", "select count(*) from targets")
        jishou = [r for r in rows if r["region_code"] == "433101" and r["year"] == "2023"
                  and r["indicator_id"] == "hightech_output"]
        assert jishou[0]["value"] == "560000.0" and jishou[0]["value_raw"] == "56.0"
        assert jishou[0]["unit_raw"] == "亿元" and "56亿元" in jishou[0]["quote"]

    def test_uncatalogued_rows_have_a_label_and_no_indicator(self, db_dir):
        rows = list(csv.DictReader(io.StringIO(
            export.to_bytes(export.EXPORTS["targets"](), "csv").decode("utf-8-sig"))))
        assert {"indicator_label", "year_scope", "status"} <= set(rows[0])
        outside = [r for r in rows if not r["indicator_id"]]
        assert outside and all(r["indicator_label"] and not r["indicator_name_zh"] for r in outside)
        assert {r["status"] for r in rows} == {"target", "actual"}
        assert any(r["indicator_label"] == "外国人才" and r["value_raw"] == "1.0" for r in outside)

    def test_xlsx(self, db_dir, tmp_path):
        path = tmp_path / "targets.xlsx"
        path.write_bytes(export.to_bytes(export.EXPORTS["targets"](), "xlsx"))
        sheet = openpyxl.load_workbook(path).active
        header = [c.value for c in sheet[1]]
        assert set(EXPORT_COLUMNS) <= set(header)

    def test_formula_cells_are_neutralised(self):
        import pandas as pd
        frame = export.neutralise_formulas(pd.DataFrame({"a": ["=1+1", "@x", "ok", "-2"], "b": [1, 2, 3, 4]}))
        assert frame["a"].tolist() == ["'=1+1", "'@x", "ok", "'-2"]

    def test_command_line_writes_to_stdout(self, db_dir):
        env = {"KJ_DB_DIR": str(db_dir), "PATH": ""}
        result = subprocess.run([sys.executable, "-m", "etl", "export", "targets"], env=env,
                                capture_output=True, cwd=paths.PROJECT_DIR, check=True)
        assert result.stdout.decode("utf-8-sig").splitlines()[0].startswith("document,region_code")


def test_a_killed_builds_half_written_file_is_removed_by_the_next(tmp_path):
    import subprocess
    import sys as system

    from etl.build import remove_abandoned_scratch
    database = tmp_path / "targets.duckdb"
    gone = subprocess.run([system.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    abandoned = tmp_path / f".targets.duckdb.{gone}.building"
    abandoned.write_bytes(b"half")
    running = tmp_path / f".targets.duckdb.{os.getpid()}.building"
    running.write_bytes(b"being written")
    assert remove_abandoned_scratch(database) == [abandoned]
    assert not abandoned.exists() and running.exists()
