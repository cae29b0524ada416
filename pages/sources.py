"""Sources: the documents, and every number back to the sentence it came from."""

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.i18n import headers, shown, t, unplaced_reason
from dashboard.review import checks_table
from dashboard.sources import highlighted, stated
from dashboard.ui import current_language, multiselect, radio, select, text

MAX_SHOWN = 40

lang = current_language()
st.title(t("sources", lang))
documents, indicators = data.documents(), data.indicators()
names = indicators.set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
region_names = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]

with st.expander(t("documents", lang), expanded=False):
    st.dataframe(shown(documents.assign(region_name=documents["region_name_zh"]), lang, [
        "document_id", "title", "issuer", "doc_number", "region_name", "period_start", "period_end",
        "published", "url", "notes", "targets", "reported_values", "unplaced_numbers"]),
        hide_index=True)

menu = data.source_menu()
left, middle, right = st.columns([3, 1, 3])
indicator = select(t("indicator", lang), ["", *data.indicator_menu()], "indicator",
                   lambda i: t("all_indicators", lang) if not i else names.get(i, i), left)
year_options = ["", *menu["years"]]
year = select(t("year", lang), year_options, "year", lambda y: y or t("all_years", lang), middle)
catalogue = radio(t("catalogue", lang), ["", "in", "out"], "catalogue",
                  lambda c: {"": t("catalogue_all", lang), "in": t("catalogued_only", lang),
                             "out": t("uncatalogued_only", lang)}[c])
regions_chosen = multiselect(t("regions", lang), menu["regions"], "regions", [], region_names.get, right)
query = text(t("search", lang), "q")

# The database does the search and sends the first MAX_SHOWN, with the number of all it found.
found, found_total = data.source_search(regions_chosen, indicator, int(year) if year else None,
                                        catalogue, query, MAX_SHOWN)
st.caption(t("found_of", lang).format(found=found_total, total=menu["total"]))
for row in found.itertuples():
    label = (f"{row.region_name_zh if lang == 'zh' else row.region_name_en} · "
             f"{names.get(row.indicator_id, row.indicator_id) if not row.is_uncatalogued else '«' + row.indicator_label + '»'} · "
             f"{t(row.year_scope, lang) if pd.isna(row.year) else int(row.year)} · "
             f"{stated(row, lang)} · {t('kind_' + row.kind, lang)} · {t('status_' + row.status, lang)}"
             + ("" if row.review == "unreviewed" else f" · ✔ {t('row_' + row.review, lang)}"))
    with st.expander(label):
        st.caption(f"{row.document_id} · {row.document_title} · {t('characters', lang)} "
                   f"{row.quote_start}–{row.quote_end}" + (f" · {row.responsible_unit}" if row.responsible_unit else ""))
        st.markdown(highlighted(row), unsafe_allow_html=True)
        if row.review_note:
            st.caption(f"{t('review_note_label', lang)}: {row.review_note}")
if found_total > MAX_SHOWN:
    st.caption(t("more_found", lang).format(n=found_total - MAX_SHOWN))
checks = data.plan_checks()
if regions_chosen:
    checks = checks[checks["region_id"].isin(regions_chosen)]
with st.expander(f"{t('plan_checks', lang)} ({int((~checks['explained']).sum())})"):
    st.dataframe(headers(checks_table(checks, lang), lang), hide_index=True)
with st.expander(t("unplaced", lang)):
    unplaced = data.unplaced()
    st.dataframe(shown(unplaced.assign(reason=unplaced["reason"].map(lambda r: unplaced_reason(r, lang))),
                       lang, ["document_id", "text", "reason", "quote"]),
                 hide_index=True)
