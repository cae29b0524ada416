"""Briefing as slides and a memo: files that open, pictures in them, sentences from the data."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import briefing, export
from etl import queries

pytestmark = pytest.mark.skipif(export.browser_path() is None, reason="needs Debian chromium")


@pytest.fixture(scope="module")
def xiangxi(session_db_dir):
    from etl import paths

    before, paths.DB_DIR = paths.DB_DIR, session_db_dir
    try:
        yield briefing.region_briefing("湘西州", 2024, "zh")
    finally:
        paths.DB_DIR = before


def test_the_summary_is_written_from_the_targets(xiangxi, db_dir):
    sentence = next(s for s in xiangxi.sentences if "高新技术企业数" in s)
    assert sentence == ("2024年湘西土家族苗族自治州9个县市区（含开发区）的高新技术企业数目标合计242家，"
                        "比本级目标280家少38家。")
    exported = queries.targets_for_export()
    chosen = exported[(exported["indicator_id"] == "hightech_enterprises") & (exported["year"] == 2024)
                      & (exported["kind"] == "level") & (exported["status"] == "target")]
    regions = queries.regions().set_index("region_id")
    parts = chosen[chosen["region_code"].map(regions["parent_id"]) == "433100"]
    own = chosen[chosen["region_code"] == "433100"]
    assert parts["region_code"].nunique() == 9 and parts["value"].sum() == 242
    assert list(own["value"]) == [280]


def test_every_number_in_the_summary_comes_from_the_data(xiangxi, db_dir):
    exported = queries.targets_for_export()
    values = set(exported["value"].round(4))
    for sentence in xiangxi.sentences:
        numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", sentence)]
        year, *rest = numbers
        assert year == 2024
        if "本级目标" in sentence:  # parts, their sum, the prefecture's own, the difference
            parts, summed, own = rest[:3]
            assert own in values
            difference = rest[3] if len(rest) > 3 else 0
            assert abs(summed - own) == pytest.approx(difference)


def test_slides_have_a_title_a_picture_per_chart_and_a_summary(xiangxi):
    deck = Presentation(io.BytesIO(briefing.to_pptx(xiangxi)))
    slides = list(deck.slides)
    pictures = [shape for slide in slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) >= 3 and len(slides) == len(pictures) + 2
    assert all(p.image.blob[:8] == b"\x89PNG\r\n\x1a\n" for p in pictures)
    texts = [shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame]
    assert any("比本级目标280家少38家" in text for text in texts)
    east_asian = deck.slides[0].shapes[0].text_frame.paragraphs[0].runs[0]._r.rPr.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    assert east_asian.get("typeface") == briefing.EAST_ASIAN_FONT


def test_the_memo_opens_with_its_summary_and_charts(xiangxi):
    memo = Document(io.BytesIO(briefing.to_docx(xiangxi)))
    text = "\n".join(p.text for p in memo.paragraphs)
    assert "湘西土家族苗族自治州 · 2024" in text and "比本级目标280家少38家" in text
    assert len(memo.inline_shapes) == len(xiangxi.figures) >= 3


def test_english_briefing(session_db_dir, monkeypatch):
    from etl import paths

    monkeypatch.setattr(paths, "DB_DIR", session_db_dir)
    english = briefing.region_briefing("433100", 2024, "en")
    assert any("add up to 242 firms / units, 38 firms / units less than the prefecture's own target of 280"
               in s for s in english.sentences), english.sentences


def test_command_line_writes_both_formats(db_dir, tmp_path):
    for file_format in ("pptx", "docx"):
        output = tmp_path / f"brief.{file_format}"
        assert briefing.main(["--region", "湘西州", "--year", "2024", "--format", file_format,
                              "--output", str(output)]) == 0
        assert output.stat().st_size > 50_000
    assert briefing.main(["--region", "不存在县", "--year", "2024", "--format", "pptx",
                          "--output", str(tmp_path / "x.pptx")]) == 1


def test_a_compare_view_is_summed_up_in_words_from_its_numbers(db_dir):
    from dashboard import views
    from dashboard.briefing import ranking_sentence
    from etl import queries

    table = views.compare_table(queries.target_facts("hightech_enterprises", 2023),
                                queries.actual_facts("hightech_enterprises", 2023),
                                "hightech_enterprises", 2023, "level", "433100", "value", "zh")
    sentence = ranking_sentence(table, "高新技术企业数", 2023, "家", "zh")
    assert sentence == ("2023年9个地区有高新技术企业数目标：最高为湘西高新技术产业开发区44家，"
                        "最低为永顺县9家；其中0个地区有实际值。")
    english = ranking_sentence(views.with_labels(table, "en"), "high-tech enterprises", 2023, "家", "en")
    assert "highest is Xiangxi High-tech Industrial Development Zone with 44 firms / units" in english
