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
PAST = re.compile(r"已经|已有|已达|已建|已认定|已获|已完成|(?<![比较同])(?:去年|上年)|过去一年|过去五年|"
                  r"过去\d年|完成了|实现了|增加了|达到了|突破了|新增了|取得了|"
                  r"建成了|获批了|居全[省国市州]|位居|位列|排名|排全[省国市]|创历史新高")
PAST_AFTER = re.compile(r"^(?:以上)?(?:,|，)?(?:位居|居全|排名|排全)")
FUTURE = re.compile(r"力争|确保|争取|努力|预计|计划|目标|预期|到20\d\d年|20\d\d年前|将|拟|"
                    r"今年|明年|年内|全年")
HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|"
                            r"第[一二三四五六七八九十]+[章节部分]|\d+[、.])")
REVIEW_HEADING = re.compile(r"回顾|总结|成效|成绩|成就|进展|完成情况|基本情况|发展基础|发展现状|"
                            r"取得|过去|现状|情况")
PLAN_HEADING = re.compile(r"目标|任务|安排|计划|思路|举措|要求|重点|措施|工作|行动|保障|部署|展望|建议")
YEAR_BEFORE = re.compile(r"(?P<to>到|至|截至|截止)?(?P<year>20\d\d)年")


@dataclass
class Section:
    """What the text under the latest heading is: 'review', 'plan' or '' (not known)."""

    kind: str = ""


def heading_kind(line: str) -> str | None:
    """'review' or 'plan' for a heading line, None for a line that is not a heading."""
    text = line.strip()
    if not text or len(text) > 40 or text.endswith(("。", ";", "；")):
        return None
    if not HEADING_NUMBER.match(text) and len(text) > 20:
        return None
    if REVIEW_HEADING.search(text) and not re.search(r"目标|任务|安排", text):
        return "review"
    if PLAN_HEADING.search(text):
        return "plan"
    return None


def classify(sentence: str, value: Value, clause_start: int, section: Section,
             plan_start: int) -> tuple[str, int | None, str]:
    """(status, year of a result or None, why) for one value; status is target, actual or none."""
    before = sentence[clause_start:value.n_start]
    after = sentence[value.n_end:value.n_end + 8]
    if AWARD.search(before[-12:]):
        return "none", None, "an award, subsidy or cap, not a target"
    year = _year_before(sentence[:value.n_start])
    if re.search(r"(?:从|由)$", before):
        return "actual", year[0] if year and not year[1] else None, "the starting point of 从…到"
    head = sentence[:value.n_start]
    if PAST.search(before) or PAST_AFTER.match(after) and not FUTURE.search(before):
        return "actual", _result_year(year, plan_start), "worded as a result"
    if FUTURE.search(before) or (FUTURE.search(head) and not PAST.search(head)):
        return "target", None, "worded as a target"
    if year:
        written, is_deadline = year
        if written < plan_start and not is_deadline:
            return "actual", written, f"a result of {written}, before the plan's {plan_start}"
        return "target", None, "a year of the plan"
    if section.kind == "review":
        return "actual", plan_start - 1, "under a review heading"
    return "target", None, "a plan's statement"


def _year_before(head: str) -> tuple[int, bool] | None:
    """The last year written before a number and whether it is a deadline (到2025年)."""
    found = list(YEAR_BEFORE.finditer(head))
    if not found:
        return None
    last = found[-1]
    return int(last.group("year")), bool(last.group("to")) and last.group("to") in ("到", "至")


def _result_year(year: tuple[int, bool] | None, plan_start: int) -> int:
    if year and year[0] < plan_start:
        return year[0]
    return plan_start - 1
