# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The shared chart specs: plain data in, Altair chart out, SVG offline with Dutch numbers."""

import re

from safetyplan import charts

RESULT = {  # the shape of GoalResult.to_dict(): figures here are illustrative input only
    "series": {"2014": 9100.0, "2015": 8800.0, "2016": 8300.0},
    "forecast": 7600.0,
    "forecast_low": 7000.0,
    "forecast_high": 8200.0,
    "target": 7500.0,
    "target_year": 2018,
}
TRAJECTORY = charts.trajectory_points(2011, 2018, lambda y: 8470 + (7500 - 8470) * (y - 2011) / 7)
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[4.0, 51.0], [4.1, 51.0], [4.1, 51.1], [4.0, 51.1], [4.0, 51.0]]],
}


def _datasets(chart) -> list[dict]:
    spec = chart.to_dict(validate=False)
    return [row for layer in spec["layer"] for row in layer["data"]["values"]]


def test_trajectory_runs_from_baseline_to_target_year():
    assert [p["year"] for p in TRAJECTORY] == list(range(2011, 2019))
    assert TRAJECTORY[0]["value"] == 8470 and TRAJECTORY[-1]["value"] == 7500
    assert charts.trajectory_points(None, 2018, lambda y: 1) == []


def test_goal_chart_layers_actual_trajectory_forecast_and_target():
    rows = _datasets(charts.goal_chart(RESULT, TRAJECTORY))
    kinds = {r["kind"] for r in rows}
    assert kinds == {"Werkelijk", "Traject (plan)", "Prognose (80%-interval)", "Doel"}
    forecast = next(r for r in rows if r["kind"].startswith("Prognose"))
    assert (forecast["low"], forecast["value"], forecast["high"]) == (7000.0, 7600.0, 8200.0)


def test_goal_chart_hides_years_and_speaks_english():
    rows = _datasets(charts.goal_chart(RESULT, TRAJECTORY, lang="en", hide=[2015]))
    actual_years = [r["year"] for r in rows if r["kind"] == "Actual"]
    assert actual_years == [2014, 2016]


def test_goal_chart_with_nothing_to_draw_is_none():
    assert charts.goal_chart({"series": {}, "target_year": 2018}, []) is None


def test_svg_uses_dutch_thousands_separators_and_no_network():
    svg = charts.to_svg(charts.goal_chart(RESULT, TRAJECTORY))
    assert svg.startswith("<svg")
    labels = re.findall(r">([0-9.,]+)</text>", svg)
    assert "8.000" in labels and "2018" in labels
    assert "http://" not in svg.replace("http://www.w3.org", "")


def test_choropleth_greys_out_municipalities_without_data():
    features = [
        {
            "type": "Feature",
            "geometry": SQUARE,
            "properties": {"statcode": "GM0001", "statnaam": "Aa"},
        },
        {
            "type": "Feature",
            "geometry": SQUARE,
            "properties": {"statcode": "GM0002", "statnaam": "Bee"},
        },
    ]
    chart = charts.municipal_choropleth(
        features, {"GM0001": 4.2, "GM0002": None}, legend_title="per 1.000 inwoners"
    )
    spec = chart.to_dict(validate=False)
    shapes = spec["layer"][0]["data"]["values"]
    assert [f["properties"]["value"] for f in shapes] == [4.2, None]
    assert any(row.get("label") == "geen gegevens" for row in _datasets(chart))
    assert spec["layer"][0]["projection"]["type"] == "mercator"
    svg = charts.to_svg(chart)
    assert "geen gegevens" in svg


def test_choropleth_in_rd_new_metres_uses_a_flat_projection():
    metres = {
        "type": "Polygon",
        "coordinates": [[[90000, 430000], [95000, 430000], [95000, 435000], [90000, 430000]]],
    }
    chart = charts.municipal_choropleth(
        [{"type": "Feature", "geometry": metres, "properties": {"statcode": "GM0599"}}],
        {"GM0599": 10.0},
        legend_title="x",
    )
    projection = chart.to_dict(validate=False)["layer"][0]["projection"]
    assert projection == {"type": "identity", "reflectY": True}


def test_axis_ticks_of_a_narrow_range_are_distinct():
    """A clearance rate moving 10% -> 12%: whole-number ticks would print '11' twice."""
    narrow = {
        "series": {"2014": 10.0, "2015": 10.4, "2016": 11.2},
        "target": 12.0,
        "target_year": 2018,
        "forecast": None,
    }
    points = charts.trajectory_points(2014, 2018, lambda y: 10 + (y - 2014) / 2)
    svg = charts.to_svg(charts.goal_chart(narrow, points, value_format=",.1~f"))
    labels = re.findall(r'<text[^>]*text-anchor="end"[^>]*>([^<]+)</text>', svg)
    ticks = [t for t in labels if re.fullmatch(r"[\d.,]+", t)]
    assert len(ticks) >= 3 and len(ticks) == len(set(ticks)), ticks
    assert any("," in t for t in ticks)  # Dutch decimal comma: 10,5


EVALUATION_YEARS = [  # the shape of GoalEvaluation.years: illustrative input only
    {"year": 2012, "period": "pre", "actual": 9000.0, "counterfactual": 8950.0},
    {"year": 2013, "period": "pre", "actual": 8600.0, "counterfactual": 8650.0},
    {"year": 2014, "period": "pre", "actual": 7650.0, "counterfactual": 7700.0},
    {"year": 2015, "period": "plan", "actual": 6900.0, "counterfactual": 6600.0},
]


def test_evaluation_chart_draws_region_and_counterfactual_with_the_plan_start():
    chart = charts.evaluation_chart(EVALUATION_YEARS, lang="en")
    rows = _datasets(chart)
    lines = [r for r in rows if "kind" in r]
    assert {r["kind"] for r in lines} == {"Actual", "Without the plan (synthetic comparison)"}
    assert len(lines) == 8
    assert {"year": 2014.5, "label": "plan starts"} in rows
    svg = charts.to_svg(chart, "en")
    assert svg.startswith("<svg") and "plan starts" in svg


def test_evaluation_chart_with_nothing_to_draw_is_none():
    assert charts.evaluation_chart([]) is None
