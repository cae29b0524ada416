"""Chart export: Chinese glyphs really render (not boxes), PNG at scale 2, SVG, briefing pack."""

from __future__ import annotations

import io
import subprocess
import zipfile

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, export

pytestmark = pytest.mark.skipif(export.browser_path() is None, reason="needs Debian chromium")


def figure(title: str, labels: list[str]) -> go.Figure:
    fig = go.Figure(go.Bar(x=labels, y=[3, 5]))
    return charts.finish(fig, title, "家", ["000 测试文件"], "2026-11-23", "zh", height=300)


def test_the_cjk_font_is_installed():
    found = subprocess.run(["fc-match", "Noto Sans CJK SC"], capture_output=True, text=True).stdout
    assert "NotoSansCJK" in found.replace(" ", ""), found


def test_chinese_renders_as_glyphs_not_boxes():
    # Missing glyphs all draw the same box, so two different Chinese texts would give the same
    # picture; real glyphs make the pictures differ.
    one = export.render(figure("高新技术企业数", ["吉首市", "泸溪县"]), "png", scale=1)
    other = export.render(figure("科技型中小企业", ["凤凰县", "花垣县"]), "png", scale=1)
    same_again = export.render(figure("高新技术企业数", ["吉首市", "泸溪县"]), "png", scale=1)
    assert one != other
    assert one == same_again  # the comparison is meaningful: rendering is deterministic


def test_png_scale_and_svg():
    fig = figure("高新技术企业数", ["吉首市", "泸溪县"])
    png = export.render(fig, "png", scale=2, width=800)
    width = int.from_bytes(png[16:20], "big")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and width == 1600
    svg = export.render(fig, "svg").decode("utf-8")
    assert "<svg" in svg and "高新技术企业数" in svg and "数据截至" in svg


def test_briefing_pack():
    frame = pd.DataFrame({"地区": ["吉首市"], "数值": [38], "备注": ["=cmd"]})
    data = export.briefing_zip({"hightech_enterprises_2023_compare": figure("高新", ["吉首市", "泸溪县"])},
                               {"compare": frame})
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    assert names == {"hightech_enterprises_2023_compare.png", "data.xlsx", "compare.csv"}
    csv_bytes = archive.read("compare.csv")
    assert csv_bytes.startswith(b"\xef\xbb\xbf") and "'=cmd" in csv_bytes.decode("utf-8-sig")
    assert pd.read_excel(io.BytesIO(archive.read("data.xlsx")))["地区"].tolist() == ["吉首市"]


def test_the_workbook_says_what_it_reflects_and_is_readable():
    import openpyxl

    frame = pd.DataFrame({"地区": ["湘西土家族苗族自治州"], "数值": [38]})
    data = export.workbook({"compare": frame}, {"视图": "高新技术企业数 · 2023", "来源": "000 任务分解表"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["about", "compare"]
    assert book["about"]["A2"].value == "视图" and book["about"]["B3"].value == "000 任务分解表"
    assert book["compare"].column_dimensions["A"].width >= 20  # 10 CJK characters fit


def test_missing_browser_gives_a_message(monkeypatch):
    monkeypatch.setattr(export, "browser_path", lambda: None)
    monkeypatch.setattr(export, "_server_started", False)
    with pytest.raises(export.ExportUnavailable, match="apt-get install chromium"):
        export.render(figure("x", ["a", "b"]))


def test_an_exported_table_has_readable_unique_headers_and_no_database_columns(db_dir):
    """Trends' table in English had two columns called Document: the ZIP failed silently."""
    from dashboard import rollup, views
    from dashboard.ui import _readable
    from etl import queries

    levels = views.with_labels(rollup.yearly_levels(queries.target_facts("hightech_enterprises"),
                                                    "hightech_enterprises"), "en")
    for lang in ("zh", "en"):
        table = _readable(levels, lang)
        assert table.columns.is_unique, list(table.columns)
        assert not {"parent_id", "host_id", "region_level", "is_additive", "target_id"} & set(table.columns)
        assert table.columns[0] == ("Region" if lang == "en" else "地区")
        if lang == "en":  # names and units in English in an English export
            assert "Jishou City" in set(table["Region"]) and "High-tech enterprises" in set(table["Indicator"])
            assert set(table["Unit"]) == {"firms / units"}
        book = openpyxl.load_workbook(io.BytesIO(export.workbook({"trends": table}, {"a": "b"})))
        assert book.sheetnames == ["about", "trends"]


def test_the_briefing_lists_each_source_whole():
    """The chart's source line is wrapped; the slides and memo list each title unbroken."""
    from dashboard import briefing, charts

    title = "000 加快科技创新推动经济高质量发展三年行动计划（2022－2024年）任务分解表"
    fig = charts.finish(go.Figure(), "t", "家", [title, "001 短标题"], "2026-01-01", "zh")
    assert briefing.sources_in({"x": fig}) == [title, "001 短标题"]
    lines = charts.wrap_sources([title])
    assert "".join(lines) == title and not any(line.endswith("20") for line in lines)


def test_exports_past_the_queue_are_told_to_come_back(monkeypatch):
    """EXPORT_WORKERS render, EXPORT_QUEUE wait; the next is refused at once with a time to retry."""
    import threading

    release = threading.Event()
    monkeypatch.setattr(export, "_ensure_server", lambda: None)
    monkeypatch.setattr(go.Figure, "to_image", lambda self, **kw: release.wait(10) and b"png")
    capacity = export.EXPORT_WORKERS + export.EXPORT_QUEUE
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(export.render(go.Figure())))
               for _ in range(capacity)]
    for thread in threads:
        thread.start()
    for _ in range(100):  # until every one of them holds its place
        if export._in_flight == capacity:
            break
        threading.Event().wait(0.02)
    with pytest.raises(export.ExportBusy) as busy:
        export.render(go.Figure())
    assert busy.value.retry_after >= 1 and "try again in" in str(busy.value) and "秒后重试" in str(busy.value)
    release.set()
    for thread in threads:
        thread.join(10)
    assert results == [b"png"] * capacity and export._in_flight == 0
    assert export.render(go.Figure()) == b"png"  # room again


def test_formula_text_is_neutralised_after_spaces_tabs_and_line_breaks():
    from etl.export import neutralise_formulas, to_bytes
    frame = pd.DataFrame({"note": [" =1+1", "\t=cmd|' /C calc'!A0", "\r@SUM(A1)", "ok", "a=b"]})
    assert neutralise_formulas(frame)["note"].tolist() == [
        "' =1+1", "'\t=cmd|' /C calc'!A0", "'\r@SUM(A1)", "ok", "a=b"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_bytes(frame, "xlsx"))).active
    cells = [c.value for c in sheet["A"][1:]]
    assert cells == frame["note"].tolist()  # stored as the text given: no apostrophe added
    assert all(c.data_type == "s" for c in sheet["A"][1:])  # none of them a formula


def test_a_briefing_workbook_keeps_formula_text_as_text():
    data = export.workbook({"t": pd.DataFrame({"a": ["=HYPERLINK(\"http://x\")", "fine"]})})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["t"]
    assert sheet["A2"].value == "=HYPERLINK(\"http://x\")" and sheet["A2"].data_type == "s"
