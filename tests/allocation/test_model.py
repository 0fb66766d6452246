# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Workload, division and trace on hand-computed scenarios, and with warehouse data."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.allocation import (
    allocate,
    gather_quantities,
    inline_quantities,
    parse_scenario,
    run_scenario,
)
from safetyplan.allocation.quantities import Quantities
from safetyplan.errors import DataError
from safetyplan.warehouse import Warehouse

from .allocation_cases import SMALL

# These tests read the messages in English, the source language (test_language.py: Dutch).
pytestmark = pytest.mark.usefixtures("english")


def small_allocation(text=SMALL):
    scenario = parse_scenario(text, "small.yaml")
    return allocate(scenario, Quantities(inline_quantities(scenario)))


def test_the_small_case_as_computed_by_hand():
    result = small_allocation()
    a, b, c = (result.unit(x) for x in "abc")
    assert (a.workload, b.workload, c.workload) == (700, 300, 100)
    assert a.proportional_fte == pytest.approx(90 * 700 / 1100)
    assert (a.quota_fte, b.quota_fte, c.quota_fte) == (56.875, 25, 8.125)
    assert (a.fte, b.fte, c.fte) == (57, 25, 8)
    assert b.bound == "min" and a.bound is None
    assert result.to_dict()["allocated_fte"] == 90


def test_every_fte_traces_back_to_drivers_bounds_and_rounding():
    for u in small_allocation().units:
        traced = sum(u.drivers.values()) + u.bounds_effect + u.rounding
        assert traced == pytest.approx(u.fte, abs=1e-9)
        assert sum(u.items.values()) == pytest.approx(sum(u.drivers.values()))
    a = small_allocation().unit("a")
    # a's proportional 57.27 FTE: burglary 600/1100 x 90 = 49.09, base 100/1100 x 90 = 8.18
    assert a.drivers["crime"] == pytest.approx(90 * 600 / 1100)
    assert a.drivers["base"] == pytest.approx(90 * 100 / 1100)


def test_shares_model_weighs_each_drivers_regional_share():
    # crime 50%: shares a 30/40, b 10/40, c 0;  base 50%: a, b, c 1/3 each.
    # workload (x100): a 37.5 + 16.67 = 54.17, b 12.5 + 16.67 = 29.17, c 16.67
    text = SMALL.replace("id: small\n", "id: small\nmodel: shares\n")
    text = text.replace("name: Criminaliteit\n", "name: Criminaliteit\n    weight: 50\n")
    text = text.replace("name: Basis\n", "name: Basis\n    weight: 50\n")
    text = text.replace("priorities: {hic: 2}\n", "")
    text = text.replace("min_fte: 25}", "min_fte: 0}")
    result = small_allocation(text)
    a, b, c = (result.unit(x) for x in "abc")
    assert a.workload == pytest.approx(50 * 30 / 40 + 50 / 3)
    assert c.workload == pytest.approx(50 / 3)
    assert a.workload_share + b.workload_share + c.workload_share == pytest.approx(100)
    assert a.proportional_fte == pytest.approx(90 * (0.375 + 1 / 6))  # 48.75
    # proportional 48.75, 26.25, 15; c's maximum is 10, so a and b share 80 as 13:7
    assert (a.quota_fte, c.quota_fte) == (pytest.approx(52), 10)
    assert (a.fte, b.fte, c.fte) == (52, 28, 10)


def test_tenths_of_an_fte():
    text = SMALL.replace("id: small\n", "id: small\nstep: 0.1\n")
    result = small_allocation(text)
    assert [u.fte for u in result.units] == [56.9, 25.0, 8.1]  # 56.875, 25, 8.125
    assert round(sum(u.fte for u in result.units), 6) == 90


def test_a_higher_priority_moves_strength_to_the_units_with_that_theme():
    low = small_allocation(SMALL.replace("priorities: {hic: 2}", "priorities: {hic: 1}"))
    high = small_allocation()
    assert high.unit("a").fte > low.unit("a").fte
    assert high.unit("c").fte <= low.unit("c").fte  # c has no burglaries


def test_no_workload_anywhere_is_an_error_not_an_even_split():
    text = SMALL.replace("{a: 30, b: 10, c: 0}", "{a: 0, b: 0, c: 0}").replace(
        "hours: 100, per_unit", "hours: 0, per_unit"
    )
    with pytest.raises(DataError, match="no unit has any workload"):
        small_allocation(text)


# -- monotonicity at the level of the scenario ----------------------------------------------

UNITS = ["a", "b", "c"]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(UNITS),
    st.sampled_from(["inbraak", "basis"]),
    st.floats(1.0, 50.0),
    st.sampled_from([SMALL, SMALL.replace("step: 1", "step: 0.1")]),
    st.booleans(),
)
def test_a_unit_whose_workload_rises_never_loses_strength(unit, item, factor, text, shares):
    if shares:
        text = text.replace("id: small\n", "id: small\nmodel: shares\n")
        text = text.replace("name: Criminaliteit\n", "name: Criminaliteit\n    weight: 70\n")
        text = text.replace("name: Basis\n", "name: Basis\n    weight: 30\n")
    scenario = parse_scenario(text, "small.yaml")
    q = Quantities(inline_quantities(scenario))
    if q.of(item, unit) == 0:
        q = Quantities(
            {
                k: {u: (1.0 if (k, u) == (item, unit) else v) for u, v in vals.items()}
                for k, vals in q.values.items()
            }
        )
    before = allocate(scenario, q)
    after = allocate(scenario, q.scaled(item, unit, factor))
    assert after.unit(unit).fte >= before.unit(unit).fte
    assert math.isclose(sum(u.fte for u in after.units), 90)


# -- reading the quantities from the warehouse ----------------------------------------------

WAREHOUSE_SCENARIO = """\
id: wh
title: Uit het warehouse
total_fte: {value: 30, basis: assumption, note: test}
data: {years: [2022, 2023]}
drivers:
  - id: crime
    name: Criminaliteit
    items:
      - {id: inbraak, label: Woninginbraak, measure: "registered:pol:1.1.1", hours: 10}
  - id: people
    name: Inwoners
    items:
      - {id: inwoners, label: Inwoners, measure: population, hours: 0.01}
units:
  - {id: rotterdam, name: Rotterdam, areas: [GM0599]}
  - {id: schiedam, name: Schiedam, areas: [GM0606]}
  - {id: zuid, name: Zuid, areas: [GM0505, {code: GM1961, share: 0.5, note: half (test)}]}
"""

FIGURES = {  # (measure, area, year) -> value; made-up round numbers for the arithmetic
    ("registered:pol:1.1.1", "GM0599", 2022): 1000,
    ("registered:pol:1.1.1", "GM0599", 2023): 1200,
    ("registered:pol:1.1.1", "GM0606", 2022): 100,
    ("registered:pol:1.1.1", "GM0606", 2023): 140,
    ("registered:pol:1.1.1", "GM0505", 2022): 200,
    ("registered:pol:1.1.1", "GM0505", 2023): 200,
    ("registered:pol:1.1.1", "GM1961", 2022): 40,
    ("registered:pol:1.1.1", "GM1961", 2023): 60,
    ("population", "GM0599", 2022): 600000,
    ("population", "GM0599", 2023): 610000,
    ("population", "GM0606", 2022): 80000,
    ("population", "GM0606", 2023): 80000,
    ("population", "GM0505", 2022): 120000,
    ("population", "GM0505", 2023): 120000,
    ("population", "GM1961", 2022): 60000,
    ("population", "GM1961", 2023): 60000,
}


@pytest.fixture
def warehouse(tmp_path):
    rows = [
        {"area": a, "period": str(y), "measure": m, "value": v, "provisional": y == 2023}
        for (m, a, y), v in FIGURES.items()
    ]
    with Warehouse.open(tmp_path / "wh.duckdb") as wh:
        wh.load_facts(pd.DataFrame(rows), source="test_figures")
        yield wh


def test_quantities_are_yearly_means_summed_over_the_units_areas(warehouse):
    scenario = parse_scenario(WAREHOUSE_SCENARIO, "wh.yaml")
    q = gather_quantities(scenario, warehouse)
    assert q.of("inbraak", "rotterdam") == 1100
    assert q.of("inbraak", "zuid") == 200 + 0.5 * 50  # Dordrecht + half of Vijfheerenlanden
    assert q.of("inwoners", "zuid") == 120000 + 30000
    assert q.years == (2022, 2023) and q.sources == ("test_figures",)
    assert q.provisional  # 2023 was loaded as provisional: the result says so


def test_allocation_from_the_warehouse_adds_up(warehouse):
    result = run_scenario(parse_scenario(WAREHOUSE_SCENARIO, "wh.yaml"), wh=warehouse)
    assert sum(u.fte for u in result.units) == 30
    # workload hours: rotterdam 11000 + 6050, schiedam 1200 + 800, zuid 2250 + 1500
    assert result.unit("rotterdam").workload == pytest.approx(17050)
    assert result.unit("zuid").workload == pytest.approx(3750)


def test_missing_figures_are_named_not_silently_zero(warehouse):
    text = WAREHOUSE_SCENARIO.replace("[2022, 2023]", "[2021, 2022]")
    with pytest.raises(DataError) as err:
        gather_quantities(parse_scenario(text, "wh.yaml"), warehouse)
    assert "no data for 8 figures" in str(err.value)
    assert "registered:pol:1.1.1 GM0505 2021" in str(err.value)


def test_provisional_figures_can_be_refused(warehouse):
    text = WAREHOUSE_SCENARIO.replace(
        "years: [2022, 2023]}", "years: [2022, 2023], allow_provisional: false}"
    )
    with pytest.raises(DataError, match="provisional"):
        gather_quantities(parse_scenario(text, "wh.yaml"), warehouse)


def test_measures_without_years_are_an_error():
    text = WAREHOUSE_SCENARIO.replace("data: {years: [2022, 2023]}\n", "")
    with pytest.raises(DataError, match=r"neither it nor the scenario gives years"):
        gather_quantities(parse_scenario(text, "wh.yaml"), None)
