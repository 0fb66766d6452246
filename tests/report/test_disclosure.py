# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Disclosure control: a public report never shows a count from 1 to 4, nor a rate that would
let a reader recompute one, nor a lone suppressed cell that the total would give away."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyplan.errors import SafetyplanError
from safetyplan.report import DisclosurePolicy, suppress_column
from safetyplan.report.disclosure import SUPPRESSED_SECONDARY

PUBLIC = DisclosurePolicy(active=True)
INTERNAL = DisclosurePolicy(active=False)


def test_counts_from_one_to_four_are_small_zero_and_five_are_not():
    assert [PUBLIC.is_small_count(v) for v in (0, 1, 2, 3, 4, 5, 120)] == [
        False,
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    assert PUBLIC.small_label == "<5"


def test_an_internal_report_suppresses_nothing():
    assert not INTERNAL.is_small_count(3)
    assert suppress_column([3, 40, 50], INTERNAL) == [None, None, None]
    assert INTERNAL.rate_allowed(3, 10)


def test_the_threshold_is_a_setting(monkeypatch):
    assert DisclosurePolicy.from_settings(True, min_count=10).small_label == "<10"
    monkeypatch.setenv("SAFETYPLAN_DISCLOSURE_MIN_COUNT", "3")
    monkeypatch.setenv("SAFETYPLAN_DISCLOSURE_MIN_POPULATION", "5000")
    policy = DisclosurePolicy.from_settings(True)
    assert (policy.min_count, policy.min_population) == (3, 5000)
    assert policy.is_small_count(2) and not policy.is_small_count(3)


def test_a_broken_setting_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_DISCLOSURE_MIN_COUNT", "vijf")
    with pytest.raises(SafetyplanError, match="SAFETYPLAN_DISCLOSURE_MIN_COUNT"):
        DisclosurePolicy.from_settings(True)
    with pytest.raises(SafetyplanError, match="--min-count .*minstens 1"):
        DisclosurePolicy.from_settings(True, min_count=0)
    with pytest.raises(SafetyplanError, match="--min-population .*niet negatief"):
        DisclosurePolicy.from_settings(True, min_count=5, min_population=-1)


def test_a_broken_setting_in_english(monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    monkeypatch.setenv("SAFETYPLAN_DISCLOSURE_MIN_COUNT", "vijf")
    with pytest.raises(SafetyplanError, match="'vijf': not a whole number"):
        DisclosurePolicy.from_settings(True)
    with pytest.raises(SafetyplanError, match="--min-count .*must be at least 1"):
        DisclosurePolicy.from_settings(True, min_count=0)


def test_rates_need_enough_inhabitants_and_an_unsuppressed_count():
    assert PUBLIC.rate_allowed(count=50, population=20_000)
    assert not PUBLIC.rate_allowed(count=50, population=800)  # small population
    assert not PUBLIC.rate_allowed(count=3, population=20_000)  # count would be recomputable
    assert not PUBLIC.rate_allowed(count=50, population=None)


def test_a_lone_small_cell_takes_the_next_smallest_with_it():
    marks = suppress_column([104, 3, 31], PUBLIC)
    assert marks == [None, "<5", SUPPRESSED_SECONDARY]


def test_two_small_cells_protect_each_other():
    assert suppress_column([104, 3, 2, 31], PUBLIC) == [None, "<5", "<5", None]


def test_without_a_total_no_secondary_suppression_is_needed():
    assert suppress_column([104, 3, 31], PUBLIC, total_shown=False) == [None, "<5", None]


@given(st.lists(st.one_of(st.none(), st.integers(0, 60)), max_size=40))
def test_no_small_count_is_ever_shown_and_a_lone_one_never_stands_alone(values):
    marks = suppress_column(values, PUBLIC)
    assert len(marks) == len(values)
    for value, mark in zip(values, marks, strict=True):
        if value is not None and 1 <= value <= 4:
            assert mark == "<5"
        if mark is None and value is not None:
            assert value == 0 or value >= 5
    masked = [m for m in marks if m]
    others = [v for v, m in zip(values, marks, strict=True) if not m and v]
    if len(masked) == 1:  # only allowed when there is nothing else to hide it behind
        assert not others
