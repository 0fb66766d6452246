# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Deadline arithmetic on the edge cases of weekends, holidays and daylight saving."""

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.service import AMSTERDAM, HolidayCalendar, WorkingHours, due_at
from safetyplan.service.deadlines import at_wall_clock


def ams(*args) -> datetime:
    return at_wall_clock(datetime(*args).date(), datetime(*args).time())


# -- working hours -------------------------------------------------------------------------


def test_saturday_before_easter_waits_for_tuesday_with_working_hours():
    # Saturday 4 April 2026; Easter Sunday 5 and Easter Monday 6 April are no working days.
    received = ams(2026, 4, 4, 14, 0)
    assert due_at(received, 8, "working_hours") == ams(2026, 4, 7, 17, 0)
    assert due_at(received, 1, "working_hours") == ams(2026, 4, 7, 10, 0)


def test_saturday_before_easter_without_holidays_counts_easter_monday():
    received = ams(2026, 4, 4, 14, 0)
    assert due_at(received, 8, "working_hours", holidays="none") == ams(2026, 4, 6, 17, 0)


def test_working_hours_carry_over_to_the_next_working_day():
    # Friday 15:00 + 4 working hours: 2 on Friday, 2 on Monday.
    assert due_at(ams(2026, 3, 13, 15, 0), 4, "working_hours") == ams(2026, 3, 16, 11, 0)


def test_deadline_ending_at_closing_time_stays_on_that_day():
    assert due_at(ams(2026, 3, 10, 9, 0), 8, "working_hours") == ams(2026, 3, 10, 17, 0)


def test_report_after_closing_time_starts_next_morning():
    assert due_at(ams(2026, 3, 10, 17, 0), 1, "working_hours") == ams(2026, 3, 11, 10, 0)
    assert due_at(ams(2026, 3, 10, 6, 30), 1, "working_hours") == ams(2026, 3, 10, 10, 0)


def test_custom_working_hours():
    early = WorkingHours(time(8, 0), time(12, 0))
    assert due_at(ams(2026, 3, 10, 11, 0), 2, "working_hours", working_hours=early) == ams(
        2026, 3, 11, 9, 0
    )
    with pytest.raises(ValueError):
        WorkingHours(time(17, 0), time(9, 0))


# -- King's Day ------------------------------------------------------------------------------


def test_report_at_2359_on_26_april_before_kings_day():
    # 2026: 26 April is a Sunday, 27 April (Monday) King's Day: first working day the 28th.
    received = ams(2026, 4, 26, 23, 59)
    assert due_at(received, 1, "working_days") == ams(2026, 4, 28, 23, 59, 59)
    assert due_at(received, 2, "working_hours") == ams(2026, 4, 28, 11, 0)
    # Clock hours do not care: 48 hours is 48 hours.
    assert due_at(received, 48, "hours") == ams(2026, 4, 28, 23, 59)


def test_report_at_2359_on_kings_day_saturday_26_april():
    # 2025: 27 April is a Sunday, so King's Day was Saturday 26 April; Monday 28th works.
    received = ams(2025, 4, 26, 23, 59)
    assert due_at(received, 1, "working_days") == ams(2025, 4, 28, 23, 59, 59)
    assert due_at(received, 1, "working_hours") == ams(2025, 4, 28, 10, 0)


def test_report_at_2359_on_26_april_on_a_friday():
    # 2024: 26 April is a Friday and 27 April (King's Day) a Saturday: Monday the 29th.
    received = ams(2024, 4, 26, 23, 59)
    assert due_at(received, 1, "working_days") == ams(2024, 4, 29, 23, 59, 59)


# -- daylight saving ------------------------------------------------------------------------


def test_48_clock_hours_across_the_spring_change_end_an_hour_later_on_the_wall():
    # Summer time starts Sunday 29 March 2026 at 02:00 -> 03:00.
    received = ams(2026, 3, 28, 10, 0)
    due = due_at(received, 48, "hours")
    assert due == ams(2026, 3, 30, 11, 0)
    assert due.astimezone(UTC) - received.astimezone(UTC) == timedelta(hours=48)


def test_48_clock_hours_across_the_autumn_change_end_an_hour_earlier_on_the_wall():
    # Winter time starts Sunday 25 October 2026 at 03:00 -> 02:00.
    received = ams(2026, 10, 24, 10, 0)
    assert due_at(received, 48, "hours") == ams(2026, 10, 26, 9, 0)


def test_calendar_days_keep_the_wall_clock_time_across_daylight_saving():
    received = ams(2026, 3, 20, 10, 0)
    due = due_at(received, 14, "days")
    assert due == ams(2026, 4, 3, 10, 0)
    assert due.astimezone(UTC) - received.astimezone(UTC) == timedelta(days=14, hours=-1)


def test_calendar_day_landing_in_the_skipped_hour_moves_forward():
    # 02:30 does not exist on 29 March 2026: the deadline is 03:30 summer time.
    received = ams(2026, 3, 28, 2, 30)
    due = due_at(received, 1, "days")
    assert (due.hour, due.minute, due.utcoffset()) == (3, 30, timedelta(hours=2))


def test_report_in_the_doubled_autumn_hour():
    # 02:30 happens twice on 25 October 2026: first in summer time, then in winter time.
    first = datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM, fold=0)
    second = datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM, fold=1)
    due_first, due_second = due_at(first, 1, "hours"), due_at(second, 1, "hours")
    # One clock hour after the first 02:30 is the second 02:30 (winter time).
    assert (due_first.hour, due_first.minute, due_first.utcoffset()) == (2, 30, timedelta(hours=1))
    assert (due_second.hour, due_second.minute) == (3, 30)
    assert due_second.astimezone(UTC) - due_first.astimezone(UTC) == timedelta(hours=1)


# -- working days -------------------------------------------------------------------------


def test_working_days_skip_the_day_of_receipt_weekend_and_christmas():
    # Wednesday 23 December 2026 + 2 working days: 24th, (25, 26, 27 off), 28th.
    assert due_at(ams(2026, 12, 23, 9, 0), 2, "working_days") == ams(2026, 12, 28, 23, 59, 59)


def test_naive_times_and_bad_units_are_refused():
    with pytest.raises(ValueError, match="no time zone"):
        due_at(datetime(2026, 1, 5, 9, 0), 48, "hours")
    with pytest.raises(ValueError, match="unknown deadline unit"):
        due_at(ams(2026, 1, 5, 9, 0), 2, "weeks")
    with pytest.raises(ValueError, match="positive"):
        due_at(ams(2026, 1, 5, 9, 0), 0, "hours")


# -- properties --------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2014, 1, 1), max_value=datetime(2031, 12, 31), timezones=st.just(UTC)
)
NL = HolidayCalendar("NL")


@settings(max_examples=150, deadline=None)
@given(received=moments, amount=st.integers(min_value=1, max_value=60))
def test_a_working_hours_deadline_lies_inside_working_hours_of_a_working_day(received, amount):
    due = due_at(received, amount, "working_hours")
    assert NL.is_working_day(due.date())
    assert time(9, 0) < due.time() <= time(17, 0)
    assert due > received


@settings(max_examples=150, deadline=None)
@given(received=moments, amount=st.integers(min_value=1, max_value=400))
def test_clock_hours_are_exactly_elapsed_time(received, amount):
    assert due_at(received, amount, "hours") - received == timedelta(hours=amount)


@settings(max_examples=100, deadline=None)
@given(
    received=moments,
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=9)),
    unit=st.sampled_from(["hours", "working_hours", "days", "working_days"]),
)
def test_a_later_report_never_gets_an_earlier_deadline(received, later, unit):
    assert due_at(received + later, 5, unit) >= due_at(received, 5, unit)
