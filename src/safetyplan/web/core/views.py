"""Pages and files that need no login: health check, chart bundle, accessibility statement."""

import json

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import vega


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
    """200 when the database answers; for load balancers and the test harness."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


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
