# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The goal monitor: statuses by the documented rule, honest intervals, 'no data' with reasons."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest

from safetyplan.monitor import evaluate_plan, forecast_count, forecast_ratio, forecast_share, judge
from safetyplan.monitor.forecast import Forecast
from safetyplan.plan import Direction, parse_plan

PLAN = """\
id: test
title: Test
region: {name: R, boundaries_year: 2020, municipalities: [GM0001, GM0002]}
period: {start: 2020, end: 2023}
reference_year: 2019
themes: [{id: hic, name: HIC}]
indicators:
  - {id: inbraak, name: Inbraak, unit: count, kind: count, direction: lower,
     measure: "registered:pol:1.1.1"}
  - {id: opheldering, name: Opheldering, unit: percent, kind: ratio, direction: higher,
     numerator: "cleared:pol:1.1.1", denominator: "registered:pol:1.1.1"}
  - {id: onveilig, name: Onveilig, unit: percent, kind: survey, direction: lower,
     measure: "survey:vm:onveilig_algemeen"}
goals:
  - {id: inbraak, indicator: inbraak, theme: hic, baseline: {year: 2019, value: 1000},
     target: {year: 2023, value: 800}}
  - {id: opheldering, indicator: opheldering, theme: hic, baseline: {year: 2019, value: 10},
     target: {year: 2023, value: 12}}
  - {id: onveilig, indicator: onveilig, baseline: {year: 2019, value: 40},
     target: {year: 2023, value: 36}}
  - {id: open, indicator: inbraak, target: {year: 2023, pending: "Nog te bepalen"}}
"""


@dataclass
class Composition:
    weights: dict
    weight_ranges: dict = field(default_factory=dict)
    approximate: bool = False
    notes: list = field(default_factory=list)
    missing: list = field(default_factory=list)


class FakeRegistry:
    """Territory GM0001 + GM0002; data may come as GM0001 + GM0003 where GM0003 is a merger
    of which 40% (30-50%) belongs to the territory."""

    def compose(self, territory, available, year):
        weights, ranges, missing, notes = {}, {}, [], []
        for code in territory:
            if code in available:
                weights[code] = 1.0
            elif code == "GM0002" and "GM0003" in available:
                weights["GM0003"], ranges["GM0003"] = 0.4, (0.3, 0.5)
                notes.append("GM0003 counted for 40%")
            else:
                missing.append(code)
        return Composition(weights, ranges, bool(ranges), notes, missing)

    def name(self, code):
        return {"GM0001": "Eerste", "GM0002": "Tweede", "GM0003": "Fusie"}.get(code)


class FakeFacts:
    def __init__(self, rows):
        self.df = pd.DataFrame(
            rows, columns=["area", "period", "measure", "value", "source", "provisional"]
        )

    def facts(self, measures=None, areas=None, periods=None, sources=None):
        df = self.df
        if measures is not None:
            df = df[df["measure"].isin(measures)]
        return df.copy()


def burglary_rows(values_by_year, source="src", areas=("GM0001", "GM0002")):
    rows = []
    for year, total in values_by_year.items():
        for area in areas:
            value = total / len(areas)
            rows.append((area, str(year), "registered:pol:1.1.1", value, source, False))
    return rows


def evaluate(rows, year):
    plan = parse_plan(PLAN, "test.yaml")
    results = evaluate_plan(plan, FakeFacts(rows), year, registry=FakeRegistry())
    return {r.goal: r for r in results}


def test_falling_burglary_is_on_track_and_actual_sums_the_territory():
    res = evaluate(burglary_rows({2019: 1000, 2020: 950, 2021: 900}), 2021)["inbraak"]
    assert res.actual == pytest.approx(900)
    assert res.expected == pytest.approx(900)  # 1000 + (800-1000) * 2/4
    assert res.status == "on track"
    assert res.forecast < 900 and res.forecast_low < res.forecast < res.forecast_high
    assert res.series == {2019: 1000, 2020: 950, 2021: 900}


def test_rising_burglary_is_off_track():
    res = evaluate(burglary_rows({2019: 1000, 2020: 1100, 2021: 1210}), 2021)["inbraak"]
    assert res.status == "off track"
    assert res.forecast_low > 800


def test_target_met_is_achieved_and_target_year_passed_is_off_track():
    assert evaluate(burglary_rows({2019: 1000, 2020: 780}), 2020)["inbraak"].status == "achieved"
    res = evaluate(burglary_rows({2020: 1000, 2021: 950, 2022: 900, 2023: 850}), 2023)
    assert res["inbraak"].status == "off track"


def test_missing_year_is_no_data_with_reason():
    res = evaluate(burglary_rows({2019: 1000, 2020: 950}), 2021)["inbraak"]
    assert res.status == "no data" and res.actual is None
    assert "2021" in res.reason and "registered:pol:1.1.1" in res.reason
    assert res.forecast is not None  # the earlier years still give a forecast


def test_incomplete_territory_is_no_data_naming_the_missing_municipality():
    rows = burglary_rows({2021: 900}, areas=("GM0001",))
    res = evaluate(rows, 2021)["inbraak"]
    assert res.status == "no data" and "Tweede" in res.reason


def test_partial_municipality_is_an_approximation_with_a_range():
    rows = [
        ("GM0001", "2021", "registered:pol:1.1.1", 500, "s", False),
        ("GM0003", "2021", "registered:pol:1.1.1", 1000, "s", True),
    ]
    res = evaluate(rows, 2021)["inbraak"]
    assert res.actual == pytest.approx(500 + 400)
    assert (res.actual_low, res.actual_high) == (pytest.approx(800), pytest.approx(1000))
    assert res.approximate and res.provisional
    assert "GM0003 counted for 40%" in res.notes


def test_clearance_needs_cleared_and_registered_counts():
    rows = burglary_rows({2021: 1000})
    res = evaluate(rows, 2021)["opheldering"]
    assert res.status == "no data" and "opgehelderde als geregistreerde" in res.reason
    rows += [
        ("GM0001", "2021", "cleared:pol:1.1.1", 60, "src", False),
        ("GM0002", "2021", "cleared:pol:1.1.1", 60, "src", False),
    ]
    res = evaluate(rows, 2021)["opheldering"]
    assert res.actual == pytest.approx(12.0) and res.status == "achieved"


def test_survey_without_figures_for_the_area_is_no_data_and_pending_goal_is_pending(monkeypatch):
    res = evaluate(burglary_rows({2021: 900}), 2021)
    assert res["onveilig"].status == "no data" and "enquêtecijfers" in res["onveilig"].reason
    assert res["onveilig"].status_label == "Geen gegevens"
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    res = evaluate(burglary_rows({2021: 900}), 2021)
    assert "no survey figures" in res["onveilig"].reason
    assert (
        res["onveilig"].status_label == "No data" and res["open"].status_label == "Target pending"
    )
    assert res["open"].status == "target pending" and res["open"].reason == "Nog te bepalen"


def test_preferred_source_wins_and_national_comparison_is_given():
    rows = burglary_rows({2020: 1000, 2021: 900}, source="b")
    rows += burglary_rows({2020: 2000, 2021: 1800}, source="a")
    rows += [
        ("NL01", "2020", "registered:pol:1.1.1", 50000, "nl", False),
        ("NL01", "2021", "registered:pol:1.1.1", 40000, "nl", False),
    ]
    res = evaluate(rows, 2021)["inbraak"]
    assert res.source == "a" and res.actual == pytest.approx(1800)  # most areas, then name
    assert res.national == 40000
    assert res.national_change_pct == pytest.approx(-20)
    assert res.territory_change_pct == pytest.approx(-10)


# --- the status rule ----------------------------------------------------------------------

LOWER, HIGHER = Direction.lower, Direction.higher


def fc(value, low, high):
    return Forecast(2023, value, low, high, "test")


@pytest.mark.parametrize(
    ("direction", "actual", "expected", "forecast", "status"),
    [
        (LOWER, 790, 900, fc(700, 600, 800), "achieved"),
        (LOWER, 880, 900, fc(850, 700, 990), "on track"),  # meets the trajectory
        (LOWER, 950, 900, fc(790, 700, 880), "on track"),  # forecast meets the target
        (LOWER, 950, 900, fc(850, 780, 920), "at risk"),  # only the interval reaches it
        (LOWER, 950, 900, fc(900, 850, 950), "off track"),
        (HIGHER, 11, 11.5, fc(11.5, 10.5, 12.5), "at risk"),
        (HIGHER, 12.5, 11.5, None, "achieved"),
        (LOWER, None, 900, fc(850, 700, 990), "no data"),
    ],
)
def test_status_rule(direction, actual, expected, forecast, status):
    assert (
        judge(direction, 2021, actual, expected, 800 if direction is LOWER else 12, 2023, forecast)[
            0
        ]
        == status
    )


def test_no_target_is_pending():
    assert judge(LOWER, 2021, 10, None, None, 2023, None)[0] == "target pending"


# --- forecasts ----------------------------------------------------------------------------


def test_count_interval_is_relatively_wider_for_small_counts():
    years = [2015, 2016, 2017, 2018]
    small = forecast_count(years, [12, 10, 11, 9], 2020)
    large = forecast_count(years, [1200, 1000, 1100, 900], 2020)
    width = lambda f: (f.high - f.low) / f.value  # noqa: E731
    assert width(small) > 2 * width(large)
    assert small.low >= 0


def test_count_forecast_is_deterministic_and_follows_the_trend():
    years, counts = [2015, 2016, 2017, 2018], [1000, 900, 810, 729]
    a, b = forecast_count(years, counts, 2020), forecast_count(years, counts, 2020)
    assert a == b
    assert a.value == pytest.approx(729 * 0.81, rel=0.01)


def test_count_interval_covers_about_80_percent_of_poisson_outcomes():
    rng = np.random.default_rng(1)
    years = list(range(2012, 2019))
    hits = 0
    for _ in range(200):
        mu = 200 * 0.95 ** (np.array(years + [2020]) - 2012)
        y = rng.poisson(mu)
        f = forecast_count(years, list(y[:-1]), 2020)
        hits += f.low <= y[-1] <= f.high
    assert 0.70 <= hits / 200 <= 0.95


def test_short_series_gives_level_without_trend(monkeypatch):
    f = forecast_count([2018], [100], 2020)
    assert f.value == 100 and "geen trend" in f.method and f.low < 100 < f.high
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    assert "no trend" in forecast_count([2018], [100], 2020).method


def test_ratio_and_share_forecasts_stay_in_range():
    r = forecast_ratio([2015, 2016, 2017], [100, 110, 120], [1000, 1000, 1000], 2020)
    assert 0 <= r.low < r.value < r.high <= 100 and r.value > 12
    s = forecast_share([2013, 2014, 2015, 2016], [39, 38, 37.5, 36.5], [1, 1, 1, None], 2018)
    assert s.value < 36.5 and s.low < s.value < s.high
