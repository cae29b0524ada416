"""What else a number says: its kind, comparator, firmness and year.

Pure functions of the normalised sentence and the number; the extractor supplies what the
sentence inherits (the row's deadline, a deadline said earlier in the paragraph, the period).
"""

from __future__ import annotations

import re
from dataclasses import replace, dataclass

from etl.rules.numbers import Value, chinese_number
from etl.rules.status import five_year_deadline
from etl.rules.subjects import INCREASE_VERBS as MAKING_VERBS, Subject

YEAR = r"(?<![\d—\-－~])(20\d\d)年(?!\d{1,2}月|[—\-－~])"
SUBCLAUSE_END = "，,、：:。；;！？!?"
GROWTH_VERBS = ("同比增长", "年均增长", "增长率", "增长", "提高", "提升")
INCREASE_VERBS = ("净增", "新增", "增加", "新建", "新引进", "引进", "培育", "培养", "创建", "建成",
                  "建设", "组建", "申报", "新认定", "认定", "争创", "引育", "新设立", "新培育")
AT_LEAST_BEFORE = ("不低于", "不少于", "达到", "突破", "超过", "高于", "超", "达", "提高到", "提升到")
AT_MOST_BEFORE = ("不高于", "不超过", "低于", "缩小到", "控制在", "降至", "下降到", "降低到", "降到")
AT_LEAST_AFTER = ("及以上", "以上")
AT_MOST_AFTER = ("及以下", "以下", "以内")
# Longest first, so that 不低于 is not read as 低于.
BEFORE_WORDS = sorted([(w, "at_least") for w in AT_LEAST_BEFORE] + [(w, "at_most") for w in AT_MOST_BEFORE],
                      key=lambda pair: len(pair[0]), reverse=True)
AFTER_WORDS = sorted([(w, "at_least") for w in AT_LEAST_AFTER] + [(w, "at_most") for w in AT_MOST_AFTER],
                     key=lambda pair: len(pair[0]), reverse=True)
FIRMNESS = {"确保": "floor", "力争": "stretch", "争取": "stretch", "努力": "stretch"}
RELATIVE = re.compile(r"(?:高于|快于|超过|低于|领先)(?:全国|全省|全市|全州|全区|同期|平均|全社会)")
GROWTH_WORDS = ("增长", "提高", "提升", "增加", "下降", "降低", "减少", "增速", "增幅", "翻", "扩大")


@dataclass(frozen=True)
class Dates:
    """The years a sentence inherits: the plan period, the row's deadline, a deadline said before."""

    period_start: int
    period_end: int
    deadline_year: int | None = None
    carried_year: int | None = None


def catalogue_kind(before: str, prefix: str, value: Value, default: str) -> str:
    """growth_pct (增长15%), net_increase (净增/新增/培育... before the mention or number) or
    the indicator's own kind. ``prefix`` is the mention's clause up to the mention."""
    reaches_level = re.search(r"(提高|提升|增长)(到|至)$", before)
    if value.unit == "%" and any(v in before for v in GROWTH_VERBS) and not reaches_level:
        return "growth_pct"
    bare_before = re.sub(r"(力争|确保|争取|努力|累计|每年)+$", "", before)
    if any(v in before or v in prefix for v in INCREASE_VERBS[:3]) \
            or any(prefix.startswith(v) or prefix.endswith(v) or bare_before.endswith(v)
                   for v in INCREASE_VERBS):
        return "net_increase"
    return default


def comparator(sentence: str, value: Value) -> str:
    if value.unit == "名次" and sentence[value.n_start:value.n_start + 1] == "前":
        return "at_most"  # 前40位: 40th place or better
    after = sentence[value.n_end:value.n_end + 3]
    before = sentence[max(0, value.n_start - 4):value.n_start]
    if after.startswith("左右"):
        return "about"
    for word, comparator in AFTER_WORDS:
        if after.startswith(word):
            return comparator
    for word, comparator in BEFORE_WORDS:
        if before.endswith(word):
            return comparator
    return "unspecified"


def firmness(sentence: str, position: int) -> str:
    best, where = "", -1
    for word, firmness in FIRMNESS.items():
        found = sentence.rfind(word, 0, position)
        if found > where:
            best, where = firmness, found
    return best


def open_kind(subject: Subject, segment: str, value: Value) -> str:
    """Kind of an uncatalogued number: relative, growth_pct, net_increase, share_pct, ratio, level."""
    if RELATIVE.search(segment) or value.unit == "名次":
        return "relative"
    if value.unit in ("番", "倍") and any(w in segment for w in GROWTH_WORDS):
        return "growth_pct"  # 翻一番, 增长2倍: growth written as a multiple
    reaches_level = re.search(r"(?:提高|提升|增长|增加|下降|降低)(?:到|至)$", segment)
    if value.unit == "%" and not reaches_level and (
            any(w in subject.verb or w in subject.lead_verb for w in GROWTH_WORDS)
            or subject.label.endswith(("增速", "增幅", "增长率"))):
        return "growth_pct"
    if value.unit == "%" and re.search(r"(?:占比|比重|比例|率)$", subject.label):
        return "share_pct"  # 新增高新技术企业占比达到60%: a share, though 新增 is in its words
    if subject.lead_verb in MAKING_VERBS or subject.verb in MAKING_VERBS:
        return "net_increase"
    if value.unit == "%":
        return "share_pct"
    if value.unit == "":
        return "ratio"
    return "level"


def year_of(sentence: str, value: Value, mention_start: int, dates: Dates,
            kind: str) -> tuple[int | None, str]:
    """Year of a value: written before it, the row's deadline, 每年, 累计, or the plan's own.

    In a multi-year plan an unmarked level holds every year, an unmarked increase is a plan total.
    """
    head = sentence[:value.n_start]
    near = head[max([head.rfind(ch, 0, mention_start) for ch in SUBCLAUSE_END] + [-1]) + 1:]
    years = list(re.finditer(YEAR, near)) or list(re.finditer(r"到" + YEAR, head))
    if years:
        return int(years[-1].group(1)), "year"
    if dates.deadline_year:
        return dates.deadline_year, "year"
    ahead = re.search(r"(?:未来|今后)([一二两三四五六七八九十\d])年", head)  # 未来五年: to the fifth year
    if ahead:
        last = dates.period_start + int(chinese_number(ahead.group(1)) if not ahead.group(1).isdigit()
                                        else ahead.group(1)) - 1
        return last, "cumulative" if kind == "net_increase" else "year"
    plan_end = five_year_deadline(head, dates.period_start)  # 到“十四五”末 in the same sentence
    if plan_end:
        return plan_end, "cumulative" if kind == "net_increase" else "year"
    # the year the sentence opens on (2020年省级技术创新中心…不低于5家,省级企业技术中心…6家)
    opening = re.match(YEAR, head)
    if opening:
        return int(opening.group(1)), "year"
    if dates.carried_year and dates.carried_year > dates.period_start and "每年" not in head:
        return dates.carried_year, "cumulative" if kind == "net_increase" else "year"
    if dates.period_start == dates.period_end:
        return dates.period_start, "year"
    if "每年" in head or "年均" in head:
        return None, "every_year"
    if "累计" in head or re.search(r"(?<!\d)\d年(?:内|力争|累计)", head):
        return dates.period_end, "cumulative"
    if kind == "net_increase":
        return dates.period_end, "cumulative"
    return None, "every_year"


# A fall written as a growth: 能耗下降2.8% is a growth of -2.8%; 下降3%以上 falls at least 3%,
# a growth of at most -3%.
DECLINE = re.compile(r"(?:下降|降低|减少|缩减|回落|下滑)了?(?:约|近|超过|超|逾)?$")
FLIPPED = {"at_least": "at_most", "at_most": "at_least"}


def as_growth(sentence: str, value: Value, kind: str, compared: str) -> tuple[Value, str]:
    """The value and comparator of a growth in percent, negative when the words say it falls."""
    if kind != "growth_pct" or not DECLINE.search(sentence[:value.n_start]):
        return value, compared
    high = -value.high if value.high is not None else None
    return replace(value, number=-value.number, high=high), FLIPPED.get(compared, compared)
