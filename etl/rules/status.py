"""Target, reported result, or neither: decided from the clause, the section and the dates.

Government work reports and news mix last year's results and this year's targets in the same
verbs (突破, 达到, 增长). What tells them apart, strongest first:
1. money that is an award or a cap (给予最高10亿元支持, 奖励50万元) is neither;
2. 从X提高到Y: X is where the region stands (a result), Y is the target;
3. words of the past in the clause (已, 去年, 比上年, 完成了, 居全省第一) or of the future (力争,
   确保, 到2025年, 预计);
4. a year written before the number: earlier than the plan's first year means a result;
5. the section the sentence sits under (…工作回顾, 主要成效 / …主要目标, 重点任务), carried
   forward to the next heading;
6. otherwise a plan document states targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.rules.numbers import Value

AWARD = re.compile(r"给予|奖励|奖补|补助|补贴|资助|贴息|一次性|扶持资金|最高(?:可)?(?:按|给予|奖励|补助|支持)?$|"
                   r"最高|不超过\d|上限")
PAST = re.compile(r"(?<![而不])已|据统计|1[-—至~]\d{1,2}月|前三季度|拟(?:认定|入库|立项|入选|授予|命名|推荐)|(?<![比较同])(?:去年|上年)|过去一年|过去五年|"
                  r"过去\d年|以来|\d年来|完成(?:年度)?目标任务|[共累]计?争取|争取到|完成了|实现了|增加了|达到了|突破了|新增了|取得了|"
                  r"建成了|获批了|创历史新高|"
                  # a verb of change or action with 了 reports what was done (提高了4.37个百分点)
                  r"(?:提高|提升|增长|增加|下降|降低|减少|翻|推动|实施|启动|组织|引进|培育|认定|"
                  r"获得|获|印发|出台|举办|开展|建立|组建|培养|签约|落地|申报|推荐|转化|带动)了|"
                  # a stock counted up to now (截至目前, 截至今年1月中旬), before (此前), over recent years
                  r"截[至止](?:目前|当前|今年|去年|上年|[上本]月|\d{1,2}月)|此前|近年来|"
                  # what was obtained in total (共获得国省政策32个); 累计 is no sign: 力争累计引进
                  r"共获")
# 推荐了, 组织了: a verb with 了 tells a report's text from a plan's (counted for the whole text only).
PAST_ASPECT = re.compile(r"(?<![为除罢])了(?!解)")
# Rankings are usually reported, but a plan may aim for one (跃居全省前40位): past only outside plans.
RANKED = re.compile(r"居全[省国市州区]|位居|位列|排名|排全[省国市]")
PAST_AFTER = re.compile(r"^(?:以上)?(?:,|，)?(?:位居|居全|排名|排全)")  # …亿元,居全省第一
# 计划 alone is no sign of the future: 占年度计划投资的107%, 科技计划项目50项.
FUTURE = re.compile(r"力争|确保|争取|努力|计划(?:到|于|在|新增|建成|实现)|(?<!完成)(?<!年度)(?<!考核)目标(?!任务|考核)|"
                    r"预期|到20\d\d年|20\d\d年前(?![一二三四五六七八九十两\d]+个?[季月])|将|拟|明年|今年|年内|预计(?![值数])")
# In a report, 预计 is an estimate of the year just ended (预计全年地区生产总值增长6.5%); in a
# progress report 今年 and 年内 are the year being reported on.
FUTURE_IN_REPORT = re.compile(FUTURE.pattern.removesuffix("|预计(?![值数])"))
FUTURE_IN_PROGRESS = re.compile(FUTURE.pattern.removesuffix("|今年|年内|预计(?![值数])"))
assert FUTURE_IN_PROGRESS.pattern != FUTURE.pattern != FUTURE_IN_REPORT.pattern
# Words that put a whole paragraph in the past: 过去五年，…; “十三五”期间，…; 2022年，全市…
FIVE_YEAR_PLANS = {"十五": 2005, "十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025,
                   "十五五": 2030}
PAST_PERIOD = re.compile(r"过去一年|过去五年|过去\d年|五年来|\d年来|近年来|去年|"
                         r"“?(十[一二三四五]五|(?<=“)十五)”?(?:期间|时期|以来)")
# …and the part of the current year already behind it (a progress report: 上半年，县科技局…).
CURRENT_PERIOD = re.compile(r"^(?:20\d\d年)?(?:今年)?(?:上半年|前三季度|一季度|今年以来|年初以来|"
                            r"1[-—至~]\d{1,2}月)")
# A short opening sentence that states an achievement heads a paragraph of results in a plan's
# review (综合实力稳步提升。地区生产总值从…; 自主创新能力明显增强。…).
ACHIEVEMENT_HEADLINE = re.compile(r"^[^，,。]{2,14}(?:明显|显著|大幅|稳步|持续|不断|全面|加快)"
                                  r"(?:增强|提升|提高|改善|优化|完善|壮大|增长|加强|发展)$|"
                                  r"^[^，,。]{2,14}成效(?:显著|明显)$")
# Titles that say what a document is: a plan states targets unless worded otherwise; a report or
# a news item states results unless worded as a target.
PLAN_TITLE = re.compile(r"方案|规划|计划|要点|意见|通知|纲要|清单|分解|办法|部署|目标")
# A work conference's news (…工作会议召开, 学习…会议精神) relays this year's targets: not a report.
REPORT_TITLE = re.compile(r"报告|总结|回顾|综述|成效|成就|亮点|纪实|发布会|答记者问|"
                          r"巡礼|喜报|答问|述职|落实情况|完成情况|进展情况|答卷|成绩单|"
                          r"喜获|荣获|获评|摘得|入选|跻身|完成[^，,]{0,12}\d|获[^，,]{0,20}(?:表彰|称号|奖)|"
                          r"(?:达|升至|突破|跃居|增至|达到)\d|实现.*(?:提升|跨越|突破|增长)")
HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|"
                            r"第[一二三四五六七八九十]+[章节部分]|\d+[、.])")
REVIEW_HEADING = re.compile(r"回顾|总结|成效|成绩|成就|进展|完成情况|基本情况|概况|基础$|现实基础|发展基础|"
                            r"工作基础|发展现状|取得|过去|现状|情况")
PLAN_HEADING = re.compile(r"目标|任务|安排|计划|思路|举措|要求|重点工作|措施|部署|展望|打算")
DOCUMENT_TITLE = re.compile(r"报告|方案|规划|纲要|通知|意见|要点$")
YEAR_BEFORE = re.compile(r"(?P<to>到|至|截至|截止)?(?P<year>20\d\d)年")


PROGRESS_TITLE = re.compile(r"总结|落实情况|完成情况|进展情况|执行情况|进度")


TASK_BREAKDOWN = re.compile(r"任务分解|分解表|责任分工|分工方案")


def document_kind(title: str, text: str = "") -> str:
    """What a document is: 'plan' (states targets), 'report' (a work report or news: results of
    the year before the one it is dated), 'progress' (a summary or progress report: results of
    the year it is dated). The title decides; a title that says neither (河北顺平：培育科技型企业
    激发县域经济活力) leaves it to the text: more words of the past than of the future make a
    report."""
    if TASK_BREAKDOWN.search(title):  # 政府工作报告重点工作任务分解表: the report's tasks, ahead
        return "plan"
    if REPORT_TITLE.search(title) and not (PLAN_TITLE.search(title) and not re.search(
            r"报告|情况", title)):
        return "progress" if PROGRESS_TITLE.search(title) else "report"
    if PLAN_TITLE.search(title) or not text:
        return "plan"
    past = len(PAST.findall(text)) + len(PAST_PERIOD.findall(text)) + len(RANKED.findall(text)) \
        + len(PAST_ASPECT.findall(text))
    future = len(FUTURE.findall(text))
    return "report" if past > future else "plan"


# Money or land written as the size of the things counted (招引一批30亿以上特大产业项目, 总投资10亿元
# 以上的重大技改项目, 500亩以上连片片区): 以上 followed by a noun, not by punctuation or by what a
# target reaches (保持10亿元以上的规模).
SIZE_UNIT = re.compile(r"^(?:万亿元|亿元|万元|元|亿|万|亩|公顷|平方米|平方公里|吨)$")
SIZE_CLASS_AFTER = re.compile(r"(?:及)?以[上下]的?(?!的|目标|水平|规模|增长|增速|用于|支持|投入|资金)"
                              r"[\u4e00-\u9fff]")


# What a document counts of itself: its parts, areas, tasks, measures and indicators (抓好5个方面的
# 重点, 主要有4项具体任务, 11项主要指标, 18项措施; 提出工作目标33项、主要任务236项) are not
# quantities of the region.
OWN_PARTS_AFTER = re.compile(r"(?:方面|篇目|章节|部分|板块|(?:重点|主要|具体)?(?:任务|举措|措施)|主要指标)")


@dataclass
class Section:
    """What the text under the latest heading is: 'review', 'plan' or '' (not known)."""

    kind: str = ""


# The field block of a government disclosure page (组配分类: 决策部署落实情况, 当前位置: …): page
# metadata, not a heading of the text, whatever words its value has.
PAGE_FIELD = re.compile(r"^(?:组配分类|主题分类|发布机构|信息来源|索引号|当前位置|名称|文号|发文日期|发布日期|"
                        r"来源|作者|责任编辑|公开方式|公开时限|所属栏目)\s*[:：]")


def heading_kind(line: str) -> str | None:
    """'review' or 'plan' for a heading line, None for a line that is not a heading."""
    text = line.strip()
    if not text or len(text) > 40 or text.endswith(("。", ";", "；")) or DOCUMENT_TITLE.search(text) \
            or PAGE_FIELD.match(text):
        return None
    if not HEADING_NUMBER.match(text) and len(text) > 16:
        return None
    if REVIEW_HEADING.search(text) and not re.search(r"目标|任务|安排", text) or PAST.search(text) \
            or PAST_ASPECT.search(text):
        return "review"  # 牢牢守住了底线任务: a heading worded in the past heads results
    if PLAN_HEADING.search(text):
        return "plan"
    return None


def reported_year_of(kind: str, plan_start: int, published: str = "") -> int:
    """The year a document's results belong to when it does not say: a progress report's own
    year; a report or news item published after March reports its own year, one published in
    the first quarter (the season of work reports and work conferences) the year before."""
    if kind == "progress":
        return plan_start
    date = re.match(r"(20\d\d)-(\d\d)", published or "")
    if date and int(date.group(1)) == plan_start:
        return plan_start if int(date.group(2)) > 3 else plan_start - 1
    return plan_start - 1


def classify(sentence: str, value: Value, clause_start: int, section: Section,
             plan_start: int, kind: str = "plan",
             past_year: PastOpening | None = None, published: str = "",
             ahead: bool = False) -> tuple[str, int | None, str]:
    """(status, year of a result or None, why) for one value; status is target, actual or none.

    ``kind`` is the document's (see ``document_kind``): it decides only when nothing else does;
    ``past_year`` is a year before the plan that opened the paragraph (2022年，全省…);
    ``ahead`` says a sentence before, in the same paragraph, turned to the year ahead (谈到今年的
    目标，…表示，要…).
    """
    words_of_future = {"plan": FUTURE, "report": FUTURE_IN_REPORT}.get(kind, FUTURE_IN_PROGRESS)

    def future(words: str) -> bool:
        """Words of the future, 到2019年 before the plan left out (恢复到2019年的113%)."""
        return bool(words_of_future.search(re.sub(
            r"到(20\d\d)年", lambda m: "" if int(m.group(1)) < plan_start else m.group(0), words)))

    reported_year = reported_year_of(kind, plan_start, published)
    before = sentence[clause_start:value.n_start]
    after = sentence[value.n_end:value.n_end + 8]
    if AWARD.search(before[-12:]):
        return "none", None, "an award, subsidy or cap, not a target"
    own_parts_before = re.search(r"(?:工作目标|(?:重点|主要|具体)(?:任务|举措|措施)|推进措施|主要指标)$",
                                 before)
    if value.unit in ("个", "项", "条") and (OWN_PARTS_AFTER.match(sentence, value.n_end) or
                                           own_parts_before):
        return "none", None, "a count of the document's own parts or tasks (5个方面, 11项主要指标)"
    if SIZE_UNIT.match(value.unit) and SIZE_CLASS_AFTER.match(sentence, value.n_end):
        return "none", None, "a size class of what is counted (10亿元以上的项目), not a quantity"
    year = _year_before(sentence[:value.n_start])
    if re.search(r"(?:从|由)$", before):
        return "actual", year[0] if year and not year[1] else None, "the starting point of 从…到"
    head = sentence[:value.n_start]
    this_year = re.search(r"今年以来|年初以来|今年|本年度|本年|上半年|前三季度|1[-—至~]\d{1,2}月|目前|现有",
                          head)
    stated = year[0] if year and not year[1] and year[0] <= plan_start else None

    def result_year(default: int) -> int:
        """A year written before the number (2018年烟台新培育…83家), else this year, else default."""
        return stated or (plan_start if this_year else default)

    ranked = RANKED.search(before) and (kind != "plan" or not future(head))
    # 目前8家 (the stock now), also for the numbers listed after it (目前拥有8家…,40家…)
    present = re.search(r"目前|现有", head) and not future(head)
    if PAST.search(before) or ranked or present or PAST_AFTER.match(after) and not future(before):
        return "actual", result_year(reported_year), "worded as a result"
    if future(before) or (future(head) and not PAST.search(head)):
        return "target", None, "worded as a target"
    if PAST.search(head):  # 怀柔实验室已入轨运行，全省高新技术企业数量突破4500家
        return "actual", result_year(reported_year), "in a sentence worded as a result"
    if year:
        written, is_deadline = year
        if written < plan_start:  # 从2015年的12.78亿元增长至2020年的34.94亿元 in a 2021 plan
            return "actual", written, f"a result of {written}, before the plan's {plan_start}"
        if is_deadline or kind == "plan":
            return "target", None, "a year of the plan"
    # A paragraph opening on a written past year (2023年，…) outranks the heading it sits under;
    # one opening on a headline (自主创新能力大幅提升。) may be a goal under a heading of targets.
    if ahead:
        return "target", None, "in a paragraph about the year ahead"
    if past_year and (section.kind != "plan" or past_year.written):
        return "actual", stated or past_year.year, f"in a paragraph about {past_year.year}"
    if section.kind == "review":
        return "actual", result_year(reported_year), "under a review heading"
    if section.kind == "plan":
        return "target", None, "under a heading of targets or tasks"
    if kind != "plan":
        return "actual", result_year(reported_year), "a report's statement, not worded as a target"
    return "target", None, "a plan's statement"


# A news item's dateline and the quotation mark that may open its first words
# (科技日报长沙3月1日电(记者…)“过去一年，…).
NEWS_DATELINE = re.compile(r"^(?:[^，,。“]{0,24}?\d{1,2}日电(?:\([^)]{0,40}\))?)?[“\"]?")


@dataclass(frozen=True)
class PastOpening:
    """The year of results a paragraph opens on, and whether the year is written (2022年，)."""

    year: int
    written: bool


def past_opening(sentence: str, plan_start: int) -> PastOpening | None:
    """The year of results a sentence opens on (过去五年，…; 2022年，…; “十三五”期间，…), if any.

    Only an opening counts: the words before the first comma, after a verb of saying
    (会议指出，2022年，…)."""
    sentence = NEWS_DATELINE.sub("", sentence)
    head = re.sub(r"^(?:据了解|据悉|据介绍|据统计|[^，,:：]{0,8}(?:指出|表示|介绍|强调|提到|说))[，,:：]?", "",
                  sentence)
    head = re.split(r"[，,:：]", head, maxsplit=1)[0]
    year = re.match(r"(?:在|截至|截止)?(20\d\d)年(?:以来|全年|底|末)?$", head)
    if year and int(year.group(1)) < plan_start:
        return PastOpening(int(year.group(1)), True)
    # A headline on a past year, with no number and no word of the future (2024年广西科技成果硕果
    # 累累。): the paragraph it opens is that year's results.
    headline = re.match(r"(20\d\d)年[^0-9，,:：]{2,20}[。!！]?$", sentence)
    if headline and int(headline.group(1)) < plan_start and not FUTURE.search(sentence):
        return PastOpening(int(headline.group(1)), True)
    if CURRENT_PERIOD.match(head):  # under a heading of tasks, 上半年，完成… is a deadline
        return PastOpening(plan_start, False)
    if ACHIEVEMENT_HEADLINE.match(sentence):
        return PastOpening(plan_start - 1, False)
    period = PAST_PERIOD.search(head)
    if period and len(head) <= 16:
        end = FIVE_YEAR_PLANS.get(period.group(1) or "", plan_start - 1)
        return PastOpening(end, True) if end < plan_start else None
    return None


# Words that name the year ahead as what follows is about (谈到今年的目标, 今年将, 下一步要).
AHEAD = re.compile(r"(?:今年|明年|新的一年|下一步|下阶段|20\d\d年|(?:今后|未来)[一二三四五两几\d]年)"
                   r"[^，,。；;:：\d]{0,12}?(?:目标|将|要|力争|计划|重点)")

# A subject and 将 opening the sentence (安徽将坚持…; 全市将…), or a clause opening on 要
# (报告指出，要推进…): what follows is what will be done. 将 that means 把 (将…纳入) is not.
AHEAD_SUBJECT = re.compile(r"^[\u4e00-\u9fff]{1,6}将(?![^，,。]{0,12}(?:纳入|作为|列为|列入|摆在))"
                           r"|(?:^|[，,:：])要(?![求素点闻])")


def turns_ahead(sentence: str, plan_start: int = 0) -> bool:
    """A sentence whose words before its first number name the year ahead and not the past
    (谈到今年的目标，…表示，要争取…; 会议提出，今年将…): the rest of the paragraph is targets.
    A year before the plan names no year ahead (执行2022年国民经济和社会发展计划 in a 2023 plan)."""
    number = re.search(r"\d+(?:\.\d+)?(?![\d年])", sentence)  # the first that is not a year
    head = sentence[:number.start()] if number else sentence
    ahead = [m for m in AHEAD.finditer(head)
             if not (m.group().startswith("20") and int(m.group()[:4]) < plan_start)]
    ahead = ahead or AHEAD_SUBJECT.search(head)
    return bool(ahead) and not PAST.search(head) and not PAST_PERIOD.search(head)


def five_year_deadline(text: str, plan_start: int) -> int | None:
    """到“十四五”末, 展望“十五五”时期, “十三五”发展目标: the last year of a five-year plan still ahead."""
    found = re.search(r"(十[一二三四五]五)”?(?:末|时期|期间|规划期|(?:发展|主要)?目标)", text)
    end = FIVE_YEAR_PLANS.get(found.group(1)) if found else None
    return end if end and end >= plan_start else None


def _year_before(head: str) -> tuple[int, bool] | None:
    """The last year written before a number and whether it is a deadline (到2025年)."""
    found = list(YEAR_BEFORE.finditer(head))
    if not found:
        return None
    last = found[-1]
    return int(last.group("year")), bool(last.group("to")) and last.group("to") in ("到", "至")
