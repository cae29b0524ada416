"""Plan checks computed at every build: numbers a reviewer should look at twice.

- ``below_actual``: a target below (or, for a lower-is-better indicator, above) the latest
  result reported for an earlier year (001: 科技成果奖 2023 target 34 against 44 for 2022);
- ``parts_vs_whole``: the counties' targets add up to more or less than their prefecture's own
  (000: 高新技术企业 2024, counties and zone 242 against the prefecture's 280), counting a figure
  another already includes once, as the roll-up chart does;
- ``two_values``: one region, indicator and year given two different targets (保靖县 40% and 60%);
- ``overlap``: a zone and the county hosting it both report a series (吉首市 and 湘西高新区):
  their figures count the same firms or staff;
- ``growth_vs_levels``: a growth target that the level targets around it do not imply.

Each check names its numbers by their target keys and quotes; a reviewer can mark it explained
(an ``explain`` decision in the corrections file, kept like any other).
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from etl.review import Decision

ABSOLUTE = ("level", "share_pct", "ratio", "per_capita")
CHILD_LEVELS = ("county", "county_city", "district", "zone")
COLUMNS = ["check_id", "check_kind", "region_id", "indicator_id", "indicator_label", "year",
           "document_ids", "target_keys", "quotes", "message_zh", "message_en", "explained",
           "explanation"]
PARTS_TOLERANCE = 0.005  # rounding in the documents' own figures (0.5%)
GROWTH_TOLERANCE_PP = 1.0  # percentage points between a growth target and the levels' growth


def plan_checks(targets: pd.DataFrame, regions: pd.DataFrame, indicators: pd.DataFrame,
                decisions: list[Decision] = ()) -> pd.DataFrame:
    """Every check that fires on the built targets, with its explanation when a reviewer gave one."""
    direction = dict(zip(indicators["indicator_id"], indicators["direction"]))
    additive = set(indicators.loc[indicators["is_additive"].astype(bool), "indicator_id"])
    names = dict(zip(indicators["indicator_id"], indicators["name_zh"]))
    catalogued = targets[targets["indicator_id"].notna()].copy()
    catalogued["indicator_name"] = catalogued["indicator_id"].map(names)
    found = (_below_actual(catalogued, direction) + _parts_vs_whole(catalogued, regions, additive)
             + _two_values(targets)
             + _overlap(catalogued[catalogued["indicator_id"].isin(additive)], regions)
             + _growth_vs_levels(catalogued))
    table = pd.DataFrame(found, columns=[c for c in COLUMNS if c not in
                                         ("check_id", "explained", "explanation")])
    table.insert(0, "check_id", [_check_id(r.check_kind, r.target_keys) for r in table.itertuples()])
    explained = {d.key: f"{d.why} ({d.who}, {d.when[:10]})" for d in decisions
                 if d.action == "explain"}
    table["explained"] = table["check_id"].isin(explained)
    table["explanation"] = [explained.get(c, "") for c in table["check_id"]]
    return table.drop_duplicates("check_id").reset_index(drop=True)


def _check_id(kind: str, keys: str) -> str:
    """Stable across builds: the kind and the numbers' keys, hashed short."""
    return f"{kind}:{hashlib.sha1(keys.encode('utf-8')).hexdigest()[:12]}"


def _row(kind, rows: pd.DataFrame, region_id, indicator_id, label, year, zh, en) -> dict:
    return {"check_kind": kind, "region_id": region_id, "indicator_id": indicator_id,
            "indicator_label": label, "year": year,
            "document_ids": "|".join(sorted(set(rows["document_id"]))),
            "target_keys": "|".join(sorted(rows["target_key"])),
            "quotes": "\n".join(dict.fromkeys(rows["quote"])), "message_zh": _chinese_spacing(zh),
            "message_en": en}


def _chinese_spacing(text: str) -> str:
    """No space between two Chinese words (位于吉首市境内); spaces beside numbers stay."""
    return re.sub(r"(?<=[\u4e00-\u9fff）》]) +(?=[\u4e00-\u9fff（《])", "", text)


def _fmt(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


def _below_actual(targets: pd.DataFrame, direction: dict) -> list[dict]:
    found = []
    # a target stated twice (a table and a sentence) is one target
    absolute = targets[targets["kind"].isin(ABSOLUTE) & targets["year"].notna()].drop_duplicates(
        ["region_id", "indicator_id", "year", "kind", "status", "value", "unit"])
    results = absolute[absolute["status"] == "actual"]
    for target in absolute[absolute["status"] == "target"].itertuples():
        earlier = results[(results["region_id"] == target.region_id) &
                          (results["indicator_id"] == target.indicator_id) &
                          (results["unit"] == target.unit) & (results["year"] < target.year)]
        if earlier.empty:
            continue
        last = earlier.sort_values("year").iloc[-1]
        lower_is_better = direction.get(target.indicator_id) == "lower"
        if (target.value > last["value"]) if lower_is_better else (target.value < last["value"]):
            rows = pd.DataFrame([target._asdict(), last.to_dict()])
            found.append(_row(
                "below_actual", rows, target.region_id, target.indicator_id, target.indicator_name,
                int(target.year),
                f"{int(target.year)}年目标 {_fmt(target.value)}{target.unit} "
                f"{'高于' if lower_is_better else '低于'} {int(last['year'])}年已实现的 "
                f"{_fmt(last['value'])}{last['unit']}",
                f"the {int(target.year)} target {_fmt(target.value)} {target.unit} is "
                f"{'above' if lower_is_better else 'below'} the {_fmt(last['value'])} "
                f"already reported for {int(last['year'])}"))
    return found


def double_counted(levels: pd.DataFrame) -> dict[str, str]:
    """Regions whose figure is already inside another's (吉首市 含湘西高新区 and the reverse).

    Returns {left-out region: region whose figure includes it}. Of two regions that each say they
    include the other, the first by id is kept.
    """
    notes = levels.dropna(subset=["scope_note"]).drop_duplicates("region_id")
    names = levels.drop_duplicates("region_id").set_index("region_id")
    left_out: dict[str, str] = {}
    for row in notes.sort_values("region_id").itertuples():
        if row.region_id in left_out or not row.scope_note:
            continue
        included = re.sub(r"^含", "", row.scope_note)
        for other in names.index:
            if other != row.region_id and other not in left_out and included and (
                    included in names.loc[other, "region_name_zh"] or
                    names.loc[other, "region_name_zh"].startswith(included[:2])):
                left_out[other] = row.region_id
    return left_out


def _parts_vs_whole(targets: pd.DataFrame, regions: pd.DataFrame, additive: set) -> list[dict]:
    found = []
    parent = dict(zip(regions["region_id"], regions["parent_id"]))
    level = dict(zip(regions["region_id"], regions["level"]))
    names = dict(zip(regions["region_id"], regions["name_zh"]))
    sums = targets[(targets["status"] == "target") & targets["kind"].isin(("level", "net_increase"))
                   & targets["indicator_id"].isin(additive) & targets["year"].notna()]
    sums = sums.drop_duplicates(["region_id", "indicator_id", "year", "kind", "value"])
    for (indicator_id, year, kind), group in sums.groupby(["indicator_id", "year", "kind"]):
        for whole in group[group["region_id"].map(level).isin(("prefecture", "province"))].itertuples():
            parts = group[(group["region_id"].map(parent) == whole.region_id) &
                          group["region_id"].map(level).isin(CHILD_LEVELS) &
                          (group["unit"] == whole.unit)]
            # the same rule as the roll-up chart: a figure already inside another is counted once
            left_out = double_counted(parts.assign(region_name_zh=parts["region_id"].map(names)))
            parts = parts[~parts["region_id"].isin(left_out)]
            if parts["region_id"].nunique() < 2 or parts["region_id"].duplicated().any():
                continue
            total = parts["value"].sum()
            if abs(total - whole.value) <= PARTS_TOLERANCE * abs(whole.value):
                continue
            rows = pd.concat([pd.DataFrame([whole._asdict()]), parts], ignore_index=True)
            more = total > whole.value
            found.append(_row(
                "parts_vs_whole", rows, whole.region_id, indicator_id, whole.indicator_name,
                int(year),
                f"{int(year)}年 {parts['region_id'].nunique()} 个下级地区目标之和 {_fmt(total)}"
                f"{whole.unit}，{'多于' if more else '少于'}本级目标 {_fmt(whole.value)}"
                f"{whole.unit}（差 {_fmt(total - whole.value)}）",
                f"{int(year)}: the {parts['region_id'].nunique()} parts' targets add up to "
                f"{_fmt(total)} {whole.unit}, {'more' if more else 'less'} than the whole's own "
                f"{_fmt(whole.value)} (difference {_fmt(total - whole.value)})"))
    return found


def _two_values(targets: pd.DataFrame) -> list[dict]:
    found = []
    chosen = targets[targets["status"] == "target"].copy()
    chosen["subject"] = chosen["indicator_id"].fillna("«" + chosen["indicator_label"] + "»")
    keys = ["region_id", "subject", "year", "kind", "unit", "year_scope"]
    for (region_id, subject, year, *_), group in chosen.groupby(keys, dropna=False):
        values = sorted(set(group["value"]))
        if len(values) < 2:
            continue
        first = group.iloc[0]
        label = first["indicator_label"]
        shown = "、".join(f"{_fmt(v)}{first['unit']}" for v in values)
        when_zh = "每年" if pd.isna(year) else f"{int(year)}年"
        when_en = "every year" if pd.isna(year) else str(int(year))
        found.append(_row(
            "two_values", group, region_id, first["indicator_id"], label,
            None if pd.isna(year) else int(year),
            f"{when_zh}同一指标有 {len(values)} 个不同目标：{shown}",
            f"{when_en}: {len(values)} different targets for the same indicator: {shown}"))
    return found


def _overlap(targets: pd.DataFrame, regions: pd.DataFrame) -> list[dict]:
    found = []
    hosts = regions[regions["host_id"].fillna("") != ""]
    names = dict(zip(regions["region_id"], regions["name_zh"]))
    names_en = dict(zip(regions["region_id"], regions["name_en"]))
    for zone in hosts.itertuples():
        both = targets[targets["region_id"].isin((zone.region_id, zone.host_id))]
        for indicator_id, group in both.groupby("indicator_id"):
            if group["region_id"].nunique() < 2:
                continue
            found.append(_row(
                "overlap", group, zone.host_id, indicator_id, group["indicator_name"].iloc[0], None,
                f"{names[zone.region_id]} 位于 {names[zone.host_id]} 境内，两地的数字可能重复计算"
                f"同一批企业或人员，汇总时只能计一次",
                f"{names_en[zone.region_id]} lies inside {names_en[zone.host_id]}: their figures "
                f"may count the same firms or staff; count them once when adding up"))
    return found


def _growth_vs_levels(targets: pd.DataFrame) -> list[dict]:
    found = []
    chosen = targets[(targets["status"] == "target") & targets["year"].notna()]
    levels = chosen[chosen["kind"] == "level"].drop_duplicates(
        ["region_id", "indicator_id", "year"], keep=False)
    for growth in chosen[chosen["kind"] == "growth_pct"].itertuples():
        same = levels[(levels["region_id"] == growth.region_id) &
                      (levels["indicator_id"] == growth.indicator_id)].set_index("year")
        if growth.year not in same.index or growth.year - 1 not in same.index:
            continue
        before, after = same.loc[growth.year - 1], same.loc[growth.year]
        if before["value"] <= 0:
            continue
        implied = (after["value"] / before["value"] - 1) * 100
        if abs(implied - growth.value) <= GROWTH_TOLERANCE_PP:
            continue
        rows = pd.concat([pd.DataFrame([growth._asdict()]),
                          same.loc[[growth.year - 1, growth.year]].reset_index()], ignore_index=True)
        found.append(_row(
            "growth_vs_levels", rows, growth.region_id, growth.indicator_id,
            growth.indicator_name, int(growth.year),
            f"{int(growth.year)}年增长目标 {_fmt(growth.value)}%，而水平目标由 "
            f"{_fmt(before['value'])} 到 {_fmt(after['value'])}，意味着增长 {implied:.1f}%",
            f"{int(growth.year)}: a growth target of {_fmt(growth.value)}% while the level targets "
            f"go from {_fmt(before['value'])} to {_fmt(after['value'])}, {implied:.1f}% growth"))
    return found
