# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What-if: comparisons whose parts add up, and the sensitivity to each weight."""

import pytest

from safetyplan.allocation import (
    allocate,
    compare,
    inline_quantities,
    parse_scenario,
    sensitivity,
    with_driver_weight,
)
from safetyplan.allocation.quantities import Quantities

from .allocation_cases import SMALL

SHARES = (
    SMALL.replace("id: small\n", "id: small\nmodel: shares\n")
    .replace("name: Criminaliteit\n", "name: Criminaliteit\n    weight: 60\n")
    .replace("name: Basis\n", "name: Basis\n    weight: 40\n")
)


def run(text):
    scenario = parse_scenario(text, "s.yaml")
    return allocate(scenario, Quantities(inline_quantities(scenario)))


def test_a_comparison_explains_every_shift_by_its_parts():
    a = run(SMALL)
    b = run(SMALL.replace("priorities: {hic: 2}", "priorities: {hic: 4}"))
    result = compare(a, b)
    for row in result.rows:
        assert row.shift == pytest.approx(row.fte_b - row.fte_a)
        assert sum(row.parts.values()) == pytest.approx(row.shift, abs=1e-9)
    # more weight on burglary: a (30 burglaries) gains, c (none) does not
    assert result.rows[0].shift > 0 and result.rows[2].shift <= 0
    assert "Criminaliteit +" in result.rows[0].reason(result.labels())
    assert result.fte_moved == sum(max(r.shift, 0) for r in result.rows)


def test_comparing_a_scenario_with_itself_moves_nothing():
    result = compare(run(SMALL), run(SMALL))
    assert result.fte_moved == 0
    assert all(r.shift == 0 for r in result.rows)
    assert result.rows[0].reason(result.labels()).startswith("geen verschuiving")


def test_units_in_only_one_scenario_are_shown_not_dropped(lang):
    extra = (
        SMALL.replace("{a: 30, b: 10, c: 0}", "{a: 30, b: 10, c: 0, d: 5}")
        + "  - {id: d, name: D}\n"
    )
    result = compare(run(SMALL), run(extra))
    d = next(r for r in result.rows if r.unit == "d")
    assert d.fte_a is None and d.fte_b is not None and d.shift is None
    assert d.reason(result.labels()) == "alleen in B"  # Dutch, the default language
    lang("en")
    assert d.reason(result.labels()) == "only in B"
    assert result.to_dict()["units"][-1]["unit"] == "d"


def test_sensitivity_raises_each_weight_and_each_priority():
    base = run(SMALL)
    sens = {(s.kind, s.id): s for s in sensitivity(base)}
    assert set(sens) == {("driver", "crime"), ("driver", "base"), ("priority", "hic")}
    base_up = sens[("driver", "base")]
    assert base_up.new_weight == pytest.approx(1.1)
    # a heavier base load favours the unit with the least other work (c), taken from a
    assert base_up.changes["c"] >= 0 and base_up.changes["a"] <= 0
    for s in sens.values():
        assert sum(s.changes.values()) == pytest.approx(0)  # the total never changes
        assert s.fte_moved == pytest.approx(sum(abs(c) for c in s.changes.values()) / 2)


def test_in_a_shares_scenario_the_other_weights_make_room():
    scenario = parse_scenario(SHARES, "s.yaml")
    changed = with_driver_weight(scenario, "crime", 66)
    assert [d.weight for d in changed.drivers] == [66, pytest.approx(34)]
    assert sum(d.weight for d in changed.drivers) == pytest.approx(100)
    assert with_driver_weight(scenario, "crime", 250).drivers[0].weight == 100
    sens = sensitivity(run(SHARES))
    assert sens[0].new_weight == pytest.approx(66)
