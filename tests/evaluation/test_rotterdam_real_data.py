# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""`evaluate` and `plan review` on the shipped Rotterdam plan and real data (47018NED): an
estimate for burglary, notes for the other goals, the burglary target flagged."""

from pathlib import Path

import pytest

from safetyplan.evaluation import evaluate_goals
from safetyplan.evaluation.review import FLAG_LITTLE_AMBITION, review_plan
from safetyplan.plan import load_plan
from safetyplan.sources.bundled import load_bundled
from safetyplan.warehouse import Warehouse

PLAN = Path(__file__).resolve().parents[2] / "plans" / "rotterdam-2015-2018.yaml"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        load_bundled(wh)
    with Warehouse.open(path, read_only=True) as wh:
        yield wh


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN)


def test_burglary_gets_an_estimate_and_the_other_goals_a_note(plan, warehouse):
    results = {r.goal: r for r in evaluate_goals(plan, warehouse)}
    burglary = results["woninginbraak"]
    assert burglary.method == "sdid" and burglary.note is None
    assert burglary.pre_years == [2012, 2013, 2014]
    assert burglary.post_years == [2015, 2016, 2017, 2018]
    assert burglary.effect_low_pct < burglary.effect_pct < burglary.effect_high_pct
    assert burglary.donor_count > 250
    assert all(d["area"] not in {"GM0599", "GM0000"} for d in burglary.donors)
    for goal in ("overvallen", "straatroof", "onveilig-algemeen", "woninginbraak-opheldering"):
        assert results[goal].effect_pct is None and results[goal].note


def test_review_calls_the_burglary_target_unambitious(plan, warehouse):
    reviews = {r.goal: r for r in review_plan(plan, warehouse, 0.25)}
    burglary = reviews["woninginbraak"]
    assert burglary.probability > 0.9 and burglary.flag == FLAG_LITTLE_AMBITION
    assert burglary.suggested_target < 7500
    assert "Enquêtedoel" in reviews["onveilig-buurt"].note
