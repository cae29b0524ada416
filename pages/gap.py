"""Gap to target: target, actual, gap, attainment and status per region and indicator."""

import streamlit as st

from dashboard import charts, data, gap, views
from dashboard.i18n import headers, shown, t
from dashboard.ui import briefing_button, current_language, chart, multiselect, radio, select, slider, toggle

lang = current_language()
st.title(t("gap", lang))
targets, actuals, indicators = data.targets(), data.actuals(), data.indicators()
names = indicators.set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
region_names = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]

left, middle, right = st.columns([1, 3, 2])
years = sorted(targets["year"].dropna().astype(int).unique().tolist())
year = select(t("year", lang), years, "year", str, left, index=years.index(2023) if 2023 in years else 0)
indicator_options = ["all", *views.indicator_choices(targets)]
indicator = select(t("indicator", lang), indicator_options, "indicator",
                   lambda i: t("all_indicators", lang) if i == "all" else names.get(i, i), middle)
elapsed = slider(t("elapsed", lang), "elapsed", 0.0, 1.0, 1.0, 0.05, right)
behind_only = toggle(t("behind_only", lang), "behind")
with st.expander(t("formula", lang)):
    st.markdown(t("formula_text", lang))
    st.markdown(" · ".join(f"{gap.SYMBOLS[s]} {t(s, lang)}" for s in gap.STATUSES))

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
                                 views.sources_of(judged, data.documents()), data.as_of(lang), lang)
    chart(fig, views.safe_name(indicator, year, "gap"), lang, key="gap_chart")
    briefing_button({views.safe_name(indicator, year, "gap"): fig},
                    {"gap": table.drop(columns=["label"]), "summary": summary}, views.safe_name(indicator, year), lang)

st.dataframe(shown(table, lang, [
    "status_label", "label", "indicator_name", "kind", "target_value_stated", "unit", "baseline", "target",
    "actual", "gap", "attainment", "expected_by_now", "growth_required_pct", "actual_source",
    "baseline_source", "document_id", "quote"], decimals=4, percent=("attainment",)), hide_index=True)
st.page_link("pages/sources.py", label=t("open_sources", lang),
             query_params={"year": str(year), "lang": lang} | ({"indicator": indicator} if indicator != "all" else {}))
