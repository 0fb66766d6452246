# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``/verslag/``: the annual report or quarterly monitor for download, as ``safetyplan report``
makes it (same plan, same warehouse, same code), with the annual plan's activities from this
application's database. Login required (the middleware asks it too)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.template import engines
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from safetyplan.errors import SafetyplanError

from .activities import activities_for

CACHE_SECONDS = 3600
log = logging.getLogger(__name__)
FORMATS = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}
KINDS = ("annual", "quarter")
LANGS = ("nl", "en")

TEXTS = {  # this module has no app, so no translation catalogue: Dutch and English here
    "nl": {
        "title": "Jaarverslag en kwartaalmonitor",
        "year": "Jaar",
        "kind": "Soort",
        "annual": "Jaarverslag",
        "quarter": "Kwartaalmonitor",
        "format": "Formaat",
        "public": "Openbare versie (kleine aantallen afgeschermd)",
        "lang": "Taal",
        "download": "Downloaden",
        "lead": "Het verslag zoals 'safetyplan report' het maakt: uit het plan, het "
        "datawarehouse en de activiteiten van de jaarschijf in deze applicatie. "
        "Het maken duurt enkele seconden tot een halve minuut.",
        "no_plan": "Geen plan geladen: start met 'safetyplan demo' of laad een plan.",
        "no_warehouse": "Het datawarehouse bestaat nog niet: voer 'safetyplan demo' uit of "
        "laad gegevens.",
        "failed": "Het verslag kan nu niet worden gemaakt; probeer het zo opnieuw.",
        "bad": "Ongeldige keuze: {what}.",
    },
    "en": {
        "title": "Annual report and quarterly monitor",
        "year": "Year",
        "kind": "Kind",
        "annual": "Annual report",
        "quarter": "Quarterly monitor",
        "format": "Format",
        "public": "Public version (small counts suppressed)",
        "lang": "Language",
        "download": "Download",
        "lead": "The report as 'safetyplan report' makes it: from the plan, the warehouse "
        "and the annual plan's activities kept in this application. Making it "
        "takes a few seconds to half a minute.",
        "no_plan": "No plan loaded: run 'safetyplan demo' or load a plan.",
        "no_warehouse": "The warehouse does not exist yet: run 'safetyplan demo' or load data.",
        "failed": "The report cannot be made right now; please try again in a moment.",
        "bad": "Invalid choice: {what}.",
    },
}


def _texts() -> dict[str, str]:
    return TEXTS["en" if (get_language() or "nl").startswith("en") else "nl"]


@login_required
@require_GET
def report_page(request):
    """The form: year, kind, format, public version, language."""
    from safetyplan.web.plans.seeding import current_plan

    plan = current_plan()
    return _page(request, plan, None if plan else _texts()["no_plan"])


@login_required
@require_GET
def report_download(request):
    """The report as a file: ``?year=2017&kind=annual&format=pdf&public=1&lang=nl``."""
    from safetyplan.web.plans.seeding import current_plan

    t = _texts()
    plan = current_plan()
    if plan is None:
        return _problem(request, t["no_plan"], 404)
    choice, bad = _choice(request.GET, plan)
    if bad:
        return _problem(request, t["bad"].format(what=bad), 400)
    warehouse = _warehouse_file(plan)
    if not warehouse.exists():  # users get a plain message; the log names the file
        log.warning("report: no warehouse at %s", warehouse)
        return _problem(request, t["no_warehouse"], 503)
    try:
        body = _report_bytes(plan, warehouse, **choice)
    except SafetyplanError as exc:
        log.warning("report unavailable (warehouse %s): %s", warehouse, exc)
        return _problem(request, t["failed"], 503)
    response = HttpResponse(body, content_type=FORMATS[choice["fmt"]])
    response["Content-Disposition"] = f'attachment; filename="{_file_name(**choice)}"'
    return response


def _choice(query, plan) -> tuple[dict, str | None]:
    try:
        year = int(query.get("year") or _default_year(plan))
    except ValueError:
        return {}, "year"
    choice = {
        "year": year,
        "kind": query.get("kind", "annual"),
        "fmt": query.get("format", "pdf"),
        "public": query.get("public") in ("1", "on"),
        "lang": query.get("lang", "nl"),
    }
    for name, allowed in (("kind", KINDS), ("fmt", FORMATS), ("lang", LANGS)):
        if choice[name] not in allowed:
            return {}, "format" if name == "fmt" else name
    if year not in plan.years:
        return {}, "year"
    return choice, None


def _report_bytes(
    plan, warehouse: Path, year: int, kind: str, fmt: str, public: bool, lang: str
) -> bytes:
    """The report, cached until the plan, the warehouse, the activities or the day change."""
    from safetyplan.report import DisclosurePolicy, ReportOptions, make_report, render_pdf
    from safetyplan.report.supplements import warehouse_supplements
    from safetyplan.warehouse import Warehouse, version_of
    from safetyplan.web.plans.services import effective_plan, plan_version

    activities, note = activities_for(plan.code, year, lang)
    today = dt.date.today()
    raw = json.dumps(
        [
            plan_version(plan),
            str(warehouse),
            version_of(warehouse),
            year,
            kind,
            fmt,
            public,
            lang,
            today.isoformat(),
            activities,
            note,
        ],
        default=str,
    )
    key = "report:" + hashlib.sha1(raw.encode()).hexdigest()
    body = cache.get(key)
    if body is not None:
        return body
    model = effective_plan(plan)
    options = ReportOptions(
        year=year,
        kind=kind,
        lang=lang,
        produced_on=today,
        disclosure=DisclosurePolicy.from_settings(public),
    )
    from safetyplan.areas import load_registry

    registry = load_registry()
    with Warehouse.open(warehouse, read_only=True) as wh:
        supplements = warehouse_supplements(model, wh, year, lang, registry=registry, kind=kind)
        if kind == "annual":
            supplements.activities, supplements.notes["activities"] = activities, note
        html = make_report(model, wh, options, registry=registry, supplements=supplements)
    body = render_pdf(html) if fmt == "pdf" else html.encode("utf-8")
    cache.set(key, body, CACHE_SECONDS)
    return body


def _warehouse_file(plan) -> Path:
    if plan.warehouse_path:
        return Path(plan.warehouse_path)
    from safetyplan.settings import warehouse_path

    return Path(warehouse_path()).absolute()


def _default_year(plan) -> int:
    """The last plan year that has passed (an annual report is about a finished year)."""
    last_done = dt.date.today().year - 1
    return max(min(plan.period_end, last_done), plan.period_start)


def _file_name(year: int, kind: str, fmt: str, public: bool, lang: str) -> str:
    base = {"annual": "jaarverslag", "quarter": "kwartaalmonitor"}[kind]
    return f"{base}-{year}{'-openbaar' if public else ''}{'-en' if lang == 'en' else ''}.{fmt}"


def _problem(request, message: str, status: int) -> HttpResponse:
    from safetyplan.web.plans.seeding import current_plan

    return _page(request, current_plan(), message, status)


def _page(request, plan, problem: str | None, status: int = 200) -> HttpResponse:
    """The form page, with ``problem`` above it when there is one."""
    t = _texts()
    context = {
        "nav": "reports",
        "t": t,
        "plan": plan,
        "problem": problem,
        "years": list(reversed(plan.years)) if plan else [],
        "default_year": _default_year(plan) if plan else None,
        "lang": "en" if t is TEXTS["en"] else "nl",
    }
    return HttpResponse(_render(context, request), status=status)


# Kept here, not in a templates folder: this module is no app (no template directory of
# its own) and the package data lists only the shared templates folder.
PAGE = """\
{% extends "base.html" %}
{% block title %}{{ t.title }}{% endblock %}
{% block content %}
<div class="page-head"><h1>{{ t.title }}</h1></div>
<p class="lead">{{ t.lead }}</p>
{% if problem %}<div class="notice" role="alert">{{ problem }}</div>{% endif %}
{% if plan %}
<form method="get" action="{% url 'report_download' %}" class="inline-form">
  <label for="report-year">{{ t.year }}</label>
  <select id="report-year" name="year">
    {% for y in years %}
    <option value="{{ y }}" {% if y == default_year %}selected{% endif %}>{{ y }}</option>
    {% endfor %}
  </select>
  <label for="report-kind">{{ t.kind }}</label>
  <select id="report-kind" name="kind">
    <option value="annual">{{ t.annual }}</option>
    <option value="quarter">{{ t.quarter }}</option>
  </select>
  <label for="report-format">{{ t.format }}</label>
  <select id="report-format" name="format">
    <option value="pdf">PDF</option><option value="html">HTML</option>
  </select>
  <label for="report-lang">{{ t.lang }}</label>
  <select id="report-lang" name="lang">
    <option value="nl" {% if lang == "nl" %}selected{% endif %}>Nederlands</option>
    <option value="en" {% if lang == "en" %}selected{% endif %}>English</option>
  </select>
  <label><input type="checkbox" name="public" value="1" checked> {{ t.public }}</label>
  <button type="submit" class="button-small">{{ t.download }}</button>
</form>
{% endif %}
{% endblock %}
"""


def _render(context: dict, request) -> str:
    return engines["django"].from_string(PAGE).render(context, request)
