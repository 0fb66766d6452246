# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The report's language: a thin formatter over :mod:`safetyplan.formatting` and
:mod:`safetyplan.labels`.

The report's words come from the gettext catalogues (``_()`` in report/*.py, ``{{ _("...") }}``
in the templates; docs/translating.md). :func:`safetyplan.report.build_report` runs inside
``i18n.override(lang)``, so everything made during a report (the monitor's reasons, labels,
numbers) is in the report's language; this class only carries that language to the figures.
"""

from __future__ import annotations

import datetime as dt

from safetyplan import formatting as fmt
from safetyplan import i18n, labels
from safetyplan.i18n import N_, gettext

LANGUAGES = i18n.LANGUAGES
NONE = fmt.MISSING  # an empty cell: no figure to show, which is not 'no data'

# Notes that callers outside the report package ask for by key (the report command,
# web/reports/activities.py): why the activities section has no figures.
NOTES = {
    "activities_no_database": N_(
        "No data: no web database with the annual plan was found; activities are kept in the "
        "web application."
    ),
    "activities_no_annual_plan": N_(
        "No data: the web database has no annual plan {year} for this plan."
    ),
}


class Formatter:
    """Numbers, percentages, dates and status labels in the report's language."""

    def __init__(self, lang: str | None = None):
        self.lang = i18n.check_language(lang) if lang else i18n.active()

    def t(self, key: str, **values) -> str:
        """A note of :data:`NOTES` in this language, filled in."""
        text = gettext(NOTES[key], self.lang)
        return text.format(**values) if values else text

    def number(self, value: float | None, decimals: int = 0, missing: str = NONE) -> str:
        return fmt.number(value, decimals, missing, lang=self.lang)

    def percent(self, value: float | None, decimals: int = 0, missing: str = NONE) -> str:
        return fmt.percent(value, decimals, missing, lang=self.lang)

    def change(self, value: float | None) -> str:
        """A signed percentage change: '-12%', '+3,5%'."""
        return fmt.change(value, NONE, lang=self.lang)

    def change_abs(self, value: float | None, decimals: int = 0) -> str:
        """A signed difference: '+12', '−3,5', '0'."""
        return fmt.change_abs(value, decimals, NONE, lang=self.lang)

    def value(self, value: float | None, unit: str, missing: str = NONE) -> str:
        """A figure by its unit: counts whole, percentages with one decimal when needed."""
        return fmt.value(value, unit, missing, lang=self.lang)

    def date(self, day: dt.date) -> str:
        return fmt.date(day, lang=self.lang)

    def month(self, month: int) -> str:
        return fmt.month(month, lang=self.lang)

    def status(self, status: str | None) -> str:
        return labels.status_label(status, self.lang)
