# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The Rotterdam plan against the shipped real data (47018NED on the plan's territory)."""

import gzip
from pathlib import Path

import pandas as pd
import pytest

from safetyplan.monitor import evaluate_plan
from safetyplan.plan import load_plan
from safetyplan.sources.bundled import load_bundled
from safetyplan.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]
FACTS_47018 = ROOT / "src/safetyplan/datasets/cbs_47018ned_gemeente/facts.csv.gz"

# The unit's territory on today's boundaries, written out by hand from the merger history:
# 22 whole municipalities + Vijfheerenlanden (GM1961), of which only Leerdam and Zederik belong.
WHOLE_TODAY = [
    "GM0482",
    "GM0613",
    "GM0489",
    "GM0502",
    "GM0505",
    "GM1924",
    "GM0512",
    "GM0523",
    "GM0531",
    "GM1963",
    "GM0542",
    "GM1621",
    "GM0556",
    "GM1978",
    "GM1930",
    "GM0590",
    "GM0597",
    "GM0599",
    "GM0606",
    "GM0610",
    "GM0622",
    "GM1992",
    "GM0642",
]
VIJFHEERENLANDEN = "GM1961"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    path = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    plan = load_plan(ROOT / "plans" / "rotterdam-2015-2018.yaml")
    with Warehouse.open(path) as wh:
        load_bundled(wh)
        return {year: {r.goal: r for r in evaluate_plan(plan, wh, year)} for year in (2015, 2018)}


def burglaries(year: int) -> tuple[float, float]:
    """(sum over the whole municipalities, Vijfheerenlanden) straight from the shipped file."""
    with gzip.open(FACTS_47018, "rt", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype={"period": str})
    df = df[(df["measure"] == "registered:pol:1.1.1") & (df["period"] == str(year))]
    by_area = df.set_index("area")["value"]
    return float(by_area[WHOLE_TODAY].sum()), float(by_area[VIJFHEERENLANDEN])


@pytest.mark.parametrize("year", [2015, 2018])
def test_burglary_actual_is_the_territory_sum_of_47018ned(results, year):
    goal = results[year]["woninginbraak"]
    whole, vhl = burglaries(year)
    assert goal.source == "cbs_47018ned_gemeente"
    # Vijfheerenlanden counts for part (Leerdam + Zederik, not Vianen): between none and all
    assert whole < goal.actual < whole + vhl
    assert goal.actual_low <= goal.actual <= goal.actual_high
    assert goal.approximate
    assert any("Vijfheerenlanden" in note for note in goal.notes)


def test_burglary_status_follows_from_the_actuals(results):
    for year in (2015, 2018):
        goal = results[year]["woninginbraak"]
        assert goal.baseline == 8470 and goal.target == 7500
        expected = "achieved" if goal.actual <= 7500 else None
        assert expected is None or goal.status == expected
    assert results[2018]["woninginbraak"].forecast == results[2018]["woninginbraak"].actual


def test_every_bijlage_i_goal_is_listed_and_missing_data_is_said(results):
    goals = results[2018]
    assert len(goals) == 13
    assert goals["overvallen"].baseline == 486 and goals["overvallen"].target == 300
    for goal_id in (
        "overvallen-opheldering",
        "straatroof-opheldering",
        "woninginbraak-opheldering",
    ):
        assert goals[goal_id].status == "no data" and goals[goal_id].reason
    assert goals["afpakken"].status == "target pending"
