"""Interface text in Chinese and English. The language lives in the URL (?lang=en)."""

from __future__ import annotations

LANGUAGES = {"zh": "中文", "en": "English"}

TEXT = {
    "app_title": ("科技创新目标看板", "S&T innovation targets"),
    "language": ("语言", "Language"),
    "overview": ("概览", "Overview"),
    "compare": ("地区比较", "Compare regions"),
    "trends": ("趋势 2022–2024", "Trends 2022–2024"),
    "gap": ("目标差距", "Gap to target"),
    "map": ("地图", "Map"),
    "sources": ("来源", "Sources"),
    "upload": ("上传实际值", "Upload actuals"),
    "indicator": ("指标", "Indicator"),
    "year": ("年份", "Year"),
    "regions": ("地区", "Regions"),
    "peers": ("比较范围", "Peers"),
    "peers_all": ("所有有目标的地区", "All regions with a target"),
    "peers_prefecture": ("同一市州", "Same prefecture"),
    "prefecture": ("市州", "Prefecture"),
    "sort": ("排序", "Sort"),
    "sort_value": ("按数值", "By value"),
    "sort_name": ("按名称", "Alphabetical"),
    "sort_code": ("按区划代码", "By code"),
    "view": ("视图", "View"),
    "chart": ("图表", "Chart"),
    "table": ("表格", "Table"),
    "target": ("目标", "Target"),
    "actual": ("实际", "Actual"),
    "unit": ("单位", "Unit"),
    "source": ("来源", "Source"),
    "data_as_of": ("数据截至", "Data as of"),
    "documents": ("文件", "Documents"),
    "indicators": ("指标数", "Indicators"),
    "targets": ("目标数", "Targets"),
    "actuals": ("实际值", "Actuals"),
    "unplaced": ("未归类数字", "Unplaced numbers"),
    "coverage": ("覆盖矩阵", "Coverage matrix"),
    "coverage_help": ("每格：目标/实际/两者皆有/无。区分数据缺口与执行差距。",
                      "Each cell: target / actual / both / none, telling data gaps from performance gaps."),
    "no_data": ("没有符合条件的数据。", "No data for this selection."),
    "relative": ("相对基年（=100）", "Relative to base year (=100)"),
    "base_year": ("基年", "Base year"),
    "implied_growth": ("目标隐含年均增速", "Implied annual growth of targets"),
    "rollup": ("市州汇总：各县目标之和与市州目标", "Prefecture roll-up: sum of county targets vs the prefecture's own"),
    "rollup_note": ("以下地区的数字已含在另一地区中，汇总时只计一次：",
                    "These regions' figures are already inside another's and are counted once:"),
    "sum_of_parts": ("各县（区）目标之和", "Sum of county targets"),
    "prefecture_target": ("市州目标", "Prefecture target"),
    "difference": ("差额", "Difference"),
    "elapsed": ("年度已过比例（用于“应达进度”）", "Share of the year elapsed (for 'expected by now')"),
    "status": ("状态", "Status"),
    "met": ("已完成", "Met"),
    "on_track": ("进度正常", "On track"),
    "behind": ("落后", "Behind"),
    "no_actual": ("无实际值", "No actual"),
    "needs_baseline": ("缺基数", "Needs a baseline"),
    "attainment": ("完成率", "Attainment"),
    "expected_by_now": ("应达进度", "Expected by now"),
    "growth_required": ("达到下一年目标还需增长", "Growth still required for next target"),
    "summary_by_region": ("各地区汇总", "Summary per region"),
    "formula": ("计算方法", "How it is calculated"),
    "colour_by": ("着色依据", "Colour by"),
    "value": ("数值", "Value"),
    "basemap": ("显示底图（需联网）", "Show basemap (needs internet)"),
    "legend": ("图例", "Legend"),
    "outside": ("无数据", "No data"),
    "search": ("搜索（地区、指标或原文）", "Search (region, indicator or text)"),
    "quote": ("原文", "Quote"),
    "open_sources": ("查看来源原文", "See the source sentences"),
    "download_png": ("下载 PNG", "Download PNG"),
    "download_svg": ("下载 SVG", "Download SVG"),
    "briefing_pack": ("下载简报包（ZIP）", "Download briefing pack (ZIP)"),
    "export_unavailable": ("无法导出图片：", "Image export unavailable: "),
    "kind": ("目标类型", "Kind of target"),
    "kind_level": ("水平值", "Level"),
    "kind_growth_pct": ("增速（%）", "Growth (%)"),
    "kind_net_increase": ("净增量", "Net increase"),
    "kind_share_pct": ("占比（%）", "Share (%)"),
    "kind_ratio": ("比率", "Ratio"),
    "kind_per_capita": ("人均/每万人", "Per capita"),
    "kind_count_events": ("次数", "Count"),
    "kind_boolean": ("是/否", "Yes/no"),
    "prefecture_own": ("市州自身目标（未画入）", "The prefecture's own target (not drawn)"),
}


def t(key: str, lang: str) -> str:
    zh, en = TEXT[key]
    return en if lang == "en" else zh


COLUMNS = {
    "label": ("地区", "Region"), "indicator_name": ("指标", "Indicator"), "kind": ("类型", "Kind"),
    "target_value_stated": ("文件所列目标", "Target as stated"), "unit": ("单位", "Unit"),
    "baseline": ("基数（上年实际）", "Baseline (previous actual)"), "target": ("目标（绝对值）", "Target (absolute)"),
    "actual": ("实际", "Actual"), "gap": ("差距", "Gap"), "attainment": ("完成率", "Attainment"),
    "expected_by_now": ("应达进度", "Expected by now"),
    "growth_required_pct": ("下一年目标所需增速%", "Growth needed for next target %"),
    "actual_source": ("实际值来源", "Source of actual"), "baseline_source": ("基数来源", "Source of baseline"),
    "document_id": ("文件", "Document"), "quote": ("原文", "Quote"),
    "target_value": ("目标", "Target"), "actual_value": ("实际", "Actual"), "comparator": ("比较", "Comparator"),
    "firmness": ("力度", "Firmness"), "source_file": ("实际值文件", "Actual from file"),
    "source_row": ("行", "Row"), "region_id": ("区划代码", "Code"),
}


def headers(frame, lang: str):
    """The frame with its known column names in the interface language."""
    index = 1 if lang == "en" else 0
    return frame.rename(columns={k: v[index] for k, v in COLUMNS.items()})
