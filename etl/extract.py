"""Find every quantitative target and reported value in a plan document.

Rules and dictionaries, no per-document code: the reference tables say which words name an
indicator, a region or a unit; the rules below say how a number is tied to them.

For each content cell (see ``layout``) the text is normalised, cut into sentences, and every
indicator mention owns the numbers that follow it up to the next mention. Between a mention and
its number only "filler" may stand (years, verbs such as 达到/增长, comparators, punctuation); any
other words mean the number belongs to something the catalogue does not know, and it goes to the
unplaced list with a reason. Tables with year columns (001) are read cell by cell instead.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from etl.layout import Cell, Row, split_rows
from etl.normalize import Normalised, normalise
from etl.reference import Reference, Unit, names_denominator
from etl.rules.attributes import (Dates, as_growth, catalogue_kind, comparator, firmness,
                                  open_kind, year_of)
from etl.rules.labels import map_label
from etl.rules.numbers import Value, find_values
from etl.rules.status import (Section, classify, document_kind, five_year_deadline,
                              HEADING_NUMBER, PastOpening, heading_kind,
                              past_opening, turns_ahead)
from etl.rules.subjects import Subject, subjects

SENTENCE_END = "。；;！？!?"
SUBCLAUSE_END = "，,、：:" + SENTENCE_END
ORG_TOKEN = re.compile(
    r"^(?:各|县|市|州|区|省|中国)?[\u4e00-\u9fff()“”]{0,18}"
    r"(?:局|委|办|部|中心|管委会|人民政府|政府|支行|分行|公司|科协|分局|院所|单位|街道|"
    r"成员|高新区|园区|小组)(?:等)?$"
)
DEADLINE = re.compile(r"^(20\d\d)年(\d{1,2})月(?:底|末)?前?$")
SCOPE_NOTE = re.compile(r"^\((含[^()]{1,20})\)")
RESPONSIBLE_NOTE = re.compile(r"[(]([^()]*(?:牵头|负责)[^()]*)[)]$")

BOOLEAN_VERBS_BEFORE = ("创建", "获批", "创成", "升级为", "通过")
BOOLEAN_VERBS_AFTER = ("成功验收", "通过验收", "成功获批", "验收通过")
FILLER = re.compile(
    r"20\d\d年|每年|累计|年均|同比|其中|分别|力争|确保|争取|努力|全社会|全州|全市|全县|"
    r"以上|左右|以下|以内|超过|突破|超|年度|不低于|不少于|不高于|不超过|达到|达|为|至|到|"
    r"数?年?增长率|净增|新增|增长|增加|提高|提升|实现|完成|保持|缩小|控制在|降低|下降|"
    r"\([^()]*\)|[，,、：:；;。\s“”\"'/]"
)


@dataclass
class Context:
    """What a cell inherits from its document and row."""

    document: str
    region_id: str
    period_start: int
    period_end: int
    responsible_unit: str = ""
    deadline: str = ""
    deadline_year: int | None = None
    section: Section = field(default_factory=Section)
    kind: str = "plan"  # plan or report: see rules.status.document_kind
    carried_year: int | None = None  # 到2025年， said once for the sentences that follow
    past_year: PastOpening | None = None  # 2022年， opening a paragraph: its results' year
    ahead: bool = False  # a sentence before in the paragraph turned to the year ahead
    zone: str = ""  # a zone not in the regions table that the sentence is about (永州农高区将…)
    published: str = ""  # the document's date, when known (YYYY-MM-DD)
    last_label: str = ""  # the subject of the sentence before, in this cell


@dataclass
class Target:
    document: str
    region_id: str
    indicator_id: str  # '' when the subject is not in the catalogue
    indicator_label: str  # the subject phrase as the document words it
    indicator_match: str  # how the label was mapped: alias, alias_stem, fuzzy:NN, ''
    year: int | None
    year_scope: str  # year, every_year, cumulative
    period_start: int
    period_end: int
    value: float
    unit: str
    value_raw: float
    unit_raw: str
    value_high: float | None
    kind: str
    comparator: str
    firmness: str
    status: str  # target or actual (a reported result)
    status_reason: str
    responsible_unit: str
    scope_note: str
    deadline: str
    quote: str
    quote_start: int
    quote_end: int
    value_start: int
    value_end: int
    context_start: int
    context_end: int
    rule: str


@dataclass
class Unplaced:
    document: str
    text: str
    value_start: int
    value_end: int
    quote: str
    quote_start: int
    quote_end: int
    reason: str
    indicator_id: str = ""
    region_id: str = ""


@dataclass
class Extraction:
    targets: list[Target] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    def target_rows(self) -> list[dict]:
        return [asdict(t) for t in self.targets]

    def unplaced_rows(self) -> list[dict]:
        return [asdict(u) for u in self.unplaced]


def extract_document(text: str, document: str, region_id: str, period: tuple[int, int],
                     ref: Reference, title: str = "", published: str = "") -> Extraction:
    """All targets and unplaced numbers of one document; the title tells a plan from a report."""
    result = Extraction()
    document_is = document_kind(title, normalise(text[:3000]).text) if title else "plan"
    owner_region, owner_unit = region_id, ""
    year_columns: list[tuple[int, str]] | None = None
    section = Section()
    carried: int | None = None
    seen_text = False
    for row in split_rows(text):
        if row.layout != "pipe":
            year_columns = None
        if row.layout == "prose":
            line = normalise(row.cells[0].text).text
            # The first line is the document's title (江西省明确2024年科技工作目标), not a section
            # heading, unless it is numbered like one.
            heading = heading_kind(line) if seen_text or HEADING_NUMBER.match(line) else None
            seen_text = seen_text or bool(line)
            if heading:
                section, carried = Section(heading), None
            said = [_deadline_said(line[a:b], period[0]) for a, b in _sentences(line)]
            carried = next((y for y in reversed(said) if y), carried)
        header = _year_header(row, ref)
        if header:
            year_columns = header
            continue
        orgs = [_is_org_cell(c, ref) for c in row.cells]
        deadline = next((c.text.strip() for c in row.cells if DEADLINE.match(c.text.strip())), "")
        first_content = next((i for i, c in enumerate(row.cells)
                              if not orgs[i] and _has_content(c, ref)), None)
        for i, cell in enumerate(row.cells):
            if orgs[i] and (first_content is None or i < first_content):
                owner_unit = _join_org(cell)
                owner_region = ref.resolve_region(owner_unit.split("；")[0], within=region_id) \
                    or region_id
        if year_columns:
            _extract_table_row(text, row, orgs, year_columns, document, owner_region, period, ref,
                               result)
            continue
        for i, cell in enumerate(row.cells):
            if orgs[i] or not _has_content(cell, ref):
                continue
            after = _responsible_after(row, orgs, i)
            responsible = after or owner_unit
            region = (after and ref.resolve_region(after.split("；")[0], within=region_id)) \
                or owner_region
            ctx = Context(document, region, *period, responsible_unit=responsible,
                          deadline=deadline,
                          deadline_year=int(deadline[:4]) if deadline else None, section=section,
                          kind=document_is, carried_year=carried if row.layout == "prose" else None,
                          published=published)
            _extract_cell(text, cell, ctx, ref, result)
    return result


# -- cells of prose and task tables --------------------------------------------------------------

def _extract_cell(text: str, cell: Cell, ctx: Context, ref: Reference, result: Extraction) -> None:
    norm = normalise(text[cell.start:cell.end], cell.start)
    note = RESPONSIBLE_NOTE.search(norm.text.rstrip("。"))
    if note and not ctx.responsible_unit:
        ctx.responsible_unit = note.group(1)
    for s_start, s_end in _sentences(norm.text):
        opening = past_opening(norm.text[s_start:s_end], ctx.period_start)
        dated = YEAR_OPENING.match(norm.text, s_start)
        if opening or FUTURE_OPENING.match(norm.text, s_start) or dated:
            ctx.past_year = opening
            ctx.ahead = False
        ctx.zone = _sentence_zone(norm.text[s_start:s_end], ctx, ref)
        if dated:  # 2026年，… : this sentence has its own year; an earlier 到“十五五”末 no longer holds
            ctx.carried_year = None
        placed = len(result.targets)
        _extract_sentence(text, norm, s_start, s_end, cell, ctx, ref, result)
        if len(result.targets) > placed:
            ctx.last_label = result.targets[-1].indicator_label
        said = _deadline_said(norm.text[s_start:s_end], ctx.period_start)
        if said:
            ctx.carried_year = said
        if not opening and turns_ahead(norm.text[s_start:s_end], ctx.period_start):
            ctx.past_year, ctx.ahead = None, True


# A sentence that opens on the year ahead ends a paragraph's account of the past.
FUTURE_OPENING = re.compile(r"(?:今年|明年|下一步|展望|未来|20\d\d年(?:要|将|工作|是|的主要))")
YEAR_OPENING = re.compile(r"(?:[^，,:：]{0,8}(?:指出|表示|强调)[，,:：])?(20\d\d)年[，,]")
DEADLINE_SAID = re.compile(r"(?:到|至)(20\d\d)年(?:底|末)?(?:前)?[,，:：]")


def _deadline_said(sentence: str, plan_start: int = 0) -> int | None:
    """到2021年， (or 到“十四五”末) said in a sentence dates the sentences after it in the same
    paragraph."""
    found = DEADLINE_SAID.findall(sentence)
    return int(found[-1]) if found else five_year_deadline(sentence, plan_start)


def _extract_sentence(text: str, norm: Normalised, s_start: int, s_end: int, cell: Cell,
                      ctx: Context, ref: Reference, result: Extraction) -> None:
    sentence = norm.text[s_start:s_end]
    mentions = [m for m in ref.find_indicators(sentence)]
    values = _find_values(sentence, ref)
    about = subjects(sentence, values, ctx.last_label,
                     lambda name: ref.resolve_region(name, within=ctx.region_id) is not None)
    quote_start, quote_end = norm.span(s_start, s_end)
    quote = text[quote_start:quote_end]
    owner: dict[int, int] = {}
    # A number written straight before a mention counts it (累计引进1个两院院士).
    for k, (m_start, _, _) in enumerate(mentions):
        for v, value in enumerate(values):
            gap = sentence[value.n_end:m_start]
            if v not in owner and value.n_end <= m_start and re.fullmatch(r"(以上|左右)?", gap):
                owner[v] = k
    region_at: dict[int, str] = {}
    for k, (m_start, m_end, indicator_id) in enumerate(mentions):
        window_end = mentions[k + 1][0] if k + 1 < len(mentions) else len(sentence)
        anchor = m_end
        for v, value in enumerate(values):
            if v in owner or value.n_start < m_end or value.n_start >= window_end:
                continue
            leftover = FILLER.sub("", sentence[anchor:value.n_start])
            if leftover:
                region = ref.resolve_region(leftover, within=ctx.region_id)
                if region is None:
                    break  # other words: the rest of the window is about something else
                region_at[v] = region
            owner[v] = k
            anchor = value.n_end
    for v, value in enumerate(values):
        start, end = norm.span(s_start + value.n_start, s_start + value.n_end)
        if v not in owner:
            for subject in about[v]:
                _place_open(text, norm, sentence, s_start, value, subject, ctx, ref, result,
                            (quote, quote_start, quote_end), cell)
            continue
        m_start, m_end, indicator_id = mentions[owner[v]]
        placed = _place_value(text, norm, sentence, s_start, value, (m_start, m_end, indicator_id),
                              region_at.get(v) or _region_before(sentence, m_start, ctx, ref),
                              ctx, ref, result, (quote, quote_start, quote_end), cell)
        if not placed:  # the unit does not fit the indicator: the number is about something else
            for subject in about[v]:
                _place_open(text, norm, sentence, s_start, value, subject, ctx, ref, result,
                            (quote, quote_start, quote_end), cell)
    for k, (m_start, m_end, indicator_id) in enumerate(mentions):
        if ref.indicator(indicator_id)["kind"] == "boolean" and k not in owner.values():
            _place_commitment(text, norm, sentence, s_start, (m_start, m_end, indicator_id),
                              ctx, ref, result, (quote, quote_start, quote_end), cell)


def _place_value(text, norm, sentence, s_start, value: Value, mention, region_id, ctx, ref,
                 result, quote_info, cell) -> bool:
    """Place a number owned by a catalogue mention; False when its unit does not fit."""
    m_start, m_end, indicator_id = mention
    quote, quote_start, quote_end = quote_info
    start, end = norm.span(s_start + value.n_start, s_start + value.n_end)
    before = sentence[m_end:value.n_start] if value.n_start >= m_end else sentence[:value.n_start]
    clause = sentence[:m_start]
    prefix = clause[max(clause.rfind(ch) for ch in "，,；;:：") + 1:]
    if REGION_GROUP.search(prefix):
        result.unplaced.append(Unplaced(ctx.document, text[start:end], start, end, quote,
                                        quote_start, quote_end,
                                        f"names a group of regions ({prefix}), not one region",
                                        indicator_id, region_id))
        return True
    zone = _zone_named(re.sub(r"^(?:力争|确保|争取|其中|同时|并|年内|全年)+", "", prefix), ref) \
        or ctx.zone
    if zone and not ref.resolve_region(zone, within=ctx.region_id):
        result.unplaced.append(Unplaced(ctx.document, text[start:end], start, end, quote,
                                        quote_start, quote_end, _unknown_zone(zone),
                                        indicator_id, region_id))
        return True
    if prefix.endswith("全省"):  # 2019年全省高企总数…
        region_id = _province_of(ctx, ref) or region_id
    kind = catalogue_kind(before, prefix, value, ref.indicator(indicator_id)["kind"])
    unit = ref.unit(value.unit) or Unit("", "none", 1.0, "")
    canonical = unit.canonical
    if kind != "growth_pct" and unit.dimension != ref.dimension_of_indicator(indicator_id):
        numerator = ref.indicator(indicator_id)["numerator_id"]
        if numerator and ref.dimension_of_indicator(numerator) == unit.dimension:
            indicator_id = numerator
            kind = catalogue_kind(before, prefix, value, ref.indicator(indicator_id)["kind"])
        elif names_denominator(ref.indicator(indicator_id)["unit"], unit.unit):
            canonical = ref.indicator(indicator_id)["unit"]
        else:
            return False
    factor = unit.factor if kind != "growth_pct" else 1.0
    year, scope = year_of(sentence, value, min(m_start, value.n_start), _dates(ctx), kind)
    status, result_year, why = classify(sentence, value,
                                        _clause_start(sentence, min(m_start, value.n_start)),
                                        ctx.section, ctx.period_start, ctx.kind, ctx.past_year,
                                        ctx.published, ctx.ahead)
    if status == "none":
        result.unplaced.append(Unplaced(ctx.document, text[start:end], start, end, quote,
                                        quote_start, quote_end, why, indicator_id, region_id))
        return True
    if status == "actual":
        year, scope = result_year if result_year is not None else year, "year"
    scope_note = SCOPE_NOTE.match(sentence[m_end:])
    value, compared = as_growth(sentence, value, kind, comparator(sentence, value))
    result.targets.append(Target(
        document=ctx.document, region_id=region_id, indicator_id=indicator_id,
        indicator_label=sentence[m_start:m_end], indicator_match="alias",
        year=year, year_scope=scope, period_start=ctx.period_start, period_end=ctx.period_end,
        value=round(value.number * factor, 6), unit=canonical if kind != "growth_pct" else "%",
        value_raw=value.number, unit_raw=value.unit,
        value_high=round(value.high * factor, 6) if value.high is not None else None,
        kind=kind, comparator=compared, firmness=firmness(sentence, value.n_start),
        status=status, status_reason=why, responsible_unit=ctx.responsible_unit,
        scope_note=scope_note.group(1) if scope_note else "", deadline=ctx.deadline,
        quote=quote, quote_start=quote_start, quote_end=quote_end, value_start=start, value_end=end,
        context_start=cell.start, context_end=cell.end, rule="sentence"))
    return True


def _place_open(text, norm, sentence, s_start, value: Value, subject: Subject, ctx: Context,
                ref: Reference, result: Extraction, quote_info, cell) -> None:
    """A number not owned by a catalogue mention: placed by its subject phrase (open vocabulary)."""
    quote, quote_start, quote_end = quote_info
    start, end = norm.span(s_start + value.n_start, s_start + value.n_end)
    if not subject.label:
        result.unplaced.append(Unplaced(ctx.document, text[start:end], start, end, quote,
                                        quote_start, quote_end, _reason_unowned(sentence, value, ref),
                                        region_id=ctx.region_id))
        return
    segment = sentence[subject.segment_start:value.n_start]
    if subject.regions:  # 涟源、双峰、新化达到12%以上: one row per region named
        for name in subject.regions:
            region = ref.resolve_region(name, within=ctx.region_id)
            _place_open(text, norm, sentence, s_start, value,
                        Subject(subject.label, subject.verb, subject.lead_verb, "region",
                                subject.segment_start),
                        replace(ctx, region_id=region), ref, result, quote_info, cell)
        return
    previous = result.targets[-1] if result.targets else None
    if subject.how == "inherited" and previous and previous.quote_start == quote_start:
        ctx = replace(ctx, region_id=previous.region_id)  # …从1.8万家增长到2.4万家: the same region
    region_id, label, problem = _split_region(subject.label, segment, ctx, ref)
    if REGION_GROUP.search(label):
        problem = f"names a group of regions ({label}), not one region"
    if problem:
        result.unplaced.append(Unplaced(ctx.document, text[start:end], start, end, quote,
                                        quote_start, quote_end, problem, region_id=ctx.region_id))
        return
    kind = open_kind(subject, segment, value)
    # A growth in percent can be a catalogued indicator's; one written as a multiple (翻一番) stays
    # outside the catalogue rather than be read as 1%.
    percent_growth = kind == "growth_pct" and value.unit == "%"
    indicator_id, how = map_label(label, value.unit, percent_growth, ref)
    if indicator_id and kind not in ("growth_pct", "net_increase", "relative"):
        kind = ref.indicator(indicator_id)["kind"]
    status, result_year, why = classify(sentence, value, _clause_start(sentence, value.n_start),
                                        ctx.section, ctx.period_start, ctx.kind, ctx.past_year,
                                        ctx.published, ctx.ahead)
    if status == "none":
        result.unplaced.append(Unplaced(ctx.document, text[start:end], start, end, quote,
                                        quote_start, quote_end, why, indicator_id, region_id))
        return
    unit = ref.unit(value.unit) or Unit(value.unit, "none", 1.0, value.unit)
    canonical, factor = ("%", 1.0) if percent_growth else (unit.canonical, unit.factor)
    if indicator_id and names_denominator(ref.indicator(indicator_id)["unit"], unit.unit):
        canonical = ref.indicator(indicator_id)["unit"]
    year, scope = year_of(sentence, value, subject.segment_start, _dates(ctx), kind)
    if status == "actual":
        year, scope = result_year if result_year is not None else year, "year"
    value, compared = as_growth(sentence, value, kind, comparator(sentence, value))
    result.targets.append(Target(
        document=ctx.document, region_id=region_id, indicator_id=indicator_id,
        indicator_label=label, indicator_match=how, year=year, year_scope=scope,
        period_start=ctx.period_start, period_end=ctx.period_end,
        value=round(value.number * factor, 6), unit=canonical, value_raw=value.number,
        unit_raw=value.unit,
        value_high=round(value.high * factor, 6) if value.high is not None else None,
        kind=kind, comparator=compared,
        firmness=firmness(sentence, value.n_start), status=status, status_reason=why,
        responsible_unit=ctx.responsible_unit, scope_note="", deadline=ctx.deadline,
        quote=quote, quote_start=quote_start, quote_end=quote_end, value_start=start,
        value_end=end, context_start=cell.start, context_end=cell.end,
        rule=f"open:{subject.how}"))


REGION_GROUP = re.compile(r"^(?:其他|其余|其它)|^各(?:县|市|区|乡镇|地)|^(?:其他|其余)?(?:县市区|各地)$")
REGION_SUFFIX = ("省", "市", "州", "县", "区", "旗", "盟", "自治州", "自治县")
def _dates(ctx: Context) -> Dates:
    return Dates(ctx.period_start, ctx.period_end, ctx.deadline_year, ctx.carried_year)


def _split_region(label: str, segment: str, ctx: Context,
                  ref: Reference) -> tuple[str, str, str]:
    """A region that opens the words about a number (吉首市研发经费投入…, 力争鼓楼区新增…) is the
    number's region; it is taken off the label.

    Returns (region_id, label, problem): a name several regions share that the document's own
    region does not settle gives no region and a problem naming the candidates.
    """
    opening = re.sub(r"^(?:[,，、;；:：]|力争|确保|争取|其中|同时|并|年内|全年)+", "", segment)
    # 全省 in a city's or county's document is its province (全省高企总数要从1.8万家增长到2.4万家)
    # the label keeps 全省, so that a clause inheriting it (…增长到2.4万家) stays the province's
    says_province = any(re.match(r"(?:20\d\d年)?全省", words) for words in (opening, label))
    if says_province and _province_of(ctx, ref):
        return _province_of(ctx, ref), label, ""
    # a label inherited keeps its zone; a zone the sentence opens on holds for all its numbers
    zone = _zone_named(opening, ref) or _zone_named(label, ref) or ctx.zone
    if zone:
        region = ref.resolve_region(zone, within=ctx.region_id)
        label = label[len(zone):] if label.startswith(zone) else label
        if region:
            return region, label, ""
        return "", label, _unknown_zone(zone)
    for start, end, name in ref.find_regions(opening)[:1]:
        if start == 0 and name.endswith(REGION_SUFFIX) and len(opening) > end + 1:
            region = ref.resolve_region(name, within=ctx.region_id)
            label = label[len(name):] if label.startswith(name) else label
            if region:
                return region, label, ""
            candidates = ref.region_candidates(name)
            if len(candidates) > 1:
                return "", label, f"region name {name} is ambiguous: {'、'.join(candidates)}"
    return ctx.region_id, label, ""


# A place name followed by one of these names a zone or area inside the place, not the place.
ZONE_WORDS = ("高新技术产业开发区", "经济技术开发区", "高新区", "经开区", "开发区", "农高区", "工业园区", "产业园区",
              "工业园", "产业园", "园区", "片区", "新区", "试验区", "示范区", "自贸区", "科学城", "科技城")
ZONE_NAME = re.compile(rf"[^，,、。;；:：\d]{{0,4}}?(?:{'|'.join(ZONE_WORDS)})")


def _zone_named(opening: str, ref: Reference) -> str:
    """福州片区, 张家界高新区, 宁乡经开区 at the start of the words about a number: the zone's name."""
    found = ref.find_regions(opening)[:1]
    if not found or found[0][0] != 0:
        return ""
    after = ZONE_NAME.match(opening, found[0][1])
    return opening[:after.end()] if after else ""


def _unknown_zone(zone: str) -> str:
    return f"about {zone}, a zone or area not in the regions table"


def _province_of(ctx: Context, ref: Reference) -> str:
    """The province of a city's or county's document, what its 全省 means; '' for a province."""
    lineage = ref.region_ancestors(ctx.region_id)
    return lineage[-1] if lineage else ""


TIME_OPENING = re.compile(r"^(?:“?十[一二三四五]?五”?(?:期间|时期|末)|20\d\d年(?:底|末)?|今年|明年|"
                          r"下一步|未来[一二三四五两几]?年)[,，]?")


def _sentence_zone(sentence: str, ctx: Context, ref: Reference) -> str:
    """A zone not in the regions table that a sentence opens on, after its time (“十四五”期间，
    永州农高区将…): every number of the sentence is the zone's."""
    zone = _zone_named(TIME_OPENING.sub("", sentence), ref)
    return zone if zone and not ref.resolve_region(zone, within=ctx.region_id) else ""


def _place_commitment(text, norm, sentence, s_start, mention, ctx, ref, result, quote_info,
                      cell) -> None:
    """A yes/no target such as 确保成功创建省级创新型县市."""
    m_start, m_end, indicator_id = mention
    before = sentence[max(0, m_start - 8):m_start]
    before = before[max((before.rfind(ch) for ch in SUBCLAUSE_END), default=-1) + 1:]
    after = sentence[m_end:m_end + 6]
    if not (any(v in before for v in BOOLEAN_VERBS_BEFORE) or any(v in after for v in BOOLEAN_VERBS_AFTER)):
        return
    quote, quote_start, quote_end = quote_info
    start, end = norm.span(s_start + m_start, s_start + m_end)
    region_id = _region_before(sentence, m_start, ctx, ref)
    year, scope = (ctx.deadline_year, "year") if ctx.deadline_year else \
        ((ctx.period_end, "year") if ctx.period_start == ctx.period_end else (ctx.period_end, "cumulative"))
    result.targets.append(Target(
        document=ctx.document, region_id=region_id, indicator_id=indicator_id,
        indicator_label=sentence[m_start:m_end], indicator_match="alias", year=year,
        year_scope=scope, period_start=ctx.period_start, period_end=ctx.period_end, value=1.0,
        unit="", value_raw=1.0, unit_raw="", value_high=None, kind="boolean", comparator="yes",
        firmness=firmness(sentence, m_start), status="target", status_reason="a yes/no commitment",
        responsible_unit=ctx.responsible_unit, scope_note="", deadline=ctx.deadline, quote=quote,
        quote_start=quote_start, quote_end=quote_end, value_start=start, value_end=end,
        context_start=cell.start, context_end=cell.end, rule="commitment"))


# -- tables with year columns (reported values and targets side by side) --------------------------

def _year_header(row: Row, ref: Reference) -> list[tuple[int, str]] | None:
    """For a header row with year columns: [(year, status)] from left to right, else None."""
    if row.layout != "pipe":
        return None
    years = []
    for cell in row.cells:
        norm = normalise(cell.text).text
        match = re.match(r"^(20\d\d)年", norm)
        if match:
            status = "target" if re.search("目标|预估|预期|计划", norm) else "actual"
            years.append((int(match.group(1)), status))
    return years if len(years) >= 2 else None


def _extract_table_row(text: str, row: Row, orgs, columns, document, region_id, period, ref,
                       result) -> None:
    cells = row.cells
    names = [(i, ref.find_indicators(normalise(c.text).text)) for i, c in enumerate(cells)]
    named = [(i, found[0][2]) for i, found in names if found and not orgs[i]]
    value_cells = cells[-len(columns):] if len(cells) > len(columns) else []
    if not named:
        for cell in value_cells:
            if _parse_number(cell.text) is not None:
                result.unplaced.append(Unplaced(document, cell.text, cell.start, cell.end,
                                                cell.text, cell.start, cell.end,
                                                "table row: indicator not recognised"))
        return
    i, indicator_id = named[0]
    name_cell = cells[i]
    unit_raw = _unit_in_name(normalise(name_cell.text).text, ref)
    reporter = "；".join(normalise(c.text).text for c in cells[i + 1:len(cells) - len(columns)]
                        if c.text.strip() not in ("-", ""))
    region_id = ref.resolve_region(reporter, within=region_id) or region_id if reporter else region_id
    is_boolean = ref.indicator(indicator_id)["kind"] == "boolean"
    for (year, status), cell in zip(columns, value_cells):
        raw = cell.text.strip()
        number = 1.0 if is_boolean and raw in ("有", "是") else \
            0.0 if is_boolean and raw in ("无", "否", "無") else _parse_number(raw)
        if number is None:
            continue
        unit = ref.unit(unit_raw) if unit_raw else None
        factor = unit.factor if unit else 1.0
        canonical = unit.canonical if unit else ""
        if unit and names_denominator(ref.indicator(indicator_id)["unit"], unit.unit):
            canonical = ref.indicator(indicator_id)["unit"]
        kind = ref.indicator(indicator_id)["kind"]
        result.targets.append(Target(
            document=document, region_id=region_id, indicator_id=indicator_id,
            indicator_label=normalise(name_cell.text).text, indicator_match="alias", year=year,
            year_scope="year", period_start=period[0], period_end=period[1],
            value=round(number * factor, 6), unit=canonical,
            value_raw=number, unit_raw=unit_raw, value_high=None, kind=kind,
            comparator="yes" if is_boolean else "unspecified", firmness="", status=status,
            status_reason=f"a {status} column of a year table",
            responsible_unit=reporter, scope_note="", deadline="",
            quote=text[name_cell.start:cell.end], quote_start=name_cell.start, quote_end=cell.end,
            value_start=cell.start, value_end=cell.end, context_start=cells[0].start,
            context_end=cells[-1].end, rule="year_table"))


# -- helpers ---------------------------------------------------------------------------------------

# The number of an item in a list (1. 2019年…; 2.2019年…; (3)…; ④…) is not part of its sentence.
ITEM_NUMBER = re.compile(r"(?:\d{1,2}[.、](?=20\d\d年|[^\d%])|[(（]\d{1,2}[)）]|[①-⑳])")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text + SENTENCE_END[0]):
        if ch in SENTENCE_END:
            item = ITEM_NUMBER.match(text, start, i)
            start = item.end() if item else start
            if i > start:
                spans.append((start, i))
            start = i + 1
    return spans


def _find_values(sentence: str, ref: Reference) -> list[Value]:
    """Numbers with units; a bare number only after an indicator measured without a unit."""
    return [v for v in find_values(sentence, ref) if v.unit or _unitless_ok(sentence, v, ref)]


def _clause_start(sentence: str, position: int) -> int:
    return max((sentence.rfind(ch, 0, position) for ch in "，,；;:："), default=-1) + 1


UNITLESS_SUBJECT = re.compile(r"(?:指数|之比|比值|系数|得分)(?:达到|达|为|缩小到|缩小至|提高到|提升到|保持在)$")


def _unitless_ok(sentence: str, value: Value, ref: Reference) -> bool:
    """A bare number is a value after an index or ratio (区域科技创新指数达到160) or an indicator
    measured without a unit."""
    if UNITLESS_SUBJECT.search(sentence[:value.n_start]):
        return True
    mentions = [m for m in ref.find_indicators(sentence[:value.n_start])]
    return bool(mentions) and ref.indicator(mentions[-1][2])["unit"] == ""


def _region_before(sentence: str, position: int, ctx: Context, ref: Reference) -> str:
    """A region named in the same sub-clause just before ``position`` (指导泸溪县创建...)."""
    start = max((sentence.rfind(ch, 0, position) for ch in SUBCLAUSE_END), default=-1) + 1
    for _, _, name in ref.find_regions(sentence[start:position]):
        return ref.resolve_region(name, within=ctx.region_id) or ctx.region_id
    return ctx.region_id


def _reason_unowned(sentence: str, value: Value, ref: Reference) -> str:
    head = sentence[:value.n_start]
    clause_start = max((head.rfind(ch) for ch in SUBCLAUSE_END), default=-1) + 1
    words = FILLER.sub("", head[clause_start:])
    if re.search(r"其他|其余|各县|各地", words):
        return f"names a group of regions ({words}), not one region"
    if words:
        return f"no catalogued indicator before the number (text: {words[-20:]})"
    return "no catalogued indicator before the number"


def _has_content(cell: Cell, ref: Reference) -> bool:
    """A cell worth reading: it names an indicator or holds a number with a unit."""
    norm = normalise(cell.text).text
    return bool(ref.find_indicators(norm)) or bool(_find_values(norm, ref))


def _is_org_cell(cell: Cell, ref: Reference) -> bool:
    norm = normalise(cell.text).text
    if not norm or re.search(r"\d", norm):
        return False
    first = re.split(r"[，,、;；]|\n", normalise(cell.text.replace("\n", "、")).text)[0]
    return bool(ORG_TOKEN.match(first))


def _join_org(cell: Cell) -> str:
    parts = [p.strip() for p in re.split(r"[\n]", cell.text) if p.strip()]
    return normalise("；".join(parts)).text


def _responsible_after(row: Row, orgs: list[bool], index: int) -> str:
    names = []
    for j in range(index + 1, len(row.cells)):
        if orgs[j]:
            names.append(_join_org(row.cells[j]))
        elif names or _has_number(row.cells[j]):
            break
    return "；".join(names)


def _has_number(cell: Cell) -> bool:
    return bool(re.search(r"\d", cell.text)) and not DEADLINE.match(normalise(cell.text).text)


def _parse_number(text: str) -> float | None:
    norm = normalise(text).text.replace(",", "")
    return float(norm) if re.fullmatch(r"-?\d+(?:\.\d+)?", norm) else None


def _unit_in_name(name: str, ref: Reference) -> str:
    for match in reversed(list(re.finditer(r"\(([^()]*)\)", name))):
        if ref.unit(match.group(1)):
            return ref.unit(match.group(1)).unit
    return ""
