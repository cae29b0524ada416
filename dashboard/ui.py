"""Widgets shared by the pages: language, URL-bound selectors, charts with their exports."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import data, export
from dashboard.i18n import LANGUAGES, t, unit_label



def language() -> str:
    """The interface language, kept in the URL as ?lang=zh|en."""
    with st.sidebar:
        chosen = choice(st.segmented_control, "语言 / Language", list(LANGUAGES), "lang",
                        format_func=LANGUAGES.get)
    return chosen or "zh"


def current_language() -> str:
    """The language chosen in the sidebar (app.py draws the switch before the page runs)."""
    lang = st.query_params.get("lang", "zh")
    return lang if lang in LANGUAGES else "zh"


# Widgets whose value travels in the URL under their key, as the plain value (an indicator id, a
# year), not as the label shown, so that links stay short and stable across languages.

def _from_url(key: str, options: list, default_index: int = 0) -> int:
    wanted = st.query_params.get(key)
    texts = [str(o) for o in options]
    return texts.index(wanted) if wanted in texts else min(default_index, max(len(options) - 1, 0))


def _to_url(key: str, value) -> None:
    if value is None or value == "" or value == []:
        st.query_params.pop(key, None)
    elif isinstance(value, list):
        st.query_params[key] = [str(v) for v in value]
    else:
        st.query_params[key] = str(value)


def widget_key(key: str) -> str:
    """The widget's key in the current language: a new widget after a language switch.

    Streamlit's browser side keeps a widget's shown option across reruns when its key is the
    same, so after a switch the Chinese label stayed on screen (or a radio showed nothing
    selected). A widget per language starts again from the URL, which holds the plain value.
    """
    lang = current_language()
    mine = key if lang == "zh" else f"{key}.{lang}"
    for other in [key, *(f"{key}.{code}" for code in LANGUAGES if code != "zh")]:
        if other != mine:  # what was chosen in the other language is in the URL now
            st.session_state.pop(other, None)
    return mine


def _renew_when_stale(key: str, options: list) -> None:
    """Forget a widget's state when its value is no longer one of the options."""
    key = widget_key(key)
    if key in st.session_state and not _all_in(st.session_state[key], options):
        del st.session_state[key]


def _all_in(value, options: list) -> bool:
    texts = {str(o) for o in options}
    values = value if isinstance(value, list) else [value]
    return all(v is None or str(v) in texts for v in values)


def choice(widget, label: str, options: list, key: str, format_func=str, container=st, index: int = 0,
           **kwargs):
    """A single choice (selectbox, radio or segmented control) bound to the URL."""
    if not options:
        return None
    start = _from_url(key, options, index)
    if widget is st.segmented_control:  # the language switch itself keeps its state
        value = container.segmented_control(label, options, default=options[start], key=key,
                                            format_func=format_func, required=True, **kwargs)
    else:
        _renew_when_stale(key, options)
        widget = getattr(container, widget.__name__)
        value = widget(label, options, index=start, key=widget_key(key), format_func=format_func,
                       **kwargs)
    _to_url(key, value)
    return value


def select(label: str, options: list, key: str, format_func=str, container=st, index: int = 0):
    return choice(st.selectbox, label, options, key, format_func, container, index)


def radio(label: str, options: list, key: str, format_func=str, container=st):
    return choice(st.radio, label, options, key, format_func, container, horizontal=True)


def multiselect(label: str, options: list, key: str, default: list, format_func=str, container=st):
    _renew_when_stale(key, options)
    wanted = [o for o in options if str(o) in st.query_params.get_all(key)] if key in st.query_params else default
    value = container.multiselect(label, options, default=wanted, key=widget_key(key), format_func=format_func,
                                  placeholder=t("choose", current_language()))
    _to_url(key, value)
    return value


def toggle(label: str, key: str, container=st) -> bool:
    value = container.toggle(label, value=st.query_params.get(key) == "1", key=widget_key(key))
    _to_url(key, "1" if value else None)
    return value


def slider(label: str, key: str, low: float, high: float, default: float, step: float, container=st) -> float:
    try:
        start = min(max(float(st.query_params.get(key, default)), low), high)
    except ValueError:
        start = default
    value = container.slider(label, low, high, start, step, key=widget_key(key))
    _to_url(key, value)
    return value


def text(label: str, key: str, max_chars: int = 100) -> str:
    value = st.text_input(label, value=st.query_params.get(key, "")[:max_chars], key=widget_key(key),
                          max_chars=max_chars)
    _to_url(key, value)
    return value


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


def briefing_button(figures: dict[str, go.Figure], tables: dict, file_stem: str, lang: str,
                    container=st, sentences: list[str] | None = None) -> None:
    """The view as a briefing, each built on click: a ZIP of its charts (PNG) and data (XLSX,
    CSV), slides (PPTX) and a memo (DOCX) with the same charts and what they show."""
    from dashboard import briefing

    if export.browser_path() is None or not figures:
        return
    first = next(iter(figures.values()))
    view = briefing.view_briefing(briefing.caption(first), figures, briefing.sources_in(figures),
                                  lang, sentences)
    zip_column, pptx_column, docx_column, _ = container.columns([1, 1, 1, 1])
    readable = {name: _readable(frame, lang) for name, frame in tables.items()}
    about = {t("view", lang): briefing.caption(first),
             t("filters", lang): _filters_in_words(lang),
             t("source", lang): "\n".join(view.sources), t("data_as_of", lang): data.as_of(lang)}
    zip_column.download_button(t("briefing_pack", lang), lambda: export.briefing_zip(
        figures, readable, about, (t("about_item", lang), t("about_detail", lang))),
                               file_name=f"{file_stem}_briefing.zip", mime="application/zip",
                               key=f"{file_stem}_zip", on_click="ignore", type="primary")
    pptx_column.download_button(
        t("download_pptx", lang), lambda: briefing.to_pptx(view), file_name=f"{file_stem}_slides.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key=f"{file_stem}_pptx", on_click="ignore")
    docx_column.download_button(
        t("download_docx", lang), lambda: briefing.to_docx(view), file_name=f"{file_stem}_memo.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key=f"{file_stem}_docx", on_click="ignore")


def _render(fig: go.Figure, image_format: str) -> bytes:
    try:
        return export.render(fig, image_format, scale=3 if image_format == "png" else 1)
    except export.ExportUnavailable as error:
        # The download then carries the explanation instead of an image.
        return f"Image export unavailable / 无法导出图片: {error}".encode("utf-8")


# Columns a reader of an exported table does not need (internal ids and offsets).
NOT_EXPORTED = {"target_id", "row_number", "quote_start", "quote_end", "value_start", "value_end",
                "unplaced_id", "mark"}
NAME_COLUMNS = ("label", "region_name", "region_name_zh", "indicator_name", "indicator_name_zh")


def _readable(frame, lang: str):
    """A table as a reader gets it: only the columns with a name in the interface language (no
    database columns), each name once, region and indicator names first, codes in words."""
    from dashboard.i18n import COLUMNS, headers, in_words

    index = 1 if lang == "en" else 0
    if lang == "en":  # names in English where the table has them; units in English
        frame = frame.assign(**{zh: frame[zh.removesuffix("_zh") + "_en"] for zh in frame.columns
                                if zh.endswith("_zh") and zh.removesuffix("_zh") + "_en" in frame.columns})
        if "unit" in frame.columns:
            frame = frame.assign(unit=frame["unit"].map(lambda u: unit_label(u, lang) if isinstance(u, str) else u))
    known = [c for c in frame.columns if c in COLUMNS and c not in NOT_EXPORTED]
    known.sort(key=lambda c: (c not in NAME_COLUMNS, NAME_COLUMNS.index(c) if c in NAME_COLUMNS else 0))
    kept, names = [], set()
    for column in known:
        if COLUMNS[column][index] not in names:
            names.add(COLUMNS[column][index])
            kept.append(column)
    return headers(in_words(frame[kept], lang), lang)


def _filters_in_words(lang: str) -> str:
    """The view's filters as a reader says them: 指标=高新技术企业数; 年份=2023."""
    from dashboard.i18n import TEXT

    parts = []
    for key, value in st.query_params.to_dict().items():
        if key == "lang" or not value:
            continue
        parts.append(f"{t(key, lang) if key in TEXT else key}={value}")
    return "; ".join(parts)


def region_briefing_buttons(region_id: str, year: int, region_name: str, lang: str,
                            container=st) -> None:
    """A region's briefing for one year (its counties, roll-ups, status) as slides or a memo."""
    from dashboard import briefing, views

    if export.browser_path() is None:
        return
    stem = views.safe_name(region_id, year, "briefing")
    container.caption(t("region_briefing", lang).format(region=region_name, year=year))
    left, right, _ = container.columns([1, 1, 2])
    left.download_button(
        t("region_pptx", lang), lambda: briefing.to_pptx(briefing.region_briefing(region_id, year, lang)),
        file_name=f"{stem}.pptx", key=f"{stem}_pptx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
    right.download_button(
        t("region_docx", lang), lambda: briefing.to_docx(briefing.region_briefing(region_id, year, lang)),
        file_name=f"{stem}.docx", key=f"{stem}_docx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
