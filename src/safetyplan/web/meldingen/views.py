# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Pages of the register: the work queue of overdue promises, one report, its contact details
(audited), and compliance per standard."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ComplianceFilterForm, EventForm
from .models import Melding
from .permissions import (
    base_team_of,
    can_record_event,
    can_view_contact,
    is_service_centre,
    work_queue_scope,
)


def work_queue(request):
    scope = work_queue_scope(request.user)
    requested = request.GET.get("base_team", "").strip()
    if requested and (scope is None or requested == scope):
        scope = requested
    items = services.work_queue(base_team=scope)
    return render(
        request,
        "meldingen/work_queue.html",
        {
            "nav": "meldingen",
            "items": items,
            "overdue_count": sum(1 for i in items if i.overdue),
            "scope": scope,
            "is_service_centre": is_service_centre(request.user),
            "own_team": base_team_of(request.user),
        },
    )


def melding_detail(request, pk):
    melding = get_object_or_404(Melding.objects.prefetch_related("events__recorded_by"), pk=pk)
    return render(
        request,
        "meldingen/melding_detail.html",
        {
            "nav": "meldingen",
            "melding": melding,
            "events": melding.events.all(),
            "may_record": can_record_event(request.user, melding),
            "may_view_contact": can_view_contact(request.user, melding),
            "may_read_notes": services.may_read_notes(melding, request.user, "web"),
            "form": EventForm(melding=melding),
        },
    )


@require_POST
def add_event(request, pk):
    melding = get_object_or_404(Melding, pk=pk)
    if not can_record_event(request.user, melding):
        raise PermissionDenied
    form = EventForm(request.POST, melding=melding)
    if form.is_valid():
        services.add_event(melding, user=request.user, **form.cleaned_data)
        messages.success(request, _("Event recorded."))
        return redirect("melding_detail", pk=melding.pk)
    return render(
        request,
        "meldingen/melding_detail.html",
        {
            "nav": "meldingen",
            "melding": melding,
            "events": melding.events.all(),
            "may_record": True,
            "may_view_contact": can_view_contact(request.user, melding),
            "form": form,
        },
        status=400,
    )


def contact(request, pk):
    """Show the reporter's contact details; every request lands in the audit log."""
    melding = get_object_or_404(Melding, pk=pk)
    details = services.read_contact(melding, request.user, channel="web")  # 403 when refused
    return render(
        request,
        "meldingen/contact.html",
        {
            "nav": "meldingen",
            "melding": melding,
            "contact": details,
        },
    )


def compliance(request):
    form = ComplianceFilterForm(request.GET or None)
    today = timezone.localdate()
    start, end = date(today.year, 1, 1), today
    base_team = municipality = None
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        base_team = form.cleaned_data["base_team"] or None
        municipality = form.cleaned_data["municipality"] or None
    rows = []
    for std in services.standards():
        total, groups = services.compliance_overview(
            std,
            start,
            end,
            base_team=base_team,
            municipality=municipality,
            groupings=("base_team", "municipality"),
        )
        by_team, by_municipality = groups["base_team"], groups["municipality"]
        rows.append(
            {
                "standard": std,
                "total": total,
                "by_team": by_team,
                "by_municipality": by_municipality,
            }
        )
    return render(
        request,
        "meldingen/compliance.html",
        {
            "nav": "meldingen",
            "form": form,
            "rows": rows,
            "start": start,
            "end": end,
        },
    )
