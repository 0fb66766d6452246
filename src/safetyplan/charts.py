# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Chart specifications shared by the report (static SVG) and the web dashboard (browser).

Plain functions that take plain data (dicts, lists, numbers) and return Altair charts. They
know nothing of Django, the warehouse or the report: the caller supplies the figures and the
labels (in the active language, or ``lang="en"``). ``to_svg`` renders a chart offline with
vl-convert, with Dutch (or English) number formatting and no network access.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import altair as alt

from safetyplan import i18n
from safetyplan.areas.boundaries import rewind_for_d3
from safetyplan.i18n import N_, gettext, pgettext

# The colours of every chart, in the report and on the web pages: at least 3:1 contrast
# against white (WCAG 1.4.11, non-text contrast), except NO_DATA (a grey fill, never a line).
ACTUAL = "#1f4e79"
TRAJECTORY = "#6b6b6b"
FORECAST = "#b35900"
TARGET = "#2e7d32"
NATIONAL = "#7b3294"
NO_DATA = "#d9d9d9"

FONT = "DejaVu Sans"

# Chart texts, translated where a chart is made (``lang``, by default the active language).
LABELS = {
    "actual": N_("Actual"),
    "trajectory": N_("Trajectory (plan)"),
    "forecast": N_("Forecast (80% interval)"),
    "target": N_("Target"),
    "year": N_("Year"),
    "value": N_("Value"),
    "municipality": N_("Municipality"),
    "no_data": N_("no data"),
    "fte_by_driver": N_("FTE (proportional part by driver)"),
    "driver": N_("Driver"),
    "counterfactual": N_("Without the plan (synthetic comparison)"),
    "plan_start": N_("plan starts"),
    "interval_from": N_("80% interval from"),
    "interval_to": N_("80% interval to"),
}
FORMAT_LOCALES = {"nl": "nl-NL", "en": "en-GB"}


def labels_in(lang: str | None = None) -> dict[str, str]:
    """:data:`LABELS` in *lang* (default: the active language)."""
    text = {key: gettext(msgid, lang) for key, msgid in LABELS.items()}
    # a legend's short word: Dutch "Doel" where a table's column says "Doelwaarde"
    text["target"] = pgettext("chart legend", "Target", lang)
    return text


def _language(lang: str | None) -> str:
    return i18n.check_language(lang) if lang else i18n.active()


def has_value(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _get(result: Any, name: str, default: Any = None) -> Any:
    """Read a field from a GoalResult-like object or a dict (the web layer passes dicts)."""
    if isinstance(result, Mapping):
        return result.get(name, default)
    return getattr(result, name, default)


def trajectory_points(
    baseline_year: int | None, target_year: int | None, expected: Any
) -> list[dict]:
    """``[{year, value}]`` for every year from baseline to target; ``expected(year)`` gives the
    plan's trajectory value (e.g. ``Goal.expected``) or None."""
    if baseline_year is None or target_year is None:
        return []
    points = []
    for year in range(int(baseline_year), int(target_year) + 1):
        value = expected(year)
        if has_value(value):
            points.append({"year": year, "value": float(value)})
    return points


# How the goal chart's marks look on paper (the report's SVG) and on screen (the web's goal
# page, interactive, as wide as its container): one chart, two presentations.
_GOAL_MARKS = {
    "paper": {
        "plan": {"strokeDash": [6, 4], "strokeWidth": 1.5},
        "actual": {"strokeWidth": 2.5, "point": alt.OverlayMarkDef(size=40, filled=True)},
        "interval": {"strokeWidth": 3, "opacity": 0.6},
        "forecast": {"filled": True, "size": 90, "shape": "diamond"},
    },
    "screen": {
        "plan": {"strokeDash": [6, 4]},
        "actual": {"point": True},
        "interval": {"strokeWidth": 2},
        "forecast": {"filled": True, "size": 70, "shape": "diamond"},
    },
}


def goal_chart(
    result: Any,
    trajectory: Sequence[Mapping] = (),
    *,
    lang: str | None = None,
    hide: Iterable[int] = (),
    width: int | str = 440,
    height: int = 210,
    value_format: str = ",.0f",
    y_title: str | None = None,
    screen: bool = False,
    labels: Mapping[str, str] | None = None,
) -> alt.LayerChart | None:
    """Actual vs trajectory vs forecast interval for one goal, up to the target year.

    ``result`` is a :class:`safetyplan.monitor.GoalResult` or its ``to_dict()``; the chart uses
    ``series``, ``forecast``, ``forecast_low``, ``forecast_high``, ``target`` and
    ``target_year``. ``trajectory`` is ``[{year, value}]`` (see :func:`trajectory_points`).
    Years in ``hide`` are left out of the actual line (disclosure control). Returns None when
    there is nothing to draw.

    On paper (the default; the report): a target mark, a legend of what is drawn, every
    year on the axis, figures as floats. On screen (``screen=True``; the web, whose
    translations come in ``labels``, keys as in :data:`LABELS` plus ``interval_from`` and
    ``interval_to``): tooltips, axis titles, no target mark, figures passed on as given.
    """
    text = {**labels_in(lang), **(labels or {})}
    style = "screen" if screen else "paper"
    marks = _GOAL_MARKS[style]
    number = _as_given if screen else float
    hidden = {int(y) for y in hide}
    series = _get(result, "series") or {}
    actual = [
        {"year": int(y), "value": number(v), "kind": text["actual"]}
        for y, v in sorted(series.items(), key=lambda kv: int(kv[0]))
        if has_value(v) and int(y) not in hidden
    ]
    plan = [
        {"year": int(p["year"]), "value": number(p["value"]), "kind": text["trajectory"]}
        for p in trajectory
    ]
    forecast = []
    target_year = _get(result, "target_year")
    if has_value(_get(result, "forecast")) and target_year is not None:
        value = number(_get(result, "forecast"))
        low, high = _get(result, "forecast_low"), _get(result, "forecast_high")
        forecast = [
            {
                "year": int(target_year),
                "value": value,
                "low": number(low) if has_value(low) else value,
                "high": number(high) if has_value(high) else value,
                "kind": text["forecast"],
            }
        ]
    target = []
    if not screen and has_value(_get(result, "target")) and target_year is not None:
        target = [
            {
                "year": int(target_year),
                "value": float(_get(result, "target")),
                "kind": text["target"],
            }
        ]
    if not (actual or plan or forecast):
        return None

    palette = {
        text["actual"]: ACTUAL,
        text["trajectory"]: TRAJECTORY,
        text["forecast"]: FORECAST,
        text["target"]: TARGET,
    }
    years = [r["year"] for r in actual + plan + forecast]
    if screen:
        kinds = list(palette)[:3]  # the page's legend always names the three lines
        legend = alt.Legend(orient="bottom")
        x = alt.X("year:Q", title=text["year"], axis=alt.Axis(format="d", tickMinStep=1))
        y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False))
    else:
        present = {r["kind"] for r in actual + plan + forecast + target}
        kinds = [k for k in palette if k in present]  # the legend lists only what is drawn
        legend = alt.Legend(orient="bottom", columns=4, symbolStrokeWidth=2)
        x, y = _year_axis(min(years), max(years)), _value_axis(y_title, value_format)
    colour = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=kinds, range=[palette[k] for k in kinds]),
        legend=legend,
    )
    encoding = {"x": x, "y": y, "color": colour}
    interval = {"x": x, "y": "low:Q", "y2": "high:Q", "color": colour}
    if screen:
        tooltip = [
            alt.Tooltip("kind:N", title=" "),
            alt.Tooltip("year:Q", title=text["year"], format="d"),
            alt.Tooltip("value:Q", title=text["value"], format=",.4~r"),
        ]
        encoding["tooltip"] = tooltip
        interval["tooltip"] = [
            *tooltip,
            alt.Tooltip("low:Q", title=text["interval_from"], format=",.4~r"),
            alt.Tooltip("high:Q", title=text["interval_to"], format=",.4~r"),
        ]
    layers = []
    if plan:
        layers.append(
            alt.Chart(alt.Data(values=plan)).mark_line(**marks["plan"]).encode(**encoding)
        )
    if actual:
        layers.append(
            alt.Chart(alt.Data(values=actual)).mark_line(**marks["actual"]).encode(**encoding)
        )
    if forecast:
        base = alt.Chart(alt.Data(values=forecast))
        layers.append(base.mark_rule(**marks["interval"]).encode(**interval))
        layers.append(base.mark_point(**marks["forecast"]).encode(**encoding))
    if target:
        layers.append(
            alt.Chart(alt.Data(values=target))
            .mark_point(filled=False, size=160, shape="circle", strokeWidth=2)
            .encode(**encoding)
        )
    return alt.layer(*layers).properties(width=width, height=height)


def _as_given(value: Any) -> Any:
    return value


def _year_axis(first: int, last: int) -> alt.X:
    """The printed charts' year axis: every year labelled, a little room at both ends."""
    return alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[first - 0.3, last + 0.3], nice=False),
        axis=alt.Axis(
            format="d", values=list(range(first, last + 1)), grid=False, labelFlush=False
        ),
    )


def _value_axis(title: str | None, value_format: str) -> alt.Y:
    return alt.Y(
        "value:Q",
        title=title,
        scale=alt.Scale(zero=False, nice=True),
        axis=alt.Axis(format=value_format, tickCount=5),
    )


def municipal_choropleth(
    features: Sequence[Mapping],
    values: Mapping[str, float | None],
    *,
    legend_title: str,
    lang: str | None = None,
    width: int = 520,
    height: int = 270,
    value_format: str = ",.1f",
    scheme: str = "blues",
) -> alt.LayerChart | None:
    """A choropleth of municipalities: ``features`` are GeoJSON features whose
    ``properties.statcode`` is a CBS code, ``values`` maps codes to a figure (None = no data,
    drawn grey). Coordinates in WGS84 use a Mercator projection, RD New (EPSG:28992) metres an
    identity projection with the y axis flipped."""
    text = labels_in(lang)
    shaped = []
    for feature in features:
        props = dict(feature.get("properties") or {})
        code = props.get("statcode")
        value = values.get(code)
        props["value"] = float(value) if has_value(value) else None
        props["name"] = props.get("statnaam") or code
        shaped.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
    if not shaped:
        return None
    projected = _is_projected(shaped)
    projection = {"type": "identity", "reflectY": True} if projected else {"type": "mercator"}
    if not projected:  # d3-geo is spherical: rings must follow its winding order
        for f in shaped:
            f["geometry"] = rewind_for_d3(f["geometry"])
    data = alt.Data(values=shaped)
    base = (
        alt.Chart(data)
        .mark_geoshape(fill=NO_DATA, stroke="white", strokeWidth=0.6)
        .project(**projection)
    )
    coloured = (
        alt.Chart(data)
        .mark_geoshape(stroke="white", strokeWidth=0.6)
        .transform_filter("isValid(datum.properties.value)")
        .encode(
            color=alt.Color(
                "properties.value:Q",
                title=legend_title,
                # classes, not a gradient: readable on paper and drawn as
                # plain squares (PDF renderers handle no SVG gradients alike)
                scale=alt.Scale(type="quantize", scheme=scheme, zero=True, nice=True),
                legend=alt.Legend(
                    format=value_format,
                    orient="bottom",
                    direction="horizontal",
                    symbolType="square",
                    symbolSize=120,
                ),
            )
        )
        .project(**projection)
    )
    layers = [base, coloured]
    if any(f["properties"]["value"] is None for f in shaped):
        swatch = (
            alt.Chart(alt.Data(values=[{"label": text["no_data"]}]))
            .mark_square(size=120, color=NO_DATA)
            .encode(x=alt.value(width - 100), y=alt.value(height + 24))
        )
        label = (
            alt.Chart(alt.Data(values=[{"label": text["no_data"]}]))
            .mark_text(align="left", fontSize=10, dx=10)
            .encode(x=alt.value(width - 100), y=alt.value(height + 24), text="label:N")
        )
        layers += [swatch, label]
    return alt.layer(*layers).properties(width=width, height=height)


def allocation_chart(
    rows: Sequence[Mapping], *, lang: str | None = None, width: int = 440
) -> alt.Chart | None:
    """Strength per unit as horizontal bars stacked by the workload driver that brings it.
    ``rows``: ``[{unit, driver, fte}]`` (the proportional part of each unit's FTE per driver,
    as :class:`safetyplan.allocation.UnitResult` traces it). The web page draws the same."""
    text = labels_in(lang)
    rows = [
        {"unit": str(r["unit"]), "driver": str(r["driver"]), "fte": round(float(r["fte"]), 2)}
        for r in rows
        if has_value(r.get("fte")) and float(r["fte"]) > 0
    ]
    if not rows:
        return None
    totals: dict[str, float] = {}
    for r in rows:
        totals[r["unit"]] = totals.get(r["unit"], 0.0) + r["fte"]
    order = sorted(totals, key=lambda u: (-totals[u], u))
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("unit:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("sum(fte):Q", title=text["fte_by_driver"], axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "driver:N", title=text["driver"], legend=alt.Legend(orient="bottom", columns=2)
            ),
            order=alt.Order("driver:N"),
        )
        .properties(width=width, height=max(120, 13 * len(order)))
    )


def evaluation_chart(
    years: Sequence[Mapping],
    *,
    lang: str | None = None,
    width: int = 440,
    height: int = 210,
    value_format: str = ",.0f",
) -> alt.LayerChart | None:
    """The region against its counterfactual (a policy evaluation, see
    :mod:`safetyplan.evaluation`): ``years`` is ``[{year, period, actual, counterfactual}]``
    (``period`` "pre" or "plan"), as ``GoalEvaluation.years``. A rule marks where the plan
    starts. The web page and the report draw the same chart. None when there is nothing."""
    text = labels_in(lang)
    rows = []
    for r in years:
        for field, kind in (("actual", text["actual"]), ("counterfactual", text["counterfactual"])):
            if has_value(r.get(field)):
                rows.append({"year": int(r["year"]), "value": float(r[field]), "kind": kind})
    if not rows:
        return None
    palette = {text["actual"]: ACTUAL, text["counterfactual"]: FORECAST}
    colour = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=list(palette), range=list(palette.values())),
        legend=alt.Legend(orient="bottom", columns=2, symbolStrokeWidth=2, labelLimit=320),
    )
    first, last = min(r["year"] for r in rows), max(r["year"] for r in rows)
    x, y = _year_axis(first, last), _value_axis(None, value_format)
    dash = alt.StrokeDash(
        "kind:N", legend=None, scale=alt.Scale(domain=list(palette), range=[[1, 0], [6, 4]])
    )
    layers = [
        alt.Chart(alt.Data(values=rows))
        .mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(size=36, filled=True))
        .encode(x=x, y=y, color=colour, strokeDash=dash)
    ]
    starts = [int(r["year"]) for r in years if r.get("period") == "plan"]
    if starts:
        start = [{"year": min(starts) - 0.5, "label": text["plan_start"]}]
        base = alt.Chart(alt.Data(values=start))
        layers.append(base.mark_rule(color=TRAJECTORY, strokeDash=[2, 2]).encode(x="year:Q"))
        layers.append(
            base.mark_text(
                align="left", dx=4, dy=-4, baseline="top", color=TRAJECTORY, fontSize=10
            ).encode(x="year:Q", y=alt.value(0), text="label:N")
        )
    return alt.layer(*layers).properties(width=width, height=height)


def _is_projected(features: Sequence[Mapping]) -> bool:
    """True when coordinates look like metres (RD New) rather than degrees."""
    for feature in features:
        coords = feature["geometry"]["coordinates"]
        while isinstance(coords, list) and coords and isinstance(coords[0], list):
            coords = coords[0]
        if coords:
            return abs(float(coords[0])) > 360
    return False


def to_svg(chart: alt.TopLevelMixin, lang: str | None = None) -> str:
    """Render a chart to SVG offline (no data or font is fetched) in the report's style."""
    import vl_convert as vlc

    spec = chart.to_dict(validate=False)
    config = {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 10,
            "titleFontSize": 10,
            "labelColor": "#333333",
            "domainColor": "#888888",
            "tickColor": "#888888",
            "gridColor": "#e6e6e6",
        },
        "legend": {"labelFontSize": 10, "titleFontSize": 10, "labelLimit": 260},
    }
    return vlc.vegalite_to_svg(
        spec, config=config, allowed_base_urls=[], format_locale=FORMAT_LOCALES[_language(lang)]
    )
