"""Chart furniture: every source in full, wrapped; the legend clear of the title block."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import display_width, finish, wrap_sources

TITLES = ["000 加快科技创新推动经济高质量发展三年行动计划（2022－2024年）任务分解表",
          "001 关于印发《湘潭市推进国家创新型城市建设2023年工作实施方案》的通知",
          "002 隆回县打好“科技创新攻坚仗”工作方案", "003 双牌县打好科技创新攻坚仗工作方案"]


def test_sources_are_wrapped_not_cut():
    lines = wrap_sources(TITLES, width=80)
    joined = " ".join(lines)
    assert all(title in joined for title in TITLES)
    assert all(display_width(line) <= 80 for line in lines) and len(lines) >= 3


def test_a_title_longer_than_a_line_is_broken_inside_and_kept_whole():
    lines = wrap_sources(["甲" * 100], width=60)
    assert "".join(lines) == "甲" * 100 and all(display_width(line) <= 60 for line in lines)


def test_each_source_line_makes_room_above_the_plot():
    one = finish(go.Figure(), "t", "家", TITLES[:1], "2026-01-01", "zh")
    four = finish(go.Figure(), "t", "家", TITLES, "2026-01-01", "zh")
    assert four.layout.margin.t > one.layout.margin.t
    assert four.layout.height > one.layout.height
    assert four.layout.legend.x > 1  # right of the plot, never over the title block


def test_the_title_block_starts_below_the_toolbar():
    fig = finish(go.Figure(), "t", "家", TITLES[:1], "2026-01-01", "zh")
    title_top_px = (1 - fig.layout.title.y) * fig.layout.height
    assert title_top_px >= 28 + 14  # the toolbar is about 28 px tall in the top right corner


def test_every_source_line_fits_a_phone_wide_chart():
    fig = finish(go.Figure(), "t", "家", TITLES, "2026-01-01", "zh")
    source_lines = fig.layout.title.text.split("<br>")[2:]
    # measured in Chromium: a small line holds about 64 columns (32 CJK characters) in 360 px
    assert all(display_width(line.replace("<sup>", "").replace("</sup>", "")) <= 64
               for line in source_lines)


def test_a_trend_legend_sits_below_the_plot_so_a_phone_keeps_the_plot_wide():
    import pandas as pd

    from dashboard.charts import trend_lines
    levels = pd.DataFrame({"label": ["吉首市"] * 2 + ["泸溪县"] * 2, "year": [2022, 2023] * 2,
                           "value": [1, 2, 3, 4]})
    fig = trend_lines(levels, levels.iloc[0:0], "t", "家", TITLES[:1], "2026-01-01", "zh")
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y < 0
    assert fig.layout.margin.b > 60
