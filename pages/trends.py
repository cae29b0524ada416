"""Trends: targets by year per region, implied growth and the prefecture roll-up."""

import streamlit as st

from dashboard import charts, data, rollup, views
from dashboard.briefing import rollup_sentence
from dashboard.i18n import shown, t
from dashboard.ui import briefing_button, current_language, chart, multiselect, select, toggle

lang = current_language()
st.title(t("trends", lang))
indicators, regions = data.indicators(), data.regions()
names = indicators.set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
region_names = regions.set_index("region_id")["name_en" if lang == "en" else "name_zh"]

left, right = st.columns([3, 2])
indicator = select(t("indicator", lang), data.indicator_menu(), "indicator", names.get, left)
targets = data.targets(indicator)
levels = views.with_labels(rollup.yearly_levels(targets, indicator), lang)
region_ids = sorted(levels["region_id"].unique())
# A handful of lines to start with (one prefecture's counties); the list searches the rest.
prefecture_menu = data.prefecture_menu(indicator)
busiest = prefecture_menu["prefecture_id"].iloc[0] if len(prefecture_menu) else None
chosen = multiselect(t("regions", lang), region_ids, "regions",
                     views.default_regions(levels, busiest), region_names.get, right)
relative = toggle(t("relative", lang), "relative")
levels = levels[levels["region_id"].isin(chosen)]
facts = data.actuals(indicator, region_ids=chosen)
facts = facts.merge(regions[["region_id", "name_zh", "name_en"]], on="region_id")
facts = facts.assign(label=facts["name_en" if lang == "en" else "name_zh"])
unit = indicators.set_index("indicator_id").loc[indicator, "unit"]
growth = rollup.implied_growth(levels)  # from the targets themselves, before any indexing
if relative and len(levels):
    base_year = int(levels["year"].min())
    levels, facts, unit = rollup.index_to_base(levels, base_year), facts.iloc[0:0], f"{base_year} = 100"
if levels.empty:
    st.info(t("no_data", lang))
    st.stop()
documents = data.documents()
sources = list(dict.fromkeys(views.sources_of(levels, documents) + views.actual_sources(
    facts, documents, t("actuals_from", lang))))
shown_regions = levels["region_id"].unique()
title = f"{names[indicator]} · {t('trends', lang)}"
if len(shown_regions) == 1:
    title = f"{region_names[shown_regions[0]]} · {title}"
fig = charts.trend_lines(levels, facts, title, unit, sources, data.as_of(lang), lang)
span = f"{int(levels['year'].min())}-{int(levels['year'].max())}"
chart(fig, views.safe_name(indicator, span, "trends"), lang, key="trend_chart")
figures, tables = {views.safe_name(indicator, span, "trends"): fig}, {"trends": levels}

same = views.identical_series(levels)
if same:  # drawn on top of each other: say so, or a reader counts fewer lines than the legend
    st.caption(t("identical_series", lang) + "; ".join(" = ".join(region_names.get(r, r) for r in group)
                                                       for group in same))
st.subheader(t("implied_growth", lang))
if len(growth):
    growth = growth.assign(region_name=growth["region_name_en" if lang == "en" else "region_name_zh"])
    st.dataframe(shown(growth, lang, ["region_name", "first_year", "last_year", "first_value",
                                      "last_value", "annual_growth_pct"]), hide_index=True)

prefectures = prefecture_menu.loc[prefecture_menu["has_own_target"], "prefecture_id"].tolist()
if prefectures:
    st.subheader(t("rollup", lang))
    # the prefecture of the regions shown above, unless the URL says otherwise
    parents = regions.set_index("region_id")["parent_id"]
    shown_parents = [parents.get(r) for r in chosen if parents.get(r) in prefectures]
    default = prefectures.index(max(set(shown_parents), key=shown_parents.count)) if shown_parents else 0
    prefecture = select(t("prefecture", lang), prefectures, "prefecture", region_names.get, index=default)
    parts = data.targets(indicator, parent_id=prefecture)
    table, left_out = rollup.prefecture_rollup(parts, regions, prefecture, indicator)
    # a year in which only some parts have a target is no comparison: left out, and said so
    complete = table["parts"].isna() | (table["parts"] >= table["parts"].max())
    if not complete.all():
        st.caption(t("rollup_partial", lang).format(years="、".join(
            f"{int(r.year)} ({int(r.parts)}/{int(table['parts'].max())})" for r in table[~complete].itertuples())))
        table = table[complete]
    if left_out:
        st.warning(t("rollup_note", lang) + " " + "; ".join(
            f"{region_names[a]} ⊂ {region_names[b]}" for a, b in left_out.items()))
    rollup_sources = views.sources_of(rollup.rollup_rows(parts, regions, prefecture, indicator),
                                      data.documents())
    fig = charts.rollup_bars(table, f"{region_names[prefecture]} · {names[indicator]}",
                             indicators.set_index("indicator_id").loc[indicator, "unit"], rollup_sources,
                             data.as_of(lang), lang)
    chart(fig, views.safe_name(indicator, prefecture, "rollup"), lang, key="rollup_chart")
    st.dataframe(shown(table, lang, ["year", "sum_of_parts", "parts", "prefecture_target",
                                     "difference", "difference_pct"]), hide_index=True)
    figures[views.safe_name(indicator, prefecture, "rollup")] = fig
    tables["rollup"] = table
    counted = table.dropna(subset=["sum_of_parts", "prefecture_target"])
    own_unit = indicators.set_index("indicator_id").loc[indicator, "unit"]
    sentences = [rollup_sentence(region_names[prefecture], names[indicator], own_unit, int(row.year),
                                 int(row.parts), row.sum_of_parts, row.prefecture_target, lang)
                 for row in counted.itertuples()]
else:
    sentences = None
briefing_button(figures, tables, views.safe_name(indicator, "trends"), lang, sentences=sentences)
st.page_link("pages/sources.py", label=t("open_sources", lang), query_params={"indicator": indicator, "lang": lang})
