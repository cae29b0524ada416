"""Upload of actuals: the bad-file corpus, every good encoding and layout, batches, undo,
restart, concurrency and the command line."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from etl import actuals, build, ingest, paths, queries
from etl.upload import MAX_BYTES, MAX_ROWS, first_sheet_with_data, parse_actuals, parse_number, template
from conftest import RAW
from etl.audit import Actor

CLI = Actor.command_line()

HERE = Path(__file__).parent
BAD = HERE / "bad_files"
GOOD = HERE / "good_files"
BAD_CASES = list(csv.DictReader((BAD / "expected.csv").open(encoding="utf-8")))
EXPECTED_GOOD = sorted([("433101", "hightech_enterprises", 2023, 40.0),
                        ("433101", "rd_expenditure", 2023, 12000.0),
                        ("433122", "hightech_enterprises", 2023, 30.0),
                        ("433122", "rd_expenditure", 2023, 21500.0)])


def run_cli(*args, db_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=paths.PROJECT_DIR,
                          env={"KJ_DB_DIR": str(db_dir), "PATH": ""}, capture_output=True, text=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


@pytest.fixture
def seeded_actuals(fresh_db_dir) -> Path:
    """A database dir with one batch already stored."""
    outcome = ingest.ingest(GOOD / "long_utf8.csv", note="first")
    assert outcome.batch_id
    return fresh_db_dir


class TestBadFiles:
    def test_corpus_is_large_enough(self):
        assert len(BAD_CASES) >= 25

    @pytest.mark.parametrize("case", BAD_CASES, ids=[c["file"] for c in BAD_CASES])
    def test_specific_message(self, ref, case):
        result = parse_actuals((BAD / case["file"]).read_bytes(), case["file"], ref)
        messages = " | ".join(str(p) for p in result.problems)
        assert case["message"] in messages
        assert all(p.message_zh and p.message_en for p in result.problems)

    @pytest.mark.parametrize("case", BAD_CASES, ids=[c["file"] for c in BAD_CASES])
    def test_rejected_by_the_command_and_nothing_changes(self, seeded_actuals, case):
        before = digest(paths.actuals_db())
        result = run_cli("ingest-actuals", str(BAD / case["file"]), db_dir=seeded_actuals)
        assert result.returncode == 1, result.stdout + result.stderr
        assert case["message"] in result.stdout
        assert digest(paths.actuals_db()) == before

    def test_an_excel_file_past_its_limits_is_refused(self, ref):
        from etl.upload import MAX_XLSX_ROWS
        rows = [["地区", "指标", "年份", "数值"]] + [["吉首市", "高新技术企业数", 1990 + i % 100, i]
                                                  for i in range(MAX_XLSX_ROWS + 5)]
        result = parse_actuals(workbook({"数据": rows}), "many.xlsx", ref)
        assert "more than 50000 rows" in str(result.problems[0])
        big = b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024 + 1)
        assert "save a larger one as CSV" in str(parse_actuals(big, "big.xlsx", ref).problems[0])

    def test_huge_file(self, ref):
        content = ("地区,指标,年份,数值\n" + "吉首市,高新技术企业数,2023,1\n" * (MAX_BYTES // 20)).encode()
        assert "larger than" in str(parse_actuals(content, "huge.csv", ref).problems[0])

    def test_too_many_rows(self, ref):
        rows = "".join(f"吉首市,高新技术企业数,{1990 + i % 100},{i}\n" for i in range(MAX_ROWS + 1))
        result = parse_actuals(("地区,指标,年份,数值\n" + rows).encode(), "many.csv", ref)
        assert "more than" in str(result.problems[0])


class TestGoodFiles:
    @pytest.mark.parametrize("name", sorted(p.name for p in GOOD.iterdir()))
    def test_every_encoding_and_layout_gives_the_same_values(self, ref, name):
        result = parse_actuals((GOOD / name).read_bytes(), name, ref)
        assert not result.problems, [str(p) for p in result.problems]
        got = sorted(zip(result.rows["region_id"], result.rows["indicator_id"],
                         result.rows["year"].astype(int), result.rows["value"]))
        assert got == EXPECTED_GOOD

    def test_gbk_is_detected(self, ref):
        assert parse_actuals((GOOD / "long_gbk.csv").read_bytes(), "x.csv", ref).encoding == "gb18030"

    @pytest.mark.parametrize("raw, expected", [("1,234", 1234), ("１２３", 123), ("15%", 15),
                                               ("2.5", 2.5), (" 40 ", 40)])
    def test_numbers(self, raw, expected):
        assert parse_number(raw)[0] == pytest.approx(expected)

    def test_stored_values_are_the_same_from_every_file(self, fresh_db_dir):
        for path in sorted(GOOD.iterdir()):
            assert ingest.ingest(path).batch_id
        current = actuals.current_actuals()
        assert sorted(zip(current["region_id"], current["indicator_id"], current["year"],
                          current["value"])) == EXPECTED_GOOD
        assert len(actuals.batches()) == len(list(GOOD.iterdir()))


def workbook(sheets: dict[str, list[list]], formulas: dict[tuple[str, int, int], tuple[str, object]] = {}) -> bytes:
    """An .xlsx written as Excel saves it: a formula carries the value it last computed."""
    import xlsxwriter
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (name, r, c) in formulas:
                    formula, cached = formulas[(name, r, c)]
                    sheet.write_formula(r, c, formula, None, cached)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


LONG_ROWS = [["地区", "指标", "年份", "数值", "单位"], ["吉首市", "高新技术企业数", 2023, 40, "家"],
             ["泸溪县", "高新技术企业数", 2023, 30, "家"]]


class TestExcel:
    def test_data_on_the_second_sheet_is_found(self, ref):
        content = workbook({"说明": [["本表为2023年实绩"]], "数据": LONG_ROWS})
        result = parse_actuals(content, "two_sheets.xlsx", ref)
        assert not result.problems, [str(p) for p in result.problems]
        assert sorted(result.rows["value"]) == [30, 40]
        assert first_sheet_with_data(content) == "数据"

    def test_an_empty_first_sheet_is_skipped(self, ref):
        content = workbook({"Sheet1": [], "Sheet2": LONG_ROWS})
        assert len(parse_actuals(content, "x.xlsx", ref).rows) == 2

    def test_a_named_sheet_is_read_even_when_an_earlier_one_has_data(self, ref):
        other = [LONG_ROWS[0], ["吉首市", "高新技术企业数", 2023, 99, "家"]]
        content = workbook({"旧": other, "新": LONG_ROWS})
        assert sorted(parse_actuals(content, "x.xlsx", ref, sheet="新").rows["value"]) == [30, 40]
        assert list(parse_actuals(content, "x.xlsx", ref).rows["value"]) == [99]

    def test_a_formula_counts_by_the_value_excel_cached(self, ref):
        content = workbook({"数据": LONG_ROWS}, {("数据", 1, 3): ("=20+20", 40)})
        result = parse_actuals(content, "cached.xlsx", ref)
        assert not result.problems, [str(p) for p in result.problems]
        assert sorted(result.rows["value"]) == [30, 40]

    def test_a_formula_never_computed_is_still_refused(self, ref):
        result = parse_actuals((BAD / "formula_cell.xlsx").read_bytes(), "formula_cell.xlsx", ref)
        assert any("formula" in str(p) for p in result.problems)


@pytest.mark.parametrize("header, indicator", [("高企数", "hightech_enterprises"),
                                               ("R&D经费", "rd_expenditure"),
                                               ("研发经费", "rd_expenditure"),
                                               ("R&D投入强度", "rd_intensity"),
                                               ("高新技术企业数量", "hightech_enterprises")])
def test_short_indicator_names_analysts_use(ref, header, indicator):
    content = f"地区,指标,年份,数值\n吉首市,{header},2023,40\n".encode()
    result = parse_actuals(content, "short.csv", ref)
    assert not result.problems, [str(p) for p in result.problems]
    assert list(result.rows["indicator_id"]) == [indicator]


class TestBatches:
    def test_preview_says_add_or_replace(self, seeded_actuals):
        changed = "地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,45,家\n凤凰县,高新技术企业数,2023,11,家\n"
        result, shown = ingest.check(changed.encode(), "b.csv")
        actions = dict(zip(shown["region_id"], shown["action"]))
        assert actions == {"433101": "replace", "433123": "add"}
        assert shown.set_index("region_id").loc["433101", "previous_value"] == 40

    def test_newest_wins_and_undo_restores_exactly(self, seeded_actuals, tmp_path):
        before = actuals.current_actuals()
        path = tmp_path / "second.csv"
        path.write_text("地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,45,家\n", encoding="utf-8")
        second = ingest.ingest(path)
        current = actuals.current_actuals().set_index(["region_id", "indicator_id"])
        assert current.loc[("433101", "hightech_enterprises"), "value"] == 45
        assert current.loc[("433101", "hightech_enterprises"), "source_file"] == "second.csv"
        assert len(actuals.history()) == 5  # the old value stays as history
        assert actuals.undo_batch(second.batch_id, CLI)
        pd.testing.assert_frame_equal(actuals.current_actuals(), before)
        assert not actuals.undo_batch(second.batch_id, CLI)

    def test_every_actual_leads_back_to_its_batch_and_row(self, seeded_actuals):
        facts = queries.actual_facts().query("source_kind == 'upload'")
        batch = actuals.batches()["batch_id"].iloc[0]
        assert set(facts["batch_id"]) == {batch}
        assert sorted(facts["source_row"].astype(int)) == [2, 3, 4, 5]
        assert set(facts["source_file"]) == {"long_utf8.csv"}

    def test_actuals_survive_a_restart_and_a_rebuild(self, seeded_actuals):
        build.run(RAW, paths.targets_db())
        exported = run_cli("export", "actuals", db_dir=seeded_actuals)
        rows = [r for r in csv.DictReader(exported.stdout.lstrip("\ufeff").splitlines())
                if r["source_kind"] == "upload"]
        assert len(rows) == 4 and {r["source_file"] for r in rows} == {"long_utf8.csv"}
        assert {"region_code", "region_name_zh", "indicator_id", "year", "value", "unit", "batch_id",
                "source_file", "source_row"} <= set(rows[0])

    def test_uploaded_actual_outranks_a_document_value(self, fresh_db_dir, tmp_path):
        path = tmp_path / "xt.csv"
        path.write_text("地区,指标,年份,数值,单位\n湘潭市,高新技术企业数,2022,780,家\n", encoding="utf-8")
        ingest.ingest(path)
        facts = queries.actual_facts().set_index(["region_id", "indicator_id", "year"])
        assert facts.loc[("430300", "hightech_enterprises", 2022), "value"] == 780


class TestConcurrency:
    def test_two_uploads_at_once_both_land(self, fresh_db_dir, tmp_path):
        paths_ = []
        for n, region in enumerate(["吉首市", "泸溪县"]):
            path = tmp_path / f"u{n}.csv"
            path.write_text(f"地区,指标,年份,数值,单位\n{region},高新技术企业数,2024,{50 + n},家\n", encoding="utf-8")
            paths_.append(path)
        outcomes = []
        threads = [threading.Thread(target=lambda p=p: outcomes.append(ingest.ingest(p))) for p in paths_]
        [t.start() for t in threads]
        [t.join() for t in threads]
        assert all(o.batch_id for o in outcomes) and len(actuals.batches()) == 2

    def test_two_processes_lose_nothing(self, fresh_db_dir, tmp_path):
        files = []
        for n in range(3):
            path = tmp_path / f"p{n}.csv"
            path.write_text(f"地区,指标,年份,数值,单位\n吉首市,外国专家拥有量,{2020 + n},{n + 1},人\n", encoding="utf-8")
            files.append(path)
        env = {"KJ_DB_DIR": str(fresh_db_dir), "PATH": ""}
        procs = [subprocess.Popen([sys.executable, "-m", "etl", "ingest-actuals", str(f)], cwd=paths.PROJECT_DIR,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
        results = [(p.wait(), p.stdout.read() + p.stderr.read()) for p in procs]
        saved = sum(1 for code, _ in results if code == 0)
        for code, output in results:
            assert code == 0 or "try again" in output
        assert len(actuals.batches()) == saved >= 1


class TestCommandLine:
    def test_good_rows_flag_writes_only_the_good_rows_and_still_fails(self, fresh_db_dir, tmp_path):
        path = tmp_path / "mixed.csv"
        path.write_text("地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,40,家\n火星县,高新技术企业数,2023,1,家\n",
                        encoding="utf-8")
        strict = run_cli("ingest-actuals", str(path), db_dir=fresh_db_dir)
        assert strict.returncode == 1 and "nothing was written" in strict.stdout
        assert not paths.actuals_db().exists() or actuals.batches().empty
        lenient = run_cli("ingest-actuals", str(path), "--good-rows", db_dir=fresh_db_dir)
        assert lenient.returncode == 1 and "saved as batch" in lenient.stdout
        assert len(actuals.current_actuals()) == 1

    def test_clean_file_exits_zero(self, fresh_db_dir):
        assert run_cli("ingest-actuals", str(GOOD / "long_gbk.csv"), db_dir=fresh_db_dir).returncode == 0

    def test_exported_text_cells_are_neutralised(self, fresh_db_dir, tmp_path):
        path = tmp_path / "=cmd.csv"
        path.write_text("地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,40,家\n", encoding="utf-8")
        ingest.ingest(path)
        exported = run_cli("export", "actuals", db_dir=fresh_db_dir).stdout
        assert "'=cmd.csv" in exported and ",=cmd.csv" not in exported


def test_template_lists_every_target_key(db_dir):
    targets = queries.target_facts()
    blank = template(queries.frame("upload_template"))
    assert blank["数值"].eq("").all()
    assert len(blank) == len(targets[targets["kind"] != "boolean"].dropna(subset=["year"])
                             .drop_duplicates(["region_id", "indicator_id", "year"]))
    assert set(blank.columns) >= {"地区", "指标", "年份", "数值", "单位"}


def test_the_same_file_twice_is_stored_once_unless_asked(fresh_db_dir):
    from etl import actuals as store
    from etl import ingest as ingesting

    good = paths.PROJECT_DIR / "tests" / "good_files" / "long_gbk.csv"
    first = ingesting.ingest(good)
    assert first.batch_id
    assert store.live_batch_of(good.read_bytes())["batch_id"] == first.batch_id
    with pytest.raises(store.AlreadyStored, match=first.batch_id):
        ingesting.ingest(good)
    assert len(store.batches()) == 1
    again = ingesting.ingest(good, again=True)  # a person said yes: a second batch, every row unchanged
    batches = store.batches().set_index("batch_id")
    assert len(batches) == 2 and batches.loc[again.batch_id, "rows_added"] == 0
    assert batches.loc[again.batch_id, "rows_unchanged"] == len(again.result.rows)
    assert store.undo_batch(again.batch_id, CLI)
    assert store.undo_batch(first.batch_id, CLI)
    assert ingesting.ingest(good).batch_id  # once undone, it may come back


def row_by_row(long: pd.DataFrame, ref) -> tuple[pd.DataFrame, list]:
    """The checks one row at a time, as they were before the column-wise fast path."""
    from etl.upload import ROW_COLUMNS, Problem, _check_row
    problems, rows, seen = [], [], {}
    for record in long.to_dict("records"):
        line, column = int(record["source_row"]), record.get("value_column", "value")
        found = _check_row(record, line, column, ref, problems)
        if found is None:
            continue
        key = (found["region_id"], found["indicator_id"], found["year"])
        if key in seen:
            problems.append(Problem(line, column, f"与第 {seen[key]} 行重复（同一地区、指标、年份）",
                                    f"duplicate of row {seen[key]} (same region, indicator and year)"))
            continue
        seen[key] = line
        rows.append(found)
    return pd.DataFrame(rows, columns=ROW_COLUMNS), problems


@pytest.mark.parametrize("name", sorted(p.name for p in GOOD.iterdir() if p.suffix == ".csv")
                         + sorted(c["file"] for c in BAD_CASES if c["file"].endswith(".csv")))
def test_the_column_wise_checks_agree_with_row_by_row(ref, name):
    """Every good and bad file: the same rows, values and messages, in the same order."""
    from etl import upload
    path = GOOD / name if (GOOD / name).exists() else BAD / name
    content = path.read_bytes()
    try:
        table, _ = upload._read_table(content, name, None)
    except ValueError:
        pytest.skip("refused before the row checks")
    table.columns = [str(c) for c in table.columns]
    mapping, wide, problems = upload._map_headers(list(table.columns))
    if problems or table.empty:
        pytest.skip("refused before the row checks")
    long, _ = upload._to_long(table, mapping, wide)
    rows, found = upload._validate(long, ref)
    expected_rows, expected = row_by_row(long, ref)
    assert [str(p) for p in found] == [str(p) for p in expected]
    pd.testing.assert_frame_equal(rows.reset_index(drop=True).astype(str),
                                  expected_rows.reset_index(drop=True).astype(str))


def test_the_column_wise_checks_agree_on_a_mixed_file(ref):
    """Plain rows, full-width digits, percentages, 亿元, a typo, a negative count, a duplicate and
    markup in one file."""
    from etl import upload
    content = ("地区,指标,年份,数值,单位,备注\n"
               "吉首市,高新技术企业数,2023,40,家,\n"
               "泸溪县,高新技术企业数,２０２３,３０,家,全角\n"
               "吉首市,全社会研发经费投入,2023,1.2,亿元,\n"
               "吉首市,全社会R&D经费支出占GDP比重,2023,2.5%,,\n"
               "吉首市,全社会R&D经费支出占GDP比重,2022,2.1,%,\n"
               "吉手市,高新技术企业数,2023,40,家,\n"
               "凤凰县,高新技术企业数,2023,-3,家,\n"
               "吉首市,高新技术企业数,2023,41,家,重复\n"
               "花垣县,高新技术企业数,2023,12,家,<b>x</b>\n"
               "保靖县,高新技术企业数,2023.0,15,家,\n").encode("utf-8")
    table, _ = upload._read_table(content, "mixed.csv", None)
    mapping, wide, _ = upload._map_headers(list(table.columns))
    long, _ = upload._to_long(table, mapping, wide)
    rows, found = upload._validate(long, ref)
    expected_rows, expected = row_by_row(long, ref)
    assert [str(p) for p in found] == [str(p) for p in expected] and len(found) == 4
    pd.testing.assert_frame_equal(rows.astype(str), expected_rows.astype(str))
    assert len(rows) == 6


@pytest.mark.parametrize("cell, message", [
    ("-+5", "not a number"), ("1e309", "too large to be stored"), ("1e-400", "too small"),
    ("inf", "not a number"), ("nan", "not a number"),
    ("30000000000", "impossible value"),  # 3 x 10^10 万元 of R&D spending: more than China's GDP
])
def test_values_that_cannot_be_right_are_refused_with_their_reason(ref, cell, message):
    indicator = "全社会研发经费投入" if cell.startswith("3000") else "高新技术企业数"
    unit = "万元" if cell.startswith("3000") else "家"
    content = f"地区,指标,年份,数值,单位\n吉首市,{indicator},2023,{cell},{unit}\n".encode()
    result = parse_actuals(content, "odd.csv", ref)
    assert len(result.rows) == 0 and message in " ".join(str(p) for p in result.problems)


def test_scientific_notation_is_a_number(ref):
    content = "地区,指标,年份,数值,单位\n吉首市,全社会研发经费投入,2023,1.079e+04,万元\n".encode()
    assert list(parse_actuals(content, "sci.csv", ref).rows["value"]) == [10790]


def test_an_unusual_value_is_kept_only_when_confirmed(fresh_db_dir, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,2000000,家\n", encoding="utf-8")
    outcome = ingest.ingest(path)
    assert outcome.batch_id is None and outcome.rejected_anything
    assert "unusual value" in outcome.report() and not outcome.result.problems
    result = run_cli("ingest-actuals", str(path), db_dir=fresh_db_dir)
    assert result.returncode == 1 and "--confirm-unusual" in result.stdout
    result = run_cli("ingest-actuals", str(path), "--confirm-unusual", db_dir=fresh_db_dir)
    assert result.returncode == 0, result.stdout
    assert actuals.current_actuals()["value"].tolist() == [2000000]


@pytest.mark.parametrize("words, kind", [
    ('IO Error: Could not set lock on file "actuals.duckdb": Conflicting lock is held', "locked"),
    ("IO Error: No space left on device", "disk_full"),
    ("IO Error: Cannot open file: Read-only file system", "read_only"),
    ("IO Error: Permission denied", "read_only"),
    ('IO Error: The file "actuals.duckdb" exists, but it is not a valid DuckDB database file!', "corrupt"),
    ("Serialization Error: Failed to deserialize: field id mismatch", "corrupt"),
])
def test_what_went_wrong_with_the_store_is_told_apart(words, kind):
    assert actuals.classify(Exception(words)) == kind
    problem = actuals.ActualsUnavailable(kind)
    zh, en = actuals.ActualsUnavailable.MESSAGES[kind]
    assert zh in str(problem) and en in str(problem)


def test_a_failed_write_says_why_and_keeps_nothing(fresh_db_dir, monkeypatch):
    """A full disk mid-batch: a plain message, no half batch, no 'cannot rollback'."""
    import duckdb
    outcome = ingest.ingest(GOOD / "long_utf8.csv")
    before = actuals.current_actuals()
    real_register = duckdb.DuckDBPyConnection.register

    def full_disk(self, name, frame):
        raise duckdb.IOException("IO Error: No space left on device")

    monkeypatch.setattr(duckdb.DuckDBPyConnection, "register", full_disk)
    with pytest.raises(actuals.ActualsUnavailable) as failed:
        actuals.save_batch(outcome.result.rows, "again.csv", b"other bytes", "", {}, CLI)
    monkeypatch.setattr(duckdb.DuckDBPyConnection, "register", real_register)
    assert failed.value.kind == "disk_full" and "磁盘已满" in str(failed.value)
    pd.testing.assert_frame_equal(actuals.current_actuals(), before)
    assert len(actuals.batches()) == 1


def test_a_note_has_a_length_limit(fresh_db_dir):
    outcome = ingest.ingest(GOOD / "long_utf8.csv", note="")
    with pytest.raises(ValueError, match="at most 500 characters"):
        actuals.save_batch(outcome.result.rows, "x.csv", b"other", "长" * 501, {}, CLI)


def test_an_excel_bomb_is_refused_before_it_is_opened(ref):
    """A small XLSX whose sheet unpacks to far more than any actuals file (1 M rows in 0.56 MB)."""
    import time
    import zipfile

    from bench.synthetic import excel_bomb

    content = excel_bomb(1_200_000)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = archive.infolist()[0].file_size
    assert len(content) < 2 * 1024 * 1024 and unpacked > 60 * 1024 * 1024
    started = time.perf_counter()
    result = parse_actuals(content, "bomb.xlsx", ref)
    assert time.perf_counter() - started < 5  # refused from the zip's directory, not parsed
    assert "unpacks to" in str(result.problems[0]) and "解压后" in str(result.problems[0])


def test_the_command_line_refuses_a_non_regular_file(fresh_db_dir):
    result = run_cli("ingest-actuals", "/dev/zero", db_dir=fresh_db_dir)
    assert result.returncode == 1 and "not a regular file" in result.stdout


def spin_forever(_: int) -> None:
    while True:
        pass


def hold_memory(_: int) -> bytes:
    return bytearray(8 * 1024 ** 3)


def test_a_parse_that_burns_cpu_or_memory_is_stopped_and_said_so():
    import time
    from etl import sandbox
    started = time.perf_counter()
    with pytest.raises(sandbox.TooCostly, match="CPU time"):
        sandbox.run_limited(spin_forever, 0, cpu_seconds=2, wall_seconds=30)
    assert time.perf_counter() - started < 20
    with pytest.raises(sandbox.TooCostly, match="memory"):
        sandbox.run_limited(hold_memory, 0, memory_bytes=512 * 1024 ** 2)
    assert sandbox.run_limited(len, b"abc") == 3  # and the next one runs as usual


def test_a_parse_child_never_runs_the_servers_main_script(tmp_path, monkeypatch):
    """Under Streamlit the main module is app.py: a child that imported it ran the app in bare
    mode, and a browser test saw the server stop."""
    import sys as system
    import types
    from etl import sandbox
    marker = tmp_path / "ran"
    script = tmp_path / "main_script.py"
    script.write_text(f"open({str(marker)!r}, 'w').write('imported')\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    fake_main.__spec__ = None
    monkeypatch.setitem(system.modules, "__main__", fake_main)
    assert sandbox.run_limited(len, b"abcd", cpu_seconds=5, memory_bytes=1024 ** 3) == 4
    assert not marker.exists()


def test_a_damaged_actuals_database_is_rebuilt_from_the_journal(fresh_db_dir, tmp_path):
    """Two batches and an undo; the file is overwritten; restore-actuals brings every batch back."""
    first = ingest.ingest(GOOD / "long_utf8.csv", note="first")
    path = tmp_path / "second.csv"
    path.write_text("地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,45,家\n", encoding="utf-8")
    second = ingest.ingest(path)
    third_path = tmp_path / "third.csv"
    third_path.write_text("地区,指标,年份,数值,单位\n泸溪县,高新技术企业数,2023,31,家\n", encoding="utf-8")
    third = ingest.ingest(third_path)
    assert first.batch_id and second.batch_id and third.batch_id and actuals.undo_batch(third.batch_id, CLI)
    current, history, batches = actuals.current_actuals(), actuals.history(), actuals.batches()
    paths.actuals_db().write_bytes(b"\x00garbage" * 5000)
    assert actuals.health().kind == "corrupt"
    result = run_cli("restore-actuals", db_dir=fresh_db_dir)
    assert result.returncode == 0 and "restored 3 batches (6 rows), 1 undone" in result.stdout
    assert actuals.health() is None
    pd.testing.assert_frame_equal(actuals.current_actuals(), current)
    pd.testing.assert_frame_equal(actuals.history(), history)
    pd.testing.assert_frame_equal(actuals.batches(), batches)
    assert list(fresh_db_dir.glob("actuals.duckdb.replaced-*"))  # the damaged file is kept aside
