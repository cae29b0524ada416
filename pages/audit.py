"""Audit trail (admins): every write, who made it, when, from where; accounts and their roles."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import access
from dashboard.i18n import TEXT, one_language, shown, t
from dashboard.ui import current_language
from etl import accounts, audit, export

lang = current_language()
st.title(t("audit_page", lang))
admin = access.allowed("admin")
if admin is None:  # the page is listed only for admins; a typed /audit gets this
    access.explain_refusal("admin", lang)
    st.stop()
st.caption(t("audit_help", lang))
left, middle, right, far = st.columns([2, 2, 1, 1])
action = left.selectbox(t("audit_action", lang), [None, *audit.ACTIONS],
                        format_func=lambda a: t("audit_all", lang) if a is None else t("act_" + a, lang))
everyone = audit.events()["who"].drop_duplicates().sort_values().tolist()
who = middle.selectbox(t("audit_who", lang), [None, *everyone],
                       format_func=lambda w: t("audit_all", lang) if w is None else w)
since = right.date_input(t("audit_since", lang), value=None, max_value=date.today())
until = far.date_input(t("audit_until", lang), value=None, max_value=date.today())
events = audit.events(action, who, since.isoformat() if since else None, until.isoformat() if until else None)
if events.empty:
    st.info(t("audit_empty", lang))
else:
    st.caption(t("audit_count", lang).format(n=len(events)))
    in_words = events.assign(
        action=events["action"].map(lambda a: t("act_" + a, lang) if "act_" + a in TEXT else a),
        role=events["role"].map(lambda r: t("role_" + r, lang) if "role_" + r in TEXT else r),
        via=events["via"].map(lambda v: t(access.VIA_KEYS[v.split(":")[0]], lang) + v[len(v.split(":")[0]):]
                              if v.split(":")[0] in access.VIA_KEYS else v),
        person=events["who"])
    columns = ["time", "person", "role", "via", "address", "action", "subject", "detail"]
    st.dataframe(shown(in_words, lang, columns), hide_index=True, key="audit_table")
    stem = f"audit_{date.today():%Y%m%d}" + (f"_{action}" if action else "")
    one, two, _ = st.columns([1, 1, 4])
    one.download_button(t("audit_csv", lang), lambda: export.to_bytes(events, "csv"), f"{stem}.csv", "text/csv",
                        on_click="ignore")
    two.download_button(t("audit_xlsx", lang), lambda: export.to_bytes(events, "xlsx"), f"{stem}.xlsx",
                        on_click="ignore")

st.subheader(t("accounts_heading", lang))
found = accounts.load()
if found:
    st.dataframe(shown(pd.DataFrame([{"account": a.name, "role": t("role_" + a.role, lang),
                                      "account_kind": t("kind_account_" + a.kind, lang), "changed": a.updated_at}
                                     for a in found.values()]), lang, ["account", "role", "account_kind", "changed"]),
                 hide_index=True, key="accounts_table")
else:
    st.caption(t("no_accounts", lang))
with st.form("account_change", clear_on_submit=True):
    one, two, three = st.columns(3)
    name = one.text_input(t("account_name", lang), max_chars=80)
    role = two.selectbox(t("role_label", lang), accounts.ROLES, format_func=lambda r: t("role_" + r, lang))
    change = three.selectbox(t("account_change", lang), ["add_local", "add_oidc", "role", "remove"],
                             format_func=lambda c: t("account_" + c, lang))
    password = st.text_input(t("password_for_new", lang), type="password", max_chars=accounts.MAX_PASSWORD_CHARS)
    if st.form_submit_button(t("apply", lang)):
        try:
            actor = access.actor(admin)
            if change == "add_local":
                accounts.add(name, role, "local", password, actor)
            elif change == "add_oidc":
                accounts.add(name, role, "oidc", None, actor)
            elif change == "role":
                accounts.set_role(name.strip(), role, actor)
            else:
                accounts.remove(name.strip(), actor)
        except accounts.AccountError as error:
            st.error(one_language(str(error), lang))
        else:
            st.success(t("account_done", lang).format(name=name.strip()))
