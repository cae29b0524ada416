"""The extractor: each kind of phrasing, the hand-checked expected file, quotes and a new document."""

from __future__ import annotations

import pytest

from etl import build
from etl.documents import read_documents
from etl.extract import extract_document
from etl.normalize import normalise
from expected_targets import compare
from conftest import RAW

XIANGXI, LONGHUI = "433100", "430524"
# Differences from the hand-checked file that are understood (see the closing note of issue 2):
# - 州委组织部 "新增...院士工作站1个以上，其他工作站（室）20个以上": 新增 is before the comma,
#   so the extractor reads 20 as an every-year level, not a plan-total increase;
# - 001 "湘潭智造谷內...高新技術產業增加值超過850億元" is the 智造谷's figure, which has no
#   region of its own; the extractor files it under 湘潭市;
# - 001 "培育10個科技創新人才團隊": the label 科技创新人才团队 is mapped by fuzzy matching (89) to
#   high_level_teams (科技创新创业人才团队); the first reading left it out of the catalogue.
KNOWN_MISSED = [
    ("000", "433100", "workstations", "net_increase", "target", "cum", 20.0),
]
KNOWN_EXTRA = [
    ("000", "433100", "workstations", "level", "target", "every", 20.0),
    ("001", "430300", "hightech_value_added", "level", "target", "2023", 8500000.0),
    ("001", "430300", "high_level_teams", "net_increase", "target", "2023", 10.0),
]


def extract(text, ref, region=LONGHUI, period=(2023, 2023)):
    return extract_document(text, "test.txt", region, period, ref)


def one(text, ref, **kwargs):
    found = extract(text, ref, **kwargs)
    assert len(found.targets) == 1, (found.targets, found.unplaced)
    return found.targets[0]


@pytest.fixture(scope="module")
def seed_extraction(ref):
    return build.extract_all(read_documents(RAW, ref)[0], ref)


class TestExpectedFile:
    def test_matches_row_for_row_but_the_known_differences(self, seed_extraction):
        result = compare(seed_extraction[0])
        print(f"\nexpected {result['expected']}, found {result['found']}, "
              f"missed {len(result['missed'])}, extra {len(result['extra'])}")
        assert result["missed"] == sorted(KNOWN_MISSED)
        assert result["extra"] == sorted(KNOWN_EXTRA)

    def test_every_quote_is_verbatim_at_its_offsets(self, seed_extraction, ref):
        targets, unplaced = seed_extraction
        texts = {d.document_id: d.text for d in read_documents(RAW, ref)[0]}
        for row in targets.itertuples():
            body = texts[row.document_id]
            assert body[row.quote_start:row.quote_end] == row.quote
            assert row.quote_start <= row.value_start < row.value_end <= row.quote_end
        for row in unplaced.itertuples():
            assert texts[row.document_id][row.value_start:row.value_end] == row.text

    def test_unplaced_numbers_all_have_a_reason(self, seed_extraction):
        unplaced = seed_extraction[1]
        assert unplaced["reason"].str.len().gt(0).all()

    def test_numbers_outside_the_catalogue_become_labelled_rows(self, seed_extraction):
        targets = seed_extraction[0]
        open_rows = targets[targets["indicator_id"].isna()]
        assert len(open_rows) > 50
        assert open_rows["indicator_label"].str.len().ge(2).all()


class TestPhrasing:
    def test_yearly_series(self, ref):
        found = extract("其中高新技术企业数2022年达到35家、2023年达到38家、2024年达到43家", ref,
                        region=XIANGXI, period=(2022, 2024)).targets
        assert [(t.year, t.value, t.kind, t.comparator) for t in found] == [
            (2022, 35, "level", "at_least"), (2023, 38, "level", "at_least"),
            (2024, 43, "level", "at_least")]

    def test_growth_rate(self, ref):
        target = one("全社会研发经费投入增长15%。", ref)
        assert (target.indicator_id, target.kind, target.value, target.year) == \
            ("rd_expenditure", "growth_pct", 15, 2023)

    def test_year_on_year_growth_with_about(self, ref):
        target = one("高新技术产业增加值同比增长10%左右", ref)
        assert (target.kind, target.comparator) == ("growth_pct", "about")

    def test_net_increase_before_the_indicator(self, ref):
        target = one("全县净增高新技术企业10家以上", ref)
        assert (target.kind, target.value, target.comparator) == ("net_increase", 10, "at_least")

    def test_number_before_the_indicator(self, ref):
        target = one("力争累计引进1个两院院士", ref, region=XIANGXI, period=(2022, 2024))
        assert (target.indicator_id, target.kind, target.year_scope, target.year) == \
            ("academicians", "net_increase", "cumulative", 2024)

    def test_every_year(self, ref):
        target = one("每年新增省级以上技术创新平台1个以上", ref, region=XIANGXI, period=(2022, 2024))
        assert (target.year, target.year_scope, target.kind) == (None, "every_year", "net_increase")

    def test_at_least_is_not_read_as_at_most(self, ref):
        target = one("财政科技专项占财政总支出比重不低于0.2%", ref)
        assert target.comparator == "at_least"

    def test_at_most_for_a_ratio_without_unit(self, ref):
        target = one("城乡居民人均可支配收入之比缩小到1.73", ref)
        assert (target.indicator_id, target.value, target.comparator, target.unit) == \
            ("urban_rural_income_ratio", 1.73, "at_most", "")

    @pytest.mark.parametrize("text, firmness", [
        ("确保高新技术企业达到50家", "floor"), ("力争高新技术企业达到50家", "stretch"),
        ("高新技术企业达到50家", "")])
    def test_firmness(self, ref, text, firmness):
        assert one(text, ref).firmness == firmness

    def test_range_keeps_both_ends(self, ref):
        target = one("累计创建省级以上科技创新基地1-2个", ref, region=XIANGXI, period=(2022, 2024))
        assert (target.value, target.value_high) == (1, 2)

    @pytest.mark.parametrize("text, value", [("技术合同交易额2.2亿元", 22000), ("技术合同交易额500万元", 500),
                                             ("技术合同交易额5000000元", 500), ("技術合同成交額28億元", 280000)])
    def test_money_becomes_wan_yuan(self, ref, text, value):
        target = one(text, ref)
        assert target.value == pytest.approx(value) and target.unit == "万元"

    def test_share_indicator_hands_money_to_its_numerator(self, ref):
        found = extract("力争技术合同交易额占GDP比重达到2%以上，2022年达12亿元", ref,
                        region=XIANGXI, period=(2022, 2024)).targets
        assert [(t.indicator_id, t.value) for t in found] == [
            ("tech_contract_gdp_share", 2), ("tech_contract_value", 120000)]

    def test_scope_note_on_double_counted_staff(self, ref):
        target = extract("其中研发人员数（含湘西高新区）2022年达300人/年", ref, region=XIANGXI,
                         period=(2022, 2024)).targets[0]
        assert target.scope_note == "含湘西高新区" and target.unit == "人/年"

    def test_region_named_before_the_number(self, ref):
        found = extract("州本级财政科技专项经费占财政总支出比重不低于1%、湘西高新区不低于10%、"
                        "吉首市不低于0.5%、其他县不低于0.2%", ref, region=XIANGXI, period=(2022, 2024))
        assert [(t.region_id, t.value) for t in found.targets] == [
            (XIANGXI, 1), ("433101Z1", 10), ("433101", 0.5)]
        assert len(found.unplaced) == 1 and "group of regions" in found.unplaced[0].reason

    def test_number_about_something_else_is_unplaced_not_dropped(self, ref):
        found = extract("高新技术企业数2022年达到35家，且规模企业占比40%以上", ref,
                        region=XIANGXI, period=(2022, 2024))
        catalogued, labelled = found.targets
        assert catalogued.indicator_id == "hightech_enterprises" and catalogued.value == 35
        assert (labelled.indicator_id, labelled.indicator_label, labelled.value) == ("", "规模企业占比", 40)

    def test_unit_that_does_not_fit_keeps_the_number_outside_the_catalogue(self, ref):
        found = extract("研发人员数达到800人", ref)  # rd_staff is counted in 人/年
        assert [(t.indicator_id, t.indicator_label, t.value) for t in found.targets] == [
            ("", "研发人员数", 800)]

    def test_yes_no_commitment(self, ref):
        target = one("确保成功创建省级创新型县市", ref, region=XIANGXI, period=(2022, 2024))
        assert (target.indicator_id, target.kind, target.value, target.firmness) == \
            ("innovative_county_status", "boolean", 1, "floor")

    def test_traditional_characters_and_pinyin_notes(self, ref):
        text = "全社會研發經(jīng)費(fèi)投入增長(zhǎng)12%以上"
        target = one(text, ref)
        assert (target.indicator_id, target.kind, target.value) == ("rd_expenditure", "growth_pct", 12)
        assert text[target.value_start:target.value_end] == "12%"

    def test_a_word_bookmark_is_not_part_of_the_quote(self, ref):
        text = "\t[bookmark: _GoBack]1.科技投入大幅增加：全社会研发经费投入2022年达到8000万元。"
        target = one(text, ref, region=XIANGXI, period=(2022, 2024))
        assert "bookmark" not in target.quote and target.quote.startswith("科技投入")

    def test_deadline_column_gives_the_year(self, ref):
        text = "\t实现技术合同交易额2亿元以上\n\t县科工信局\n\t2025年12月底前\n"
        target = one(text, ref, period=(2023, 2023))
        assert (target.year, target.deadline, target.responsible_unit) == (2025, "2025年12月底前", "县科工信局")

    def test_year_table_marks_reported_values_and_targets(self, ref):
        text = ("|\n指標 |\n2021年 |\n2022年 |\n2023年目標值 |\n|\n"
                "高新技術企業數(家) |\n市科技局 |\n644 |\n776 |\n830 |\n|\n")
        found = extract(text, ref, region="430300").targets
        assert [(t.year, t.value, t.status) for t in found] == [
            (2021, 644, "actual"), (2022, 776, "actual"), (2023, 830, "target")]
        assert found[0].responsible_unit == "市科技局"


class TestNormalise:
    def test_offsets_map_back_to_the_original(self):
        text = "序號(hào) 全社會ＲＤ１２３"
        norm = normalise(text, offset=100)
        assert norm.text == "序号全社会RD123"
        start, end = norm.span(norm.text.index("123"), len(norm.text))
        assert text[start - 100:end - 100] == "１２３"


SYNTHETIC = """\
某县2024年科技创新工作要点
一、主要目标
全年净增高新技术企业12家以上，全社会研发经费投入同比增长14%左右，技术合同成交额达到3.5亿元。
力争新增有效发明专利30件，确保科技型中小企业入库评价达到150家。
二、任务分解
\t1
\t县科工信局
\t财政科技支出不低于2600万元；
\t每年研究科技创新工作不少于3次。
"""


class TestNewDocument:
    def test_a_document_written_here_yields_its_targets(self, tmp_path, ref):
        raw = tmp_path / "raw"
        raw.mkdir()
        (raw / "900_synthetic.txt").write_text(SYNTHETIC.replace("某县", "攸县"), encoding="gb18030")
        report = build.run(raw, tmp_path / "targets.duckdb")
        targets, _ = build.extract_all(read_documents(raw, ref)[0], ref)
        got = {(t.region_id, t.indicator_id, t.year, t.kind, t.value) for t in targets.itertuples()}
        assert got == {
            ("430223", "hightech_enterprises", 2024, "net_increase", 12),
            ("430223", "rd_expenditure", 2024, "growth_pct", 14),
            ("430223", "tech_contract_value", 2024, "level", 35000),
            ("430223", "patents_valid", 2024, "net_increase", 30),
            ("430223", "tech_smes", 2024, "level", 150),
            ("430223", "fiscal_st_expenditure", 2024, "level", 2600),
            ("430223", "st_leadership_meetings", 2024, "count_events", 3),
        }
        assert report.documents == 1 and report.targets == 7
