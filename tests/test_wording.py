"""Every page's rendered text, in each language: no database names, no None, no raw codes."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import one_language
from etl import paths

APP = str(paths.PROJECT_DIR / "app.py")
PAGES = {"overview": {}, "compare": {"indicator": "hightech_enterprises", "year": "2023"},
         "trends": {"indicator": "rd_staff", "prefecture": "433100"},
         "gap": {"indicator": "hightech_enterprises", "year": "2023"}, "map": {},
         "sources": {}, "upload": {}, "documents": {"doc": "001_ce8b4709008de5aa.txt"},
         "region": {"region": "430300"}}
# Column and code names of the database that must never reach a reader.
DATABASE_WORDS = re.compile(
    r"\b(?:region_id|indicator_id|first_year|last_year|sum_of_parts|prefecture_target|sha256|"
    r"net_increase|growth_pct|share_pct|at_least|at_most|unspecified|unreviewed|"
    r"year_scope|every_year|target_key|value_raw|unit_raw|None|nan|NaN|NaT)\b")


def rendered_text(at: AppTest) -> list[str]:
    texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info",
                                  "warning", "success", "error") for e in getattr(at, kind)]
    for table in at.dataframe:
        frame = table.value
        texts += [str(c) for c in frame.columns]
        texts += [str(v) for v in frame.astype(object).to_numpy().ravel()
                  if not (isinstance(v, float) and pd.isna(v))]
        # a missing value Streamlit would draw as the word None
        texts += ["None" for v in frame.astype(object).to_numpy().ravel()
                  if v is None or (isinstance(v, float) and pd.isna(v))]
    for kind in ("selectbox", "radio", "multiselect"):
        for widget in getattr(at, kind):
            texts.append(widget.label)
            texts += [str(o) for o in widget.options]
    return texts


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_no_database_names_on_screen(db_dir, page, lang):
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {**PAGES[page], "lang": lang}.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    leaks = sorted({m.group() + " ← " + text[:80] for text in rendered_text(at)
                    for m in DATABASE_WORDS.finditer(text)})
    assert not leaks, leaks
    other = OTHER_LANGUAGE[lang]
    mixed = sorted({text[:80] for text in rendered_text(at) if other.search(text)})
    assert not mixed, mixed


def interface_phrases(lang: str) -> list[str]:
    """The interface's own phrases in one language (from the translation tables), cut at
    punctuation and placeholders; short pieces are left out since data may hold them too."""
    from dashboard.i18n import COLUMNS, TEXT
    index = 0 if lang == "zh" else 1
    pieces = set()
    for pair in [*TEXT.values(), *COLUMNS.values()]:
        for piece in re.split(r"\{[^}]*\}|[，。；：:、（）()“”\"'·/|?？!！\n]|\s[-–—]\s", pair[index]):
            piece = piece.strip()
            if lang == "zh" and len(piece) >= 5 and re.fullmatch(r"[\u4e00-\u9fff]+", piece):
                pieces.add(piece)
            if lang == "en" and len(re.findall(r"[A-Za-z]{2,}", piece)) >= 3 and not re.search(r"[\u4e00-\u9fff]", piece):
                pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)


# The other language's interface phrases, and a few fixed words, must not appear on a page (data
# such as document titles and quotes is Chinese in both interfaces, and is not in these tables).
OTHER_LANGUAGE = {
    "zh": re.compile("|".join([r"Choose options", r"全部 All", r"\bTotal\b", r"\btotal\b",
                               *map(re.escape, interface_phrases("en"))])),
    "en": re.compile("|".join([r"全部 All", r"计算方法", r"请选择", r"合计", r"已保存", r"目标\+实际",
                               *map(re.escape, interface_phrases("zh"))])),
}


@pytest.mark.parametrize("message, zh, en", [
    ("应为数字 / value must be a number, not 'x'", "应为数字", "value must be a number, not 'x'"),
    ("the database is busy; please try again / 数据库正忙，请稍后重试", "数据库正忙，请稍后重试",
     "the database is busy; please try again"),
    ("未知指标“高企数” / unknown indicator '高企数'", "未知指标“高企数”", "unknown indicator '高企数'"),
    ("one language only", "one language only", "one language only"),
])
def test_a_bilingual_message_shows_its_half_in_the_interface_language(message, zh, en):
    assert one_language(message, "zh") == zh
    assert one_language(message, "en") == en
