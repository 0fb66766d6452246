# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Vega-Lite specs (Altair) for the allocation page. Every chart has a table beside it with
the same figures (its text alternative)."""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from safetyplan.charts import ACTUAL, FORECAST, NO_DATA

# the shared colour set (safetyplan.charts): a gain in the actual's blue, a loss in orange
GAIN = ACTUAL
LOSS = FORECAST


def division_chart(allocation) -> dict | None:
    """FTE per unit as bars stacked by the driver that brings it (proportional part)."""
    names = {d.id: d.shown("name") for d in allocation.scenario.drivers}
    rows = [
        {"unit": u.name, "driver": names[d], "fte": round(v, 2), "order": i}
        for i, u in enumerate(allocation.units)
        for d, v in u.drivers.items()
        if v > 0
    ]
    if not rows:
        return None
    order = [u.name for u in sorted(allocation.units, key=lambda u: -u.fte)]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("unit:N", sort=order, title=None),
            x=alt.X("sum(fte):Q", title=_("FTE (proportional part by driver)")),
            color=alt.Color("driver:N", title=_("Driver"), legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("unit:N", title=_("Unit")),
                alt.Tooltip("driver:N", title=_("Driver")),
                alt.Tooltip("fte:Q", title=_("FTE"), format=",.1f"),
            ],
        )
        .properties(width="container", height=max(160, 18 * len(order)))
    )
    return chart.to_dict(validate=False)


def shift_chart(comparison) -> dict | None:
    rows = [
        {"unit": r.name, "shift": r.shift, "sign": "+" if r.shift > 0 else "−"}
        for r in comparison.rows
        if r.shift is not None
    ]
    if not rows:
        return None
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("unit:N", sort=alt.EncodingSortField("shift", order="descending"), title=None),
            x=alt.X("shift:Q", title=_("Shift in FTE (B minus A)")),
            color=alt.Color(
                "sign:N", scale=alt.Scale(domain=["+", "−"], range=[GAIN, LOSS]), legend=None
            ),
            tooltip=[
                alt.Tooltip("unit:N", title=_("Unit")),
                alt.Tooltip("shift:Q", title=_("Shift"), format="+,.1f"),
            ],
        )
        .properties(width="container", height=max(160, 18 * len(rows)))
    )
    return chart.to_dict(validate=False)


def unit_map(features: list[dict], title: str, diverging: bool) -> dict | None:
    """Municipalities coloured by their unit's value (shift or FTE); grey without one."""
    if not features:
        return None
    data = alt.Data(values=features, format=alt.DataFormat(type="json"))
    if diverging:
        largest = max((abs(f["properties"]["value"] or 0) for f in features), default=1) or 1
        scale = alt.Scale(scheme="blueorange", domain=[largest, -largest], domainMid=0)
    else:
        scale = alt.Scale(scheme="blues")
    chart = (
        alt.Chart(data)
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.8)
        .encode(
            color=alt.condition(
                "isValid(datum.properties.value)",
                alt.Color(
                    "properties.value:Q",
                    title=title,
                    scale=scale,
                    legend=alt.Legend(orient="bottom"),
                ),
                alt.value(NO_DATA),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title=_("Municipality")),
                alt.Tooltip("properties.unit:N", title=_("Unit")),
                alt.Tooltip("properties.value:Q", title=title, format=",.1f"),
            ],
        )
        .project(type="mercator")
        .properties(width="container", height=460)
    )
    return chart.to_dict(validate=False)
