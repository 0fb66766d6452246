# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Sane bounds for the numbers users enter (issue 14): finite, and far inside what a float or
a database integer holds, so that sums and JSON stay finite (1e308 + 1e308 is infinity)."""

from __future__ import annotations

import math

MAX_OFFICERS = 10_000.0  # police officers per day for one event, area or class
MAX_VISITORS = 10_000_000  # visitors of one event
MAX_FIGURE = 1e12  # a goal's baseline or target (counts, rates, percentages)


def finite_within(value: float | None, low: float, high: float) -> bool:
    """True for a finite number from ``low`` to ``high``; None counts as within."""
    if value is None:
        return True
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return math.isfinite(number) and low <= number <= high


def finite_or_none(data):
    """``data`` with every non-finite float replaced by None (for JSON output)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite_or_none(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite_or_none(value) for value in data]
    return data
