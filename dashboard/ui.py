"""Widgets shared by the pages: language, URL-bound selectors, charts with their exports."""

from __future__ import annotations

import warnings

import plotly.graph_objects as go
import streamlit as st

from dashboard import export
from dashboard.i18n import LANGUAGES, t

warnings.filterwarnings("ignore", message="The kopts argument is ignored")


def language() -> str:
    """The interface language, kept in the URL as ?lang=zh|en."""
    with st.sidebar:
        chosen = st.segmented_control("语言 / Language", list(LANGUAGES), default="zh",
                                      format_func=LANGUAGES.get, key="lang", bind="query-params",
                                      required=True)
    return chosen or "zh"


def select(label: str, options: list, key: str, format_func=str, container=st, index: int = 0):
    """A selectbox whose value travels in the URL under ``key``."""
    if not options:
        return None
    return container.selectbox(label, options, index=min(index, len(options) - 1), key=key,
                               format_func=format_func, bind="query-params")


def chart(fig: go.Figure, file_stem: str, lang: str, container=st, key: str = "chart") -> None:
    """The figure, its toolbar download (PNG x2, named), and server-side PNG and SVG downloads."""
    container.plotly_chart(fig, key=key, config={
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2}})
    if export.browser_path() is None:
        container.info(t("export_unavailable", lang) + "apt-get install chromium fonts-noto-cjk")
        return
    left, right, _ = container.columns([1, 1, 4])
    left.download_button(t("download_png", lang), lambda: _render(fig, "png"),
                         file_name=f"{file_stem}.png", mime="image/png", key=f"{key}_png",
                         on_click="ignore")
    right.download_button(t("download_svg", lang), lambda: _render(fig, "svg"),
                          file_name=f"{file_stem}.svg", mime="image/svg+xml", key=f"{key}_svg",
                          on_click="ignore")


def _render(fig: go.Figure, image_format: str) -> bytes:
    try:
        return export.render(fig, image_format, scale=3 if image_format == "png" else 1)
    except export.ExportUnavailable as error:
        # The download then carries the explanation instead of an image.
        return f"Image export unavailable / 无法导出图片: {error}".encode("utf-8")
