"""Region profile: one region, all its indicators: targets by year, actuals, status, sources."""

import streamlit as st

from dashboard import charts, data, gap, profile, views
from dashboard.i18n import shown, t
from dashboard.ui import chart, current_language, region_briefing_buttons, select, slider

lang = current_language()
st.title(t("region_page", lang))
regions = data.regions()
names = regions.set_index("region_id")["name_en" if lang == "en" else "name_zh"]
indicator_names = data.indicators().set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
with_targets = sorted(data.regions_with_targets(), key=lambda r: (len(r), r))
left, middle, right = st.columns([3, 1, 2])
region_id = select(t("region", lang), with_targets, "region", lambda r: f"{names.get(r, r)} ({r})", left)
own_targets = data.targets(region_ids=[region_id])
years = sorted(int(y) for y in own_targets["year"].dropna().unique())
# the year of the chart and the briefing; the table shows it, or every year
year_choice = select(t("year", lang), ["all", *years], "year",
                     lambda y: t("all_years", lang) if y == "all" else str(y), middle,
                     index=len(years) if years else 0)
elapsed = slider(t("elapsed", lang), "elapsed", 0.0, 1.0, 1.0, 0.05, right)
chain = profile.parents(region_id, regions)
st.caption(" › ".join(names.get(r, r) for r in reversed(chain)) + f" › **{names[region_id]}**")

table = profile.region_table(own_targets, data.actuals(region_ids=[region_id]), region_id, elapsed)
if year_choice != "all":
    table = table[table["year"] == year_choice]
if table.empty:
    st.info(t("no_data", lang))
    st.stop()
table = table.assign(indicator_name=table["indicator_id"].map(indicator_names),
                     status_label=table["status"].map(lambda s: f"{gap.SYMBOLS[s]} {t(s, lang)}"))
counts = table["status"].value_counts()
columns = st.columns(len(gap.STATUSES))
for column, status in zip(columns, gap.STATUSES):
    column.metric(f"{gap.SYMBOLS[status]} {t(status, lang)}", int(counts.get(status, 0)))
st.dataframe(shown(table, lang, ["indicator_name", "year", "kind", "target_value_stated", "unit",
                                 "actual", "attainment", "status_label", "document_id", "quote"],
                   decimals=4, percent=("attainment",)), hide_index=True)
checks = data.plan_checks(region_id=region_id)
if len(checks):
    from dashboard.review import checks_table

    with st.expander(f"{t('plan_checks', lang)} ({int((~checks['explained']).sum())})"):
        st.dataframe(shown(checks_table(checks, lang), lang, list(checks_table(checks, lang).columns)),
                     hide_index=True)
year = year_choice if year_choice != "all" else years[-1]
judged = table[(table["year"] == year) & table["attainment"].notna()]
if len(judged):  # every indicator of the region in one chart, against 100%
    judged = judged.assign(label=judged["indicator_name"]).sort_values("attainment", ascending=False)
    fig = charts.attainment_bars(judged, f"{names[region_id]} · {year} · {t('attainment', lang)}",
                                 views.sources_of(judged, data.documents()) + views.actual_sources(
                                     judged, data.documents(), t("actuals_from", lang), "actual_file",
                                     "actual_batch"), data.as_of(lang), lang)
    chart(fig, views.safe_name(region_id, year, "attainment"), lang, key="region_chart")
region_briefing_buttons(region_id, int(year), names[region_id], lang)
st.page_link("pages/sources.py", label=t("open_sources", lang),
             query_params={"regions": region_id, "lang": lang})
