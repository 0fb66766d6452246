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

# Units of goals and indicators (plan format: ``unit``).
UNIT_LABELS = {
    "count": N_("count"),
    "percent": N_("percent"),
    "eur": N_("euro"),
}


def status_key(status: str | None) -> str:
    """``'on_track'`` and ``'on track'`` are one status; None is 'no data'."""
    return (status or "no data").replace("_", " ")


def status_label(status: str | None, lang: str | None = None) -> str:
    """``'achieved'`` -> ``'Behaald'`` (nl) or ``'Achieved'`` (en); unknown codes as they are."""
    key = status_key(status)
    return gettext(STATUS_LABELS[key], lang) if key in STATUS_LABELS else key


def unit_label(unit: str, lang: str | None = None) -> str:
    return gettext(UNIT_LABELS[unit], lang) if unit in UNIT_LABELS else unit
