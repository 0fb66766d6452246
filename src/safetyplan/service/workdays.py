# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Working days in the Netherlands: weekends and Dutch public holidays.

The holidays come from the maintained ``holidays`` library, whose Dutch calendar follows the
Algemene termijnenwet: New Year's Day, Good Friday, Easter Sunday and Monday, King's Day
(27 April, or Saturday 26 April when the 27th is a Sunday; Queen's Day 30 April before 2014),
Liberation Day (5 May) in every fifth year, Ascension Day, Whit Sunday and Monday, Christmas
Day and Boxing Day.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALENDARS = ("NL", "none")


@lru_cache(maxsize=256)
def _dutch_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("NL", years=year, language="nl"))


class HolidayCalendar:
    """Which days count as working days: Monday to Friday, minus the calendar's holidays.

    ``name`` is ``"NL"`` (Dutch public holidays) or ``"none"`` (only weekends are skipped).
    """

    def __init__(self, name: str = "NL"):
        if name not in CALENDARS:
            raise ValueError(f"unknown holiday calendar {name!r}; known: {', '.join(CALENDARS)}")
        self.name = name

    def holiday_name(self, day: date) -> str | None:
        """The holiday's Dutch name, or None on an ordinary day."""
        if self.name == "none":
            return None
        return _dutch_holidays(day.year).get(day)

    def is_holiday(self, day: date) -> bool:
        return self.holiday_name(day) is not None

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def __repr__(self) -> str:
        return f"HolidayCalendar({self.name!r})"
