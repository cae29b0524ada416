"""The county map: Hunan's boundaries (data/geo) coloured by a value or by attainment status."""

from __future__ import annotations

import copy
import json
from functools import lru_cache

import pandas as pd
import pydeck as pdk

from dashboard.gap import COLOURS
from etl.paths import GEO_DIR

GREY = [245, 245, 245, 200]  # no data: paler than the grey of 'no actual' (#bdbdbd)
RAMP = [[239, 243, 255], [189, 215, 231], [107, 174, 214], [49, 130, 189], [8, 81, 156]]


@lru_cache(maxsize=1)
def counties() -> dict:
    return json.loads((GEO_DIR / "hunan_counties.geojson").read_text(encoding="utf-8"))


def number(value: float) -> str:
    """Thousands separators for large values, four significant digits for small ones."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.4g}"


def _hex_to_rgb(colour: str) -> list[int]:
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)] + [220]


def value_bins(values: pd.Series, bins: int = 5) -> list[float]:
    """Upper edges of equal-count classes (fewer when there are few distinct values)."""
    distinct = sorted(values.dropna().unique())
    if not distinct:
        return []
    edges = sorted(set(values.quantile([(i + 1) / bins for i in range(bins)]).tolist()))
    return edges


def colour_by_value(values: dict[str, float], labels: dict[str, str]) -> tuple[dict, list[tuple[str, list[int]]]]:
    """GeoJSON with a fill colour and tooltip per county, and the legend entries. Classes are
    cut from the counties drawn only: a prefecture's 830 must not stretch the counties' legend."""
    drawn = {f["properties"]["adcode"] for f in counties()["features"]}
    values = {code: value for code, value in values.items() if code in drawn}
    series = pd.Series(values, dtype=float)
    edges = value_bins(series)
    if len(series) and (series == series.round()).all():  # counts get whole-number classes
        edges = sorted({float(round(edge)) for edge in edges})
    geo = copy.deepcopy(counties())
    for feature in geo["features"]:
        code = feature["properties"]["adcode"]
        value = values.get(code)
        if value is None:
            feature["properties"].update(fill=GREY, tooltip=f"{feature['properties']['name_zh']}: —")
            continue
        klass = next(i for i, edge in enumerate(edges) if value <= edge + 1e-12)
        feature["properties"].update(fill=RAMP[min(klass, len(RAMP) - 1)] + [230],
                                     tooltip=f"{labels.get(code, '')}: {number(value)}")
    lower = [series.min()] + edges[:-1]
    legend = [(f"{number(lo)} – {number(hi)}", RAMP[min(i, len(RAMP) - 1)]) for i, (lo, hi) in enumerate(zip(lower, edges))]
    return geo, legend


def colour_by_status(statuses: dict[str, str], texts: dict[str, str]) -> dict:
    geo = copy.deepcopy(counties())
    for feature in geo["features"]:
        code = feature["properties"]["adcode"]
        status = statuses.get(code)
        feature["properties"].update(
            fill=_hex_to_rgb(COLOURS[status]) if status else GREY,
            tooltip=texts.get(code, f"{feature['properties']['name_zh']}: —"))
    return geo


def deck(geo: dict, basemap: bool = False) -> pdk.Deck:
    """No basemap (and no network request) unless asked for."""
    layer = pdk.Layer("GeoJsonLayer", geo, pickable=True, stroked=True, filled=True,
                      get_fill_color="properties.fill", get_line_color=[90, 90, 90, 200],
                      line_width_min_pixels=0.5)
    view = pdk.ViewState(latitude=27.6, longitude=111.7, zoom=5.6)
    options = {"map_style": "light"} if basemap else {"map_provider": None}
    return pdk.Deck(layers=[layer], initial_view_state=view,
                    tooltip={"text": "{tooltip}"}, **options)


def picture(geo: dict, legend: list[tuple[str, list[int]]]):
    """The same map as a plotly figure (filled outlines on plain axes, nothing fetched), so it
    exports as PNG or SVG with its title, unit, legend, sources and date like every chart."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for feature in geo["features"]:
        fill = feature["properties"]["fill"]
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            ring = polygon[0]
            fig.add_scatter(x=[p[0] for p in ring], y=[p[1] for p in ring], mode="lines",
                            fill="toself", fillcolor=f"rgba({fill[0]},{fill[1]},{fill[2]},0.9)",
                            line={"color": "#555", "width": 0.6}, hoverinfo="text",
                            text=feature["properties"].get("tooltip", ""), showlegend=False)
    for text, colour in legend:
        fig.add_scatter(x=[None], y=[None], mode="markers", name=text,
                        marker={"symbol": "square", "size": 14,
                                "color": f"rgb({colour[0]},{colour[1]},{colour[2]})",
                                "line": {"color": "#999", "width": 1}})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.1)
    return fig
