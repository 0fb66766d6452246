# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan's territory composed from the shipped 47018NED facts matches the documented sums."""

from __future__ import annotations

import pytest

from .conftest import fact_values

# Raw provenance (luc4sdreyer_dutch_demographics): 1.1.1 over the 23 current municipalities of
# the unit, i.e. the plan's territory without Vijfheerenlanden, 2012.
DOCUMENTED_2012_WITHOUT_VHL = 8954


def test_burglary_2012_over_the_plans_territory(registry, plan_territory):
    values = fact_values("cbs_47018ned_gemeente", "registered:pol:1.1.1", "2012")
    comp = registry.compose(plan_territory, values, 2012, measure="registered:pol:1.1.1")
    total, low, high = comp.total(values)
    vhl = registry.lookup("Vijfheerenlanden")
    share = comp.weights[vhl]
    w_low, w_high = comp.weight_ranges[vhl]

    assert total - share * values[vhl] == pytest.approx(DOCUMENTED_2012_WITHOUT_VHL)
    assert low == pytest.approx(DOCUMENTED_2012_WITHOUT_VHL + w_low * values[vhl])
    assert high == pytest.approx(DOCUMENTED_2012_WITHOUT_VHL + w_high * values[vhl])
    assert low < total < high
    assert comp.missing == [] and comp.data_year >= 2023


def test_83648ned_unit_sums_per_year_are_complete(registry, plan_territory):
    """2013-2017 on historic boundaries: every municipality whole, nothing missing."""
    for year in range(2013, 2018):
        values = fact_values("cbs_83648ned_gemeente", "registered:cbs:totaal", str(year))
        comp = registry.compose(plan_territory, values, year)
        assert comp.missing == [] and not comp.approximate
        total, low, high = comp.total(values)
        assert total == low == high
        # The 2024 police unit excludes Vijfheerenlanden but the plan's territory is larger.
        assert total > values[registry.lookup("Rotterdam")]
