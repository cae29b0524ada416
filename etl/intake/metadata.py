"""Metadata of a plan document: what was given, and what was inferred from its text, with how.

Each field is looked for in a fixed order and the first source that has it wins:

- title: given, else the first of the opening lines that names a plan (方案, 要点, 计划…);
- issuer: the title's "X关于…", else a line that is a body's name (…人民政府, …局) at the top or
  in the signature at the end;
- region: given, else the title, else the issuer, else the opening lines before the body;
  a document that only says 全县 has none and is set aside;
- period: given, else the title (（2022－2024年）, 2023年工作要点, 十四五 = 2021-2025, 到2025年),
  else the year it was issued (date line, 发布时间, or the year in its document number).
  A year elsewhere in the text is never the period: "根据2018年…" in a 2019 plan is a citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.normalize import normalise
from etl.reference import Reference

HEAD_LINES = 8   # the opening lines: title, issuer, document number, date
TAIL_LINES = 12  # the closing lines: signature and date
PLAN_WORDS = ("方案", "计划", "规划", "要点", "意见", "通知", "纲要", "任务", "措施", "办法", "清单",
              "分解表", "细则", "安排", "决定", "目标")
BODY_SUFFIXES = ("人民政府办公室", "人民政府", "政府办公室", "办公室", "委员会", "领导小组", "管委会",
                 "管理委员会", "科学技术局", "科技局", "科学技术厅", "科技厅", "局", "厅", "委")
FIVE_YEAR_PLANS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
                   "十四五": (2021, 2025), "十五五": (2026, 2030)}
YEAR_PLAN_WORDS = r"(?:工作要点|工作计划|工作方案|实施方案|行动方案|工作任务|重点工作|任务清单|" \
                  r"计划|要点|方案|任务分解|目标任务)"
GENERAL_PLACES = ("全县", "全市", "全州", "全区", "全省", "我县", "我市", "我州", "我区", "本县", "本市")
CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "Ｏ": "0"}
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(20\d\d)\s*[〕\]］)）]\s*第?\s*\d+\s*号$")
DATE = r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
DATE_LABEL = re.compile(r"(?:发布时间|发布日期|成文日期|印发日期|发文日期)\s*[:：]?\s*" + DATE)
DATE_LINE = re.compile(r"^[（(]?\s*" + DATE + r"\s*[）)]?$")
LEVEL_RANK = {"zone": 0, "district": 1, "county": 1, "county_city": 1, "prefecture": 2,
              "province": 3}


@dataclass
class Given:
    """What the person adding a document said; ``region_id`` already resolved."""
    region_id: str = ""
    region_input: str = ""
    period: tuple[int, int] | None = None
    year_input: str = ""
    title: str = ""


def record(value, how: str) -> dict:
    return {"value": value, "how": how}


def infer_metadata(text: str, ref: Reference, given: Given | None = None) -> dict:
    """Metadata with the existing top-level keys plus ``given`` and ``inferred`` {field: how}.

    ``region_id`` is "" and the period 0-0 when they cannot be determined; the caller decides
    what that means (add-document refuses the document, the build sets it aside).
    """
    given = given or Given()
    raw_lines = text.splitlines()
    lines = [line.strip(" \t\u3000|") for line in raw_lines]
    numbered = [(i, line) for i, line in enumerate(lines) if line]
    head, tail = numbered[:HEAD_LINES], numbered[-TAIL_LINES:]
    given_records: dict[str, dict] = {}
    inferred: dict[str, dict] = {}

    # -- title, issuer, document number, date
    if given.title:
        title = given.title.strip()
        given_records["title"] = record(title, f"given --title {title}")
        title_line = -1
    else:
        title_line, title, how = _find_title(_opening_lines(head, raw_lines) or head[:1])
        if title:
            inferred["title"] = record(title, how)
    issuer, how = _find_issuer(title, _opening_lines(head, raw_lines), tail)
    if issuer:
        inferred["issuer"] = record(issuer, how)
    doc_number = next((line for _, line in head if DOC_NUMBER.match(line.replace(" ", ""))), "")
    if doc_number:
        inferred["doc_number"] = record(doc_number, "an opening line that is a document number")
    published, how = _find_published(head, tail)
    if published:
        inferred["published"] = record(published, how)

    # -- region
    region_id = given.region_id
    if region_id:
        given_records["region_id"] = record(region_id, f"given --region {given.region_input}")
    else:
        opening = " ".join(line for i, line in _opening_lines(head, raw_lines)
                           if line != title and line != issuer)
        title_source = "title" if given.title or title_line >= 0 else "first line"
        for source, snippet in [(title_source, title), ("issuer", issuer),
                                ("opening lines", opening)]:
            found = _region_in(snippet, ref)
            if found:
                region_id, name = found
                inferred["region_id"] = record(region_id, f"{source} names {name}")
                break

    # -- period
    period = given.period
    title_for_period = title + _period_line_after(lines, title_line)
    if period and period[0] == period[1]:
        # --year 2021 for a plan titled (2021-2025年): the year is the issue year, the title's
        # period is the plan's.
        in_title = period_from_title(title_for_period, period[0]) \
            if PLAN_PERIOD_IN_TITLE.search(title_for_period) else None
        if in_title and in_title[0] <= period[0] <= in_title[1] and in_title[0] < in_title[1]:
            period = in_title[:2]
            how = f"given --year {given.year_input}, inside the {in_title[2]}"
            given_records["period_start"] = record(period[0], how)
            given_records["period_end"] = record(period[1], how)
    if period and "period_start" not in given_records:
        how = f"given --year {given.year_input}"
        given_records["period_start"] = record(period[0], how)
        given_records["period_end"] = record(period[1], how)
    elif not period:
        found_period = period_from_title(title_for_period, _year(published))
        if found_period is None:
            found_period = _period_from_issue(published, doc_number)
        if found_period:
            period = found_period[:2]
            inferred["period_start"] = record(period[0], found_period[2])
            inferred["period_end"] = record(period[1], found_period[2])
    period = period or (0, 0)

    meta = {
        "title": title[:200], "issuer": issuer, "doc_number": doc_number, "region_id": region_id,
        "period_start": period[0], "period_end": period[1], "published": published, "url": "",
        "notes": "", "given": given_records, "inferred": inferred,
    }
    meta["notes"] = describe(meta)
    return meta


def describe(meta: dict) -> str:
    """One line on where the region and period came from, for the documents table."""
    parts = []
    for field, label in [("region_id", "region"), ("period_start", "period")]:
        for kind in ("given", "inferred"):
            entry = meta.get(kind, {}).get(field)
            if entry:
                parts.append(f"{label}: {entry['how']}")
    missing = [label for field, label in [("region_id", "region"), ("period_start", "period")]
               if not meta.get(field)]
    if missing:
        parts.append("could not determine: " + ", ".join(missing))
    return "; ".join(parts)


def missing_reason(meta: dict, text: str, lang: str = "en") -> str:
    """Why a document's region or period is missing, or "" when both are known."""
    problems = []
    zh = lang == "zh"
    if not meta.get("region_id"):
        general = [w for w in GENERAL_PLACES if w in normalise(text[:5000]).text]
        if zh:
            problems.append("无法确定地区：标题、发文单位和开头几行都没有写明"
                            + (f"（正文只说“{'、'.join(general[:3])}”）" if general else "")
                            + "；请在“地区”中填写（命令行用 --region）")
        else:
            problems.append("no region: neither the title, the issuer nor the opening lines name one"
                            + (f" (the text only says {'/'.join(general[:3])})" if general else "")
                            + "; give it with --region NAME_OR_CODE (the Region field on the page)")
    if not int(meta.get("period_start") or 0):
        problems.append("无法确定规划年份：标题没有写明，也没有找到发文日期；请在“年份”中填写（命令行用 --year）"
                        if zh else "no plan year: the title names none and no issue date was found"
                        "; give it with --year YYYY (the Year field on the page)")
    return ("；" if zh else "; ").join(problems)


# -- title, issuer, dates --------------------------------------------------------------------------

def _is_front_matter(line: str) -> bool:
    return bool(re.fullmatch(r"附件\s*\d*\s*[:：]?", line) or DOC_NUMBER.match(line.replace(" ", ""))
                or DATE_LINE.match(line) or DATE_LABEL.search(line)
                or re.match(r"(来源|发布|字号|索引号|当前位置|首页|【)", line)
                or "门户网站" in line or len(line) < 4)


def _find_title(head: list[tuple[int, str]]) -> tuple[int, str, str]:
    candidates = [(i, line) for i, line in head if not _is_front_matter(line)
                  and not re.search(r"[，。；]", line.rstrip("。")) and len(line) <= 80]
    for i, line in candidates:
        word = next((w for w in PLAN_WORDS if w in normalise(line).text), "")
        if word and len(line) <= 120:
            return i, line, f"line {i + 1}: the first opening line that names a plan ({word})"
    if candidates:
        i, line = candidates[0]
        return i, line, f"line {i + 1}: the first line that can be a title"
    if head:
        i, line = head[0]
        return -1, line[:80], f"line {i + 1}: no title line, the start of the first line"
    return -1, "", ""


def _is_body_name(line: str) -> bool:
    norm = normalise(line).text
    return (4 <= len(norm) <= 30 and norm.endswith(BODY_SUFFIXES)
            and not re.search(r"[，。；：:,;、]", norm))


def _find_issuer(title: str, head, tail) -> tuple[str, str]:
    match = re.match(r"^(.{2,30}?)关于", title)
    if match and _is_body_name(match.group(1)):
        return match.group(1), "title: the body before 关于"
    for i, line in head:
        if line != title and _is_body_name(line):
            return line, f"line {i + 1}: an opening line that names a body"
    for n, (i, line) in enumerate(tail):
        if _is_body_name(line):
            after = tail[n + 1][1] if n + 1 < len(tail) else ""
            if DATE_LINE.match(_arabic_years(after)):
                return line, f"line {i + 1}: the signature above the date"
    return "", ""


def _find_published(head, tail) -> tuple[str, str]:
    for i, line in head + tail:
        match = DATE_LABEL.search(_arabic_years(normalise(line).text))
        if match:
            return _iso(match), f"line {i + 1}: {match.group(0).strip()}"
    for where, block in [("the date line at the end", tail[::-1]), ("an opening date line", head)]:
        for i, line in block:
            match = DATE_LINE.match(_arabic_years(normalise(line).text))
            if match:
                return _iso(match), f"line {i + 1}: {where}"
    return "", ""


def _iso(match: re.Match) -> str:
    year, month, day = (int(g) for g in match.groups()[:3])
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""


def _arabic_years(text: str) -> str:
    """二〇二三年三月一日 -> 2023年3月1日 (dates in signatures are often written in Chinese)."""
    def year(match: re.Match) -> str:
        return "".join(CN_DIGITS[c] for c in match.group(1)) + "年"

    def month_day(match: re.Match) -> str:
        return f"{match.group(1)}{_cn_small(match.group(2))}月{_cn_small(match.group(3))}日"

    text = re.sub(r"([〇○零Ｏ一二三四五六七八九]{4})年", year, text)
    return re.sub(r"(\d{4}年)([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日",
                  month_day, text)


def _cn_small(word: str) -> int:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if "十" not in word:
        return digits.get(word, 0)
    tens, _, ones = word.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def _year(published: str) -> int | None:
    return int(published[:4]) if published else None


# -- region ------------------------------------------------------------------------------------------

def _opening_lines(head, raw_lines: list[str]) -> list[tuple[int, str]]:
    """The lines before the body: up to the first table cell, numbered heading or long sentence."""
    out = []
    for i, line in head:
        raw = raw_lines[i]
        if (raw.startswith("\t") or raw.rstrip().endswith("|") or len(line) > 120
                or re.match(r"^([一二三四五六七八九十]+、|\d+[.、])", line)):
            break
        out.append((i, line))
    return out


def _region_in(snippet: str, ref: Reference) -> tuple[str, str] | None:
    """(region_id, name as written) of the region a snippet is about, or None.

    The first region named wins, unless a later one lies inside it (湖南省隆回县 -> 隆回县);
    failing that, the longest start of the snippet that is a region's name.
    """
    if not snippet:
        return None
    norm = normalise(snippet).text
    chosen, chosen_name = None, ""
    for start, end, name in find_regions(norm, ref):
        region_id = ref.resolve_region(name, within=chosen) if chosen else \
            ref.resolve_region(name)
        if not region_id:
            continue  # a name several regions share, with nothing to choose between them
        if chosen is None or _is_within(region_id, chosen, ref):
            chosen, chosen_name = region_id, norm[start:end]
    if chosen:
        return chosen, chosen_name
    for length in range(min(len(norm), 12), 1, -1):
        # titles and issuers start with their region; names too short to scan free text for
        # (攸县, 南县) are safe there: 攸县2024年科技工作要点, 攸县人民政府
        region_id = ref.resolve_region(norm[:length])
        if region_id and not norm[:length].isdigit():
            return region_id, norm[:length]
    return None


def find_regions(text: str, ref: Reference) -> list[tuple[int, int, str]]:
    """Region mentions in normalised text: the reference's own finder when it has one.

    The fallback takes official names and aliases of three characters or more, longest first;
    a two-character alias counts only before 市/县/区/州/高新/经开/人民政府 (长沙高新区), since
    short words such as 通道 or 中方 are also ordinary words.
    """
    if hasattr(ref, "find_regions"):
        return list(ref.find_regions(text))
    official = set(normalise(n).text for n in ref.regions["name_zh"])
    taken = [False] * len(text)
    found = []
    for name in ref.region_names():
        if not name or name.isdigit() or (len(name) < 3 and name not in official):
            pattern = re.escape(name) + r"(?=市|县|区|州|高新|经开|人民政府)" if len(name) == 2 else None
        else:
            pattern = re.escape(name)
        if not pattern:
            continue
        for match in re.finditer(pattern, text):
            if not any(taken[match.start():match.end()]):
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                found.append((match.start(), match.end(), name))
    return sorted(found)


def _is_within(inner: str, outer: str, ref: Reference) -> bool:
    if hasattr(ref, "region_ancestors"):
        return outer in ref.region_ancestors(inner)
    parents = dict(zip(ref.regions["region_id"], ref.regions["parent_id"]))
    hosts = dict(zip(ref.regions["region_id"], ref.regions["host_id"]))
    seen, current = set(), inner
    while current and current not in seen:
        seen.add(current)
        current = hosts.get(current) or parents.get(current) or ""
        if current == outer:
            return True
    return False


# -- period ------------------------------------------------------------------------------------------

def _period_line_after(lines: list[str], title_line: int) -> str:
    """A short line right under the title that only gives its period: （2022—2024年）, 2023年度."""
    if title_line < 0 or title_line + 1 >= len(lines):
        return ""
    line = lines[title_line + 1]
    return line if len(line) <= 16 and re.search(r"20\d\d", line) and not DATE_LINE.match(line) \
        else ""


# A plan's own period in its title: (2021-2025年), 2023—2027年, 十四五. A single year in a title
# (四川:2025年建成…先行省) is a goal, not the document's period.
PLAN_PERIOD_IN_TITLE = re.compile(r"20\d\d\s*年?\s*[-—－–~至到]\s*20\d\d|十[一二三四五]五")


def period_from_title(title: str, issued_year: int | None = None) -> tuple[int, int, str] | None:
    """(start, end, how) from the wording of a title, or None when it names no period."""
    text = _arabic_years(normalise(title).text)
    range_ = r"(20\d\d)年?[-~—–至到](20\d\d)年?"
    single = re.search(r"(?<![\d\-~—–至到])(20\d\d)年度?(?![-~—–至到]\s*20\d\d)"
                       r"(?:[^\d()（）《》]{0,12}?)" + YEAR_PLAN_WORDS, text)
    if single:
        year = int(single.group(1))
        return year, year, f"title: {single.group(0)} (a plan for one year)"
    match = re.search(range_, text)
    if match and 0 <= int(match.group(2)) - int(match.group(1)) <= 15:
        return int(match.group(1)), int(match.group(2)), f"title: {match.group(0)}"
    match = re.search(r"十[一二三四五]五", text)
    if match:
        start, end = FIVE_YEAR_PLANS[match.group(0)]
        return start, end, f"title: {match.group(0)} is {start}-{end}"
    match = re.search(r"(?:到|至)(20\d\d)年", text)
    if match:
        end = int(match.group(1))
        if issued_year and issued_year <= end:
            return issued_year, end, f"title: {match.group(0)}, from the year it was issued"
        return end, end, f"title: {match.group(0)} (no issue date: the target year alone)"
    years = sorted({int(y) for y in re.findall(r"(?<!\d)(20\d\d)年", text)})
    if years:
        return years[0], years[-1], f"title: {'、'.join(f'{y}年' for y in years)}"
    return None


def _period_from_issue(published: str, doc_number: str) -> tuple[int, int, str] | None:
    if published:
        year = int(published[:4])
        return year, year, f"issued {published} and the title names no year: the {year} plan"
    match = DOC_NUMBER.match(doc_number.replace(" ", "")) if doc_number else None
    if match:
        year = int(match.group(1))
        return year, year, f"document number {doc_number} and the title names no year: " \
                           f"the {year} plan"
    return None
