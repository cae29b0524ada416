"""Search the extracted numbers and show each quote inside its paragraph."""

from __future__ import annotations

import html

import pandas as pd

from dashboard.i18n import unit_label
from dashboard.review import without_markup


def highlighted(row) -> str:
    """The paragraph as escaped HTML, the quote marked and the number itself in bold."""
    start = int(row.context_start)
    context = row.context
    q0, q1 = int(row.quote_start) - start, int(row.quote_end) - start
    v0, v1 = int(row.value_start) - start, int(row.value_end) - start
    q0, q1 = max(q0, 0), min(q1, len(context))
    v0, v1 = max(v0, q0), min(v1, q1)
    clean = without_markup
    parts = [html.escape(clean(context[:q0])), "<mark>", html.escape(clean(context[q0:v0])), "<b><u>",
             html.escape(context[v0:v1]), "</u></b>", html.escape(clean(context[v1:q1])), "</mark>",
             html.escape(clean(context[q1:]))]
    return "".join(parts).replace("\n", "<br>").replace("\t", " ")


def stated(row, lang: str = "zh") -> str:
    """The number as the document states it: 38家, a range 1–2家 (value_high is in the canonical
    unit, so it is scaled back to the stated one); the unit in English in the English interface."""
    low = f"{row.value_raw:g}"
    if pd.notna(row.value_high) and row.value:
        low += f"–{row.value_high * row.value_raw / row.value:g}"
    unit = unit_label(row.unit_raw, lang)
    return f"{low}{unit}" if unit == row.unit_raw else f"{low} {unit}"
