"""Science-and-technology innovation targets of Hunan's local governments: the dashboard."""

import streamlit as st

from etl.queries import ensure_database, frame

st.set_page_config(page_title="科技创新目标 S&T targets", page_icon="📊", layout="wide")
ensure_database()
st.title("科技创新目标数据库 · S&T targets database")
counts = frame("database_counts")
st.dataframe(counts, hide_index=True)
