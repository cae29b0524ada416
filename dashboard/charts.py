"""Plotly figures for the pages. Every figure carries its title, unit, sources and a data-as-of
line inside the picture, so an exported image stands on its own in a briefing."""

from __future__ import annotations

import plotly.graph_objects as go
import pandas as pd

from dashboard.gap import COLOURS, SYMBOLS
from dashboard.i18n import t, unit_label

CJK_FONTS = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
TARGET_COLOUR, ACTUAL_COLOUR = "#2b6cb0", "#dd6b20"


# Display columns (a CJK character counts two) per source line: narrow enough that a chart on a
# phone (about 360 px wide, some 64 columns at this size) shows each line whole, its "来源: "
# included; a figure cannot reflow its own text.
SOURCE_LINE_WIDTH = 56
LINE_PX = 19  # height of one small line of the title block
# The chart toolbar sits in the top right corner of the figure: the title block starts below it,
# so that on a narrow screen the toolbar never covers the title.
TOOLBAR_BAND_PX = 28
# Plotly places a title of several lines as if it had one: each added line pushes the block up
# by about this much, which is given back below the top edge (measured in PNG exports).
TITLE_SHIFT_PX = 10


def display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


# Where a line of a long title may break: after these (and before an opening bracket), never
# inside a number or a word (2022－2024, simplified).
BREAK_AFTER = set("）)》」』、，,；; ·")
BREAK_BEFORE = set("（(《「『")


def wrap_sources(sources: list[str], width: int = SOURCE_LINE_WIDTH) -> list[str]:
    """Every source in full, as many lines as it takes: never cut off at the figure's edge."""
    lines, line = [], ""
    for source in sorted(set(sources)):
        candidate = f"{line}; {source}" if line else source
        if line and display_width(candidate) > width:
            lines.append(line + ";")
            line = source
        else:
            line = candidate
        while display_width(line) > width:  # one very long title: break it inside
            cut = _break_point(line, width)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
    return lines + ([line] if line else [])


def _break_point(line: str, width: int) -> int:
    """The last place to break ``line`` within ``width`` columns: after punctuation or a space,
    before an opening bracket, or between two CJK characters; a hard cut only when none fits."""
    fits, used = 0, 0
    while fits < len(line) and used + display_width(line[fits]) <= width:
        used += display_width(line[fits])
        fits += 1
    for cut in range(fits, max(fits // 2, 1), -1):
        before, after = line[cut - 1], line[cut] if cut < len(line) else ""
        if before in BREAK_AFTER or after in BREAK_BEFORE:
            return cut
    for cut in range(fits, max(fits // 2, 1), -1):
        before, after = line[cut - 1], line[cut] if cut < len(line) else ""
        if _is_cjk(before) and _is_cjk(after):
            return cut
    return fits


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def finish(fig: go.Figure, title: str, unit: str, sources: list[str], as_of: str,
           lang: str, height: int = 560) -> go.Figure:
    """Title, unit, data-as-of and every source above the plot; the legend on the right, where
    it cannot cover them; thousands separated on the value axis (8,000 rather than 8k)."""
    unit_line = f"{t('unit', lang)}: {unit_label(unit, lang)} · " if unit else ""
    source_lines = wrap_sources(sources) or ["—"]
    source_block = "".join(f"<br><sup>{t('source', lang) + ': ' if i == 0 else ''}{line}</sup>"
                           for i, line in enumerate(source_lines))
    top = 90 + TOOLBAR_BAND_PX + LINE_PX * len(source_lines)
    total_height = height + TOOLBAR_BAND_PX + LINE_PX * (len(source_lines) - 1)
    fig.update_layout(
        template="plotly_white",
        font={"family": CJK_FONTS, "size": 13},
        title={"text": f"<b>{title}</b><br><sup>{unit_line}{t('data_as_of', lang)}: {as_of}</sup>"
                       f"{source_block}",
               "x": 0.01, "xanchor": "left", "yref": "container", "y": 1 - (14 + TOOLBAR_BAND_PX + TITLE_SHIFT_PX * len(source_lines)) / total_height,
               "yanchor": "top"},
        margin={"l": 60, "r": 30, "t": top, "b": 40},
        height=total_height,
        legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"},
        # the sources as data, for the briefing's lists (the title holds them wrapped)
        meta={"sources": sorted(set(sources))},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(tickformat=",~r")
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
    fig.update_layout(showlegend=True)  # one region is named too
    finish(fig, title, unit, sources, as_of, lang)
    # Below the plot, in rows: on a phone a legend beside it would leave the plot no width.
    rows = -(-len(fig.data) // 3)
    fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.08,
                              "yanchor": "top"},
                      margin={"b": 60 + 22 * rows}, height=fig.layout.height + 22 * rows)
    return fig


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
