# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""When a promise falls due: deadline arithmetic in Dutch local time.

A standard's deadline (``plan.models.Deadline``) has an ``amount`` and a ``unit``:

- ``hours``: clock hours, elapsed time. 48 hours after Saturday 10:00 before the switch to
  summer time is Monday 11:00 local time (47 hours on the wall clock, 48 really elapsed).
- ``days``: calendar days on the wall clock: 14 days after 10:00 is 10:00 fourteen days
  later, whatever the daylight-saving changes in between.
- ``working_hours``: hours inside the working hours (default 09:00-17:00) of working days
  (Monday-Friday minus the holiday calendar). A report outside working hours starts the clock
  at the next working hour.
- ``working_days``: the day of receipt does not count; the deadline is the end (23:59:59) of
  the N-th working day after it (as in the Algemene wet bestuursrecht's way of counting).

``holidays`` (``NL`` or ``none``) names the calendar that working hours and working days skip.
Clock hours and calendar days run on through weekends and holidays: that is what "within 48
hours" and "within two weeks" mean to the person who reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from .workdays import AMSTERDAM, HolidayCalendar

UNITS = ("hours", "working_hours", "days", "working_days")
_MAX_DAYS_SEARCHED = 3660  # a deadline further than ten years of working days is a plan error


@dataclass(frozen=True)
class WorkingHours:
    """The daily window that counts for ``working_hours`` (local wall-clock times)."""

    start: time = time(9, 0)
    end: time = time(17, 0)

    def __post_init__(self):
        if not self.start < self.end:
            raise ValueError(f"working hours start {self.start} must be before end {self.end}")


DEFAULT_WORKING_HOURS = WorkingHours()


def local(moment: datetime) -> datetime:
    """``moment`` in Europe/Amsterdam; a naive moment is refused (its meaning is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"moment {moment.isoformat()} has no time zone")
    return moment.astimezone(AMSTERDAM)


def at_wall_clock(day: date, clock: time) -> datetime:
    """The aware moment for a local date and wall-clock time.

    A wall-clock time skipped by the spring change (02:30 on the last Sunday of March) means
    the moment one hour later (03:30 summer time); a doubled time in autumn means its first
    occurrence.
    """
    naive = datetime.combine(day, clock)
    return naive.replace(tzinfo=AMSTERDAM).astimezone(UTC).astimezone(AMSTERDAM)


def due_at(
    received_at: datetime,
    amount: float,
    unit: str,
    holidays: str = "NL",
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
) -> datetime:
    """The moment (Europe/Amsterdam) by which the promise must be kept; on time means ``<=``."""
    if amount <= 0:
        raise ValueError(f"deadline amount must be positive, got {amount}")
    start = local(received_at)
    if unit == "hours":
        return (start.astimezone(UTC) + timedelta(hours=amount)).astimezone(AMSTERDAM)
    if unit == "days":
        return _calendar_days(start, amount)
    calendar = HolidayCalendar(holidays)
    if unit == "working_hours":
        return _working_hours(start, amount, calendar, working_hours)
    if unit == "working_days":
        return _working_days(start, amount, calendar)
    raise ValueError(f"unknown deadline unit {unit!r}; known: {', '.join(UNITS)}")


def deadline_due_at(received_at: datetime, deadline, **kwargs) -> datetime:
    """:func:`due_at` for a plan's ``Deadline`` model."""
    return due_at(received_at, deadline.amount, deadline.unit, deadline.holidays, **kwargs)


def _calendar_days(start: datetime, amount: float) -> datetime:
    whole = math.floor(amount)
    fraction = amount - whole
    day = start.date() + timedelta(days=whole)
    moment = at_wall_clock(day, start.time().replace(tzinfo=None))
    if fraction:
        moment = (moment.astimezone(UTC) + timedelta(days=fraction)).astimezone(AMSTERDAM)
    return moment


def _working_hours(
    start: datetime, amount: float, calendar: HolidayCalendar, hours: WorkingHours
) -> datetime:
    # Compare and subtract in UTC: Python does wall-clock arithmetic within one time zone.
    remaining = timedelta(hours=amount)
    start_utc = start.astimezone(UTC)
    day = start.date()
    for _ in range(_MAX_DAYS_SEARCHED):
        if calendar.is_working_day(day):
            opens = at_wall_clock(day, hours.start).astimezone(UTC)
            closes = at_wall_clock(day, hours.end).astimezone(UTC)
            begin = max(start_utc, opens)
            if begin < closes:
                available = closes - begin
                if remaining <= available:
                    return (begin + remaining).astimezone(AMSTERDAM)
                remaining -= available
        day += timedelta(days=1)
    raise ValueError(f"no deadline within {_MAX_DAYS_SEARCHED} days of {start.isoformat()}")


def _working_days(start: datetime, amount: float, calendar: HolidayCalendar) -> datetime:
    needed = math.ceil(amount)  # part of a working day still takes that day
    day = start.date()
    for _ in range(_MAX_DAYS_SEARCHED):
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            needed -= 1
            if needed == 0:
                return at_wall_clock(day, time(23, 59, 59))
    raise ValueError(f"no deadline within {_MAX_DAYS_SEARCHED} days of {start.isoformat()}")
