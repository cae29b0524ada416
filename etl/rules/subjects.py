"""What a number is about: the subject phrase (label) of each number in a sentence.

Plan documents word their commitments in a handful of shapes, each handled here:
- subject, verb, number: 全社会研发经费投入增长15%; 知识产权质押融资登记金额超500万元
- verb, subject, number: 新增市级星创天地2家; 力争发放纯信用贷款4000万元以上
- verb, number, subject (number before the noun): 新建80个省级以上研发平台; 带动80家以上企业上云
- a follow-on clause or list item that drops the subject or the verb:
  新增高新技术企业80家，总量突破550家; 投入总量达到75亿元，占GDP比重达到1.7%;
  新增高新技术企业超6000家、科技型中小企业1.76万家
- one number for several subjects: 新建省重点实验室、省技术创新中心、省工程研究中心各20家
- paired lists: 规上工业增加值、固定资产投资分别增长10%、7.9%
The label is the document's own words with connectives, verbs and comparators trimmed; no
label is ever made up. A number whose subject cannot be found gets an empty label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from etl.rules.numbers import Value

CLAUSE_END = "，,；;:：。！？!?"
YEAR_WORDS = r"(?:到|至|截至|截止|在|于)?20\d\d年(?:底|末|前|内|度)?(?:前)?"
LEAD_WORDS = [
    "力争", "确保", "争取", "努力", "全年", "年内", "年度", "当年", "今年", "明年", "其中", "累计",
    "每年", "年均", "同时", "并", "和", "及", "以及", "共", "共计", "合计", "预计", "计划", "目标",
    "期间", "此外", "另外", "再", "还", "要", "将", "可", "全县", "全市", "全州", "全区",
    "全省", "全旗", "全镇", "全域", "全国", "重点", "持续", "积极", "大力", "加快", "进一步", "一年内",
    "三年内", "五年内", "三年", "五年", "十四五末", "十四五期间", "十四五时期", "是", "为", "且",
    "并且", "而且", "另", "通过", "围绕", "聚焦", "在",
]
# List numbers and durations that open a clause: 2.累计新增…, (三)…, 3年力争…
LEAD_PATTERN = re.compile(r"^(?:\d{1,2}[.、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|"
                          r"[一二三四五六七八九十]{1,3}、|\d{1,2}年内?|[一二三四五]年内?)")
# Verbs that open a clause before its subject. Verbs of making count as a net increase.
INCREASE_VERBS = [
    "新增", "净增", "新认定", "认定", "新建", "建成", "建设", "创建", "争创", "创成", "新培育", "培育",
    "新引进", "引进", "引育", "组建", "新设立", "设立", "打造", "获批", "招引", "新登记", "新备案",
    "培养", "增加", "新招引", "新落地", "新开工", "新入库", "入库", "新获批", "新创建", "新布局", "布局",
]
OTHER_LEAD_VERBS = [
    "推动", "推进", "带动", "支持", "实施", "完成", "开展", "举办", "组织", "发放", "落实", "选派",
    "遴选", "转化", "登记", "备案", "引导", "帮助", "立项", "攻克", "实现", "促进", "吸引",
    "储备", "解决", "突破", "达成", "获得", "获取", "争取到", "申报", "申请", "推广", "培训", "评选",
    "签约", "招聘", "招收", "选育", "攻关", "承担", "建立", "成立", "开工", "投产", "指导", "牵头",
    "完善", "发掘", "挖掘", "搭建", "促成", "覆盖", "形成", "新认证",
]
# Verbs that, inside a phrase, start the real subject: …产业主攻方向突破关键核心技术1项.
MID_VERBS = ("突破", "培养", "引进", "新增", "新建", "建成", "创建", "打造", "实施", "完成", "开展",
             "举办", "组织", "发放", "选派", "促成", "搭建", "形成", "争创", "净增", "新认定", "引育")
# Words between the subject and its number: verbs of reaching and comparators.
TRAIL_WORDS = [
    "不低于", "不少于", "不高于", "不超过", "提高到", "提升到", "提高至", "提升至", "增长到", "增加到",
    "增至", "达到", "突破", "超过", "控制在", "保持在", "稳定在", "降至", "降低到", "下降到", "缩小到",
    "缩小至", "增长", "增加", "提高", "提升", "下降", "降低", "减少", "分别", "同比", "年均", "较上年",
    "比上年", "低于", "高于", "达", "超", "为", "是", "在", "约", "近", "逾", "各", "以上", "左右",
    "力争", "确保", "争取", "实现", "完成", "累计", "总计", "合计", "共", "均", "新增", "净增", "再",
    "要", "将", "可", "已", "共计", "至少", "保持", "稳定", "认定", "引进", "培育", "新建", "建成",
    "创建", "备案", "获批", "翻",
]
# Subjects that only make sense with the one before them: 总量突破550家, 占GDP比重达到1.7%.
GENERIC = re.compile(r"^(?:总量|总数|总额|数量|规模|增速|增幅|比重|占比|强度|总计|总量规模|"
                     r"占[^，,、]{0,12}(?:比重|比例|的比重)|其中)$")
GENERIC_TAIL = re.compile(r"(?:总量|总数|总额|数量|规模)$")
NOT_A_LABEL = re.compile(r"^[\W\d_a-zA-Z]*$")


@dataclass
class Subject:
    label: str
    verb: str  # the verb before the subject, or the one between subject and number
    lead_verb: str  # a verb of making or doing before the subject ('' when none)
    how: str  # before, after, inherited, shared, paired
    segment_start: int  # where the words about this number begin in the sentence
    regions: tuple[str, ...] = ()  # region names that stood where a subject would (涟源、双峰达到12%)


TOPIC = re.compile(r"在([^，,；;:：]{2,30}?)方面")


def subjects(sentence: str, values: list[Value], context_label: str = "",
             is_region: Callable[[str], bool] = lambda name: False) -> list[list[Subject]]:
    """For each value, the subjects it is about (several for 各 and none when unknown).

    ``context_label`` is the subject of the sentence before, for a clause that only has a verb
    (…高新技术企业…。全年力争净增200家以上); ``is_region`` tells a region name, for clauses whose
    subject is a region and whose indicator was named once (在高新技术产业增加值占GDP比重方面，
    娄星区将达到32%以上、冷水江达到22%以上).
    """
    result: list[list[Subject]] = []
    previous: Subject | None = None
    paired: list[str] = []
    paired_verb = ""
    consumed = 0  # the words after a number that were taken as its subject
    for k, value in enumerate(values):
        clause_start = _clause_start(sentence, value.n_start)
        prev_end = values[k - 1].n_end if k and values[k - 1].n_end > clause_start else clause_start
        prev_end = max(prev_end, min(consumed, value.n_start))
        segment = sentence[prev_end:value.n_start]
        in_same_clause = prev_end > clause_start
        # a paired list: 分别增长10%、7.9%
        if paired and in_same_clause and re.fullmatch(r"[、和及]", segment):
            label = paired.pop(0)
            result.append([Subject(label, paired_verb, "", "paired", prev_end)])
            continue
        paired = []
        segment = re.sub(r"^(?:以上|左右|及以上|以下|以内)", "", segment)
        lead, label, verb = _parse_segment(segment)
        if "分别" in segment and not label and clause_start > 0:
            # 全区高新技术企业和科技型企业在2022年的基础上实现“双倍增”，分别超过90家和870家
            label = _clause_subject(sentence[_clause_start(sentence, clause_start - 1):clause_start - 1])
        if "分别" in segment:
            names = _split_list(label)
            if len(names) > 1:
                paired, paired_verb = names[1:], verb
                result.append([Subject(names[0], verb, lead, "paired", prev_end)])
                previous = result[-1][0]
                continue
        if label.endswith("各") or segment.rstrip().endswith("各"):
            names = _split_list(label.removesuffix("各"))
            if len(names) > 1:
                result.append([Subject(n, verb, lead, "shared", prev_end) for n in names])
                previous = result[-1][-1]
                continue
            label = label.removesuffix("各")
        names = _split_list(label) if label else []
        if names and all(is_region(n) for n in names):
            topics = [m.group(1) for m in TOPIC.finditer(sentence, 0, value.n_start)]
            about = topics[-1] if topics else previous.label if previous else context_label
            result.append([Subject(about if _is_label(about) else "", verb, lead, "region",
                                   prev_end, tuple(names))])
            continue
        how = "before"
        following = values[k + 1] if k + 1 < len(values) else None
        if not label or _ends_with_verb(segment):
            after, end = _after(sentence, value, following)
            if not label or _is_label(after):
                label, consumed, how = after, end, "after"
        if label and GENERIC.match(label) and previous:
            base = GENERIC_TAIL.sub("", previous.label)
            label, how = base + ("" if label == "其中" else label), "inherited"
        elif not label and previous and (in_same_clause or lead or verb):
            label, how = previous.label, "inherited"  # …48670亿元，同比增长4.5%
        elif not label and context_label and (lead or verb) and not previous:
            label, how = context_label, "inherited"
        if previous and not lead and in_same_clause and segment.startswith("、"):
            lead = previous.lead_verb  # 新增A 5家、B 3家: the list shares its verb
        subject = Subject(label if _is_label(label) else "", verb, lead, how, prev_end)
        result.append([subject])
        if subject.label:
            previous = subject
    return result


def _parse_segment(segment: str) -> tuple[str, str, str]:
    """(lead verb, label, trailing verb) of the words before a number."""
    text = _strip_punctuation(segment)
    lead = ""
    changed = True
    while changed and text:
        changed = False
        year = re.match(YEAR_WORDS, text) or LEAD_PATTERN.match(text)
        if year:
            text, changed = text[year.end():], True
            continue
        for word in LEAD_WORDS:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
                break
        else:
            for word in sorted(INCREASE_VERBS + OTHER_LEAD_VERBS, key=len, reverse=True):
                if text.startswith(word):
                    lead = lead or word
                    text, changed = text[len(word):], True
                    break
    verb = ""
    changed = True
    while changed and text:
        changed = False
        for word in sorted(TRAIL_WORDS, key=len, reverse=True):
            if text.endswith(word):
                verb = verb or word
                text, changed = text[: -len(word)], True
                break
        year = re.search(YEAR_WORDS + "$", text)
        if year and not changed:
            text, changed = text[:year.start()], True
    inner = re.search(r"(?<=.)(?:力争|确保|争取|努力)", text)
    if inner:  # 高新技术企业数量力争总数: the subject is before the word of firmness
        rest = text[inner.end():]
        text = text[:inner.start()] + ("" if not rest or GENERIC.match(rest) else rest)
    for mid in sorted(MID_VERBS, key=len, reverse=True):
        at = text.rfind(mid, 1)
        if at > 0 and len(text) - at - len(mid) >= 2:
            lead, text = mid, text[at + len(mid):]
            break
    return lead, _strip_punctuation(text), verb


def _ends_with_verb(segment: str) -> bool:
    """新增…培养5名人才: the words before the number end with a verb, the subject follows it."""
    text = re.sub(r"(?:力争|确保|争取|努力|累计|每年|再|共)+$", "", _strip_punctuation(segment))
    return text.endswith(tuple(INCREASE_VERBS + OTHER_LEAD_VERBS))


SUBJECT_END = re.compile(r"在|实现|达到|比|较|增长|突破|超过|保持|提高|提升|均|要|将|力争|确保")


def _clause_subject(clause: str) -> str:
    """The subject that opens a clause: its words up to the first preposition or verb."""
    _, text, _ = _parse_segment(clause)
    cut = SUBJECT_END.search(text, 1)
    return text[:cut.start()] if cut else text


def _after(sentence: str, value: Value, following: Value | None) -> tuple[str, int]:
    """The noun after a number (新建80个省级以上研发平台) up to the clause's end, and that end."""
    stop = following.n_start if following else len(sentence)
    for ch in CLAUSE_END + "、":
        found = sentence.find(ch, value.n_end, stop)
        if found != -1:
            stop = found
    text = sentence[value.n_end:stop]
    text = re.sub(r"^(?:以上|左右|及以上|以下|以内|的|上下)+", "", text)
    text = re.sub(r"[(（][^()（）]*[)）]$", "", text)
    return _strip_punctuation(text), stop


def _split_list(text: str) -> list[str]:
    parts = [_strip_punctuation(p) for p in re.split(r"、|和|及|与|以及", text)]
    return [p for p in parts if _is_label(p)]


def _clause_start(sentence: str, position: int) -> int:
    return max((sentence.rfind(ch, 0, position) for ch in CLAUSE_END), default=-1) + 1


def _strip_punctuation(text: str) -> str:
    return re.sub(r"[“”\"'‘’《》「」\s]", "", text).strip("、，,;；:：()（）-—")


def _is_label(text: str) -> bool:
    return 2 <= len(text) <= 40 and not NOT_A_LABEL.match(text) and not re.search(r"\d{3,}", text)
