"""Documents: every plan document with its review state; add one, review its numbers, grow the
catalogue. Every decision is kept in data/review/ and applied at every build."""

import pandas as pd
import streamlit as st

from dashboard import access, data
from dashboard import review as reviewing
from dashboard.i18n import headers, one_language, shown, t
from dashboard.ui import current_language, select, widget_key
from etl import catalogue, queries, review
from etl.intake.errors import DocumentError
from etl.reference import load_reference

lang = current_language()
st.title(t("documents_page", lang))
st.markdown("<style>mark.target{background:none;border-bottom:2px solid #1f77b4}"
            "mark.actual{background:none;border-bottom:2px dotted #2ca02c}"
            "mark.unplaced{background:none;border-bottom:2px dashed #d62728}"
            "mark sup{font-weight:bold}</style>", unsafe_allow_html=True)
ref = load_reference()
documents = data.documents()
overview = reviewing.documents_overview(documents, data.review_counts())
overview["review_state"] = overview["review_state"].map(lambda s: t("review_" + s, lang))
st.dataframe(headers(overview, lang), hide_index=True)
writer = access.allowed("analyst")
# At this machine the reviewer names themselves (several people may share it); signed in, the
# account's name is used.
who = st.sidebar.text_input(t("reviewer", lang), key="reviewer", max_chars=40) \
    if writer is not None and writer.via == "this machine" else (writer.name if writer else "")
actor = access.actor(writer) if writer is not None else None


def show_outcome():
    """The message of the last action, kept across the rerun that shows its result."""
    message = st.session_state.pop("review_message", None)
    if message:
        (st.success if message[0] == "ok" else st.error)(message[1])


def require_who() -> None:
    """Every decision says who made it: the sidebar name or the signed-in account, never the
    server's login."""
    if not who.strip():
        raise review.ReviewError(t("who_needed", lang))


def done(text: str) -> None:
    """Show what was saved and start the forms afresh: a decision is never applied twice."""
    st.session_state["review_message"] = ("ok", text)
    for key in list(st.session_state):
        if str(key).startswith(("decision_", "explain_", "missed_", "map_", "new_")):
            del st.session_state[key]
    st.rerun()


show_outcome()
tab_review, tab_add, tab_catalogue, tab_log = st.tabs(
    [t("review_tab", lang), t("add_tab", lang), t("catalogue_tab", lang), t("log_tab", lang)])

with tab_review:
    titles = dict(zip(documents["document_id"], documents["title"]))
    document_id = select(t("document", lang), list(documents["document_id"]), "doc",
                         lambda d: f"{d[:3]} · {titles.get(d, d)}")
    rows = data.document_review(document_id)
    st.caption(t("marks_help", lang))
    text_side, table_side = st.columns([1, 1])
    with text_side.container(height=560):
        st.markdown(reviewing.marked_text(data.document_body(document_id), rows),
                    unsafe_allow_html=True)
    table_side.dataframe(headers(reviewing.review_table(rows, lang), lang), hide_index=True,
                         height=560)
    extracted = rows.dropna(subset=["target_id"])
    checks = data.plan_checks(document_id)
    st.subheader(t("plan_checks", lang))
    if checks.empty:
        st.caption(t("no_checks", lang))
    else:
        st.dataframe(headers(reviewing.checks_table(checks, lang), lang), hide_index=True)
        open_checks = checks[~checks["explained"]]
        if len(open_checks) and writer is not None:
            messages = reviewing.check_names(open_checks, lang)
            left, right = st.columns([3, 2])
            check_id = left.selectbox(t("check", lang), list(messages), format_func=messages.get,
                                      key=widget_key("explain_check"))
            because = right.text_input(t("explanation_input", lang), max_chars=300,
                                       key=widget_key("explain_why"))
            if st.button(t("explain_check", lang), key=widget_key("explain_save")) and check_id:
                try:
                    require_who()
                    done(t("decision_saved", lang) + "\n\n" + reviewing.record(
                        review.explain_check(check_id, because, who), lang, actor))
                except review.ReviewError as error:
                    st.error(one_language(str(error), lang))
    if writer is None:
        access.explain_refusal("analyst", lang)
    else:
        # Not a form: the value's widget follows the field chosen (a list for coded fields).
        st.subheader(t("decide", lang))
        left, middle, right = st.columns([2, 1, 1])
        row_names = reviewing.row_names(extracted, lang)
        chosen = left.selectbox(t("row", lang), list(row_names), format_func=row_names.get,
                                key=widget_key("decision_row"))
        action = middle.radio(t("action", lang), ["accept", "set", "reject"],
                              format_func=lambda a: t("action_" + a, lang), key=widget_key("decision_action"))
        field_name, new_value = "", ""
        if action == "set":
            field_name = right.selectbox(t("field", lang), review.FIELDS,
                                         format_func=lambda f: t("field_" + f, lang), key=widget_key("decision_field"))
            if field_name in review.CHOICES:
                prefix = {"kind": "kind_", "comparator": "comparator_", "status": "status_",
                          "year_scope": "scope_"}[field_name]
                new_value = right.selectbox(t("new_value", lang), review.CHOICES[field_name],
                                            format_func=lambda c: t(prefix + c, lang) or c,
                                            key=widget_key("decision_choice"))
            else:
                new_value = right.text_input(t("new_value", lang), key=widget_key("decision_value"))
        why = st.text_input(t("why", lang), max_chars=300, key=widget_key("decision_why"))
        if st.button(t("save_decision", lang), type="primary", key=widget_key("decision_save")) and chosen:
            try:
                require_who()
                row = queries.target_row(chosen)
                decision = review.decide(row, action, ref, field_name, new_value, why, who)
                done(t("decision_saved", lang) + "\n\n" + reviewing.record(decision, lang, actor))
            except review.ReviewError as error:
                st.error(one_language(str(error), lang))
        with st.expander(t("add_missed", lang)):
            with st.form("missed"):
                quote = st.text_input(t("quote", lang), max_chars=400)
                one, two, three, four = st.columns(4)
                number = one.text_input(t("number_as_written", lang), max_chars=30)
                status = two.selectbox(t("status", lang), ["target", "actual"],
                                       format_func=lambda s: t("status_" + s, lang))
                kind = three.selectbox(t("kind", lang), review.CHOICES["kind"][:5],
                                       format_func=lambda k: t("kind_" + k, lang))
                year = four.text_input(t("year", lang), max_chars=4)
                five, six, seven, eight = st.columns(4)
                region = five.text_input(t("region", lang),
                                         value=documents.set_index("document_id").loc[document_id, "region_id"])
                label = six.text_input(t("label", lang), max_chars=60)
                value = seven.text_input(t("value", lang), max_chars=30)
                unit = eight.text_input(t("unit", lang), max_chars=10)
                reason = st.text_input(t("why", lang), max_chars=300, key=widget_key("missed_why"))
                if st.form_submit_button(t("add_number", lang)):
                    try:
                        require_who()
                        meta = documents.set_index("document_id").loc[document_id]
                        decision = review.add_number(
                            document_id, data.document_body(document_id), quote, number,
                            {"region_id": region, "indicator_label": label, "value": value,
                             "unit": unit, "kind": kind, "status": status, "year": year}, ref, reason,
                            who, (int(meta["period_start"]), int(meta["period_end"])),
                            set(extracted["target_key"]))
                        done(t("decision_saved", lang) + "\n\n" + reviewing.record(decision, lang, actor))
                    except review.ReviewError as error:
                        st.error(one_language(str(error), lang))

with tab_add:
    if writer is None:
        access.explain_refusal("analyst", lang)
    else:
        upload = st.file_uploader(t("document_file", lang), type=["txt", "docx", "pdf", "html", "htm"],
                                  key="document_upload",
                                  max_upload_size=reviewing.MAX_DOCUMENT_BYTES // 1024 // 1024)
        pasted = st.text_area(t("or_paste", lang), height=120, max_chars=200_000, key="add_text")
        one, two, three = st.columns([1, 1, 2])
        region = one.text_input(t("region_optional", lang), max_chars=40, key="add_region")
        year = two.text_input(t("year_optional", lang), max_chars=9, key="add_year")
        title = three.text_input(t("title_optional", lang), max_chars=200, key="add_title")
        content = (upload.getvalue(), upload.name) if upload else \
            (pasted.encode("utf-8"), "pasted.txt") if pasted.strip() else None
        if content and st.button(t("preview", lang)):
            try:
                st.session_state["preview"] = reviewing.preview_document(*content, ref, region, year, title)
            except DocumentError as error:
                st.session_state.pop("preview", None)
                st.error(error.text(lang))
        preview = st.session_state.get("preview")
        if preview and content and preview.name == content[1]:
            how = reviewing.where_inferred(preview.meta)
            for field_name, shown_as in [("title", preview.meta["title"]), ("region_id", preview.meta["region_id"]),
                                         ("period_start", f"{preview.meta['period_start']}–{preview.meta['period_end']}"),
                                         ("issuer", preview.meta.get("issuer", ""))]:
                st.markdown(f"**{t('meta_' + field_name, lang)}**: {shown_as or '—'}  \n"
                            f"<small>{how.get(field_name, t('not_found', lang))}</small>",
                            unsafe_allow_html=True)
            if preview.problem:
                st.error(preview.problem_text(lang))
            else:
                found = preview.rows
                st.caption(t("preview_found", lang).format(
                    targets=int((found.get("status", pd.Series()) == "target").sum()),
                    results=int((found.get("status", pd.Series()) == "actual").sum())))
                if len(found):
                    names = ref.regions.set_index("region_id")["name_en" if lang == "en" else "name_zh"]
                    st.dataframe(shown(found.assign(region_name=found["region_id"].map(names)), lang,
                                       ["status", "region_name", "indicator_label", "year", "value",
                                        "unit", "kind", "comparator", "quote"]), hide_index=True)
                if st.button(t("save_document", lang), type="primary"):
                    try:
                        report = reviewing.save_document(*content, ref, region, year, title, lang, actor)
                        st.session_state.pop("preview", None)
                        done(report)
                    except DocumentError as error:
                        st.error(error.text(lang))

with tab_catalogue:
    st.caption(t("catalogue_help", lang))
    uncatalogued = data.uncatalogued_targets()
    labels = catalogue.label_counts(uncatalogued)
    st.dataframe(headers(labels, lang), hide_index=True, height=300)
    if writer is None:
        access.explain_refusal("analyst", lang)
    else:
        indicator_names = dict(zip(ref.indicators["indicator_id"], ref.indicators["name_zh"]))
        with st.form("map_label"):
            left, right = st.columns(2)
            label = left.selectbox(t("label", lang), list(labels["indicator_label"]))
            indicator = right.selectbox(t("indicator", lang), list(indicator_names),
                                        format_func=lambda i: f"{indicator_names[i]} ({i})")
            why = st.text_input(t("why", lang), max_chars=300, key=widget_key("map_why"))
            if st.form_submit_button(t("map_label", lang)) and label:
                try:
                    require_who()
                    units = list(uncatalogued.loc[uncatalogued["indicator_label"] == label, "unit_raw"])
                    catalogue.map_label(label, indicator, why, who, ref, units, actor)
                    done(t("decision_saved", lang) + "\n\n" + reviewing.rebuild(lang))
                except review.ReviewError as error:
                    st.error(one_language(str(error), lang))
        with st.expander(t("new_indicator", lang)):
            with st.form("new_indicator_form"):
                one, two, three = st.columns(3)
                name_zh = one.text_input(t("name_zh", lang), max_chars=40)
                name_en = two.text_input(t("name_en", lang), max_chars=80)
                unit = three.text_input(t("unit", lang), max_chars=10)
                direction = one.radio(t("direction", lang), ["higher", "lower"],
                                      format_func=lambda d: t("direction_" + d, lang))
                kind = two.selectbox(t("kind", lang), catalogue.KINDS, format_func=lambda k: t("kind_" + k, lang))
                aliases = three.text_input(t("aliases", lang), max_chars=200)
                why = st.text_input(t("why", lang), max_chars=300, key=widget_key("new_why"))
                if st.form_submit_button(t("add_indicator", lang)):
                    try:
                        require_who()
                        new_id = catalogue.add_indicator(
                            {"name_zh": name_zh, "name_en": name_en, "unit": unit, "kind": kind,
                             "direction": direction, "aliases": aliases}, why, who, ref, actor)
                        done(f"{new_id}\n\n" + reviewing.rebuild(lang))
                    except review.ReviewError as error:
                        st.error(one_language(str(error), lang))

with tab_log:
    log = data.review_log()
    if log.empty:
        st.info(t("no_decisions", lang))
    else:
        log = log.assign(action=log["action"].map(lambda a: t("log_" + a, lang)),
                         outcome=log["outcome"].map(lambda o: t("applied", lang) if o == "applied"
                                                    else o))
        st.dataframe(shown(log, lang, ["when", "who", "action", "field", "old", "new", "why", "key",
                                       "outcome"]), hide_index=True)
