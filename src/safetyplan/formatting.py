# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Dutch number and date formatting for screens and paper (8.470; 46%; 3 maart 2017)."""

from __future__ import annotations

import datetime as dt

MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def number(value: float | None, decimals: int = 0, missing: str = "–") -> str:
    """``8470 -> '8.470'``, ``36.75 -> '36,8'`` (decimals=1)."""
    if value is None:
        return missing
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def percent(value: float | None, decimals: int = 0, missing: str = "–") -> str:
    """``46 -> '46%'``, ``36.7 -> '36,7%'`` (value already 0-100)."""
    return missing if value is None else f"{number(value, decimals)}%"


def value(v: float | None, unit: str, missing: str = "–") -> str:
    """Format a figure by its unit: counts whole, percentages with one decimal when needed."""
    if v is None:
        return missing
    if unit == "percent":
        return percent(v, 0 if float(v).is_integer() else 1)
    if unit == "eur":
        return f"€ {number(v)}"
    return number(v)


def date(d: dt.date) -> str:
    """``2017-03-03 -> '3 maart 2017'``."""
    return f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}"
