# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Pages and files that need no login: health check, chart bundle, accessibility statement."""

import json
import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import vega

log = logging.getLogger(__name__)


def login_not_required_view(view):
    """Mark a third-party view (set_language, the JavaScript catalogue) as public."""
    return login_not_required(view)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def not_available(request, *args, **kwargs):
    """A page switched off in this installation (the password reset without e-mail)."""
    raise Http404


@login_not_required
@require_GET
def healthz(request):
    """For load balancers and container health checks: JSON, 200 when every check passes,
    else 503 naming the failed one(s); never an HTML error page. The details go to the log,
    not to anonymous callers."""
    checks = {"database": _check_database(), "warehouse": _check_warehouse()}
    failed = [name for name, result in checks.items() if result == "fail"]
    body = {"status": "fail" if failed else "ok", "checks": checks}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means "down" here
        log.warning("healthz: database unavailable: %s", exc)
        # a half-open connection would fail the next request too: drop it
        connection.close_if_unusable_or_obsolete()
        return "fail"
    return "ok"


def _check_warehouse() -> str:
    """Open the published snapshot as every reader does; "absent" before the first load (not
    a failure: the pages say that no figures are loaded yet)."""
    from safetyplan.warehouse import Warehouse

    path = _warehouse_path()
    if not path.exists() and not path.is_symlink():
        return "absent"
    try:
        with Warehouse.open(path, read_only=True) as warehouse:
            warehouse.connection.execute("SELECT 1").fetchone()
    except Exception as exc:  # unreadable, corrupt, a dangling link
        log.warning("healthz: warehouse %s unavailable: %s", path, exc)
        return "fail"
    return "ok"


def _warehouse_path():
    """The current plan's warehouse; the configured one when there is no plan or no database."""
    from safetyplan.settings import warehouse_path

    try:
        from safetyplan.web.dashboard.monitor import warehouse_file
        from safetyplan.web.plans.seeding import current_plan

        plan = current_plan()
    except Exception:  # the database check reports that; the warehouse is checked anyway
        plan = None
    if plan is not None:
        return warehouse_file(plan)
    return warehouse_path().absolute()


@login_not_required
@require_GET
def vega_bundle(request):
    etag = f'"{vega.bundle_etag()}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    response = HttpResponse(vega.vega_bundle(), content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_not_required
@require_GET
def chart_locale(request):
    """Number and date formats for the charts in the page's language (nl: 1.234,5)."""
    locale = "nl-NL" if (get_language() or "nl").startswith("nl") else "en-GB"
    body = {"format": vega.format_locale(locale), "time": vega.time_format_locale(locale)}
    response = HttpResponse(
        f"window.SAFETYPLAN_CHART_LOCALE = {json.dumps(body)};",
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["Vary"] = "Accept-Language, Cookie"
    return response


@login_not_required
def favicon(request):
    return HttpResponse(status=204)


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")
