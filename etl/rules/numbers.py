"""Numbers with units in normalised plan text: 5.5亿元, 1.76万家, 25—30家, 两家, 10%.

Only what the units table knows is a quantity; a number followed by any other word (3大工程,
5G, 4+4科创工程) is not. A Chinese numeral counts only with a count unit and a verb of making or
reaching before it (建成一个院士专家工作站), so that 一批, 第一, 一体化 are never read as numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.reference import Reference

DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
RANGE_JOIN = r"(?:-|~|—|–|〜|至|到)"
MULTIPLIERS = {"万": 1e4, "亿": 1e8}
CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}
CHINESE_COUNT_UNITS = ("个", "家", "项", "所", "名", "座", "条", "支", "位", "户", "件")
# A Chinese numeral is read only straight after one of these verbs (optionally 力争/确保 first).
CHINESE_NUMERAL_VERBS = ("建成", "新建", "新增", "创建", "培育", "引进", "打造", "建设", "认定",
                         "争创", "获批", "申报", "组建", "创成", "达到", "突破", "新认定", "建立")


# A rank needs a verb of ranking before it in the same clause; 第二个院士工作站 is an ordinal.
RANK = re.compile(r"(?:居|排|位列|升至|进位至|跃居|跃升至|跃升|稳居|列|保持|进入|位于|达到|提升至)"
                  r"[^，,。；;、\d]{0,10}?[第前](?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?"
                  r"(?![个家项次批条座所名人\d])")
# …and a rank written without 第 after the whole it is counted in (保持全国61位, 居全省5位)
RANK_PLAIN = re.compile(r"(?:居|排|位列|稳居|保持|位居|跃居|升至|进入)全[国省市州区](?P<num>\d{1,3})(?:位|名)"
                        r"(?!次)")
RANK_MORE = re.compile(r"、[^，,。；;、\d]{0,8}?[第前](?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?"
                       r"(?![个家项次批条座所名人\d])")


DOUBLING = re.compile(r"(?:翻|(?:增加|增长|提高|扩大)了?)(?P<num>[一两二三四五六七八九十])(?P<unit>番|倍)")


@dataclass
class Value:
    """A number with a unit found in normalised text (n_* offsets are normalised positions).

    ``number`` is in ``unit`` with 万/亿 folded in for counts (1.76万家 -> 17600 家).
    """

    n_start: int
    n_end: int
    number: float
    high: float | None
    unit: str


def find_values(sentence: str, ref: Reference) -> list[Value]:
    """Every number with a known unit, every unitless ratio after 缩小到/降至/为, every Chinese
    numeral count after a verb of making; sorted by position, never overlapping."""
    found: list[Value] = _ranks(sentence)
    for m in _unit_range_pattern(ref).finditer(sentence):  # 2家至4家, 25家—30家
        factor = MULTIPLIERS.get(m.group("mult") or "", 1.0)
        found.append(Value(m.start(), m.end(), float(m.group("low")) * factor,
                           float(m.group("high")) * factor, m.group("unit")))
    for m in _value_pattern(ref).finditer(sentence):
        if _inside_a_name(sentence, m.start(), m.end()) or _overlaps(found, m.start(), m.end()):
            continue
        factor = MULTIPLIERS.get(m.group("mult") or "", 1.0)
        low = float(m.group("low").replace(",", "")) * factor
        high = float(m.group("high").replace(",", "")) * factor if m.group("high") else None
        found.append(Value(m.start(), m.end(), round(low, 6), None if high is None else round(high, 6),
                           m.group("unit")))
    bare = re.compile(r"(?:缩小到|缩小至|降至|降低到|达到|为)(\d+(?:\.\d+)?)(?![\d.%])")
    for m in bare.finditer(sentence):  # unitless ratios: 城乡居民人均可支配收入之比缩小到1.73
        if not _overlaps(found, m.start(1), m.end(1)):
            found.append(Value(m.start(1), m.end(1), float(m.group(1)), None, ""))
    for m in DOUBLING.finditer(sentence):  # 翻一番, 增加一倍: a multiple written in words
        if not _overlaps(found, m.start("num"), m.end()):
            found.append(Value(m.start("num"), m.end(), float(chinese_number(m.group("num"))), None,
                               m.group("unit")))
    for m in _chinese_pattern().finditer(sentence):
        if not _overlaps(found, m.start("num"), m.end()):
            found.append(Value(m.start("num"), m.end(), float(chinese_number(m.group("num"))), None,
                               m.group("unit")))
    found.sort(key=lambda v: v.n_start)
    return found


def _ranks(sentence: str) -> list[Value]:
    """居全国第8, 跃居全省前40位, and a rank listed after one (居全国第5、中部第2)."""
    found = [Value(m.start("num"), m.end(), float(m.group("num")), None, "名次")
             for m in RANK_PLAIN.finditer(sentence)]
    for m in RANK.finditer(sentence):
        found.append(_rank_value(m))
        position = m.end()
        while (more := RANK_MORE.match(sentence, position)):
            found.append(_rank_value(more))
            position = more.end()
    return found


def _rank_value(m: re.Match[str]) -> Value:
    number = m.group("num")
    value = float(number) if number.isdigit() else float(chinese_number(number))
    return Value(m.start("num") - 1, m.end(), value, None, "名次")


def chinese_number(text: str) -> int:
    """一 -> 1, 两 -> 2, 十 -> 10, 十二 -> 12, 二十 -> 20, 三十五 -> 35 (up to 99)."""
    if "十" not in text:
        return CHINESE_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)


@lru_cache(maxsize=4)
def _value_pattern(ref: Reference) -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in ref.unit_names())
    return re.compile(
        rf"(?<![\d.+])(?<!\d,)(?P<low>{DIGITS})(?:{RANGE_JOIN}(?P<high>{DIGITS}))?"
        rf"(?P<mult>万(?=亿元)|万(?!元)|亿(?!元))?(?P<unit>{units})")


@lru_cache(maxsize=4)
def _unit_range_pattern(ref: Reference) -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in ref.unit_names())
    return re.compile(rf"(?<![\d.+])(?<!\d,)(?P<low>\d+(?:\.\d+)?)(?P<mult>万|亿)?(?P<unit>{units}){RANGE_JOIN}"
                      rf"(?P<high>\d+(?:\.\d+)?)(?P=mult)?(?P=unit)")


@lru_cache(maxsize=1)
def _chinese_pattern() -> re.Pattern[str]:
    verbs = "|".join(sorted(CHINESE_NUMERAL_VERBS, key=len, reverse=True))
    units = "".join(CHINESE_COUNT_UNITS)
    # 一个一个 is not a count, nor 打造一支…队伍 (a team, said of any staff)
    return re.compile(rf"(?:{verbs})(?P<num>[一二两三四五六七八九十]{{1,3}})(?P<unit>[{units}])"
                      r"(?!一)(?<!一支)")


QUOTED_NAME = re.compile(r"[“「]([^“”「」，,。；;]{2,12})[”」]")


def _inside_a_name(sentence: str, start: int, end: int) -> bool:
    """Digits in a programme name (4+4科创工程, “3+3+2”产业集群, “广西科改33条”) or an ordinal
    (第3批). A quoted name holds words besides the number (“33条” alone is a quoted count)."""
    if sentence[end:end + 1] == "+" or sentence[max(0, start - 1):start] in ("+", "第"):
        return True
    for name in QUOTED_NAME.finditer(sentence):
        if name.start(1) <= start and end <= name.end(1):
            words = sentence[name.start(1):start] + sentence[end:name.end(1)]
            return len(re.findall(r"[\u4e00-\u9fff]", words)) >= 3
    return False


def _overlaps(found: list[Value], start: int, end: int) -> bool:
    return any(v.n_start < end and start < v.n_end for v in found)
