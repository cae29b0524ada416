"""Upload actuals (built in its own issue)."""

import streamlit as st

from dashboard.i18n import t

lang = st.session_state.get("lang") or "zh"
st.title(t("upload", lang))
