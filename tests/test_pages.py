"""Every page through app.py with AppTest: it renders, and interactions change what is shown."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd

import pytest
from streamlit.testing.v1 import AppTest

from etl import actuals, ingest, paths, queries
from conftest import RAW  # noqa: F401  (the fixtures come from conftest)

APP = str(paths.PROJECT_DIR / "app.py")
GOOD_GBK = paths.PROJECT_DIR / "tests" / "good_files" / "long_gbk.csv"


def open_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, column: str):
    """The dataframe on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def chart_spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def array(value) -> list:
    """Plotly writes numeric arrays as base64 typed arrays; read either form."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def bar_values(spec: dict, trace: int = 0) -> dict:
    data = spec["data"][trace]
    return dict(zip(array(data["x"]), array(data["y"])))


@pytest.mark.parametrize("page", ["overview", "compare", "trends", "gap", "map", "sources", "upload",
                                  "region", "documents"])
def test_every_page_renders(db_dir, page):
    at = open_page(page)
    assert at.title[0].value


class TestOverview:
    def test_counts(self, db_dir):
        at = open_page("overview")
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["文件"] == "5" and int(metrics["目标数"]) > 500

    def test_coverage_matrix_tells_targets_from_actuals(self, db_dir):
        at = open_page("overview")  # one province in the data: it opens on its prefectures
        matrix = table_with(at, "高新技术企业数")
        assert matrix.loc["湘潭市", "高新技术企业数"] == "◆"  # a target and reported values
        assert matrix.loc["湘西土家族苗族自治州", "高新技术企业数"] == "○"  # its counties' targets
        assert "吉首市" not in matrix.index  # counties are one click down
        at.selectbox(key="cov_prefecture").select("433100").run()
        matrix = table_with(at, "高新技术企业数")
        assert matrix.loc["吉首市", "高新技术企业数"] == "○"  # a target, no actual
        assert matrix.loc["湘西土家族苗族自治州（本级）", "高新技术企业数"] == "○"
        assert len(matrix) == 10  # the prefecture's own plan and its 9 counties and zone

    def test_coverage_matrix_starts_from_provinces_when_asked(self, db_dir):
        at = open_page("overview", cov_province="")
        at.selectbox(key="cov_province").select("").run()
        matrix = table_with(at, "高新技术企业数")
        assert list(matrix.index) == ["湖南省"]

    def test_data_as_of_is_the_newest_document_not_the_build_day(self, db_dir):
        at = open_page("overview")
        assert any("数据截至: 文件 2023-04-20" in c.value for c in at.caption)

    def test_english(self, db_dir):
        at = open_page("overview", lang="en")
        assert at.title[0].value == "S&T innovation targets"


class TestCompare:
    def test_default_view_is_one_prefectures_counties(self, db_dir):
        at = open_page("compare")
        values = bar_values(chart_spec(at))
        assert "湘潭市" not in values and values["吉首市"] == 38  # 830 beside 9 reads nothing
        assert any("湘西高新技术产业开发区位于吉首市境内" in w.value for w in at.warning)
        at.selectbox(key="indicator").select("rd_expenditure").run()
        values = bar_values(chart_spec(at))
        assert values["泸溪县"] == 21000 and "湘潭市" not in values

    def test_sort_and_peers_one_level_at_a_time(self, db_dir):
        at = open_page("compare")
        at.radio(key="peers").set_value("counties").run()
        at.radio(key="sort").set_value("code").run()
        labels = chart_spec(at)["data"][0]["x"]
        assert "湘潭市" not in labels and labels.index("岳阳高新技术产业园区") < labels.index("吉首市")
        at.radio(key="peers").set_value("prefectures").run()
        labels = chart_spec(at)["data"][0]["x"]
        assert "湘潭市" in labels and "吉首市" not in labels
        at.radio(key="peers").set_value("prefecture").run()
        at.selectbox(key="prefecture").select("433100").run()
        labels = chart_spec(at)["data"][0]["x"]
        assert "湘潭市" not in labels and "吉首市" in labels

    def test_year_and_language_from_the_url(self, db_dir):
        at = open_page("compare", lang="en", indicator="hightech_enterprises", year="2024")
        values = bar_values(chart_spec(at))
        assert values["Jishou City"] == 43
        assert "Compare regions" == at.title[0].value


class TestTrends:
    def test_rollup_counts_double_staff_once(self, db_dir):
        at = open_page("trends", indicator="rd_staff")
        at.selectbox(key="prefecture").select("433100").run()
        assert any("湘西高新技术产业开发区 ⊂ 吉首市" in w.value for w in at.warning)
        table = at.dataframe[-1].value.set_index("年份")
        assert table.loc[2022, "各县（区）目标之和"] == 1175 and table.loc[2022, "市州目标"] == 2200

    def test_rollup_chart_cites_the_documents_it_sums(self, db_dir):
        at = open_page("trends", indicator="hightech_enterprises")
        at.selectbox(key="prefecture").select("430300").run()
        title = chart_spec(at, 1)["layout"]["title"]["text"]
        cited = title.split("来源")[1]
        assert "湘潭市" in title and "001 " in cited and "000 " not in cited

    def test_a_single_region_trend_names_the_region(self, db_dir):
        at = open_page("trends", indicator="rd_expenditure", regions="433101")
        spec = chart_spec(at)
        assert spec["layout"]["title"]["text"].startswith("<b>吉首市 · ")
        assert spec["layout"]["showlegend"] is True
        assert spec["layout"]["yaxis"]["tickformat"] == ",~r"  # 8,000 under 万元, not 8k

    def test_every_source_is_in_the_chart_in_full(self, db_dir):
        at = open_page("compare", indicator="hightech_enterprises", year="2023", peers="counties")
        title = chart_spec(at)["layout"]["title"]["text"]
        documents = queries.documents()
        cited = [f"{d[:3]} {title_}" for d, title_ in zip(documents["document_id"], documents["title"])
                 if f"{d[:3]} " in title]
        assert len(cited) >= 2 and "…" not in title

    def test_the_rollup_follows_the_regions_shown(self, db_dir):
        at = open_page("trends", indicator="hightech_enterprises", regions="433122")
        assert at.selectbox(key="prefecture").value == "433100"

    def test_relative_toggle(self, db_dir):
        at = open_page("trends", indicator="hightech_enterprises")
        before = chart_spec(at)
        at.toggle(key="relative").set_value(True).run()
        after = chart_spec(at)
        first = [trace for trace in after["data"] if trace["name"] == "吉首市"][0]
        assert array(first["y"])[0] == pytest.approx(100)
        assert before != after


class TestGap:
    def test_no_actuals_means_no_actual_status(self, fresh_db_dir):
        at = open_page("gap", indicator="hightech_enterprises", year="2023")
        statuses = set(at.dataframe[-1].value["状态"])
        assert statuses <= {"? 无实际值", "⌀ 缺基数"}

    def test_behind_first_and_behind_only(self, fresh_db_dir):
        assert ingest.ingest(GOOD_GBK).batch_id
        at = open_page("gap", indicator="hightech_enterprises", year="2023")
        statuses = list(at.dataframe[-1].value["状态"])
        assert statuses[0] == "✖ 落后" and statuses.index("✖ 落后") < statuses.index("? 无实际值")
        at.toggle(key="behind").set_value(True).run()
        assert set(at.dataframe[-1].value["状态"]) == {"✖ 落后"}

    def test_a_region_with_actuals_gets_its_attainment_chart(self, fresh_db_dir):
        assert ingest.ingest(GOOD_GBK).batch_id
        at = open_page("region", region="433101", year="2023")
        title = chart_spec(at)["layout"]["title"]["text"]
        assert title.startswith("<b>吉首市 · 2023")

    def test_uploaded_actuals_without_a_target_are_shown_with_why(self, fresh_db_dir, tmp_path):
        upload = tmp_path / "no_target.csv"
        upload.write_text("地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2019,20,家\n", encoding="utf-8")
        assert ingest.ingest(upload).batch_id
        at = open_page("upload")
        assert any("1 个上传的实际值没有对应的目标" in e.label for e in at.expander)
        table = table_with(at, "实际值文件")
        assert list(table["年份"]) == [2019] and table["原因"].iloc[0] == "该地区这一年没有这个指标的目标"

    def test_confirming_an_upload_with_an_unmatched_row_shows_it(self, fresh_db_dir):
        data = "地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2019,20,家\n".encode("gbk")
        at = open_page("upload")
        at.get("file_uploader")[0].set_value(("mixed.csv", data, "text/csv")).run()
        assert not at.exception, [e.value for e in at.exception]
        assert "新增" in set(table_with(at, "操作")["操作"])
        at.button(key="confirm").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("没有对应的目标" in e.label for e in at.expander)

    def test_an_unusual_value_waits_for_a_person_to_confirm_it(self, fresh_db_dir):
        data = "地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2023,2000000,家\n".encode("utf-8")
        at = open_page("upload")
        at.get("file_uploader")[0].set_value(("big.csv", data, "text/csv")).run()
        assert any("大于通常范围" in w.value for w in at.warning)
        assert at.button(key="confirm").disabled
        at.checkbox(key="confirm_unusual").check().run()
        assert not at.button(key="confirm").disabled
        at.button(key="confirm").click().run()
        assert not at.exception and actuals.current_actuals()["value"].tolist() == [2000000]

    def test_uploaded_actual_is_judged(self, fresh_db_dir):
        assert ingest.ingest(GOOD_GBK).batch_id
        at = open_page("gap", indicator="hightech_enterprises", year="2023")
        table = at.dataframe[-1].value.set_index("地区")
        assert table.loc["吉首市", "状态"] == "✔ 已完成"  # 40 against a target of 38
        assert table.loc["泸溪县", "状态"] == "✖ 落后"  # 30 against 33
        assert "long_gbk.csv" in table.loc["吉首市", "实际值来源"]
        at.slider(key="elapsed").set_value(0.5).run()
        table = at.dataframe[-1].value.set_index("地区")
        assert table.loc["泸溪县", "应达进度"] == "33"  # no baseline: the target (shown as text: the column has blanks)

    def test_charts_cite_the_file_their_actuals_come_from(self, fresh_db_dir):
        assert ingest.ingest(GOOD_GBK).batch_id
        at = open_page("compare", indicator="hightech_enterprises", year="2023")
        sources = chart_spec(at)["layout"]["title"]["text"].split("来源")[1]
        assert "long_gbk.csv" in sources and "000 " in sources
        at = open_page("gap", indicator="hightech_enterprises", year="2023")
        assert "long_gbk.csv" in chart_spec(at)["layout"]["title"]["text"]
        at = open_page("compare", indicator="hightech_enterprises", year="2023", peers="prefectures")
        title = chart_spec(at)["layout"]["title"]["text"]
        assert "long_gbk.csv" not in title  # no prefecture's actual comes from it


class TestMap:
    def test_layer_and_colour_modes(self, db_dir):
        at = open_page("map")
        deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        assert deck["layers"][0]["@@type"] == "GeoJsonLayer"
        assert not deck.get("mapProvider")  # no basemap, no request to a tile server
        at.radio(key="colour").set_value("status").run()
        assert not at.exception


class TestSources:
    def test_filter_from_the_url_and_search(self, db_dir):
        at = open_page("sources", indicator="hightech_enterprises", year="2023")
        labels = [e.label for e in at.expander]
        assert any("吉首市" in label and "38家" in label for label in labels)
        at.text_input(key="q").input("泸溪").run()
        shown = [e.label for e in at.expander if "·" in e.label]
        assert shown and all("泸溪" in label for label in shown)


    def test_a_range_and_an_every_year_value_read_as_stated(self, db_dir):
        at = open_page("sources", catalogue="out")
        at.text_input(key="q").input("贯标").run()
        shown = [e.label for e in at.expander if "«两化融合管理体系贯标评定企业»" in e.label]
        assert shown and all("1–2家" in label for label in shown)
        at = open_page("sources")
        labels = [e.label for e in at.expander if "·" in e.label]
        assert not any("every_year" in label for label in labels)

    def test_uncatalogued_targets_are_shown_with_their_label(self, db_dir):
        at = open_page("sources", catalogue="out")
        shown = [e.label for e in at.expander if "·" in e.label]
        assert shown and all("«" in label for label in shown)
        at.text_input(key="q").input("外国人才").run()
        shown = [e.label for e in at.expander if "·" in e.label]
        assert shown and all("«外国人才»" in label and "1人" in label for label in shown)


class TestUncatalogued:
    def test_overview_lists_them_by_region_in_both_languages(self, db_dir):
        at = open_page("overview", label_region="430524")
        table = table_with(at, "原文主语（标签）")
        assert len(table) and set(table["地区"]) == {"隆回县"}
        assert "博士生" in set(table["原文主语（标签）"])
        english = open_page("overview", label_region="430524", lang="en")
        table = table_with(english, "Label (as worded)")
        assert set(table["Region"]) == {"Longhui County"} and "None" not in table.to_string()


class TestUpload:
    def test_gbk_upload_preview_confirm_then_gap(self, fresh_db_dir):
        at = open_page("upload")
        at.get("file_uploader")[0].set_value(("actuals.csv", GOOD_GBK.read_bytes(), "text/csv")).run()
        preview = table_with(at, "操作")
        assert set(preview["操作"]) == {"新增"} and len(preview) == 4
        assert actuals.batches().empty  # nothing written before confirming
        at.button(key="confirm").click().run()
        assert any("已保存批次" in s.value for s in at.success)
        assert len(actuals.current_actuals()) == 4
        gap = open_page("gap", indicator="hightech_enterprises", year="2023")
        assert "✔ 已完成" in set(gap.dataframe[-1].value["状态"])

    def test_bad_file_shows_problems_and_blocks_confirm(self, fresh_db_dir):
        at = open_page("upload")
        bad = (paths.PROJECT_DIR / "tests" / "bad_files" / "typo_region_gbk.csv").read_bytes()
        at.get("file_uploader")[0].set_value(("bad.csv", bad, "text/csv")).run()
        problems = table_with(at, "问题")
        assert "泸溪县" in " ".join(problems["问题"])
        english = open_page("upload", lang="en")
        english.get("file_uploader")[0].set_value(("bad.csv", bad, "text/csv")).run()
        assert "did you mean 泸溪县" in " ".join(table_with(english, "Problem")["Problem"])
        assert at.button(key="confirm").disabled

    def test_a_large_file_shows_its_first_rows_changes_first_and_saves_them_all(self, fresh_db_dir):
        regions = queries.frame("regions")
        counties = regions.loc[regions["level"] == "county", "name_zh"]
        counties = counties[~counties.duplicated(keep=False)].head(150)  # names only one county has
        lines = ["地区,指标,年份,数值,单位", "吉首市,高新技术企业数,2023,40,家"] + [
            f"{name},高新技术企业数,{year},{n % 90 + 1},家"  # SYNTHETIC rows
            for n, (name, year) in enumerate((name, year) for name in counties for year in range(2014, 2022))]
        lines.append("泸溪县,高新技术企业数,2023,31,家")  # the last row replaces the stored 30
        ingest.ingest(GOOD_GBK)
        at = open_page("upload", lang="en")
        at.get("file_uploader")[0].set_value(("big.csv", "\n".join(lines).encode(), "text/csv")).run()
        assert not at.error
        assert any("1000 of 1202 rows shown" in c.value for c in at.caption)
        shown = table_with(at, "Action")
        assert len(shown) == 1000 and list(shown["Action"][:2]) == ["Replace", "Add"]
        assert shown["Region"].iloc[0] == "Luxi County"
        at.button(key="confirm").click().run()
        assert actuals.batches()[["rows_added", "rows_replaced", "rows_unchanged"]].iloc[0].tolist() == [1200, 1, 1]


GARBAGE = {"lang": "xx", "indicator": "<script>alert(1)</script>", "year": "abc", "kind": "nonsense",
           "peers": "everyone", "prefecture": "999999", "sort": "random", "regions": "nowhere",
           "relative": "maybe", "elapsed": "not-a-number", "colour": "purple", "q": "x" * 500}


@pytest.mark.parametrize("page", ["overview", "compare", "trends", "gap", "map", "sources", "upload"])
def test_bad_query_parameters_fall_back_to_defaults(db_dir, page):
    at = open_page(page, **GARBAGE)  # open_page asserts that nothing raised
    assert at.title[0].value
    assert not at.error
    if page == "compare":
        assert bar_values(chart_spec(at))["吉首市"] == 38  # the default indicator and year
    if page == "gap":
        assert at.slider(key="elapsed").value == 1.0
    if page == "sources":
        assert len(at.text_input(key="q").value) <= 100


class TestBriefingButtons:
    def test_views_offer_slides_and_a_memo(self, db_dir):
        at = open_page("trends", indicator="hightech_enterprises", prefecture="433100")
        labels = [b.label for b in at.get("download_button")]
        assert {"下载简报包（ZIP）", "下载幻灯片（PPTX）", "下载简报（DOCX）"} <= set(labels)

    def test_a_prefecture_on_compare_offers_its_briefing(self, db_dir):
        at = open_page("compare", indicator="hightech_enterprises", year="2024", peers="prefecture",
                       prefecture="433100")
        assert any("湘西土家族苗族自治州2024年简报" in c.value for c in at.caption)


class TestRegion:
    def test_every_indicator_of_the_region_with_its_status(self, db_dir):
        at = open_page("region", region="430300")
        table = table_with(at, "指标")
        assert table["指标"].nunique() > 5 and set(table["年份"]) >= {2023}
        assert "湖南省" in at.caption[0].value and "湘潭市" in at.caption[0].value
        assert any("简报" in c.value for c in at.caption)

    def test_a_target_below_its_result_is_flagged_on_the_region(self, db_dir):
        at = open_page("region", region="430300")
        assert any("规划核查" in e.label for e in at.expander)


class TestMapExport:
    def test_the_map_exports_as_a_picture_with_its_furniture(self, db_dir):
        at = open_page("map", indicator="hightech_enterprises", year="2023")
        spec = chart_spec(at)
        assert spec["layout"]["title"]["text"].startswith("<b>高新技术企业数 · 2023")
        assert "单位: 家" in spec["layout"]["title"]["text"] and "边界" in spec["layout"]["title"]["text"]
        legend = [trace["name"] for trace in spec["data"] if trace.get("name")]
        assert legend[-1] == "无数据" and legend[-2].endswith("38")  # 湘潭市 830 is not drawn
        assert all("." not in name for name in legend)  # counts: whole-number classes


def test_the_map_caption_shows_what_the_map_is_coloured_by(db_dir):
    """湘潭市 is not drawn on the county map: its caption gives its target when the map shows
    targets, and no number when it shows actuals (it has none for 2023), never the target."""
    def caption(colour: str) -> str:
        at = open_page("map", indicator="hightech_enterprises", year="2023", colour=colour)
        return next(c.value for c in at.caption if "县级地图上未绘制" in c.value)

    assert "湘潭市 830 家" in caption("target")
    assert "湘潭市 —" in caption("actual") and "830" not in caption("actual")


def test_trends_name_lines_drawn_on_top_of_each_other_and_keep_growth_in_targets(db_dir):
    at = open_page("trends", indicator="rd_expenditure", prefecture="433100")
    caption = next(c.value for c in at.caption if "线条重合" in c.value)
    assert "凤凰县 = 古丈县" in caption or "古丈县 = 凤凰县" in caption
    before = table_with(at, "终止目标")
    at.toggle(key="relative").set_value(True).run()
    after = table_with(at, "终止目标")
    pd.testing.assert_frame_equal(before, after)  # indexing the chart does not index the targets


def test_gap_opens_on_the_latest_year_it_can_judge(fresh_db_dir):
    at = open_page("gap")
    assert at.selectbox(key="year").value == 2023  # the seeds' reported values judge no target
    path = fresh_db_dir / "2022.csv"
    path.write_text("地区,指标,年份,数值,单位\n吉首市,高新技术企业数,2022,36,家\n", encoding="utf-8")
    assert ingest.ingest(path).batch_id
    at = open_page("gap")
    assert at.selectbox(key="year").value == 2022  # 吉首市's 2022 target now has its actual


def test_the_region_profile_year_is_chosen_above_the_table(db_dir):
    at = open_page("region", region="433101")
    assert at.selectbox(key="year").value == 2024  # the latest year, chosen before the table
    table = table_with(at, "完成率")
    assert set(table["年份"].astype(str)) == {"2024"}
    at.selectbox(key="year").select("all").run()
    assert len(set(table_with(at, "完成率")["年份"].astype(str))) > 1


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_a_damaged_actuals_file_leaves_the_target_pages_working_with_a_banner(fresh_db_dir, damage):
    assert ingest.ingest(GOOD_GBK).batch_id
    database = paths.actuals_db()
    if damage == "truncate":  # the header survives, the rest is gone
        with database.open("r+b") as handle:
            handle.truncate(4096)
    else:
        database.write_bytes(b"\\x00garbage" * 5000)
    for page, params in [("overview", {}), ("compare", {"indicator": "hightech_enterprises", "year": "2023"}),
                         ("trends", {"indicator": "hightech_enterprises"}), ("gap", {}), ("upload", {})]:
        at = open_page(page, **params)
        assert not at.exception, (page, [e.value for e in at.exception])
    # the banner comes from app.py, above every page (AppTest keeps it for the first page only;
    # the browser test sees it on the others)
    assert any("实际值数据库已损坏" in w.value for w in open_page("overview").warning)
    assert chart_spec(open_page("compare", indicator="hightech_enterprises", year="2023"))
