# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Vega-Lite specs (built with Altair) for the pages; rendered in the browser by the locally
served vega-embed. Every chart also has a text alternative in its template (WCAG 1.1.1).
The goal chart and the colours are the report's (:mod:`safetyplan.charts`), drawn for the
screen."""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from safetyplan import charts
from safetyplan.charts import ACTUAL, FORECAST, NATIONAL, NO_DATA, TRAJECTORY
from safetyplan.charts import has_value as _ok


def _series_rows(result: dict) -> list[dict]:
    return [
        {"year": int(year), "value": value}
        for year, value in sorted(result.get("series", {}).items(), key=lambda kv: int(kv[0]))
        if _ok(value)
    ]


def _spec(chart) -> dict:
    return chart.to_dict(validate=False)


def sparkline(result: dict, trajectory: list[dict]) -> dict | None:
    """A small trend chart for a goal card: actuals, the trajectory, the target."""
    rows = _series_rows(result)
    if not rows and not trajectory:
        return None
    years = [r["year"] for r in rows] + [t["year"] for t in trajectory]
    scale = alt.Scale(domain=[min(years), max(years)])
    x = alt.X("year:Q", scale=scale, axis=None)
    layers = []
    if trajectory:
        layers.append(
            alt.Chart(alt.Data(values=trajectory))
            .mark_line(color=TRAJECTORY, strokeDash=[4, 3], strokeWidth=1.5)
            .encode(x=x, y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)))
        )
    if rows:
        layers.append(
            alt.Chart(alt.Data(values=rows))
            .mark_line(color=ACTUAL, point=alt.OverlayMarkDef(size=18, color=ACTUAL))
            .encode(
                x=x,
                y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)),
                tooltip=[
                    alt.Tooltip("year:Q", title=_("Year"), format="d"),
                    alt.Tooltip("value:Q", title=_("Actual"), format=",.4~r"),
                ],
            )
        )
    chart = alt.layer(*layers).properties(width=220, height=56).configure_view(stroke=None)
    return _spec(chart)


def goal_chart(result: dict, trajectory: list[dict]) -> dict | None:
    """Actual vs trajectory vs forecast (with its interval) up to the target year."""
    chart = charts.goal_chart(
        result,
        trajectory,
        screen=True,
        labels={
            "actual": _("Actual"),
            "trajectory": _("Trajectory"),
            "forecast": _("Forecast"),
            "year": _("Year"),
            "value": _("Value"),
            "interval_from": _("80% interval from"),
            "interval_to": _("to"),
        },
        y_title=result.get("unit_label") or None,
        width="container",
        height=260,
    )
    return _spec(chart) if chart is not None else None


def breakdown_chart(rows: list[dict], unit_label: str) -> dict | None:
    """Horizontal bars: the goal's figure per municipality."""
    values = [r for r in rows if _ok(r.get("value"))]
    if not values:
        return None
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color=ACTUAL)
        .encode(
            y=alt.Y("name:N", sort="-x", title=None),
            x=alt.X("value:Q", title=unit_label or _("Value")),
            tooltip=[
                alt.Tooltip("name:N", title=_("Municipality")),
                alt.Tooltip("value:Q", title=_("Value"), format=",.4~r"),
            ],
        )
        .properties(width="container", height=max(120, 16 * len(values)))
    )
    return _spec(chart)


def choropleth(features: list[dict], value_title: str) -> dict | None:
    """Municipalities coloured by rate; ``features`` are GeoJSON features whose properties
    carry ``code``, ``name``, ``rate`` (None when unknown) and ``url``."""
    if not features:
        return None
    data = alt.Data(values=features, format=alt.DataFormat(type="json"))
    known = "isValid(datum.properties.rate)"  # municipalities without a figure stay grey
    chart = (
        alt.Chart(data)
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.8)
        .encode(
            color=alt.condition(
                known,
                alt.Color(
                    "properties.rate:Q",
                    title=value_title,
                    scale=alt.Scale(scheme="blues"),
                    legend=alt.Legend(orient="bottom"),
                ),
                alt.value(NO_DATA),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title=_("Municipality")),
                alt.Tooltip("properties.rate:Q", title=value_title, format=",.2f"),
            ],
            href="properties.url:N",
        )
        .project(type="mercator")
        .properties(width="container", height=460)
    )
    return _spec(chart)


def profile_chart(rows: list[dict], value_title: str) -> dict | None:
    """Rates per year for a municipality, the region and the country."""
    values = [r for r in rows if _ok(r.get("value"))]
    if not values:
        return None
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("value:Q", title=value_title),
            color=alt.Color(
                "area:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(range=[ACTUAL, FORECAST, NATIONAL]),
            ),
            strokeDash=alt.StrokeDash("area:N", legend=None),
            tooltip=[
                alt.Tooltip("area:N", title=" "),
                alt.Tooltip("year:Q", format="d", title=_("Year")),
                alt.Tooltip("value:Q", title=value_title, format=",.2f"),
            ],
        )
        .properties(width="container", height=240)
    )
    return _spec(chart)
