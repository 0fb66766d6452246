# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual plan's activities (jaarschijf) from the web database, for the report.

The report layer knows no Django: this module turns the database's rows into the plain
``[{title, owner, status, progress, due}]`` the report's Supplements take.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from safetyplan.report.i18n import Formatter


def web_database_present() -> bool:
    """True when a web database is configured: DATABASE_URL, or the SQLite file under
    SAFETYPLAN_HOME (checked without setting Django up)."""
    if os.environ.get("DATABASE_URL"):
        return True
    home = Path(os.environ.get("SAFETYPLAN_HOME", "safetyplan-data"))
    return (home / "web.sqlite3").exists()


def activities_for(plan_code: str, year: int, lang: str = "nl") -> tuple[list[dict] | None, str]:
    """The activities of the annual plan ``year`` of the plan whose code is ``plan_code``,
    and a note; ``None`` with the reason when the database has no such annual plan."""
    from safetyplan.web.annualplans.models import Activity, AnnualPlan

    fmt = Formatter(lang)
    annual = AnnualPlan.objects.filter(plan__code=plan_code, year=year).first()
    if annual is None:
        return None, fmt.t("activities_no_annual_plan", year=year)
    rows = []
    with translation.override(lang):
        for a in (
            Activity.objects.filter(annual_plan=annual)
            .select_related("owner")
            .order_by("title", "pk")
        ):
            rows.append(
                {
                    "title": a.display_title,  # in the report's language
                    "owner": a.owner.name if a.owner else None,
                    "status": str(Activity.Status(a.status).label)
                    + (f" ({_('example status')})" if a.example_status else ""),
                    "progress": a.progress,
                    "due": a.due,
                }
            )
    return rows, ""
