# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The division: always the total, always within bounds, deterministic, monotone, optimal."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from safetyplan.allocation import divide
from safetyplan.errors import SafetyplanError

# -- hand-computed cases --------------------------------------------------------------------

# These tests read the messages in English, the source language (test_language.py: Dutch).
pytestmark = pytest.mark.usefixtures("english")


def test_equal_workloads_split_evenly_and_the_leftover_goes_to_the_smallest_id():
    # 10 / 3 = 3 1/3 each; one step is left and the tie is broken by id (a < b < c).
    result = divide(10, [1, 1, 1], [0, 0, 0], [None, None, None], keys=["a", "b", "c"])
    assert result.quotas == (Fraction(10, 3),) * 3
    assert result.seats == (4, 3, 3)


def test_proportional_when_no_bound_binds():
    # 90 over workloads 700 : 300 : 100 -> 57.27, 24.55, 8.18 -> floors 57, 24, 8 (= 89);
    # the largest remainder (b: .545) gets the last one.
    result = divide(90, [700, 300, 100], [0, 0, 0], [None, None, None], keys=["a", "b", "c"])
    assert result.quotas == (
        Fraction(90 * 700, 1100),
        Fraction(90 * 300, 1100),
        Fraction(90 * 100, 1100),
    )
    assert result.seats == (57, 25, 8)


def test_a_minimum_takes_from_the_others_in_proportion_to_their_workload():
    # b's proportional 24.55 is below its minimum 25: b gets 25, a and c share 65 as 7:1:
    # a = 65 * 7/8 = 56.875, c = 8.125 -> seats 57, 25, 8.
    result = divide(90, [700, 300, 100], [0, 25, 0], [None, None, None], keys=["a", "b", "c"])
    assert result.quotas == (Fraction(455, 8), Fraction(25), Fraction(65, 8))
    assert result.seats == (57, 25, 8)
    assert result.bound == (None, "min", None)


def test_a_maximum_gives_its_surplus_to_the_others():
    # 100 over 5:3:2 -> 50, 30, 20; c is capped at 10, so a and b share 90 as 5:3.
    result = divide(100, [5, 3, 2], [0, 0, 0], [None, None, 10], keys=["a", "b", "c"])
    assert result.quotas == (Fraction(450, 8), Fraction(270, 8), Fraction(10))
    assert result.seats == (56, 34, 10)
    assert result.bound == (None, None, "max")


def test_units_without_workload_get_their_minimum():
    # a has no workload: its minimum 2; b and c share the other 18 as 1:3.
    result = divide(20, [0, 1, 3], [2, 0, 0], [None, None, None], keys=["a", "b", "c"])
    assert result.quotas == (Fraction(2), Fraction(18, 4), Fraction(54, 4))
    # b 4.5 and c 13.5: equal remainders, so the last step goes to the larger workload (c).
    assert result.seats == (2, 4, 14)


def test_when_everyone_with_work_is_full_the_rest_goes_equally_to_the_others():
    result = divide(11, [1, 0, 0], [0, 0, 0], [1, 10, 10], keys=["a", "b", "c"])
    assert result.quotas == (Fraction(1), Fraction(5), Fraction(5))
    assert result.seats == (1, 5, 5)


@pytest.mark.parametrize(
    ("total", "mins", "maxs", "problem"),
    [
        (10, [6, 5], [None, None], "minimums"),
        (10, [0, 0], [4, 5], "maximums"),
        (10, [5, 0], [4, None], "above maximum"),
    ],
)
def test_impossible_bounds_are_refused(total, mins, maxs, problem):
    with pytest.raises(SafetyplanError, match=problem):
        divide(total, [1, 1], mins, maxs)


# -- properties -----------------------------------------------------------------------------


@st.composite
def problems(draw, max_units=8):
    """A feasible division problem: total, workloads, mins, maxs (None = no maximum)."""
    n = draw(st.integers(1, max_units))
    workloads = draw(
        st.lists(
            st.one_of(st.just(0), st.integers(0, 10_000), st.floats(0, 1e6, allow_nan=False)),
            min_size=n,
            max_size=n,
        )
    )
    mins = draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    maxs = [draw(st.one_of(st.none(), st.integers(m, m + 60))) for m in mins]
    room = sum(m if m is not None else 10**6 for m in maxs)
    total = draw(st.integers(sum(mins), min(room, sum(mins) + 400)))
    return total, workloads, mins, maxs


@settings(max_examples=150, deadline=None)
@given(problems())
def test_the_division_adds_up_and_respects_every_bound(problem):
    total, workloads, mins, maxs = problem
    result = divide(total, workloads, mins, maxs)
    assert sum(result.seats) == total
    assert sum(result.quotas) == total
    for seat, quota, lo, hi in zip(result.seats, result.quotas, mins, maxs, strict=True):
        assert lo <= seat and (hi is None or seat <= hi)
        assert abs(seat - quota) < 1  # never a whole step away from the exact share


@settings(max_examples=100, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_the_division_does_not_depend_on_the_order_of_the_units(problem, rnd):
    total, workloads, mins, maxs = problem
    keys = [f"u{i:02d}" for i in range(len(workloads))]
    first = dict(zip(keys, divide(total, workloads, mins, maxs, keys).seats, strict=True))
    order = list(range(len(keys)))
    rnd.shuffle(order)
    again = divide(
        total,
        [workloads[i] for i in order],
        [mins[i] for i in order],
        [maxs[i] for i in order],
        [keys[i] for i in order],
    )
    assert dict(zip([keys[i] for i in order], again.seats, strict=True)) == first


@settings(max_examples=150, deadline=None)
@given(problems(), st.data())
def test_a_unit_whose_workload_rises_never_loses_strength(problem, data):
    total, workloads, mins, maxs = problem
    unit = data.draw(st.integers(0, len(workloads) - 1))
    rise = data.draw(st.one_of(st.floats(0, 1e6, allow_nan=False), st.integers(0, 1000)))
    before = divide(total, workloads, mins, maxs)
    raised = list(workloads)
    raised[unit] = raised[unit] + rise
    after = divide(total, raised, mins, maxs)
    assert after.quotas[unit] >= before.quotas[unit]
    assert after.seats[unit] >= before.seats[unit]
    # ... and the others never gain from it
    for i in range(len(workloads)):
        if i != unit:
            assert after.quotas[i] <= before.quotas[i]


@settings(max_examples=150, deadline=None)
@given(problems(), st.data())
def test_when_the_others_workload_falls_a_unit_never_loses(problem, data):
    total, workloads, mins, maxs = problem
    unit = data.draw(st.integers(0, len(workloads) - 1))
    cuts = data.draw(st.lists(st.floats(0, 1), min_size=len(workloads), max_size=len(workloads)))
    lowered = [
        w if i == unit else w * c for i, (w, c) in enumerate(zip(workloads, cuts, strict=True))
    ]
    assert (
        divide(total, lowered, mins, maxs).seats[unit]
        >= divide(total, workloads, mins, maxs).seats[unit]
    )


@settings(max_examples=60, deadline=None)
@given(problems(max_units=6))
def test_rounding_is_optimal_as_an_integer_programme(problem):
    """No whole division within the bounds is closer to the exact shares (scipy milp)."""
    total, workloads, mins, maxs = problem
    result = divide(total, workloads, mins, maxs)
    quotas = np.array([float(q) for q in result.quotas])
    ours = float(np.abs(np.array(result.seats) - quotas).sum())
    n = len(quotas)
    # variables: seats x (integer) and deviations d >= |x - q|; minimise sum d
    c = np.r_[np.zeros(n), np.ones(n)]
    eye = np.eye(n)
    constraints = [
        LinearConstraint(np.r_[np.ones(n), np.zeros(n)][None, :], total, total),
        LinearConstraint(np.c_[eye, -eye], -np.inf, quotas),  # x - d <= q
        LinearConstraint(np.c_[eye, eye], quotas, np.inf),  # x + d >= q
    ]
    upper = [m if m is not None else total for m in maxs]
    bounds = Bounds(np.r_[mins, np.zeros(n)], np.r_[upper, np.full(n, np.inf)])
    best = milp(
        c, constraints=constraints, bounds=bounds, integrality=np.r_[np.ones(n), np.zeros(n)]
    )
    assume(best.success)
    assert ours <= best.fun + 1e-6
