# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The scan's hot-spot map: Vega-Lite (Altair), rendered to SVG offline with vl-convert.

Everything is drawn in metres (RD New, or the UTM zone of foreign data) with an identity
projection, y flipped: no map tiles, no network. Grid cells are coloured by kernel density,
Gi* hot spots get a dark outline; the bundled buurt boundaries of the area lie underneath.
Without coordinates the buurten themselves are coloured by their count.
"""

from __future__ import annotations

import altair as alt
import jinja2
import numpy as np
import shapely
from markupsafe import Markup

from safetyplan.charts import NO_DATA, to_svg

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
    return None if chart is None else to_svg(chart)


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
                title="kerndichtheid / kernel density (per km²)",
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
        title=f"Hotspots {result['name']}: {spots['cell_size_m']:g} m, "
        f"Gi* hot = {spots['hot_cells']} (omlijnd / outlined)",
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
                title="incidenten / incidents",
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
        title=f"{result['name']}: incidenten per buurt, Gi* hot = {spots['hot_cells']}",
    )


_PAGES = jinja2.Environment(
    loader=jinja2.PackageLoader("safetyplan.incidents", "templates"),
    autoescape=True,  # area, crime-type and source names come from the data
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def scan_html(result: dict, svg: str | None) -> str:
    """A self-contained HTML page (no scripts, no external files) of the scan."""
    rows = []
    for c in result["crime_types"]:
        t = c["trend"]
        rows.append(
            {
                "crime_type": str(c["crime_type"]),
                "count": c["count"],
                "rate": _num(c["rate_per_1000"]),
                "trend": "geen gegevens / no data"
                if t["pct_per_year"] is None
                else f"{t['pct_per_year']:+.1f}% ({t['low']:+.1f} .. {t['high']:+.1f}), p={t['p']}",
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
            "count": a["count"],
            "expected": f"{a['expected']:.1f}",
        }
        for a in result["alarms"]["alarms"]
    ]
    return _PAGES.get_template("scan.html.j2").render(
        name=result["name"],
        area=result["area"],
        source=result["source"],
        date_from=result["from"],
        date_to=result["to"],
        incidents=result["incidents"],
        population=_num(result["population"]),
        rows=rows,
        alarm_method=str(result["alarms"]["method"]),
        alarms=alarms,
        note=result["hotspots"].get("note", ""),
        # vl-convert's own SVG, escaped inside by it: inserted as it is
        svg=Markup(svg) if svg else None,
    )


def _num(value) -> str:
    if value is None:
        return "geen gegevens / no data"
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
