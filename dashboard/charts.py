"""Plotly figures for the pages. Every figure carries its title, unit, sources and a data-as-of
line inside the picture, so an exported image stands on its own in a briefing."""

from __future__ import annotations

import plotly.graph_objects as go
import pandas as pd

from dashboard.gap import COLOURS, SYMBOLS
from dashboard.i18n import t

CJK_FONTS = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
TARGET_COLOUR, ACTUAL_COLOUR = "#2b6cb0", "#dd6b20"


def finish(fig: go.Figure, title: str, unit: str, sources: list[str], as_of: str,
           lang: str, height: int = 560) -> go.Figure:
    """Title, unit, data-as-of and sources at the top of the figure, clear of long axis labels."""
    unit_line = f"{t('unit', lang)}: {unit} · " if unit else ""
    source_text = "; ".join(sorted(set(sources)))
    source_text = source_text if len(source_text) <= 150 else source_text[:147] + "…"
    fig.update_layout(
        template="plotly_white",
        font={"family": CJK_FONTS, "size": 13},
        title={"text": f"<b>{title}</b><br><sup>{unit_line}{t('data_as_of', lang)}: {as_of}</sup>"
                       f"<br><sup>{t('source', lang)}: {source_text}</sup>",
               "x": 0.01, "xanchor": "left", "y": 0.97, "yanchor": "top"},
        margin={"l": 60, "r": 30, "t": 125, "b": 40},
        height=height,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 1, "xanchor": "right"},
    )
    fig.update_xaxes(automargin=True)
    return fig


def compare_bars(table: pd.DataFrame, title: str, unit: str, sources: list[str], as_of: str,
                 lang: str) -> go.Figure:
    """Targets (and actuals where known) of one indicator and year, one bar group per region."""
    fig = go.Figure()
    fig.add_bar(name=t("target", lang), x=table["label"], y=table["target_value"],
                marker_color=TARGET_COLOUR, text=table["target_value"].map(_fmt), textposition="outside",
                customdata=table[["target_id"]], hovertemplate="%{x}: %{y}<extra>" + t("target", lang) + "</extra>")
    if table["actual_value"].notna().any():
        fig.add_bar(name=t("actual", lang), x=table["label"], y=table["actual_value"],
                    marker_color=ACTUAL_COLOUR, text=table["actual_value"].map(_fmt), textposition="outside",
                    hovertemplate="%{x}: %{y}<extra>" + t("actual", lang) + "</extra>")
    fig.update_layout(barmode="group", xaxis={"categoryorder": "array", "categoryarray": list(table["label"])})
    return finish(fig, title, unit, sources, as_of, lang)


def trend_lines(levels: pd.DataFrame, actuals: pd.DataFrame, title: str, unit: str,
                sources: list[str], as_of: str, lang: str) -> go.Figure:
    fig = go.Figure()
    for label, group in levels.groupby("label", sort=False):
        fig.add_scatter(x=group["year"], y=group["value"], name=label, mode="lines+markers")
    for label, group in actuals.groupby("label", sort=False):
        fig.add_scatter(x=group["year"], y=group["value"], name=f"{label} ({t('actual', lang)})",
                        mode="lines+markers", line={"dash": "dot"}, marker={"symbol": "diamond"})
    fig.update_xaxes(dtick=1, tickformat="d")
    return finish(fig, title, unit, sources, as_of, lang)


def rollup_bars(table: pd.DataFrame, title: str, unit: str, sources: list[str], as_of: str,
                lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(name=t("sum_of_parts", lang), x=table["year"], y=table["sum_of_parts"],
                marker_color="#718096", text=table["sum_of_parts"].map(_fmt), textposition="outside")
    fig.add_bar(name=t("prefecture_target", lang), x=table["year"], y=table["prefecture_target"],
                marker_color=TARGET_COLOUR, text=table["prefecture_target"].map(_fmt), textposition="outside")
    fig.update_layout(barmode="group")
    fig.update_xaxes(dtick=1, tickformat="d", type="category")
    return finish(fig, title, unit, sources, as_of, lang)


def attainment_bars(table: pd.DataFrame, title: str, sources: list[str], as_of: str,
                    lang: str) -> go.Figure:
    """Attainment per region with a status symbol on every bar, readable in black and white."""
    shown = table.assign(attainment_pct=table["attainment"] * 100)
    fig = go.Figure()
    for status, group in shown.groupby("status", sort=False):
        fig.add_bar(name=f"{SYMBOLS[status]} {t(status, lang)}", x=group["label"],
                    y=group["attainment_pct"].fillna(0), marker_color=COLOURS[status],
                    marker_pattern_shape={"met": "", "on_track": "/", "behind": "x"}.get(status, "."),
                    text=[f"{SYMBOLS[status]} {v:.0f}%" if pd.notna(v) else SYMBOLS[status]
                          for v in group["attainment_pct"]], textposition="outside")
    fig.add_hline(y=100, line_dash="dash", line_color="#333")
    fig.update_layout(xaxis={"categoryorder": "array", "categoryarray": list(shown["label"])})
    return finish(fig, title, "%", sources, as_of, lang)


def _fmt(value) -> str:
    if pd.isna(value):
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4g}"
