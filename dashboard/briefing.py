"""A briefing as slides (.pptx) and a memo (.docx): the view's charts, and sentences written
from the data, each number taken from a target or an actual (never invented).

Command line, for a weekly pack without a browser:

    python -m dashboard.briefing --region 湘西州 --year 2024 --format pptx --output brief.pptx [--lang en]

Chinese text in the files names an East Asian font that Office has on Windows (微软雅黑); the
chart pictures are rendered with the CJK fonts of this machine, so they look the same anywhere.
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, data, export, gap, rollup, views
from dashboard.i18n import t, unit_label

EAST_ASIAN_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"


@dataclass
class Briefing:
    title: str
    subtitle: str
    lang: str
    figures: dict[str, go.Figure] = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        return views.safe_name(self.title, "briefing")


# -- what the briefing says ---------------------------------------------------------------------

def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value - round(value)) < 1e-9 else f"{value:,.4g}"


def rollup_sentence(region_name: str, indicator_name: str, unit: str, year: int, parts: int,
                    summed: float, own: float, lang: str) -> str:
    """2024年湘西州9个县市区的高新技术企业数目标合计242家，比州级目标280家少38家。"""
    difference = summed - own
    if lang == "en":
        relation = ("equal to" if difference == 0 else
                    f"{_number(abs(difference))} {unit_label(unit, lang)} "
                    f"{'more' if difference > 0 else 'less'} than")
        return (f"In {year}, the {indicator_name} targets of {region_name}'s {parts} counties and "
                f"zones add up to {_number(summed)} {unit_label(unit, lang)}, {relation} the "
                f"prefecture's own target of {_number(own)}.")
    relation = f"与本级目标{_number(own)}{unit}相等" if difference == 0 else \
        f"比本级目标{_number(own)}{unit}{'多' if difference > 0 else '少'}{_number(abs(difference))}{unit}"
    return (f"{year}年{region_name}{parts}个县市区（含开发区）的{indicator_name}目标合计"
            f"{_number(summed)}{unit}，{relation}。")


def ranking_sentence(table: pd.DataFrame, indicator_name: str, year: int, unit: str, lang: str) -> str:
    """2023年9个地区的高新技术企业数目标：最高为湘西高新技术产业开发区44家，最低为永顺县9家；其中2个地区有实际值。
    ``table`` is a Compare table (label, target_value, actual_value)."""
    ranked = table.dropna(subset=["target_value"]).sort_values("target_value", ascending=False)
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    with_actual = int(table["actual_value"].notna().sum())
    if lang == "en":
        shown_unit = unit_label(unit, lang)
        return (f"{year}: {len(ranked)} regions have a {indicator_name} target; the highest is "
                f"{top['label']} with {_number(top['target_value'])} {shown_unit}, the lowest "
                f"{bottom['label']} with {_number(bottom['target_value'])} {shown_unit}; "
                f"{with_actual} of them have an actual.")
    return (f"{year}年{len(ranked)}个地区有{indicator_name}目标：最高为{top['label']}"
            f"{_number(top['target_value'])}{unit}，最低为{bottom['label']}"
            f"{_number(bottom['target_value'])}{unit}；其中{with_actual}个地区有实际值。")


def status_sentence(region_name: str, year: int, counts: dict[str, int], lang: str) -> str:
    """2024年吉首市共有19项目标：已完成2项，落后1项，无实际值16项。"""
    total = sum(counts.values())
    shown = [(status, n) for status, n in counts.items() if n]
    if lang == "en":
        parts = ", ".join(f"{t(status, lang).lower()} {n}" for status, n in shown)
        return f"{region_name} has {total} targets for {year}: {parts}."
    parts = "，".join(f"{t(status, lang)}{n}项" for status, n in shown)
    return f"{year}年{region_name}共有{total}项目标：{parts}。"


def region_briefing(region: str, year: int, lang: str = "zh") -> Briefing:
    """The briefing of one region (a prefecture with its counties, or one county) for one year."""
    targets, actuals, regions = data.targets(), data.actuals(), data.regions()
    documents, indicators = data.documents(), data.indicators()
    region_id = _resolve(region, regions)
    names = regions.set_index("region_id")["name_en" if lang == "en" else "name_zh"]
    indicator_names = indicators.set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
    units = indicators.set_index("indicator_id")["unit"]
    name, as_of = names[region_id], data.as_of(lang)
    briefing = Briefing(
        title=f"{name} · {year}", lang=lang,
        subtitle=(f"{t('briefing_of', lang)} · {t('data_as_of', lang)}: {as_of} · "
                  f"{t('made_on', lang)} {date.today().isoformat()}"))
    own = targets[(targets["region_id"] == region_id) & (targets["year"] == year)]
    children = targets[(targets["parent_id"] == region_id) & (targets["year"] == year)]
    cited = [own, children]
    # the prefecture against the sum of its parts, per additive indicator with both; the largest
    # mismatches first, as a reader would want them
    rollups = []
    for indicator_id in sorted(set(own["indicator_id"].dropna()) & set(children["indicator_id"].dropna())):
        table, _ = rollup.prefecture_rollup(targets, regions, region_id, indicator_id)
        row = table[table["year"] == year].dropna(subset=["sum_of_parts", "prefecture_target"])
        if len(row) and bool(indicators.set_index("indicator_id").loc[indicator_id, "is_additive"]):
            rollups.append((-abs(float(row["difference_pct"].iloc[0])), indicator_id, table, row.iloc[0]))
    for _, indicator_id, table, row in sorted(rollups, key=lambda r: (r[0], r[1])):
        briefing.sentences.append(rollup_sentence(
            name, indicator_names[indicator_id], units[indicator_id], year, int(row["parts"]),
            float(row["sum_of_parts"]), float(row["prefecture_target"]), lang))
        if len(briefing.figures) < 2:
            used = rollup.rollup_rows(targets, regions, region_id, indicator_id)
            fig = charts.rollup_bars(table, f"{name} · {indicator_names[indicator_id]}",
                                     units[indicator_id], views.sources_of(used, documents), as_of, lang)
            briefing.figures[views.safe_name(indicator_id, region_id, "rollup")] = fig
    # the parts compared on the indicator most of them have
    if len(children):
        common = children[children["kind"] == "level"]["indicator_id"].value_counts()
        if len(common):
            indicator_id = common.index[0]
            table = views.compare_table(targets, actuals, indicator_id, year, "level", region_id,
                                        "value", lang)
            fig = charts.compare_bars(table, f"{name} · {indicator_names[indicator_id]} · {year}",
                                      units[indicator_id], views.sources_of(table, documents), as_of, lang)
            briefing.figures[views.safe_name(indicator_id, year, region_id, "compare")] = fig
    # how the region's own targets stand
    judged = gap.gap_table(targets, actuals, year, 1.0)
    judged = judged[judged["region_id"] == region_id]
    if len(judged):
        counts = judged["status"].value_counts().reindex(gap.STATUSES, fill_value=0)
        briefing.sentences.append(status_sentence(name, year, dict(counts), lang))
        known = views.with_labels(judged.dropna(subset=["attainment"]), lang)
        if len(known):
            known = known.assign(label=known["indicator_id"].map(indicator_names))
            fig = charts.attainment_bars(known.sort_values("attainment", ascending=False),
                                         f"{name} · {year} · {t('attainment', lang)}",
                                         views.sources_of(known, documents), as_of, lang)
            briefing.figures[views.safe_name(region_id, year, "gap")] = fig
    if not briefing.sentences:
        briefing.sentences.append(t("briefing_nothing", lang).format(region=name, year=year))
    briefing.sources = views.sources_of(pd.concat(cited), documents)
    return briefing


def view_briefing(title: str, figures: dict[str, go.Figure], sources: list[str], lang: str,
                  sentences: list[str] | None = None) -> Briefing:
    """A page's current view as a briefing: its charts, and what each shows."""
    said = sentences or [t("briefing_view_line", lang).format(title=caption(fig))
                         for fig in figures.values()]
    return Briefing(title, f"{t('data_as_of', lang)}: {data.as_of(lang)} · {t('made_on', lang)} "
                    f"{date.today().isoformat()}", lang, figures, said, sources)


def _resolve(region: str, regions: pd.DataFrame) -> str:
    from etl.reference import load_reference

    region_id = load_reference().resolve_region(region)
    if not region_id or region_id not in set(regions["region_id"]):
        raise ValueError(f"no region {region!r} / 没有这个地区")
    return region_id


# -- slides and memo -------------------------------------------------------------------------------

def caption(fig: go.Figure) -> str:
    """A chart's title as plain text, for the line under its picture."""
    return fig.layout.title.text.split("<br>")[0].replace("<b>", "").replace("</b>", "")


def sources_in(figures: dict[str, go.Figure]) -> list[str]:
    """The documents the charts cite, each whole (kept on the figure by charts.finish)."""
    found: list[str] = []
    for fig in figures.values():
        meta = fig.layout.meta or {}
        found += list(meta.get("sources", [])) if isinstance(meta, dict) else []
    return list(dict.fromkeys(found))


def _pictures(briefing: Briefing) -> list[tuple[str, bytes]]:
    return [(name, export.render(fig, "png", scale=2)) for name, fig in briefing.figures.items()]


def _east_asian(run, size: int | None = None, bold: bool = False) -> None:
    """Latin and East Asian typefaces on a slide text run (python-pptx sets only the Latin one)."""
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    run.font.name = LATIN_FONT
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold
    properties = run._r.get_or_add_rPr()
    east_asian = properties.find(qn("a:ea"))
    if east_asian is None:
        east_asian = properties.makeelement(qn("a:ea"), {})
        properties.append(east_asian)
    east_asian.set("typeface", EAST_ASIAN_FONT)


def _text(slide, text: str, left, top, width, height, size: int, bold: bool = False) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for number, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        _east_asian(_run(paragraph, line), size, bold)


def _run(paragraph, text: str):
    run = paragraph.add_run()
    run.text = text
    return run


def to_pptx(briefing: Briefing) -> bytes:
    """A title slide, one slide per chart (the picture and its sources), a summary slide."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]
    slide = deck.slides.add_slide(blank)
    _text(slide, briefing.title, Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.2), 40, True)
    _text(slide, briefing.subtitle, Inches(0.8), Inches(3.7), Inches(11.7), Inches(0.8), 16)
    for name, picture in _pictures(briefing):
        slide = deck.slides.add_slide(blank)
        image = slide.shapes.add_picture(io.BytesIO(picture), Inches(0.4), Inches(0.3),
                                         width=Inches(12.5))
        if image.height > Inches(6.9):  # a tall chart (many source lines) keeps its proportions
            ratio = Inches(6.9) / image.height
            image.height, image.width = Inches(6.9), int(image.width * ratio)
        _text(slide, caption(briefing.figures[name]), Inches(0.4), Inches(7.05), Inches(12.5),
              Inches(0.35), 10)
    slide = deck.slides.add_slide(blank)
    _text(slide, t("summary", briefing.lang), Inches(0.6), Inches(0.4), Inches(12), Inches(0.8), 28, True)
    _text(slide, "\n".join(f"• {s}" for s in briefing.sentences), Inches(0.6), Inches(1.3),
          Inches(12), Inches(4.6), 16 if len(briefing.sentences) <= 6 else 12)
    _text(slide, t("source", briefing.lang) + ":\n" + "\n".join(briefing.sources), Inches(0.6),
          Inches(6.0), Inches(12), Inches(1.3), 10)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def to_docx(briefing: Briefing) -> bytes:
    """A memo: title, date line, the summary, each chart with its caption, the sources."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    memo = Document()
    for style_name in ("Normal", "Title", "Heading 1", "Caption", "List Bullet"):
        style = memo.styles[style_name]
        style.font.name = LATIN_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    memo.styles["Normal"].font.size = Pt(11)
    memo.add_heading(briefing.title, level=0)
    memo.add_paragraph(briefing.subtitle)
    memo.add_heading(t("summary", briefing.lang), level=1)
    for sentence in briefing.sentences:
        memo.add_paragraph(sentence, style="List Bullet")
    for name, picture in _pictures(briefing):
        memo.add_picture(io.BytesIO(picture), width=Cm(16))
        memo.add_paragraph(caption(briefing.figures[name]), style="Caption")
    memo.add_heading(t("source", briefing.lang), level=1)
    for source in briefing.sources:
        memo.add_paragraph(source, style="List Bullet")
    buffer = io.BytesIO()
    memo.save(buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.briefing", description=__doc__.split("\n\n")[0])
    parser.add_argument("--region", required=True, help="region name, alias or six-digit code")
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--format", choices=["pptx", "docx"], required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = parser.parse_args(argv)
    try:
        briefing = region_briefing(args.region, args.year, args.lang)
        payload = to_pptx(briefing) if args.format == "pptx" else to_docx(briefing)
    except (ValueError, export.ExportUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    Path(args.output).write_bytes(payload)
    print(f"wrote {args.output}: {len(briefing.figures)} charts, {len(briefing.sentences)} sentences",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
