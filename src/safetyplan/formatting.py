# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Numbers and dates in the active language, for screens and paper.

Dutch: ``8.470``, ``36,8``, ``46%``, ``3 maart 2017``; English: ``8,470``, ``36.8``, ``46%``,
``3 March 2017``. The separators and month names come from Babel's CLDR data, so a new
language needs no code here; the rounding is Python's, the same in every language.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from safetyplan import i18n
from safetyplan.labels import with_unit

MISSING = "–"


@cache
def _symbols(lang: str) -> tuple[str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol  # lazy: CLI start-up

    return get_group_symbol(lang), get_decimal_symbol(lang)


@cache
def month_names(lang: str) -> tuple[str, ...]:
    """The twelve month names of *lang*, January first (``'maart'``, ``'March'``)."""
    from babel.dates import get_month_names

    names = get_month_names("wide", context="format", locale=lang)
    return tuple(names[m] for m in range(1, 13))


def number(
    value: float | None, decimals: int = 0, missing: str = MISSING, lang: str | None = None
) -> str:
    """``8470 -> '8.470'`` (nl) or ``'8,470'`` (en); ``36.75 -> '36,8'`` (decimals=1)."""
    if value is None:
        return missing
    group, decimal = _symbols(lang or i18n.active())
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)


def percent(
    value: float | None, decimals: int = 0, missing: str = MISSING, lang: str | None = None
) -> str:
    """``46 -> '46%'``, ``36.7 -> '36,7%'`` (value already 0-100)."""
    return missing if value is None else f"{number(value, decimals, lang=lang)}%"


def change(value: float | None, missing: str = MISSING, lang: str | None = None) -> str:
    """A signed percentage change: ``'-12%'``, ``'+3,5%'`` (one decimal below 10)."""
    if value is None:
        return missing
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value), 0 if abs(value) >= 10 else 1, lang=lang)}%"


def change_abs(
    value: float | None, decimals: int = 0, missing: str = MISSING, lang: str | None = None
) -> str:
    """A signed difference: ``'+12'``, ``'−3,5'``, ``'0'``."""
    if value is None:
        return missing
    if abs(value) < 0.5 * 10**-decimals:
        return number(0, decimals, lang=lang)
    return f"{'+' if value > 0 else '−'}{number(abs(value), decimals, lang=lang)}"


def value(v: float | None, unit: str, missing: str = MISSING, lang: str | None = None) -> str:
    """Format a figure by its unit: counts whole, percentages with one decimal when needed."""
    if v is None:
        return missing
    if unit == "percent":
        return with_unit(number(v, 0 if float(v).is_integer() else 1, lang=lang), unit)
    return with_unit(number(v, lang=lang), unit)


def date(d: dt.date, lang: str | None = None) -> str:
    """``2017-03-03 -> '3 maart 2017'`` (nl) or ``'3 March 2017'`` (en)."""
    return f"{d.day} {month_names(lang or i18n.active())[d.month - 1]} {d.year}"


def month(m: int, lang: str | None = None) -> str:
    """``3 -> 'maart'`` (nl) or ``'March'`` (en)."""
    return month_names(lang or i18n.active())[m - 1]
