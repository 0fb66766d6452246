# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Dutch public holidays as the working-day calendar sees them."""

from datetime import date, timedelta

import pytest

from safetyplan.service import HolidayCalendar

NL = HolidayCalendar("NL")


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday():
    # 27 April 2025 was a Sunday: King's Day was celebrated on Saturday 26 April.
    assert date(2025, 4, 27).weekday() == 6
    assert NL.holiday_name(date(2025, 4, 26)) == "Koningsdag"
    assert not NL.is_holiday(date(2025, 4, 27))


def test_kings_day_is_27_april_otherwise_and_queens_day_before_2014():
    assert NL.holiday_name(date(2026, 4, 27)) == "Koningsdag"
    assert NL.holiday_name(date(2013, 4, 30)) == "Koninginnedag"
    assert not NL.is_holiday(date(2013, 4, 27))


@pytest.mark.parametrize(
    ("year", "liberation_day_off"),
    [(2015, True), (2017, False), (2019, False), (2020, True), (2025, True), (2026, False)],
)
def test_liberation_day_is_a_day_off_every_fifth_year(year, liberation_day_off):
    # (not 2016: 5 May 2016 was Ascension Day)
    assert NL.is_holiday(date(year, 5, 5)) is liberation_day_off


def test_moveable_feasts_follow_easter():
    # Easter Sunday 2026 is 5 April.
    easter = date(2026, 4, 5)
    expected = {
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede paasdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede pinksterdag",
    }
    for day, name in expected.items():
        assert NL.holiday_name(day).lower() == name.lower(), day
        assert not NL.is_working_day(day)


def test_christmas_and_new_year_are_no_working_days():
    for day in (date(2026, 12, 25), date(2026, 12, 28 - 2), date(2027, 1, 1)):
        assert not NL.is_working_day(day)
    assert NL.is_working_day(date(2026, 12, 24))


def test_calendar_none_skips_only_weekends():
    none = HolidayCalendar("none")
    assert none.is_working_day(date(2026, 12, 25))  # a Friday
    assert not none.is_working_day(date(2026, 12, 26))  # a Saturday


def test_unknown_calendar_is_refused():
    with pytest.raises(ValueError, match="unknown holiday calendar"):
        HolidayCalendar("BE")
