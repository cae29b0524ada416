"""The extraction rules one stage at a time, each case written from real plan or report wording
(the generalisation issue lists where each comes from)."""

from __future__ import annotations

import pytest

from etl.extract import extract_document
from etl.normalize import normalise
from etl.rules.labels import FUZZY_THRESHOLD, map_label
from etl.rules.numbers import chinese_number, find_values
from etl.rules.status import Section, classify, document_kind, heading_kind, turns_ahead
from etl.rules.subjects import subjects

HUNAN, XIANGTAN, LONGHUI = "430000", "430300", "430524"


def values(text, ref):
    norm = normalise(text).text
    return [(norm[v.n_start:v.n_end], v.number, v.high, v.unit) for v in find_values(norm, ref)]


def labels(text, ref):
    norm = normalise(text).text
    found = find_values(norm, ref)
    return [[s.label for s in about] for about in subjects(norm, found)]


def rows(text, ref, region=LONGHUI, period=(2023, 2023), title=""):
    return extract_document(text, "test.txt", region, period, ref, title=title)


class TestNumbers:
    @pytest.mark.parametrize("text, expected", [
        ("科技型中小企业1.76万家", [("1.76万家", 17600, None, "家")]),
        ("星创天地2—4家", [("2—4家", 2, 4, "家")]),
        ("新增企业25—30家", [("25—30家", 25, 30, "家")]),
        ("贯标评定企业1－2家", [("1-2家", 1, 2, "家")]),
        ("投入总量达到75亿元", [("75亿元", 75, None, "亿元")]),
        ("累计培育12户", [("12户", 12, None, "户")]),
        ("建成一个院士专家工作站", [("一个", 1, None, "个")]),
        ("努力打造一支作风优良、纪律严明的干部队伍", []),
        ("湘潭高新区力争保持全国61位", [("61位", 61, None, "名次")]),
        ("新增两家", [("两家", 2, None, "家")]),
        ("区域创新能力排名升至全国第8", [("第8", 8, None, "名次")]),
        ("居全国第5、中部第2", [("第5", 5, None, "名次"), ("第2", 2, None, "名次")]),
    ])
    def test_quantities(self, ref, text, expected):
        assert values(text, ref) == expected

    @pytest.mark.parametrize("text", ["实施4+4科创工程", "实施2030重大专项", "第3批", "实施三大工程",
                                      "培育一批企业", "全市第二个院士工作站", "5G基站",
                                      "深入贯彻落实“广西科改33条”", "引进“三类500强”企业"])
    def test_numbers_in_names_and_ordinals_are_not_quantities(self, ref, text):
        assert values(text, ref) == []

    def test_a_quoted_count_is_still_a_quantity(self, ref):
        assert values("新增“30家”", ref) == [("30家", 30, None, "家")]

    @pytest.mark.parametrize("text, number", [("一", 1), ("两", 2), ("十", 10), ("十二", 12),
                                              ("二十", 20), ("三十五", 35)])
    def test_chinese_numerals(self, text, number):
        assert chinese_number(text) == number


class TestSubjects:
    def test_follow_on_clause_takes_the_subject_before_it(self, ref):
        assert labels("新增高新技术企业80家，总量突破550家", ref) == [["高新技术企业"], ["高新技术企业总量"]]

    def test_share_after_an_amount(self, ref):
        assert labels("全社会研发经费投入总量达到75亿元，占GDP比重达到1.7%", ref)[1] == \
            ["全社会研发经费投入占GDP比重"]

    def test_list_shares_its_verb(self, ref):
        assert labels("新增高新技术企业超6000家、科技型中小企业1.76万家", ref) == \
            [["高新技术企业"], ["科技型中小企业"]]

    def test_number_before_the_noun(self, ref):
        assert labels("新建80个省级以上研发平台", ref) == [["省级以上研发平台"]]
        assert labels("争创15家左右国家级科技创新平台", ref) == [["国家级科技创新平台"]]
        assert labels("年内带动80家以上企业深度“上云”、50家以上企业“上平台”", ref) == \
            [["企业深度上云"], ["企业上平台"]]

    def test_one_number_for_several_subjects(self, ref):
        assert labels("新建省重点实验室、省技术创新中心、省工程研究中心各20家", ref) == \
            [["省重点实验室", "省技术创新中心", "省工程研究中心"]]

    def test_paired_list(self, ref):
        assert labels("规上工业增加值、固定资产投资分别增长10%、7.9%", ref) == \
            [["规上工业增加值"], ["固定资产投资"]]

    def test_verb_after_the_subject(self, ref):
        assert labels("星创天地等平台认定1家以上", ref) == [["星创天地等平台"]]


class TestLabels:
    @pytest.mark.parametrize("label, unit, indicator, how", [
        ("研发经费投入", "亿元", "rd_expenditure", "alias"),
        ("研发经费", "亿元", "rd_expenditure", "alias"),  # an alias since analysts use it
        ("全社会研发经费", "亿元", "rd_expenditure", "alias_stem"),
        ("高新技术企业总量", "家", "hightech_enterprises", "alias"),
        ("全县高新技术企业", "家", "hightech_enterprises", "alias"),
    ])
    def test_close_variants_map_to_the_catalogue(self, ref, label, unit, indicator, how):
        assert map_label(label, unit, False, ref) == (indicator, how)

    def test_fuzzy_match_states_its_score(self, ref):
        found, how = map_label("高新技术产品增加值", "亿元", False, ref)
        assert found == "hightech_value_added" and int(how.split(":")[1]) >= FUZZY_THRESHOLD

    def test_a_unit_that_does_not_fit_keeps_the_label_unmapped(self, ref):
        assert map_label("高新技术企业", "亿元", False, ref) == ("", "")

    def test_unknown_subject_stays_a_label(self, ref):
        assert map_label("新品种", "个", False, ref) == ("", "")


class TestStatus:
    def classify(self, text, kind="plan", section="", plan_start=2023, ref=None):
        norm = normalise(text).text
        value = find_values(norm, ref)[-1]
        return classify(norm, value, 0, Section(section), plan_start, kind)[:2]

    @pytest.mark.parametrize("text, expected", [
        ("2022年，全省科技型中小企业增加8075家", ("actual", 2022)),
        ("技术合同成交额已突破2500亿元", ("actual", 2022)),
        ("全省高新技术企业居全国第8", ("actual", 2022)),
        ("力争新增高新技术企业20家", ("target", None)),
        ("到2025年高新技术企业达到500家", ("target", None)),
        ("高新技术产业化指数提高了4.37个百分点", ("actual", 2022)),
        ("截至今年1月中旬,长沙全社会研发投入强度达3.3%", ("actual", 2023)),
        ("截至目前,共实施国家、自治区、市级科技项目153项", ("actual", 2023)),
        ("此前,12家企业通过湖南省2023年第一批高新技术企业认定报备", ("actual", 2022)),
        ("共获得国省政策(试点)32个", ("actual", 2022)),
        ("力争累计引进1个两院院士", ("target", None)),
        ("为了实现目标,新增高新技术企业20家", ("target", None)),
        ("2023年前三季度,9个高新区完成工业总产值5444.97亿元", ("actual", 2023)),
        ("2025年前高新技术企业达到500家", ("target", None)),
        ("据了解,目前,宁乡拥有8家国家专精特新“小巨人”,40家湖南省专精特新“小巨人”", ("actual", 2023)),
        ("目前高新技术企业8家,力争到2025年达到20家", ("target", None)),
        ("实现地区生产总值1110亿元(预计值),经济总量稳居全省第3位", ("actual", 2022)),
    ])
    def test_wording(self, ref, text, expected):
        assert self.classify(text, ref=ref) == expected

    def test_from_x_to_y(self, ref):
        norm = normalise("研发投入强度从2.77%提高到3.3%左右").text
        start, end = find_values(norm, ref)
        assert classify(norm, start, 0, Section(), 2023)[0] == "actual"
        assert classify(norm, end, 0, Section(), 2023)[0] == "target"

    @pytest.mark.parametrize("text", ["招引一批30亿元以上特大产业项目", "重点支持一批总投资10亿元以上的重大技改项目建设",
                                      "每个镇街至少1个500亩以上连片“工改工”片区"])
    def test_a_size_class_is_neither(self, ref, text):
        norm = normalise(text).text
        sized = [v for v in find_values(norm, ref) if v.unit in ("亿元", "亩")][0]
        assert classify(norm, sized, 0, Section(), 2023)[0] == "none"

    @pytest.mark.parametrize("text", ["技术合同成交额达到10亿元以上", "保持研发投入10亿元以上的规模",
                                      "推动4家以上载体申报市级以上孵化器"])
    def test_an_amount_reached_is_not_a_size_class(self, ref, text):
        norm = normalise(text).text
        assert all(classify(norm, v, 0, Section(), 2023)[0] == "target" for v in find_values(norm, ref))

    @pytest.mark.parametrize("text", ["抓好5个方面的重点", "主要有4项具体任务", "共设置11项主要指标", "出台18项措施",
                                      "提出工作目标33项", "提出主要任务236项"])
    def test_a_count_of_the_documents_own_parts_is_neither(self, ref, text):
        assert self.classify(text, ref=ref)[0] == "none"

    def test_award_is_neither(self, ref):
        assert self.classify("对新认定的企业给予最高10亿元支持", ref=ref)[0] == "none"

    def test_the_document_kind_decides_an_unmarked_sentence(self, ref):
        assert self.classify("全县高新技术企业达47家", kind="plan", ref=ref) == ("target", None)
        assert self.classify("全县高新技术企业达47家", kind="report", ref=ref) == ("actual", 2022)
        assert self.classify("全县高新技术企业达47家", kind="progress", ref=ref) == ("actual", 2023)
        assert self.classify("预计全年地区生产总值增长6.5%", kind="report", ref=ref) == ("actual", 2022)

    def test_section_carries_forward(self, ref):
        assert self.classify("高新技术企业达47家", section="review", ref=ref)[0] == "actual"
        assert self.classify("高新技术企业达60家", kind="report", section="plan", ref=ref)[0] == "target"

    @pytest.mark.parametrize("title, kind", [
        ("2023年湖南省政府工作报告", "report"),
        ("2023年枞阳县科技局主要目标任务落实情况", "progress"),
        ("隆回县打好“科技创新攻坚仗”工作方案", "plan"),
        ("全市科技工作会议部署今年六个目标", "plan"),
        ("湖南高新技术企业总数达13910家", "report"),
    ])
    def test_document_kind_from_the_title(self, title, kind):
        assert document_kind(title) == kind

    @pytest.mark.parametrize("line, kind", [("一、2022年工作回顾", "review"), ("二、2023年工作安排", "plan"),
                                            ("一、工作目标", "plan"), ("三、保障机制", None),
                                            ("政府工作报告", None)])
    def test_headings(self, line, kind):
        assert heading_kind(line) == kind


class TestOpenVocabularyRows:
    def test_uncatalogued_commitment_is_a_row_with_its_label(self, ref):
        found = rows("力争培育新品种1个以上，引进外国人才1人", ref)
        assert [(t.indicator_id, t.indicator_label, t.value, t.kind, t.status) for t in found.targets] == [
            ("", "新品种", 1, "net_increase", "target"), ("", "外国人才", 1, "net_increase", "target")]

    def test_new_recognition_is_a_net_increase(self, ref):
        target, = rows("新认定高新技术企业3家以上", ref).targets
        assert (target.indicator_id, target.kind, target.comparator) == \
            ("hightech_enterprises", "net_increase", "at_least")

    def test_a_report_turns_results_into_results(self, ref):
        found = rows("2022年，全省科技型中小企业增加8075家，技术合同成交额突破2500亿元。"
                     "2023年主要预期目标：高新技术企业达到16000家。", ref, region=HUNAN,
                     title="2023年湖南省政府工作报告").targets
        assert [(t.status, t.year, t.value_raw) for t in found] == [
            ("actual", 2022, 8075), ("actual", 2022, 2500), ("target", 2023, 16000)]

    def test_relative_target(self, ref):
        target, = rows("研发投入增速高于全省平均2个百分点以上", ref).targets
        assert (target.kind, target.value, target.comparator) == ("relative", 2, "at_least")

    def test_subsidy_goes_to_unplaced_with_a_reason(self, ref):
        found = rows("对新获批的国家级平台给予最高500万元奖励", ref)
        assert not found.targets and "award" in found.unplaced[0].reason

    def test_group_of_regions_is_not_one_region(self, ref):
        found = rows("其他县市区新增高新技术企业2家", ref, region="433100")
        assert not [t for t in found.targets if t.value == 2]

    def test_a_deadline_said_once_dates_the_lines_after_it(self, ref):
        found = rows("到2025年，科技创新综合实力进入全省前10位。\n——高新技术企业达到35家以上。\n"
                     "——新增省级研发平台5个。", ref, period=(2021, 2021)).targets
        assert [(t.value_raw, t.year, t.year_scope) for t in found] == [
            (10, 2025, "year"), (35, 2025, "year"), (5, 2025, "cumulative")]

    def test_paired_values_take_the_subjects_of_the_clause_before(self, ref):
        found = rows("到2027年，全县高新技术企业和科技型企业在2022年的基础上实现倍增，分别超过90家和870家",
                     ref, period=(2023, 2027)).targets
        assert [(t.indicator_id, t.indicator_label, t.value, t.year) for t in found] == [
            ("hightech_enterprises", "高新技术企业", 90, 2027), ("", "科技型企业", 870, 2027)]

    def test_a_region_name_the_document_does_not_settle_is_reported_with_its_candidates(self, ref):
        found = rows("鼓楼区新增科技孵化载体3个", ref, region="440000")  # 广东: no 鼓楼区
        assert not found.targets and "鼓楼区" in found.unplaced[0].reason
        settled = rows("鼓楼区新增科技孵化载体3个", ref, region="350100").targets  # 福州市
        assert [(t.region_id, t.indicator_label) for t in settled] == [("350102", "科技孵化载体")]

    def test_regions_standing_as_subjects_share_the_topic(self, ref):
        found = rows("2020年，在高新技术产业增加值占GDP比重方面，娄星区将达到32%以上、冷水江达到22%以上，"
                     "涟源、双峰达到12%以上", ref, region="431300", period=(2020, 2020)).targets
        assert [(t.region_id, t.value, t.indicator_id) for t in found] == [
            ("431302", 32, "hightech_va_gdp_share"), ("431381", 22, "hightech_va_gdp_share"),
            ("431382", 12, "hightech_va_gdp_share"), ("431321", 12, "hightech_va_gdp_share")]

    def test_a_clause_with_only_a_verb_takes_the_subject_before_it(self, ref):
        found = rows("全市高新技术企业达到300家。全年力争净增200家以上", ref).targets
        assert [(t.indicator_id, t.value, t.kind) for t in found] == [
            ("hightech_enterprises", 300, "level"), ("hightech_enterprises", 200, "net_increase")]
        growth = rows("全年地区生产总值48670亿元，同比增长4.5%", ref, title="工作报告").targets
        assert [t.indicator_label for t in growth] == ["地区生产总值", "地区生产总值"]

    def test_a_paragraph_opening_with_a_past_year_reports_results(self, ref):
        found = rows("2022年，全球经济复杂严峻。全省地区生产总值48670亿元。", ref, region=HUNAN,
                     title="湖南省2023年国民经济和社会发展计划").targets
        assert [(t.status, t.year) for t in found] == [("actual", 2022)]

    def test_firmness_inside_the_subject_is_not_part_of_the_label(self, ref):
        target, = rows("高新技术企业数量力争总数突破450家", ref).targets
        assert (target.indicator_label, target.indicator_id) == ("高新技术企业数量", "hightech_enterprises")

    def test_a_title_that_says_neither_leaves_the_kind_to_the_text(self):
        reported = normalise("该县已有高新技术企业13家，去年新增科技型中小企业20家，居全市第一。").text
        planned = normalise("力争到2025年高新技术企业达到50家，确保新增科技型中小企业20家。").text
        assert document_kind("河北顺平：培育科技型企业激发县域经济活力", reported) == "report"
        assert document_kind("河北顺平：培育科技型企业激发县域经济活力", planned) == "plan"
        assert document_kind("怀化市喜获5项省级科学技术奖") == "report"

    def test_a_number_right_after_a_comma_is_found(self, ref):
        assert [v.number for v in find_values(normalise("到2025年，12家企业通过认定，1,234家入库").text, ref)] \
            == [12, 1234]

    def test_a_zone_not_in_the_regions_table_is_not_its_city(self, ref):
        found = rows("到2020年,福州片区实现高新区工业总产值突破2700亿元,年均增长21%。张家界高新区新增高新技术企业6家。",
                     ref, region="350000", period=(2018, 2020), title="实施方案")
        assert found.targets == []
        assert [u.reason for u in found.unplaced] == [
            "about 福州片区, a zone or area not in the regions table"] * 2 + [
            "about 张家界高新区, a zone or area not in the regions table"]

    def test_a_zone_in_the_regions_table_is_placed_there(self, ref):
        target, = rows("湘潭高新区新增高新技术企业6家。", ref, region="430300").targets
        assert target.region_id == "430300Z1"

    def test_a_headline_on_a_past_year_makes_its_paragraph_results(self, ref):
        found = rows("2024年广西科技成果硕果累累。全年技术合同成交额超800亿元。", ref, region="450000",
                     period=(2025, 2025), title="2025年广西科技工作会议在南宁召开").targets
        assert [(t.status, t.year) for t in found] == [("actual", 2024)]

    def test_a_headline_on_the_year_ahead_does_not(self, ref):
        found = rows("2024年科技工作要实现新突破。全年技术合同成交额超800亿元。", ref, region="450000",
                     period=(2023, 2024), title="2024年科技工作要点").targets
        assert [t.status for t in found] == ["target"]

    def test_the_first_line_is_the_title_not_a_heading_of_targets(self, ref):
        found = rows("江西省明确2024年科技工作目标\n宋德雄介绍,2023年,全省科技创新整体向好。全省技术合同成交额1595亿元。",
                     ref, region="360000", period=(2024, 2024), title="江西省明确2024年科技工作目标").targets
        assert [(t.status, t.year) for t in found] == [("actual", 2023)]

    def test_a_written_past_year_outranks_a_heading_of_targets(self, ref):
        found = rows("二、主要目标\n2022年,全县科技创新成效明显。全县高新技术企业20家。到2025年,高新技术企业达到50家。", ref,
                     period=(2023, 2025), title="实施方案").targets
        assert [(t.status, t.year) for t in found] == [("actual", 2022), ("target", 2025)]

    def test_a_headline_under_a_heading_of_targets_stays_a_target(self, ref):
        found = rows("二、主要目标\n自主创新能力大幅提升。基础研究经费占R&D经费比重提高至4.68%。", ref,
                     region="360000", period=(2022, 2023), title="行动方案").targets
        assert [t.status for t in found] == ["target"]

    def test_a_review_of_the_tenth_five_year_plan_is_results(self, ref):
        found = rows("一、“十五”科技发展概况\n全市实现高新技术产品总产值593亿元,比上年同期增长18.32%。", ref, region="430100",
                     period=(2006, 2010), title="长沙市科学技术发展第十一个五年规划纲要").targets
        assert {t.status for t in found} == {"actual"} and {t.year for t in found} == {2005}

    def test_a_paragraph_that_turns_to_the_year_ahead_states_targets(self, ref):
        found = rows("2014年,该区科技创新投入高达35亿元。谈到今年的目标,局长表示,要争取立项70项;"
                     "全社会研发投入40亿元;新增国家级研发中心1家。", ref, region="510112",
                     period=(2015, 2015), title="创新驱动 龙泉驿区2015年投入40亿元搞研发").targets
        assert [(t.status, t.year, t.value_raw) for t in found] == [
            ("actual", 2014, 35), ("target", 2015, 70), ("target", 2015, 40), ("target", 2015, 1)]

    @pytest.mark.parametrize("line", ["组配分类: 决策部署落实情况", "当前位置: 网站首页 > 区科技局 > 落实情况"])
    def test_a_disclosure_page_field_is_not_a_heading(self, line):
        assert heading_kind(line) is None

    def test_a_task_breakdown_of_a_work_report_is_a_plan(self):
        assert document_kind("谯城区2023年政府工作报告重点工作任务分解表") == "plan"
        assert document_kind("2023年政府工作报告") == "report"

    @pytest.mark.parametrize("sentence, ahead", [
        ("谈到今年的目标,局长表示,要争取立项70项", True),
        ("今年我市科技工作要努力实现六个目标:一是高新技术产业总产值要突破400亿元", True),
        ("2024年将力争新增高企10家", True),
        ("请连同《第十四个五年规划和二〇三五年远景目标纲要(草案)》一并审议", False),
        ("以重点突破带动整体提升,努力保持经济合理增长,28个项目完成投资1142亿元", False),
        ("今年以来,全县新增高企10家", False),
        ("记者从会上了解到,今后五年贵阳市经济社会发展的主要目标是:力争进入全国创新型城市行列", True),
        ("安徽将坚持以基础研究引领应用研究,实施重大基础研究项目100项", True),
        ("政府工作报告指出,要推进高质量教育体系建设", True),
        ("全省将科技创新纳入考核,新增高企10家", False),  # 将 meaning 把
        ("主要指标完成情况良好,新增高企10家", False),  # 要 inside 主要
    ])

    def test_what_turns_a_paragraph_to_the_year_ahead(self, sentence, ahead):
        assert turns_ahead(normalise(sentence).text, 2017) is ahead

    def test_a_plan_of_a_past_year_is_not_the_year_ahead(self):
        assert not turns_ahead("全省上下认真执行2022年国民经济和社会发展计划,经济运行总体平稳", 2023)

    def test_a_news_dateline_does_not_hide_a_past_opening(self, ref):
        found = rows("科技日报长沙3月1日电(记者俞慧友)“过去一年,湖南高新技术产业实现增加值6859.2亿元;"
                     "高新技术企业总数达2212家。”", ref, region="430000", period=(2017, 2017),
                     title="湖南“晒”2017科技创新“小目标”").targets
        assert [(t.status, t.year) for t in found] == [("actual", 2016), ("actual", 2016)]

    def test_item_numbers_of_a_list_are_not_part_of_its_sentences(self, ref):
        found = rows("1. 2019年高新技术企业数量至少达到34家;2020年高新技术企业数量至少达到40家;"
                     "2.2019年千家工商注册企业中高新技术企业数量不少于5.67家;", ref, region="130424",
                     period=(2019, 2020), title="创新型县建设实施方案").targets
        assert [(t.value, t.year) for t in found] == [(34, 2019), (40, 2020), (5.67, 2019)]

    def test_a_year_opening_a_sentence_dates_all_its_numbers(self, ref):
        found = rows("2020年省级技术创新中心数量不低于5家,省级企业技术中心数量至少达到6家。", ref,
                     region="130424", period=(2019, 2020), title="实施方案").targets
        assert [(t.value, t.year) for t in found] == [(5, 2020), (6, 2020)]

    def test_the_next_five_years_end_in_the_fifth(self, ref):
        found = rows("未来五年,江苏力争科技进步贡献率达66%。", ref, region="320000", period=(2018, 2018),
                     title="江苏省政府工作报告").targets
        assert [(t.value, t.year) for t in found] == [(66, 2022)]

    def test_the_province_of_a_city_document(self, ref):
        found = rows("2019年全省高企总数要从1.8万家增长到2.4万家,我市高企总数要从750家增长到970家。", ref,
                     region="321100", period=(2019, 2019), title="镇江高企培育").targets
        assert [(t.region_id, t.value, t.status) for t in found] == [
            ("320000", 18000, "actual"), ("320000", 24000, "target"),
            ("321100", 750, "actual"), ("321100", 970, "target")]
        catalogued, = rows("2019年全省高新技术企业达到24000家。", ref, region="321100", period=(2019, 2019),
                           title="镇江高企培育").targets
        assert (catalogued.indicator_id, catalogued.region_id) == ("hightech_enterprises", "320000")

    def test_a_share_of_new_firms_is_a_share(self, ref):
        target, = rows("力争规模工业中新增高新技术企业占比达到60%以上", ref).targets
        assert (target.value, target.kind) == (60, "share_pct")

    def test_a_year_before_the_plan_after_到_is_no_deadline(self, ref):
        found = rows("報告指出,去年貴州旅游業加快復蘇,全省旅游人次、旅游總收入、游客人均花費分別恢復到2019年的113%、119%和105%。",
                     ref, region="520000",
                     period=(2024, 2024), title="贵州去年GDP增长4.9% 今年将推动数字经济规模破万亿").targets
        assert found and {t.status for t in found} == {"actual"}

    def test_a_heading_worded_in_the_past_heads_results(self, ref):
        found = rows("2024年贵州将推动数字经济发展。\n牢牢守住了底线任务\n全省原煤产量达1.53亿吨。", ref,
                     region="520000", period=(2024, 2024), title="贵州去年GDP增长4.9% 今年将推动数字经济规模破万亿").targets
        assert [(t.status, t.year) for t in found] == [("actual", 2023)]

    def test_a_fall_is_a_negative_growth(self, ref):
        found = rows("单位地区生产总值能耗下降2.8%,万元工业增加值用水量下降3%以上,高新技术产业增加值增长10%",
                     ref, region="520000").targets
        assert [(t.value, t.kind, t.comparator) for t in found] == [
            (-2.8, "growth_pct", "unspecified"), (-3, "growth_pct", "at_most"),
            (10, "growth_pct", "unspecified")]

    def test_a_zone_a_sentence_opens_on_holds_for_all_its_numbers(self, ref):
        found = rows("“十四五”期间,永州农高区将以健康食品作为主导产业,预计实现总产值超300亿元,"
                     "建成省级以上科创平台30家。", ref, region="431100", period=(2021, 2025),
                     title="永州农高区“十四五”发展目标")
        assert found.targets == []
        assert {u.reason for u in found.unplaced} == {"about 永州农高区, a zone or area not in the regions table"}

    def test_the_goals_of_a_five_year_plan_are_due_at_its_end(self, ref):
        found = rows("2016年是“十三五”的开局之年,会议指出,“十三五”发展目标是:高新技术企业达到4500家。", ref,
                     region="430000", period=(2016, 2016), title="全省科技工作会议召开").targets
        assert [(t.status, t.year) for t in found] == [("target", 2020)]

    def test_a_progress_report_opening_on_the_half_year_reports_this_year(self, ref):
        found = rows("上半年，县科技局推举申报国家高新技术企业6家。", ref, period=(2021, 2021),
                     title="科技局2021年上半年工作总结和下半年工作方案").targets
        assert [(t.status, t.year) for t in found] == [("actual", 2021)]

    def test_doubling_written_in_words(self, ref):
        found = rows("到2025年，高新技术企业数量增加一倍，高新技术企业营业收入翻一番", ref,
                     region="460000", period=(2023, 2025)).targets
        assert [(t.indicator_label, t.value_raw, t.unit, t.kind) for t in found] == [
            ("高新技术企业数量", 1, "倍", "growth_pct"), ("高新技术企业营业收入", 1, "番", "growth_pct")]
        assert all(t.indicator_id == "" for t in found)  # never compared with a growth in %

    def test_bracketed_notes_and_synonyms_do_not_hide_a_catalogue_indicator(self, ref):
        target, = rows("力争全社会研究与试验发展(R&D)经费投入占地区生产总值(GDP)比重达到1.2%", ref,
                       region="460000").targets
        assert target.indicator_id == "rd_intensity"
        assert target.indicator_label.startswith("全社会研究与试验发展(R&D)经费投入")

    def test_a_proposed_certification_is_a_result(self, ref):
        found = rows("第一批拟认定10家高新技术企业", ref, title="科技创新赋能行动第三季度工作调度会").targets
        assert [t.status for t in found] == ["actual"]
