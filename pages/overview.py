"""Overview: what the database holds, and a coverage matrix of targets and actuals."""

import streamlit as st

from dashboard import data, views
from dashboard.i18n import headers, shown, t
from dashboard.ui import current_language, select

lang = current_language()
st.title(t("app_title", lang))
targets, actuals, documents = data.targets(), data.actuals(), data.documents()
counts = st.columns(5)
counts[0].metric(t("documents", lang), len(documents))
counts[1].metric(t("regions", lang), targets["region_id"].nunique())
counts[2].metric(t("indicators", lang), targets["indicator_id"].nunique())
counts[3].metric(t("targets", lang), int(documents["targets"].sum()))
counts[4].metric(t("actuals", lang), len(actuals))
st.caption(f"{t('data_as_of', lang)}: {data.as_of(lang)} · {t('unplaced', lang)}: {len(data.unplaced())}")

st.subheader(t("documents", lang))
st.dataframe(shown(documents.assign(region_name=documents["region_name_zh"]), lang,
                   ["document_id", "title", "region_name", "period_start", "period_end", "published",
                    "targets", "reported_values", "unplaced_numbers"]), hide_index=True)

st.subheader(t("coverage", lang))
st.caption(t("coverage_help", lang) + " " + t("coverage_legend", lang))
names = data.indicators().set_index("indicator_id")["name_en" if lang == "en" else "name_zh"].to_dict()
st.dataframe(views.coverage_matrix(targets, actuals, lang, names))
st.page_link("pages/sources.py", label=t("open_sources", lang))

st.subheader(t("uncatalogued", lang))
st.caption(t("uncatalogued_help", lang))
uncatalogued = data.uncatalogued_targets()
region_names = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]
region = select(t("regions", lang), ["", *sorted(uncatalogued["region_id"].unique())], "label_region",
                lambda r: region_names.get(r, r) if r else t("all_regions", lang))
shown = uncatalogued[uncatalogued["region_id"] == region] if region else uncatalogued
st.dataframe(headers(views.uncatalogued_table(shown, lang, lambda k: t(f"kind_{k}", lang),
                                              lambda s: t(f"status_{s}", lang), t("every_year", lang)),
                     lang),
             hide_index=True)
