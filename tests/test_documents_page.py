"""The Documents page with AppTest: review decisions, a missed number, a label mapped, a pasted
document added; each survives a rebuild and shows in the export."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_intake import make_pdf

from dashboard import review as reviewing
from etl import build, catalogue, paths, queries, review
from etl.intake.errors import DocumentError

APP = str(paths.PROJECT_DIR / "app.py")
PLAN = "000_b4e6f78e32eb3b31.txt"


def open_documents(reviewer: str = "测试审核人", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/documents.py")
    at.session_state["reviewer"] = reviewer
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def widget(items, label: str):
    return next(w for w in items if w.label == label)


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    return found[0] if found else widget(at.get("form_submit_button"), label)


def targets(where: str, params: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(paths.targets_db()), read_only=True) as connection:
        return connection.execute(f"select * from targets where {where}", params or []).df()


def decide(at: AppTest, row_key: str, action: str, why: str, field_name: str = "", value: str = ""):
    at.selectbox(key="decision_row").set_value(row_key)
    at.radio(key="decision_action").set_value(action).run()
    if field_name:
        at.selectbox(key="decision_field").set_value(field_name).run()
        at.text_input(key="decision_value").set_value(value)
    at.text_input(key="decision_why").set_value(why)
    at.button(key="decision_save").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_documents_are_listed_with_their_review_state(project):
    at = open_documents()
    listing = at.dataframe[0].value
    assert list(listing["文件"]) == sorted(queries.documents()["document_id"])
    assert set(listing["审核状态"]) == {"未审核"}
    text = at.markdown
    assert any("<mark class='target'>" in m.value for m in text)


def test_correct_reject_and_add_in_the_browser_survive_a_rebuild(project):
    rows = queries.document_review(PLAN).dropna(subset=["target_id"])
    first, second = rows["target_key"].iloc[0], rows["target_key"].iloc[1]
    at = open_documents(doc=PLAN)
    at.sidebar.text_input[0].set_value("王分析")
    decide(at, first, "set", "表中写的是 9000", "value", "9000")
    assert any("已保存" in s.value for s in at.success)
    decide(at, second, "reject", "重复的数字")
    with_quote = "2024年达到6800万元"
    widget(at.text_input, "原文").set_value(with_quote)
    widget(at.text_input, "原文中的数字").set_value("6800")
    widget(at.text_input, "原文主语（标签）").set_value("财政科技支出")
    widget(at.text_input, "数值").set_value("6800")
    widget(at.text_input, "单位").set_value("万元")
    widget(at.text_input, "年份").set_value("2024")
    at.text_input(key="missed_why").set_value("漏掉的数字")
    button(at, "添加并重建").click()
    at.run()
    assert not at.exception
    build.run()  # a rebuild from the files alone keeps every decision
    corrected = targets("target_key = ?", [first]).iloc[0]
    assert corrected["value"] == 9000 and corrected["review"] == "corrected"
    assert "王分析" in corrected["review_note"]
    assert targets("target_key = ?", [second]).empty
    added = targets("review = 'added'")
    assert list(added["value"]) == [6800]
    exported = queries.targets_for_export()
    assert set(exported["review"]) == {"unreviewed", "corrected", "added"}
    states = dict(zip(*[reviewing.documents_overview(queries.documents(),
                                                     queries.review_counts())[c]
                        for c in ("document_id", "review_state")]))
    assert states[PLAN] == "partly"


def test_a_decision_without_a_reviewer_is_refused_on_the_page(project):
    rows = queries.document_review(PLAN).dropna(subset=["target_id"])
    at = open_documents(reviewer="", doc=PLAN)
    decide(at, rows["target_key"].iloc[0], "reject", "重复")
    assert any("审核人" in e.value for e in at.error)
    assert not paths.corrections_file().exists()


def test_a_correction_without_a_reason_is_refused_on_the_page(project):
    rows = queries.document_review(PLAN).dropna(subset=["target_id"])
    at = open_documents(doc=PLAN)
    decide(at, rows["target_key"].iloc[0], "reject", "")
    assert any("say why" in e.value for e in at.error)
    assert not paths.corrections_file().exists()


def test_a_label_is_mapped_to_an_indicator(project):
    label = "科技型企业"
    assert not targets("indicator_label = ? and indicator_id is null", [label]).empty
    at = open_documents()
    widget(at.selectbox, "原文主语（标签）").set_value(label)
    # 力争…研发经费支出占营业收入达到2.5%以上、科技型企业达到3%以上: the share of tech firms
    widget(at.selectbox, "指标").set_value("rd_intensity_tech_firms")
    at.text_input(key="map_why").set_value("本地写法")
    button(at, "对应到该指标并重建").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert list(catalogue.read_label_map()["label"]) == [label]
    assert targets("indicator_label = ? and indicator_id is null", [label]).empty
    assert not targets("indicator_label = ? and indicator_id = 'rd_intensity_tech_firms'",
                       [label]).empty


def test_a_pasted_document_is_previewed_then_saved(project):
    text = ("示例县2025年科技创新工作要点\n示例县科学技术局\n"
            "一、主要目标\n2025年，全县新增高新技术企业10家，技术合同成交额达到3亿元。\n")
    at = open_documents()
    widget(at.text_area, "或粘贴全文").set_value(text)
    widget(at.text_input, "地区（可不填，自动识别）").set_value("隆回县")
    widget(at.text_input, "年份或期间（可不填）").set_value("2025")
    at.run()
    button(at, "预览提取结果").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("将提取 2 个目标" in c.value for c in at.caption)
    before = len(queries.documents())
    button(at, "保存文件并重建").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(queries.documents()) == before + 1


def test_a_document_already_present_is_refused(project):
    text = (paths.RAW_DIR / PLAN).read_text(encoding="utf-8")
    at = open_documents()
    widget(at.text_area, "或粘贴全文").set_value(text)
    at.run()
    button(at, "预览提取结果").click()
    at.run()
    assert any("已作为" in e.value and "收录" in e.value for e in at.error)
    assert not any("already in" in e.value for e in at.error)  # Chinese in the Chinese interface
    assert not [b for b in at.button if b.label == "保存文件并重建"]
    assert len(queries.documents()) == 5


@pytest.mark.parametrize("name, data, zh, en", [
    ("empty.txt", b"", "文件是空的", "the file is empty"),
    ("scan.pdf", make_pdf([]), "扫描版 PDF", "scanned PDF without a text layer"),
    ("notes.doc", b"x", "请另存为 .docx", "save it as .docx"),
])
def test_document_errors_speak_the_interface_language(project, ref, name, data, zh, en):
    with pytest.raises(DocumentError) as raised:
        reviewing.preview_document(data, name, ref, "隆回县", "2024")
    assert zh in raised.value.text("zh") and en not in raised.value.text("zh")
    assert en in raised.value.text("en") and zh not in raised.value.text("en")


def test_a_document_without_a_place_says_so_in_chinese(project, ref):
    preview = reviewing.preview_document("关于印发2024年科技工作要点的通知\n全县新增高新技术企业5家。".encode(),
                                         "plan.txt", ref)
    assert "无法确定地区" in preview.problem_text("zh") and "全县" in preview.problem_text("zh")
    assert "no region" in preview.problem_text("en")


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not text"),
    ("scan.pdf", make_pdf([]), "scanned PDF without a text layer"),
    ("huge.txt", b"a" * (50 * 1024 * 1024), "more than the 20 MB"),
])
def test_bad_documents_get_a_clear_message_and_change_nothing(project, ref, name, data, message):
    before = sorted(p.name for p in paths.RAW_DIR.iterdir())
    with pytest.raises(DocumentError, match=message):
        reviewing.preview_document(data, name, ref, "隆回县", "2024")
    assert sorted(p.name for p in paths.RAW_DIR.iterdir()) == before


def test_a_correction_shows_on_the_sources_page_with_its_reason(project, ref):
    row = queries.document_review(PLAN).dropna(subset=["target_id"]).iloc[0]
    reviewing.record(review.decide(queries.target_row(row["target_key"]), "set", ref, "value", "9000",
                                   "表中写的是9000", "li"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = "研发经费投入2022年达到8000万元"
    at.switch_page("pages/sources.py")
    at.run()
    assert not at.exception
    corrected = [e for e in at.expander if "✔ 已更正" in e.label]
    assert corrected and any("表中写的是9000 (li)" in c.value for c in corrected[0].caption)


def test_word_bookmarks_are_not_shown_but_offsets_hold():
    rows = pd.DataFrame({"value_start": [23], "value_end": [27], "status": ["target"],
                         "target_id": [1], "row_number": [1], "review": ["unreviewed"]})
    body = "[bookmark: _GoBack]1.达到8000万元"
    marked = reviewing.marked_text(body, rows)
    assert "bookmark" not in marked and "<b>8000</b>" in marked


def test_row_numbers_stay_when_another_document_changes(project, ref):
    """A reviewer's 'row 12' is the same row after a rebuild, even when an earlier document gains
    a number (target ids, counted over every document, shift; row numbers do not)."""
    later = "001_ce8b4709008de5aa.txt"
    before = queries.document_review(later).dropna(subset=["target_id"])
    text = (paths.RAW_DIR / PLAN).read_text(encoding="utf-8")
    review.append_decision(review.add_number(PLAN, text, "2024年达到6800万元", "6800", {
        "region_id": "433101", "indicator_label": "财政科技支出(复核)", "value": "6800",
        "unit": "万元", "kind": "level", "status": "target", "year": "2024"}, ref, "missed"))
    build.run()
    after = queries.document_review(later).dropna(subset=["target_id"])
    assert (after["target_id"].to_numpy() != before["target_id"].to_numpy()).any()
    assert list(after["row_number"]) == list(before["row_number"])
    assert list(after["target_key"]) == list(before["target_key"])
    marked = reviewing.marked_text(queries.document_body(later), after)
    first = after.sort_values("value_start").iloc[0]
    assert f"<sup>{reviewing.MARKS[first['status']]}1" in marked
