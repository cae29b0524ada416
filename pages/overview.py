"""Overview: what the database holds, and a coverage matrix of targets and actuals."""

import streamlit as st

from dashboard import data, views
from dashboard.i18n import headers, shown, t, unit_label
from dashboard.ui import current_language, select

lang = current_language()
st.title(t("app_title", lang))
documents, totals = data.documents(), data.overview_counts()
region_names = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]
counts = st.columns(5)
counts[0].metric(t("documents", lang), len(documents))
counts[1].metric(t("regions", lang), totals["regions"])
counts[2].metric(t("indicators", lang), totals["indicators"])
counts[3].metric(t("targets", lang), totals["targets"])
counts[4].metric(t("actuals", lang), totals["actuals"])
st.caption(f"{t('data_as_of', lang)}: {data.as_of(lang)} · {t('unplaced', lang)}: {len(data.unplaced())}")

st.subheader(t("documents", lang))
st.dataframe(shown(documents.assign(region_name=documents["region_name_zh"]), lang,
                   ["document_id", "title", "region_name", "period_start", "period_end", "published",
                    "targets", "reported_values", "unplaced_numbers"]), hide_index=True)

st.subheader(t("coverage", lang))
st.caption(t("coverage_help", lang) + " " + t("coverage_legend", lang))
names = data.indicators().set_index("indicator_id")["name_en" if lang == "en" else "name_zh"].to_dict()
# By province, then a province's prefectures, then a prefecture's counties: a few dozen rows at
# any size. With one province in the data, it opens on that province.
provinces = data.coverage(None)["area_id"].unique().tolist()
left, right = st.columns(2)
province = select(t("province", lang), ["", *provinces], "cov_province",
                  lambda p: region_names.get(p, p) if p else t("all_provinces", lang), left,
                  index=1 if len(provinces) == 1 else 0)
parent = province or None
if province:
    prefectures = [a for a in data.coverage(province)["area_id"].unique() if a != province]
    prefecture = select(t("prefecture", lang), ["", *prefectures], "cov_prefecture",
                        lambda p: region_names.get(p, p) if p else t("whole_province", lang), right)
    parent = prefecture or province
st.dataframe(views.coverage_matrix(data.coverage(parent), region_names.to_dict(), names, parent,
                                   t("own_plan", lang)))
st.page_link("pages/sources.py", label=t("open_sources", lang))

st.subheader(t("uncatalogued", lang))
st.caption(t("uncatalogued_help", lang))
uncatalogued = data.uncatalogued_targets()
region = select(t("regions", lang), ["", *sorted(uncatalogued["region_id"].unique())], "label_region",
                lambda r: region_names.get(r, r) if r else t("all_regions", lang))
shown = uncatalogued[uncatalogued["region_id"] == region] if region else uncatalogued
st.dataframe(headers(views.uncatalogued_table(shown, lang, lambda k: t(f"kind_{k}", lang),
                                              lambda s: t(f"status_{s}", lang), t("every_year", lang),
                                              lambda u: unit_label(u, lang)),
                     lang),
             hide_index=True)
