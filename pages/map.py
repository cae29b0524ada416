"""Map: Hunan's counties coloured by an indicator's target, actual or attainment."""

import html

import streamlit as st

from dashboard import charts, data, gap, maps, views
from dashboard.i18n import t, unit_label
from dashboard.ui import chart, current_language, radio, select

lang = current_language()
st.title(t("map", lang))
indicators, regions = data.indicators(), data.regions()
names = indicators.set_index("indicator_id")["name_en" if lang == "en" else "name_zh"]
units = indicators.set_index("indicator_id")["unit"]
labels = regions.set_index("region_id")["name_en" if lang == "en" else "name_zh"].to_dict()

left, middle, right = st.columns([3, 1, 2])
indicator = select(t("indicator", lang), data.indicator_menu(), "indicator", names.get, left)
years = sorted(data.year_kind_menu(indicator)["year"].astype(int).unique().tolist())
year = select(t("year", lang), years, "year", str, middle, index=years.index(2023) if 2023 in years else 0)
mode = radio(t("colour_by", lang), ["target", "actual", "status"], "colour", lambda m: t(m, lang), right)
basemap = st.toggle(t("basemap", lang), key="basemap")

chosen = data.targets(indicator, year)
if mode == "status":  # baselines are earlier years' actuals
    table = gap.gap_table(chosen, data.actuals(indicator), year)
    statuses = dict(zip(table["region_id"], table["status"]))
    texts = {r.region_id: f"{labels[r.region_id]}: {gap.SYMBOLS[r.status]} {t(r.status, lang)}"
             for r in table.itertuples()}
    geo, legend = maps.colour_by_status(statuses, texts), [
        (f"{gap.SYMBOLS[s]} {t(s, lang)}", maps._hex_to_rgb(gap.COLOURS[s])) for s in gap.STATUSES]
else:
    source = chosen[chosen["kind"].isin(["level", "share_pct", "ratio", "per_capita", "count_events"])] \
        if mode == "target" else data.actuals(indicator, year)
    geo, legend = maps.colour_by_value(dict(zip(source["region_id"], source["value"])), labels)
st.pydeck_chart(maps.deck(geo, basemap), height=560)
legend.append((t("outside", lang), maps.GREY))
st.markdown(" ".join(
    f"<span style='display:inline-block;width:14px;height:14px;background:rgb({c[0]},{c[1]},{c[2]});"
    f"border:1px solid #999;margin:0 4px 0 12px;vertical-align:middle'></span>{text}"
    for text, c in ((html.escape(text), c) for text, c in legend)), unsafe_allow_html=True)
zones = chosen[chosen["region_level"].isin(["zone", "prefecture"])]
if len(zones):  # what the map would colour them by, had they a place on it
    if mode == "status":
        shown_as = {r: f"{gap.SYMBOLS[s]} {t(s, lang)}" for r, s in statuses.items()}
    else:
        shown_as = {r: f"{maps.number(v)} {unit_label(units.get(indicator, ''), lang)}"
                    for r, v in zip(source["region_id"], source["value"])}
    st.caption(t("not_drawn", lang) + "; ".join(
        f"{labels[r]} {shown_as.get(r, '—')}" for r in zones["region_id"].unique()))
st.caption(t("boundaries", lang))
with st.expander(t("map_picture", lang)):
    unit = "" if mode == "status" else units.get(indicator, "")
    title = f"{names[indicator]} · {year} · {t(mode, lang)}"
    sources = views.sources_of(chosen, data.documents()) + [t("boundaries", lang)]
    fig = charts.finish(maps.picture(geo, legend), title, unit, sources, data.as_of(lang), lang, height=760)
    chart(fig, views.safe_name(indicator, year, mode, "map"), lang, key="map_picture")
st.page_link("pages/sources.py", label=t("open_sources", lang), query_params={"indicator": indicator, "year": str(year), "lang": lang})
