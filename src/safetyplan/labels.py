# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Labels that every layer shows (CLI, web, report), defined once.

Machine-readable output keeps the stable codes (``achieved``, ``no data``); people read the
label in the active language.
"""

from __future__ import annotations

from safetyplan.i18n import N_, gettext

# Goal statuses, as the monitor writes them (monitor.evaluate.STATUSES).
STATUS_LABELS = {
    "achieved": N_("Achieved"),
    "on track": N_("On track"),
    "at risk": N_("At risk"),
    "off track": N_("Off track"),
    "no data": N_("No data"),
    "target pending": N_("Target pending"),
}

# How a figure shows the unit of its goal or indicator (plan format: ``unit``), as the
# text before and after the number; counts show none. The same in every language.
UNIT_AFFIXES = {
    "percent": ("", "%"),
    "%": ("", "%"),
    "percentage": ("", "%"),
    "eur": ("€ ", ""),
}


def status_key(status: str | None) -> str:
    """``'on_track'`` and ``'on track'`` are one status; None is 'no data'."""
    return (status or "no data").replace("_", " ")


def status_label(status: str | None, lang: str | None = None) -> str:
    """``'achieved'`` -> ``'Behaald'`` (nl) or ``'Achieved'`` (en); unknown codes as they are."""
    key = status_key(status)
    return gettext(STATUS_LABELS[key], lang) if key in STATUS_LABELS else key


def with_unit(number_text: str, unit: str | None) -> str:
    """``('46', 'percent')`` -> ``'46%'``; ``('1.500', 'eur')`` -> ``'€ 1.500'``."""
    before, after = UNIT_AFFIXES.get(unit or "", ("", ""))
    return f"{before}{number_text}{after}"
