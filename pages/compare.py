"""Compare regions: one indicator and year, a ranked bar per region, target and actual."""

import streamlit as st

from dashboard import charts, data, views
from dashboard.briefing import ranking_sentence
from dashboard.i18n import shown, t, unit_label
from dashboard.ui import (briefing_button, chart, current_language, radio, region_briefing_buttons,
                          select, widget_key)

lang = current_language()
st.title(t("compare", lang))
indicators, regions = data.indicators(), data.regions()
names = indicators.set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
units = indicators.set_index("indicator_id")["unit"]
region_names = regions.set_index("region_id")["name_en" if lang == "en" else "name_zh"]

left, middle, right = st.columns([3, 1, 2])
indicator = select(t("indicator", lang), data.indicator_menu(), "indicator", names.get, left)
covered = data.year_kind_menu(indicator)
years = sorted(covered["year"].astype(int).unique().tolist())
year = select(t("year", lang), years, "year", str, middle, index=years.index(2023) if 2023 in years else 0)
kinds = covered[covered["year"] == year].sort_values("regions", ascending=False)["kind"].tolist()
kind = select(t("kind", lang), kinds, "kind", lambda k: t(f"kind_{k}", lang), right)
left, middle, right = st.columns([2, 2, 2])
# One level at a time: ranking a prefecture's 830 next to a county's 9 reads nothing. By default
# one prefecture's counties and zones.
peers = radio(t("peers", lang), list(views.PEERS), "peers", lambda p: t(f"peers_{p}", lang), left)
prefecture = None
if peers == "prefecture":
    # only prefectures whose counties have this target: never a choice that shows nothing
    # (the one with most of them first)
    menu = data.prefecture_menu(indicator, year, kind)
    options = menu.loc[menu["parts"] > 0, "prefecture_id"].tolist()
    prefecture = select(t("prefecture", lang), options, "prefecture", region_names.get, middle)
sort = radio(t("sort", lang), ["value", "name", "code"], "sort", lambda s: t(f"sort_{s}", lang), right)

targets = data.targets(indicator, year, parent_id=prefecture)
table = views.compare_table(targets, data.actuals(indicator, year), indicator, year, kind, prefecture,
                            sort, lang, peers)
if table.empty:
    st.info(t("no_data", lang))
    st.stop()
total = len(table)
if total > views.MAX_BARS:  # thousands of bars read nothing: the first or last N, and a search
    left, right = st.columns([2, 3])
    end = radio(t("rank_end", lang), ["top", "bottom"], "end", lambda e: t(f"rank_{e}", lang), left)
    found = right.text_input(t("find_region", lang), st.query_params.get("find", ""), max_chars=40,
                             key=widget_key("find"))
    table = views.window(table, end, views.MAX_BARS, found)
    st.caption(t("showing_n_of", lang).format(n=len(table), total=total))
for zone, host in views.overlapping(table, regions).items():
    st.warning(t("overlap_warning", lang).format(zone=region_names[zone], host=region_names[host]))
unit = "%" if kind == "growth_pct" else units.get(indicator, "")
title = f"{names[indicator]} · {year} · {t(f'kind_{kind}', lang)}"
documents = data.documents()
sources = list(dict.fromkeys(views.sources_of(table, documents) + views.actual_sources(
    table[table["actual_value"].notna()], documents, t("actuals_from", lang))))
fig = charts.compare_bars(table, title, unit, sources, data.as_of(lang), lang)
if prefecture:
    own = targets[(targets["region_id"] == prefecture) & (targets["kind"] == kind)]
    if len(own):
        st.caption(f"{t('prefecture_own', lang)}: {region_names[prefecture]} {own['value'].iloc[0]:,.4g} "
                   f"{unit_label(unit, lang)}")
chart_tab, table_tab = st.tabs([t("chart", lang), t("table", lang)])
with chart_tab:
    chart(fig, views.safe_name(indicator, year, kind, prefecture or "all", "compare"), lang, key="compare_chart")
with table_tab:
    st.dataframe(shown(table, lang, ["label", "region_id", "target_value", "comparator", "firmness",
                                     "actual_value", "source_file", "source_row", "document_id", "quote"]),
                 hide_index=True)
briefing_button({views.safe_name(indicator, year, kind, prefecture or "all", "compare"): fig},
                {"compare": table}, views.safe_name(indicator, year, kind, prefecture or "all"), lang,
                sentences=[ranking_sentence(table, names[indicator], int(year), unit, lang)])
if prefecture:  # the whole prefecture for this year, with its counties, as slides or a memo
    region_briefing_buttons(prefecture, int(year), region_names[prefecture], lang)
st.page_link("pages/sources.py", label=t("open_sources", lang),
             query_params={"indicator": indicator, "year": str(year), "lang": lang})
