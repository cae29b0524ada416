"""Upload actuals: check, preview, confirm; nothing is written before confirmation."""

from dataclasses import asdict

import pandas as pd
import streamlit as st

from dashboard import access, data
from dashboard.i18n import TEXT, one_language, shown, t
from dashboard.ui import current_language, widget_key
from etl import actuals, export, ingest
from etl.upload import MAX_BYTES, MAX_XLSX_BYTES, first_sheet_with_data, sheet_names, template

SHOWN_ROWS = 1000  # rows of a preview or problem list drawn on the page; every row is still checked and saved
ACTION_ORDER = {"replace": 0, "add": 1, "same": 2}
lang = current_language()
st.title(t("upload", lang))
st.caption(t("upload_help", lang).format(mb=MAX_BYTES // 1024 // 1024, xlsx_mb=MAX_XLSX_BYTES // 1024 // 1024))
message = st.session_state.pop("upload_message", None)
if message:
    st.success(message)
left, right, _ = st.columns([1, 1, 3])
left.download_button(t("template_csv", lang), lambda: export.to_bytes(template(data.template_keys()), "csv"),
                     "actuals_template.csv", "text/csv", on_click="ignore")
right.download_button(t("template_xlsx", lang), lambda: export.to_bytes(template(data.template_keys()), "xlsx"),
                      "actuals_template.xlsx", on_click="ignore")

writer = access.allowed("analyst")
if writer is None:
    access.explain_refusal("analyst", lang)
uploaded = st.file_uploader(t("actuals_file", lang), type=["csv", "xlsx"], key="actuals_file",
                            max_upload_size=MAX_BYTES // 1024 // 1024) if writer is not None else None
if uploaded is not None:
    content = uploaded.getbuffer()  # the upload's own bytes, not a copy (it may be 100 MB)
    sheets = sheet_names(content) if uploaded.name.lower().endswith(".xlsx") else []
    with_data = first_sheet_with_data(content) if len(sheets) > 1 else None
    sheet = st.selectbox(t("sheet", lang), sheets, index=sheets.index(with_data) if with_data in sheets else 0,
                         key=widget_key("sheet")) if len(sheets) > 1 else None
    result, preview = ingest.check(content, uploaded.name, sheet)
    st.write(t("upload_summary", lang).format(encoding=result.encoding or "—",  # none when refused unread
                                               layout=t("layout_" + result.layout, lang)
                                               if "layout_" + result.layout in TEXT else result.layout or "—",
                                               good=len(result.rows), rejected=len(result.rejected_rows)))
    if result.problems:
        st.error(t("problems_count", lang).format(n=len(result.problems)))
        problems = result.problems_frame()
        if len(problems) > SHOWN_ROWS:
            st.caption(t("rows_shown", lang).format(shown=SHOWN_ROWS, n=len(problems)))
        st.dataframe(shown(problems.head(SHOWN_ROWS), lang, ["row", "column", "message_en" if lang == "en" else "message_zh"]),
                     hide_index=True, key="problems")
    if len(preview):
        st.subheader(t("preview_heading", lang))
        region_words = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]
        indicator_words = data.indicators().set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
        if len(preview) > SHOWN_ROWS:  # a browser table of 50,000 rows helps nobody and costs the server
            st.caption(t("rows_shown_changes_first", lang).format(shown=SHOWN_ROWS, n=len(preview)))
        first = preview.sort_values("action", key=lambda a: a.map(ACTION_ORDER), kind="stable").head(SHOWN_ROWS)
        st.dataframe(shown(first.assign(action=first["action"].map(lambda a: t("action_" + a, lang)),
                                        region_name=first["region_id"].map(region_words),
                                        indicator_name=first["indicator_id"].map(indicator_words)),
                           lang, ["action", "source_row", "region_name", "region_id", "indicator_name", "year", "value",
                                  "unit", "previous_value", "previous_source", "value_raw", "unit_raw",
                                  "note"]), hide_index=True, key="preview")
    only_good = False
    if result.problems and not result.file_problems and len(result.rows):
        only_good = st.checkbox(t("only_good", lang), key="only_good")
    confirmed = False
    if result.warnings:  # possible but unusual: a person says they are right before they count
        st.warning(t("unusual_count", lang).format(n=len(result.warnings)))
        unusual = pd.DataFrame([asdict(w) for w in result.warnings])
        st.dataframe(shown(unusual, lang, ["row", "column", "message_en" if lang == "en" else "message_zh"]),
                     hide_index=True, key="unusual")
        confirmed = st.checkbox(t("confirm_unusual", lang), key="confirm_unusual")
    note = st.text_input(t("batch_note", lang), max_chars=200, key="batch_note")
    repeat_of = actuals.live_batch_of(content)
    again = False
    if repeat_of is not None:  # the same file, byte for byte, is already counted
        st.warning(t("same_file_stored", lang).format(batch=repeat_of["batch_id"], who=repeat_of["uploaded_by"] or "?",
                                                      when=f"{repeat_of['uploaded_at']:%Y-%m-%d %H:%M}"))
        again = st.checkbox(t("store_again", lang), key="store_again")
    can_save = ingest.may_save(result, only_good, confirmed) and (repeat_of is None or again)
    if st.button(t("confirm_upload", lang), type="primary", disabled=not can_save, key="confirm"):
        try:
            batch_id = ingest.save(result, preview, uploaded.name, content, note, access.actor(writer), again)
        except (actuals.ActualsUnavailable, actuals.AlreadyStored, actuals.NotAllowed) as error:
            st.warning(one_language(str(error), lang))
        else:
            counts = preview["action"].value_counts()
            st.success(t("saved_batch", lang).format(batch=batch_id, rows=len(result.rows), added=counts.get("add", 0),
                                                     replaced=counts.get("replace", 0),
                                                     unchanged=counts.get("same", 0)))
            st.page_link("pages/gap.py", label=t("gap", lang))

unmatched = data.unmatched_actuals()
if len(unmatched):
    with st.expander(t("unmatched_actuals", lang).format(n=len(unmatched))):
        st.caption(t("unmatched_help", lang))
        regions = data.regions().set_index("region_id")["name_en" if lang == "en" else "name_zh"]
        shown_rows = unmatched.assign(region_name=unmatched["region_id"].map(regions),
                                      indicator_name=unmatched["indicator_id"].map(
                                          data.indicators().set_index("indicator_id")[
                                              "name_en" if lang == "en" else "name_zh"]),
                                      why_unmatched=unmatched["reason"].map(lambda r: t(r, lang)))
        st.dataframe(shown(shown_rows, lang, ["region_name", "indicator_name", "year", "value", "unit",
                                              "source_file", "source_row", "why_unmatched"]),
                     hide_index=True)
st.subheader(t("batches", lang))
batches = actuals.batches()
if len(batches):
    st.dataframe(shown(batches, lang, list(batches.columns)), hide_index=True, key="batches")
    live = batches.loc[~batches["is_undone"]]
    mine = live.loc[[writer is not None and actuals.may_undo(access.actor(writer), by)
                     for by in live["uploaded_by"]], "batch_id"].tolist()
    if mine:
        names = dict(zip(live["batch_id"], live["file_name"]))
        chosen = st.selectbox(t("undo_batch", lang), mine, key="undo_choice",
                              format_func=lambda b: f"{b} · {names[b]}")
        sure = st.checkbox(t("undo_sure", lang), key="undo_sure")
        if st.button(t("undo", lang), key="undo", disabled=not sure):
            try:
                actuals.undo_batch(chosen, access.actor(writer))
            except (actuals.ActualsUnavailable, actuals.NotAllowed) as error:
                st.warning(one_language(str(error), lang))
            else:
                st.session_state["upload_message"] = t("undone", lang).format(batch=chosen)
                st.session_state.pop("undo_sure", None)
                st.rerun()
    elif len(live) and writer is not None:
        st.caption(t("undo_only_own", lang))
else:
    st.caption(t("no_uploads", lang))
