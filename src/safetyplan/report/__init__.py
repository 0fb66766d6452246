# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual report (jaarverslag) and quarterly monitor: plan + warehouse -> HTML or PDF.

>>> from safetyplan.report import ReportOptions, make_report     # doctest: +SKIP
>>> html = make_report(plan, warehouse, ReportOptions(year=2017))
>>> write_output(html, Path("jaarverslag-2017.pdf"))

:func:`build_report` gives the content as plain data, :func:`render_html` lays it out,
:func:`write_output` writes HTML or PDF (WeasyPrint). See ``docs/report.md``.
"""

from __future__ import annotations

from typing import Any

from .build import KINDS, ReportOptions, Supplements, build_report, produced_on_default
from .disclosure import DisclosurePolicy, suppress_column
from .i18n import LANGUAGES, Formatter
from .render import offline_fetcher, render_html, render_pdf, write_output


def make_report(
    plan,
    facts: Any,
    options: ReportOptions,
    registry: Any = None,
    supplements: Supplements | None = None,
    progress=None,
) -> str:
    """The report as one self-contained HTML document."""
    context = build_report(
        plan, facts, options, registry=registry, supplements=supplements, progress=progress
    )
    return render_html(context)


__all__ = [
    "KINDS",
    "LANGUAGES",
    "DisclosurePolicy",
    "Formatter",
    "ReportOptions",
    "Supplements",
    "build_report",
    "make_report",
    "offline_fetcher",
    "produced_on_default",
    "render_html",
    "render_pdf",
    "suppress_column",
    "write_output",
]
