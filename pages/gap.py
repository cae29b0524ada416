"""Gap to target: target, actual, gap, attainment and status per region and indicator."""

import streamlit as st

from dashboard import charts, data, gap, views
from dashboard.i18n import shown, t
from dashboard.ui import briefing_button, current_language, chart, select, slider, toggle

lang = current_language()
st.title(t("gap", lang))
indicators = data.indicators()
names = indicators.set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
region_names = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]

left, middle, right = st.columns([1, 3, 2])
years = data.year_menu()
# the latest year in which some region has a target and an actual of the same indicator: a year
# without one judges nothing
default_year = next((y for y in reversed(years) if y in set(data.actual_years()) and views.judged_in(
    data.targets(year=y), data.actuals(year=y))), 2023 if 2023 in years else years[0])
year = select(t("year", lang), years, "year", str, left, index=years.index(default_year))
indicator_options = ["all", *data.indicator_menu()]
indicator = select(t("indicator", lang), indicator_options, "indicator",
                   lambda i: t("all_indicators", lang) if i == "all" else names.get(i, i), middle)
elapsed = slider(t("elapsed", lang), "elapsed", 0.0, 1.0, 1.0, 0.05, right)
left, right = st.columns([3, 2])
# Every region when they are few; one prefecture (with its own targets) by default when they are
# many, so that the table and the chart stay readable and quick at national size.
menu = data.prefecture_menu(None if indicator == "all" else indicator, year)
areas = ["all", *menu["prefecture_id"]]
many = data.year_regions(year) > views.MAX_GAP_REGIONS
area = select(t("area", lang), areas, "area",
              lambda a: t("all_regions", lang) if a == "all" else region_names.get(a, a), left,
              index=1 if many and len(areas) > 1 else 0)
behind_only = toggle(t("behind_only", lang), "behind", right)
with st.expander(t("formula", lang)):
    st.markdown(t("formula_text", lang))
    st.markdown(" · ".join(f"{gap.SYMBOLS[s]} {t(s, lang)}" for s in gap.STATUSES))

scope = None if area == "all" else area
targets = data.targets(None if indicator == "all" else indicator, parent_id=scope)
actuals = data.actuals(None if indicator == "all" else indicator,
                       region_ids=None if scope is None else sorted(targets["region_id"].unique()))
table = gap.gap_table(targets, actuals, year, elapsed)
if indicator != "all":
    table = table[table["indicator_id"] == indicator]
table = views.with_labels(table, lang)
if table.empty:
    st.info(t("no_data", lang))
    st.stop()
table["status_label"] = table["status"].map(lambda s: f"{gap.SYMBOLS[s]} {t(s, lang)}")
table = gap.by_urgency(table)
if behind_only:
    table = table[table["status"] == "behind"]
    if table.empty:
        st.info(t("none_behind", lang))
        st.stop()
table["indicator_name"] = table["indicator_id"].map(names)

st.subheader(t("summary_by_region", lang))
summary = gap.region_summary(table)
summary["label"] = summary["region_id"].map(region_names)
st.dataframe(summary[["label", *gap.STATUSES, "total"]].rename(
    columns={s: f"{gap.SYMBOLS[s]} {t(s, lang)}" for s in gap.STATUSES}
    | {"label": t("regions", lang), "total": t("total", lang)}),
    hide_index=True)

if indicator != "all":
    judged = table.sort_values("attainment", ascending=False, na_position="last")
    fig = charts.attainment_bars(judged, f"{names[indicator]} · {year} · {t('attainment', lang)}",
                                 views.sources_of(judged, data.documents()) + views.actual_sources(
                                     judged, data.documents(), t("actuals_from", lang), "actual_file",
                                     "actual_batch"), data.as_of(lang), lang)
    chart(fig, views.safe_name(indicator, year, "gap"), lang, key="gap_chart")
    briefing_button({views.safe_name(indicator, year, "gap"): fig},
                    {"gap": table.drop(columns=["label"]), "summary": summary}, views.safe_name(indicator, year), lang)

st.dataframe(shown(table, lang, [
    "status_label", "label", "indicator_name", "kind", "target_value_stated", "unit", "baseline", "target",
    "actual", "gap", "attainment", "expected_by_now", "growth_required_pct", "actual_source",
    "baseline_source", "document_id", "quote"], decimals=4, percent=("attainment",)), hide_index=True)
st.page_link("pages/sources.py", label=t("open_sources", lang),
             query_params={"year": str(year), "lang": lang} | ({"indicator": indicator} if indicator != "all" else {}))
