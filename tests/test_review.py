"""Review decisions are data: recorded with who and why, applied at every build, never lost."""

from __future__ import annotations

import hashlib
import json

import duckdb
import pytest

from etl import build, extract, paths, queries, review
from etl.__main__ import main

PLAN = "000_b4e6f78e32eb3b31.txt"


def rows(where: str, params: list | None = None):
    with duckdb.connect(str(paths.targets_db()), read_only=True) as connection:
        return connection.execute(f"select * from targets where {where}", params or []).df()


def first_target(quote_part: str) -> dict:
    found = rows("quote like ? and status = 'target' order by target_id", [f"%{quote_part}%"])
    return queries.target_row(str(found["target_id"].iloc[0]))


def test_a_correction_is_applied_and_marked(project, ref):
    row = first_target("财政科技支出2022年达到3500万元")
    assert row["value"] == 3500
    review.append_decision(review.decide(row, "set", ref, "value", "3600", "misread", "ana"))
    build.run()
    corrected = rows("target_key = ?", [row["target_key"]]).iloc[0]
    assert corrected["value"] == 3600 and corrected["review"] == "corrected"
    assert "misread (ana)" in corrected["review_note"]
    untouched = rows("target_key <> ? and review <> 'unreviewed'", [row["target_key"]])
    assert untouched.empty


def test_a_rejected_number_leaves_the_targets_for_the_unplaced_table(project, ref):
    row = first_target("财政科技支出2022年达到3500万元")
    review.append_decision(review.decide(row, "reject", ref, why="a subsidy, not a target"))
    build.run()
    assert rows("target_key = ?", [row["target_key"]]).empty
    unplaced = queries.unplaced()
    reason = unplaced.loc[unplaced["value_start"] == row["value_start"], "reason"].iloc[0]
    assert reason.startswith("rejected by review") and "a subsidy, not a target" in reason


def test_a_correction_survives_a_change_of_extractor_rules(project, ref, monkeypatch):
    row = first_target("财政科技支出2022年达到3500万元")
    review.append_decision(review.decide(row, "set", ref, "year", "2023", "the plan says so"))
    original = extract.extract_document

    def forgets_money(*args, **kwargs):  # a "new rule" that no longer finds this number
        found = original(*args, **kwargs)
        found.targets = [t for t in found.targets if t.value_start != row["value_start"]]
        return found

    monkeypatch.setattr(build, "extract_document", forgets_money)
    report = build.run()
    restored = rows("target_key = ?", [row["target_key"]]).iloc[0]
    assert restored["year"] == 2023 and restored["value"] == 3500
    assert restored["review"] == "corrected"
    assert "1 of 1 applied" in str(report)


def test_a_changed_document_keeps_decisions_whose_sentence_is_still_there(project, ref):
    kept = first_target("财政科技支出2022年达到3500万元")
    gone = first_target("全社会研发经费投入2022年达到8000万元")
    review.append_decision(review.decide(kept, "set", ref, "value", "3600", "misread"))
    review.append_decision(review.decide(gone, "accept", ref))
    path = paths.RAW_DIR / PLAN
    text = path.read_text(encoding="utf-8")
    sentence = gone["quote"]
    path.write_text("（修订稿）\n" + text.replace(sentence, "已删除"), encoding="utf-8")
    meta_path = path.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()  # replaced on purpose
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    report = build.run()
    moved = rows("quote like ? and review = 'corrected'", ["%3500万元%"])
    assert len(moved) == 1 and moved["value"].iloc[0] == 3600
    new_text = path.read_text(encoding="utf-8")
    assert new_text[moved["value_start"].iloc[0]:].startswith("3500万元")
    assert "1 of 2 applied" in str(report) and "no longer in the document" in str(report)
    log = queries.review_log()
    assert (log["outcome"].str.startswith("not applied")).sum() == 1


def test_a_missed_number_is_added_by_its_quote(project, ref):
    text = (paths.RAW_DIR / PLAN).read_text(encoding="utf-8")
    taken = set(rows("true")["target_key"])
    decision = review.add_number(PLAN, text, "2024年达到6800万元", "6800", {
        "region_id": "433101", "indicator_label": "财政科技支出(复核)", "value": "6800",
        "unit": "万元", "kind": "level", "status": "target", "year": "2024"}, ref, "missed",
        taken=taken)
    review.append_decision(decision)
    build.run()
    added = rows("review = 'added'").iloc[0]
    assert added["indicator_label"] == "财政科技支出(复核)" and added["value"] == 6800
    assert text[added["value_start"]:added["value_end"]] == "6800"
    assert added["target_key"] not in taken


@pytest.mark.parametrize("field_name, value, message", [
    ("kind", "size", "kind must be one of"), ("year", "24", "four digits"),
    ("value", "abc", "must be a number"), ("value", "1e309", "finite"),
    ("region_id", "鼓楼区", "give the code"), ("indicator_id", "nonsense", "no catalogue"),
])
def test_a_bad_correction_is_refused_and_nothing_is_written(project, ref, field_name, value,
                                                            message):
    row = first_target("财政科技支出2022年达到3500万元")
    with pytest.raises(review.ReviewError, match=message):
        review.decide(row, "set", ref, field_name, value, "why")
    assert not paths.corrections_file().exists()


def test_a_correction_needs_a_reason(project, ref):
    row = first_target("财政科技支出2022年达到3500万元")
    with pytest.raises(review.ReviewError, match="say why"):
        review.decide(row, "reject", ref)


def test_command_line_corrects_lists_and_exports(project, capsys):
    row = first_target("财政科技支出2022年达到3500万元")
    assert main(["correct", str(row["target_id"]), "comparator", "about", "--reason",
                 "写的是左右", "--who", "li"]) == 0
    assert main(["reject", row["target_key"].replace("#1", "#9"), "--reason", "x"]) == 1
    assert "no extracted number" in capsys.readouterr().err
    assert main(["corrections", "list"]) == 0
    listed = capsys.readouterr().out
    assert "comparator: 'at_least' -> 'about'" in listed and "写的是左右" in listed
    assert "applied" in listed
    exported = queries.targets_for_export()
    mine = exported[exported["target_key"] == row["target_key"]].iloc[0]
    assert mine["comparator"] == "about" and mine["review"] == "corrected"


def test_a_damaged_corrections_file_stops_the_build_and_keeps_the_database(project):
    before = rows("true")
    paths.corrections_file().parent.mkdir(exist_ok=True)
    paths.corrections_file().write_text("{not json\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match="line 1"):
        build.run()
    assert len(rows("true")) == len(before)


def test_a_unit_that_does_not_exist_or_does_not_fit_is_refused(project, ref):
    row = first_target("财政科技支出2022年达到3500万元")
    with pytest.raises(review.ReviewError, match="unknown unit"):
        review.decide(row, "set", ref, "unit", "公斤", "x")
    with pytest.raises(review.ReviewError, match="does not fit"):
        review.decide(row, "set", ref, "unit", "家", "x")
    assert review.decide(row, "set", ref, "unit", "亿元", "x").new == "亿元"


def test_an_added_number_leaves_the_unplaced_table(project, ref):
    unplaced = queries.unplaced().iloc[0]
    text = (paths.RAW_DIR / unplaced["document_id"]).read_text(encoding="utf-8")
    number = text[unplaced["value_start"]:unplaced["value_end"]]
    quote = text[unplaced["quote_start"]:unplaced["quote_end"]]
    review.append_decision(review.add_number(
        unplaced["document_id"], text, quote, number,
        {"region_id": "430300", "indicator_label": "重点指标", "value": "26", "unit": "项",
         "kind": "level", "status": "target"}, ref, "missed"))
    build.run()
    left = queries.unplaced()
    assert not ((left["document_id"] == unplaced["document_id"]) &
                (left["value_start"] == unplaced["value_start"])).any()
