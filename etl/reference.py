"""Reference tables (regions, indicators, units) and name resolution. Name mapping is data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from etl.normalize import normalise_name
from etl.paths import REFERENCE_DIR

# Suffixes that name a region's government rather than a department (吉首市人民政府 -> 吉首市).
GOVERNMENT_SUFFIXES = ("人民政府", "政府", "管委会", "管理委员会")
WILDCARD_GAP = r"[^，。；、,;:：()]{0,10}?"


def read_regions(directory: Path = REFERENCE_DIR) -> pd.DataFrame:
    generated = pd.read_csv(directory / "regions_generated.csv", dtype=str, keep_default_na=False)
    extra = pd.read_csv(directory / "regions_extra.csv", dtype=str, keep_default_na=False)
    regions = pd.concat([generated, extra], ignore_index=True).fillna("")
    return regions[["region_id", "adcode", "name_zh", "name_en", "level", "parent_id", "host_id",
                    "aliases", "local_aliases", "source"]]


def read_region_text_stopwords(directory: Path = REFERENCE_DIR) -> frozenset[str]:
    """Region names never scanned for in running text (城区, 范县 in 示范县); still resolvable."""
    path = directory / "region_text_stopwords.csv"
    if not path.exists():
        return frozenset()
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frozenset(normalise_name(n) for n in table["name"])


def read_indicators(directory: Path = REFERENCE_DIR) -> pd.DataFrame:
    table = pd.read_csv(directory / "indicators.csv", dtype=str, keep_default_na=False)
    table["is_additive"] = table["is_additive"].eq("true")
    return table


def read_units(directory: Path = REFERENCE_DIR) -> pd.DataFrame:
    table = pd.read_csv(directory / "units.csv", dtype=str, keep_default_na=False)
    table["factor"] = table["factor"].astype(float)
    return table


@dataclass(frozen=True)
class Unit:
    unit: str
    dimension: str
    factor: float
    canonical: str


def names_denominator(indicator_unit: str, unit: str) -> bool:
    """件 fits 件/万人 when the indicator's own name says 'per 10 000' (万人发明专利拥有量)."""
    return indicator_unit.endswith("/万人") and indicator_unit.split("/")[0] == unit


@dataclass
class Reference:
    regions: pd.DataFrame
    indicators: pd.DataFrame
    units: pd.DataFrame
    text_stopwords: frozenset[str] = frozenset()
    _region_alias: dict[str, list[str]] = field(default_factory=dict)
    _local_alias: dict[tuple[str, str], str] = field(default_factory=dict)
    _indicator_alias: dict[str, str] = field(default_factory=dict)
    _unit_alias: dict[str, Unit] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._indicator_rows = {r["indicator_id"]: r for r in self.indicators.to_dict("records")}
        names = set(self._region_alias_keys()) - self.text_stopwords
        self._region_names = sorted(names, key=lambda n: (-len(n), n))
        self._parent = dict(zip(self.regions["region_id"], self.regions["parent_id"]))
        for row in self.regions.itertuples():
            for name in [row.name_zh, row.region_id, row.adcode,
                         *filter(None, row.aliases.split("|"))]:
                ids = self._region_alias.setdefault(normalise_name(name), []) if name else []
                if name and row.region_id not in ids:
                    ids.append(row.region_id)
            for name in filter(None, row.local_aliases.split("|")):
                self._local_alias[(row.host_id, normalise_name(name))] = row.region_id
        for row in self.indicators.itertuples():
            for name in [row.indicator_id, row.name_zh, row.name_en,
                         *filter(None, row.aliases.split("|"))]:
                self._indicator_alias.setdefault(normalise_name(name).lower(), row.indicator_id)
        for row in self.units.itertuples():
            unit = Unit(row.unit, row.dimension, row.factor, row.canonical_unit)
            for name in [row.unit, *filter(None, row.aliases.split("|"))]:
                self._unit_alias[normalise_name(name)] = unit

    # -- regions -------------------------------------------------------------------------------
    def resolve_region(self, name: str, within: str | None = None) -> str | None:
        """Region id for a name, code or alias, or None when unknown or ambiguous.

        ``within`` is the document's own region: it enables aliases local to a host and chooses
        between regions sharing a name (鼓楼区): first the region ``within`` itself, then its
        descendants, then its ancestors, then regions of its province. A name still ambiguous
        (or ambiguous with no ``within``) gives None, never a guess; see ``region_candidates``.
        """
        key = normalise_name(name)
        # 湘潭国家高新区, 湘潭国家级高新区 name the zone also listed as 湘潭高新区
        for variant in dict.fromkeys([key, re.sub(r"国家级?(?=高新区|经开区)", "", key)]):
            for suffix in ("",) + GOVERNMENT_SUFFIXES:
                stem = variant[: -len(suffix)] if suffix and variant.endswith(suffix) else variant
                if suffix and stem == variant:
                    continue
                if within and (within, stem) in self._local_alias:
                    return self._local_alias[(within, stem)]
                if stem in self._region_alias:
                    return self._choose_region(self._region_alias[stem], within)
        return None

    def region_candidates(self, name: str) -> list[str]:
        """Every region id a name, code or alias can mean (for reporting ambiguous names)."""
        key = normalise_name(name)
        for suffix in ("",) + GOVERNMENT_SUFFIXES:
            stem = key[: -len(suffix)] if suffix and key.endswith(suffix) else key
            if (not suffix or stem != key) and stem in self._region_alias:
                return list(self._region_alias[stem])
        return []

    def region_ancestors(self, region_id: str) -> list[str]:
        """Parent, grandparent ... of a region (zones: their prefecture, then its province)."""
        chain: list[str] = []
        parent = self._parent.get(region_id, "")
        while parent and parent not in chain:
            chain.append(parent)
            parent = self._parent.get(parent, "")
        return chain

    def _choose_region(self, candidates: list[str], within: str | None) -> str | None:
        if len(candidates) == 1:
            return candidates[0]
        if not within or within not in self._parent:
            return None
        lineage = self.region_ancestors(within)
        province = (lineage or [within])[-1]
        for fits in (lambda c: c == within,
                     lambda c: within in self.region_ancestors(c),
                     lambda c: c in lineage,
                     lambda c: ((self.region_ancestors(c) or [c])[-1]) == province):
            chosen = [c for c in candidates if fits(c)]
            if chosen:
                return chosen[0] if len(chosen) == 1 else None
        return None

    def region_names(self) -> list[str]:
        """Every region name and alias worth scanning text for, longest first.

        Prefer ``find_regions``: one compiled pattern instead of a loop over 9,000 names.
        """
        return self._region_names

    def find_regions(self, text: str) -> list[tuple[int, int, str]]:
        """Region names in normalised text: (start, end, name), leftmost-longest, non-overlapping.

        Resolve each name with ``resolve_region(name, within=...)``; names in
        region_text_stopwords.csv (城区, 范县 inside 示范县) are never reported.
        """
        return list(self._find_regions(text))

    @lru_cache(maxsize=4096)
    def _find_regions(self, text: str) -> tuple[tuple[int, int, str], ...]:
        return tuple((m.start(), m.end(), m.group()) for m in self.region_pattern().finditer(text))

    @lru_cache(maxsize=1)
    def region_pattern(self) -> re.Pattern[str]:
        """One regex over every scannable region name: a character trie, longer branches first,
        so the match at each position is the longest name starting there."""
        return re.compile(_trie_pattern([n for n in self._region_names if not n.isdigit()]))

    def _region_alias_keys(self) -> list[str]:
        return [normalise_name(n) for row in self.regions.itertuples()
                for n in [row.name_zh, *filter(None, row.aliases.split("|"))]]

    def suggest_region(self, name: str, limit: int = 3) -> list[str]:
        return _suggest(normalise_name(name), self._region_alias, self.regions, "region_id", limit,
                        self.__dict__.setdefault("_region_suggestions", {}))

    # -- indicators ----------------------------------------------------------------------------
    def indicator(self, indicator_id: str) -> dict:
        return self._indicator_rows[indicator_id]

    def resolve_indicator(self, name: str) -> str | None:
        """An indicator named in full, by an alias, or with a counting word after it
        (高企数, 高新技术企业数量: the count of the thing the alias names)."""
        for key in dict.fromkeys([normalise_name(name), COUNT_SUFFIX.sub("", normalise_name(name))]):
            if not key:
                continue
            if key.lower() in self._indicator_alias:
                return self._indicator_alias[key.lower()]
            match = self.indicator_pattern().fullmatch(key)
            if match:
                return self._indicator_for_match(match)
        return None

    def suggest_indicator(self, name: str, limit: int = 3) -> list[str]:
        return _suggest(normalise_name(name).lower(), self._indicator_alias, self.indicators,
                        "indicator_id", limit, self.__dict__.setdefault("_indicator_suggestions", {}))

    @lru_cache(maxsize=1)
    def indicator_pattern(self) -> re.Pattern[str]:
        """One regex with a named group per alias, longest alias first; ``*`` is a short gap."""
        parts = []
        self._group_to_indicator: dict[str, str] = {}
        aliases = [(alias, row.indicator_id) for row in self.indicators.itertuples()
                   for alias in filter(None, row.aliases.split("|"))]
        aliases.sort(key=lambda pair: len(pair[0].replace("*", "")), reverse=True)
        for n, (alias, indicator_id) in enumerate(aliases):
            group = f"i{n}"
            self._group_to_indicator[group] = indicator_id
            body = WILDCARD_GAP.join(re.escape(normalise_name(p)) for p in alias.split("*"))
            parts.append(f"(?P<{group}>{body})")
        return re.compile("|".join(parts))

    def _indicator_for_match(self, match: re.Match[str]) -> str:
        return self._group_to_indicator[match.lastgroup]

    def find_indicators(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, indicator_id) mentions in normalised text."""
        return list(self._find_indicators(text))

    @lru_cache(maxsize=4096)
    def _find_indicators(self, text: str) -> tuple[tuple[int, int, str], ...]:
        return tuple((m.start(), m.end(), self._indicator_for_match(m))
                     for m in self.indicator_pattern().finditer(text))

    # -- units ---------------------------------------------------------------------------------
    def unit(self, name: str) -> Unit | None:
        return self._unit_alias.get(normalise_name(name))

    def unit_names(self) -> list[str]:
        return sorted(self._unit_alias, key=len, reverse=True)

    @lru_cache(maxsize=1)
    def value_pattern(self) -> re.Pattern[str]:
        """A number (with thousands separators or a 1-2 range) followed by a known unit."""
        units = "|".join(re.escape(u) for u in self.unit_names())
        return re.compile(
            rf"(?<![\d.])(\d+(?:,\d{{3}})*(?:\.\d+)?)(?:[-~至](\d+(?:\.\d+)?))?({units})")

    def dimension_of_indicator(self, indicator_id: str) -> str:
        unit = self.indicator(indicator_id)["unit"]
        return self.unit(unit).dimension if unit else "none"

    def __hash__(self) -> int:  # lets lru_cache key on the instance
        return id(self)


COUNT_SUFFIX = re.compile(r"(?:数量|个数|总数|数)$")


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, preferring the longest (湘西州 over 湘西)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _suggest(key: str, aliases: dict[str, str] | dict[str, list[str]], table: pd.DataFrame, id_column: str,
             limit: int, kept: dict) -> list[str]:
    """Closest known names (a 'did you mean' list), never an automatic choice. The choices and
    the answers are ``kept`` by the Reference: a file with one misspelt county in 5,000 rows asks once."""
    if "choices" not in kept:
        kept.update(choices=list(aliases), by_id=table.set_index(id_column)["name_zh"], answers={})
    choices, by_id, answers = kept["choices"], kept["by_id"], kept["answers"]
    if (key, limit) not in answers:
        answers[(key, limit)] = _closest(key, choices, aliases, by_id, limit)
    return answers[(key, limit)]


def _closest(key: str, choices: list[str], aliases: dict, by_id: pd.Series, limit: int) -> list[str]:
    found = process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60)
    names: list[str] = []
    for alias, _, _ in found:
        ids = aliases[alias]
        name = by_id[ids[0] if isinstance(ids, list) else ids]
        if name not in names:
            names.append(name)
    return names[:limit]


def load_reference() -> Reference:
    """The reference tables, with the catalogue's growth; read again when that changes."""
    from etl import paths  # looked up at call time: tests point the review folder elsewhere

    growth = tuple((p, p.stat().st_mtime_ns if p.exists() else 0)
                   for p in (paths.label_map_file(), paths.added_indicators_file()))
    return _load_reference(growth)


@lru_cache(maxsize=2)
def _load_reference(growth: tuple) -> Reference:
    from etl.catalogue import with_growth  # catalogue imports this module

    return Reference(read_regions(), with_growth(read_indicators()), read_units(),
                     read_region_text_stopwords())
