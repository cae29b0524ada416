"""Map a subject phrase (label) to a catalogue indicator: aliases first, then fuzzy matching.

1. the label is an alias (研发经费投入) or holds one that covers it (全县高新技术企业);
2. label and alias agree once a generic tail is dropped (高新技术企业总量 = 高新技术企业数,
   研发经费 = 研发经费投入);
3. fuzzy: the closest alias by character similarity (rapidfuzz ``ratio``) at or above
   ``FUZZY_THRESHOLD`` (高新技术产品增加值 ~ 高新技术产业增加值, 88.9).
A match whose unit does not fit the indicator (an amount of money for a count) is dropped, so
two different things are never compared as one indicator. Unmatched labels stay labels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from etl.normalize import normalise_name
from etl.reference import Reference, names_denominator

FUZZY_THRESHOLD = 88
GENERIC_TAIL = re.compile(r"(?:总量|总数|总额|数量|规模|拥有量|数|投入|支出|总计)$")
REGION_WORDS = re.compile(r"^(?:全县|全市|全州|全区|全省|全旗|全域|我县|我市|我州|我区|我省)")
# Ways of writing the same words: 研究与试验发展 = R&D = 研发, 地区生产总值 = GDP; notes in brackets
# (R&D), (GDP) say nothing more.
SAME_WORDS = [(re.compile(r"\([^()]*\)"), ""), (re.compile(r"研究与试验发展|r&d"), "研发"),
              (re.compile(r"地区生产总值|生产总值"), "gdp")]


def _canonical(text: str) -> str:
    for pattern, replacement in SAME_WORDS:
        text = pattern.sub(replacement, text)
    return text


def map_label(label: str, unit: str, is_growth: bool, ref: Reference) -> tuple[str, str]:
    """(indicator_id, how) for a label, or ('', '') when no catalogue indicator fits."""
    if not label:
        return "", ""
    key = _canonical(REGION_WORDS.sub("", normalise_name(label)).lower())
    for indicator_id, how in _candidates(key, ref):
        if _unit_fits(indicator_id, unit, is_growth, ref):
            return indicator_id, how
    return "", ""


def _candidates(key: str, ref: Reference):
    aliases, stems = _alias_tables(ref)
    if key in aliases:
        yield aliases[key], "alias"
    mentions = ref.find_indicators(key)
    if len(mentions) == 1:
        start, end, indicator_id = mentions[0]
        rest = key[:start] + key[end:]
        if not rest or GENERIC_TAIL.fullmatch(rest) or REGION_WORDS.fullmatch(rest):
            yield indicator_id, "alias"
    stem = _stem(key)
    if stem in stems:
        yield stems[stem], "alias_stem"
    best = process.extractOne(key, list(aliases), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if best:
        yield aliases[best[0]], f"fuzzy:{best[1]:.0f}"


@lru_cache(maxsize=4)
def _alias_tables(ref: Reference) -> tuple[dict[str, str], dict[str, str]]:
    aliases: dict[str, str] = {}
    for row in ref.indicators.itertuples():
        for name in [row.name_zh, *filter(None, row.aliases.split("|"))]:
            if "*" not in name:
                aliases.setdefault(_canonical(normalise_name(name).lower()), row.indicator_id)
    stems: dict[str, str] = {}
    for alias, indicator_id in aliases.items():
        stems.setdefault(_stem(alias), indicator_id)
    return aliases, stems


def _stem(text: str) -> str:
    return GENERIC_TAIL.sub("", text) or text


def _unit_fits(indicator_id: str, unit: str, is_growth: bool, ref: Reference) -> bool:
    if is_growth:
        return ref.indicator(indicator_id)["kind"] not in ("boolean", "count_events")
    wanted = ref.dimension_of_indicator(indicator_id)
    found = ref.unit(unit)
    dimension = found.dimension if found else "none"
    return dimension == wanted or bool(found and names_denominator(ref.indicator(indicator_id)["unit"],
                                                                    found.unit))
