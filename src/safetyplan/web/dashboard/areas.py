"""Area pages: a choropleth of the plan's municipalities (rates per 1,000 inhabitants) and a
municipality profile against the region and the country. Boundaries are the bundled CBS
ones; nothing is fetched."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import app_settings
from .monitor import MonitorUnavailable


def measure_choices() -> list[tuple[str, str]]:
    english = (get_language() or "nl").startswith("en")
    return [(m, en if english else nl) for m, nl, en in app_settings.AREA_MEASURES]


def pick_measure(value: str | None) -> str:
    known = [m for m, _nl, _en in app_settings.AREA_MEASURES]
    return value if value in known else known[0]


def map_context(plan, measure: str, year: str | None) -> dict:
    raise MonitorUnavailable(_("The area pages need the area registry, which is not installed."))


def profile_context(plan, code: str, measure: str) -> dict:
    raise MonitorUnavailable(_("The area pages need the area registry, which is not installed."))


def municipality_links(plan, code: str) -> dict:
    from safetyplan.web.annualplans.models import Activity
    from safetyplan.web.organisations.models import Organisation
    from safetyplan.web.priorities.models import LocalPriority, ThemePriority

    org = Organisation.objects.filter(code=code).first()
    return {
        "organisation": org,
        "theme_priorities": ThemePriority.objects.filter(
            plan=plan, municipality=org
        ).select_related("theme")
        if org
        else [],
        "local_priorities": LocalPriority.objects.filter(plan=plan, municipality=org)
        if org
        else [],
        "activities": Activity.objects.filter(annual_plan__plan=plan, owner=org).select_related(
            "annual_plan"
        )
        if org
        else [],
    }
