"""Science-and-technology innovation targets of Hunan's local governments: the dashboard."""

import streamlit as st

from dashboard import access, data
from dashboard.i18n import one_language, t
from dashboard.ui import language
from etl.queries import ensure_database

st.set_page_config(page_title="科技创新目标看板 S&T targets", page_icon="📊", layout="wide")
ensure_database()
lang = language()
access.sign_in_box(lang)
if not access.viewing_open() and access.current_user() is None:
    st.title(t("app_title", lang))
    st.info(t("viewing_closed", lang))
    st.stop()
problem = data.actuals_problem()
if problem is not None:  # targets stay readable; say why actuals are missing
    st.warning(one_language(str(problem), lang))
overview = st.Page("pages/overview.py", title=t("overview", lang), url_path="home", default=True)


def _overview_by_name() -> None:
    """/overview (a link someone wrote by the page's name) opens the overview at /, with its filters."""
    st.switch_page(overview, query_params=st.query_params.to_dict())


pages = [
    overview,
    st.Page("pages/compare.py", title=t("compare", lang), url_path="compare"),
    st.Page("pages/trends.py", title=t("trends", lang), url_path="trends"),
    st.Page("pages/gap.py", title=t("gap", lang), url_path="gap"),
    st.Page("pages/map.py", title=t("map", lang), url_path="map"),
    st.Page("pages/region.py", title=t("region_page", lang), url_path="region"),
    st.Page("pages/sources.py", title=t("sources", lang), url_path="sources"),
    st.Page("pages/upload.py", title=t("upload", lang), url_path="upload"),
    st.Page("pages/documents.py", title=t("documents_page", lang), url_path="documents"),
    *([st.Page("pages/audit.py", title=t("audit_page", lang), url_path="audit")] if access.allowed("admin") else []),
    st.Page(_overview_by_name, title=t("overview", lang), url_path="overview", visibility="hidden"),
]
st.navigation(pages).run()
