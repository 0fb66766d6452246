# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The scan's hot-spot map: Vega-Lite (Altair), rendered to SVG offline with vl-convert.

Everything is drawn in metres (RD New, or the UTM zone of foreign data) with an identity
projection, y flipped: no map tiles, no network. Grid cells are coloured by kernel density,
Gi* hot spots get a dark outline; the bundled buurt boundaries of the area lie underneath.
Without coordinates the buurten themselves are coloured by their count.
"""

from __future__ import annotations

import re
from functools import cache

import altair as alt
import jinja2
import numpy as np
import shapely
from markupsafe import Markup

from safetyplan import i18n
from safetyplan.charts import NO_DATA, to_svg
from safetyplan.formatting import change_abs, number
from safetyplan.i18n import _

from . import locator

HOT = "#7f0000"
WIDTH = 560


def map_chart(result: dict) -> alt.LayerChart | None:
    spots = result["hotspots"]
    if spots.get("method") == "grid" and spots["cells"]:
        return _grid_chart(result, spots)
    if spots.get("method") == "buurt" and spots["cells"]:
        return _buurt_chart(result, spots)
    return None


def map_svg(result: dict) -> str | None:
    chart = map_chart(result)
    if chart is None:
        return None
    # Vega writes its accessibility texts in English ("Discrete legend titled ...", "Title
    # text ...", "shape mark container"): without its defaults, and with the title as the
    # label, a screen reader reads the map in the page's language only.
    svg = to_svg(chart.configure(aria=False), i18n.active())
    svg = _ROLE_DESCRIPTION.sub("", svg)
    return _TITLE_LABEL.sub(r'aria-label="\1"', svg)


_ROLE_DESCRIPTION = re.compile(r' aria-roledescription="[^"]*"')
_TITLE_LABEL = re.compile(r'aria-label="Title text \'(.*?)\'"')


def _outline_features(result: dict, origin: tuple[float, float] = (0.0, 0.0)) -> list[dict]:
    """Buurt polygons of the area (RD New) as GeoJSON features, for the background."""
    if result["level"] in ("source",) or result["hotspots"].get("crs") != locator.RD_NEW:
        return []
    code = result["area"]
    prefix = {"buurt": code, "wijk": "BU" + code[2:8], "municipality": "BU" + code[2:6]}
    layer = locator.bundled().buurten
    keep = np.array([str(c).startswith(prefix[result["level"]]) for c in layer.codes])
    shapes = shapely.transform(layer.geometries[keep], lambda xy: xy - np.array(origin))
    return [
        {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(g),
            "properties": {"code": c, "name": n},
        }
        for c, n, g in zip(layer.codes[keep], layer.names[keep], shapes, strict=True)
    ]


def _square(cx: float, cy: float, half: float) -> dict:
    ring = [
        [cx - half, cy - half],
        [cx + half, cy - half],
        [cx + half, cy + half],
        [cx - half, cy + half],
        [cx - half, cy - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _grid_chart(result: dict, spots: dict) -> alt.LayerChart:
    half = spots["cell_size_m"] / 2
    # Local metres from the lower-left cell: Vega's fit of an identity projection misbehaves
    # on large coordinates (UTM northings of 5.7 million).
    ox = min(c["x"] for c in spots["cells"]) - half
    oy = min(c["y"] for c in spots["cells"]) - half
    cells = [
        {
            "type": "Feature",
            "geometry": _square(c["x"] - ox, c["y"] - oy, half),
            "properties": {
                "density": c["density_km2"],
                "count": c["count"],
                "hot": c["hot"],
                "z": c["gi_z"],
            },
        }
        for c in spots["cells"]
    ]
    projection = {"type": "identity", "reflectY": True}
    layers = []
    outline = _outline_features(result, (ox, oy))
    if outline:
        layers.append(
            alt.Chart(alt.Data(values=outline))
            .mark_geoshape(fill="#f4f4f4", stroke="#9e9e9e", strokeWidth=0.5)
            .project(**projection)
        )
    layers.append(
        alt.Chart(alt.Data(values=cells))
        .mark_geoshape(strokeWidth=0)
        .encode(
            color=alt.Color(
                "properties.density:Q",
                title=_("kernel density (per km²)"),
                scale=alt.Scale(type="quantize", scheme="orangered", nice=True),
                legend=alt.Legend(
                    orient="bottom", direction="horizontal", symbolType="square", format=",.0f"
                ),
            ),
        )
        .project(**projection)
    )
    hot = [f for f in cells if f["properties"]["hot"]]
    if hot:
        layers.append(
            alt.Chart(alt.Data(values=hot))
            .mark_geoshape(fill=None, stroke=HOT, strokeWidth=0.5)
            .project(**projection)
        )
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=int(WIDTH * 0.8),
        title=_("Hot spots {name}: {size} m, Gi* hot = {hot} (outlined)").format(
            name=result["name"], size=f"{spots['cell_size_m']:g}", hot=spots["hot_cells"]
        ),
    )


def _buurt_chart(result: dict, spots: dict) -> alt.LayerChart:
    by_code = {c["buurt"]: c for c in spots["cells"]}
    features = []
    for feature in _outline_features({**result, "hotspots": {"crs": locator.RD_NEW}}):
        cell = by_code.get(feature["properties"]["code"], {})
        feature["properties"].update(count=cell.get("count"), hot=cell.get("hot", False))
        features.append(feature)
    projection = {"type": "identity", "reflectY": True}
    base = (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke="white", strokeWidth=0.5)
        .encode(
            color=alt.Color(
                "properties.count:Q",
                title=_("incidents"),
                scale=alt.Scale(type="quantize", scheme="orangered", nice=True),
                legend=alt.Legend(orient="bottom", direction="horizontal", symbolType="square"),
            )
        )
        .project(**projection)
    )
    layers = [
        alt.Chart(alt.Data(values=features)).mark_geoshape(fill=NO_DATA).project(**projection),
        base,
    ]
    hot = [f for f in features if f["properties"]["hot"]]
    if hot:
        layers.append(
            alt.Chart(alt.Data(values=hot))
            .mark_geoshape(fill=None, stroke=HOT, strokeWidth=1.5)
            .project(**projection)
        )
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=int(WIDTH * 0.8),
        title=_("{name}: incidents per neighbourhood, Gi* hot = {hot}").format(
            name=result["name"], hot=spots["hot_cells"]
        ),
    )


@cache
def _pages(lang: str) -> jinja2.Environment:
    """The page templates with the catalogue of *lang* (one environment per language, so
    that a page in one language never sees another's translations)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("safetyplan.incidents", "templates"),
        autoescape=True,  # area, crime-type and source names come from the data
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def scan_html(result: dict, svg: str | None) -> str:
    """A self-contained HTML page (no scripts, no external files) of the scan, in the
    active language."""
    rows = []
    for c in result["crime_types"]:
        t = c["trend"]
        rows.append(
            {
                "crime_type": str(c["crime_type"]),
                "count": number(c["count"]),
                "rate": _num(c["rate_per_1000"]),
                "trend": _("no data")
                if t["pct_per_year"] is None
                else f"{change_abs(t['pct_per_year'], 1)}% "
                f"({change_abs(t['low'], 1)} .. {change_abs(t['high'], 1)}), p={_p(t['p'])}",
                "comparison": [
                    {"name": x["name"], "rate": _num(x["rate_per_1000"])} for x in c["comparison"]
                ],
                "cleared": _num(c["clearance_pct"]),
            }
        )
    alarms = [
        {
            "crime_type": str(a["crime_type"]),
            "period": a["period"],
            "count": number(a["count"]),
            "expected": number(a["expected"], 1),
        }
        for a in result["alarms"]["alarms"]
    ]
    lang = i18n.active()
    return (
        _pages(lang)
        .get_template("scan.html.j2")
        .render(
            lang=lang,
            name=result["name"],
            area=result["area"],
            source=result["source"],
            date_from=result["from"],
            date_to=result["to"],
            incidents=number(result["incidents"]),
            incident_count=result["incidents"],  # picks the plural form
            population=number(result["population"], missing=_("no data")),
            rows=rows,
            alarm_method=str(result["alarms"]["method"] or _("no data")),
            alarms=alarms,
            note=result["hotspots"].get("note", ""),
            # vl-convert's own SVG, escaped inside by it: inserted as it is
            svg=Markup(svg) if svg else None,
        )
    )


def _num(value) -> str:
    return _("no data") if value is None else number(value, 2)


def _p(value) -> str:
    return _("no data") if value is None else number(value, 4)
