# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Numbers and dates through one formatter, in the language asked for."""

import datetime as dt

import pytest

from safetyplan import formatting as fmt
from safetyplan import i18n


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ("8.470", "36,8", "46%", "6 december 2026", "−3,5", "+12%")),
        ("en", ("8,470", "36.8", "46%", "6 December 2026", "−3.5", "+12%")),
    ],
)
def test_numbers_and_dates(lang, expected):
    got = (
        fmt.number(8470, lang=lang),
        fmt.number(36.75, 1, lang=lang),
        fmt.percent(46, lang=lang),
        fmt.date(dt.date(2026, 12, 6), lang=lang),
        fmt.change_abs(-3.5, 1, lang=lang),
        fmt.change(12.0, lang=lang),
    )
    assert got == expected


def test_the_active_language_is_the_default():
    with i18n.override("en"):
        assert fmt.number(1234567.5, 1) == "1,234,567.5"
        assert fmt.month(3) == "March"
    with i18n.override("nl"):
        assert fmt.number(1234567.5, 1) == "1.234.567,5"
        assert fmt.month(3) == "maart"


def test_missing_and_units():
    assert fmt.number(None) == "–"
    assert fmt.value(12.5, "percent", lang="nl") == "12,5%"
    assert fmt.value(1500, "eur", lang="en") == "€ 1,500"
