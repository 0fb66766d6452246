# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Pages of the events calendar: list and month views, one event with its risk scan, the
intake form, the clash list, capacity, import and export."""

import calendar
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan.errors import DataError
from safetyplan.events import days_touched

from . import services
from .forms import CapacityForm, DemandForm, EventForm, ImportForm, OverrideForm, PeriodForm
from .models import Capacity, ClassDemand, Event
from .permissions import (
    can_add_events,
    can_edit_event,
    can_manage_capacity,
    can_override_class,
    municipalities_for,
)

DEFAULT_DAYS = 90


def _period(request) -> tuple[PeriodForm, date, date]:
    form = PeriodForm(request.GET or None)
    first = timezone.localdate()
    last = first + timedelta(days=DEFAULT_DAYS)
    if form.is_valid():
        first = form.cleaned_data["start"] or first
        last = form.cleaned_data["end"] or max(last, first)
    return form, first, last


def _context(request, **extra) -> dict:
    return {
        "nav": "events",
        "may_add": can_add_events(request.user),
        "may_manage_capacity": can_manage_capacity(request.user),
        **extra,
    }


def event_list(request):
    form, first, last = _period(request)
    events = services.events_between(first, last)
    municipality = request.GET.get("municipality", "").strip()
    if municipality:
        events = events.filter(municipality__code=municipality)
    today = timezone.localdate()
    return render(
        request,
        "events/list.html",
        _context(
            request,
            form=form,
            events=events,
            first=first,
            last=last,
            today=today,
            query=request.GET.urlencode(),
        ),
    )


def event_month(request, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 1901 <= year <= 2198):  # the grid's edges stay in range
        raise Http404
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    on_day: dict[date, list[Event]] = {}
    for event in services.events_between(first, last):
        for day in days_touched(event.start, event.end):
            on_day.setdefault(day, []).append(event)
    clash_days = {date.fromisoformat(c["date"]) for c in services.clashes(first, last)}
    grid = [
        [
            {
                "day": d,
                "in_month": d.month == month,
                "events": on_day.get(d, []),
                "clash": d in clash_days,
                "today": d == today,
            }
            for d in week
        ]
        for week in weeks
    ]
    previous = date(year, month, 1) - timedelta(days=1)
    following = date(year, month, 28) + timedelta(days=7)
    return render(
        request,
        "events/month.html",
        _context(
            request,
            grid=grid,
            month_start=date(year, month, 1),
            previous=previous,
            following=following,
        ),
    )


def event_detail(request, pk):
    event = get_object_or_404(Event.objects.select_related("municipality", "overridden_by"), pk=pk)
    return _detail(
        request,
        event,
        OverrideForm(
            initial={
                "class_override": event.class_override,
                "override_reason": event.override_reason,
            }
        ),
    )


def _detail(request, event, override_form, status=200):
    per_class = services.class_demand()
    return render(
        request,
        "events/detail.html",
        _context(
            request,
            event=event,
            explanation=services.explanation_dict(event),
            may_edit=can_edit_event(request.user, event),
            may_override=can_override_class(request.user, event),
            override_form=override_form,
            demand=services.demand_of(event, per_class),
            days=days_touched(event.start, event.end),
        ),
        status=status,
    )


def _form_page(request, form, event=None, status=200):
    return render(
        request, "events/form.html", _context(request, form=form, event=event), status=status
    )


def event_new(request):
    if not can_add_events(request.user):
        raise PermissionDenied
    return _save_form(request, None)


def event_edit(request, pk):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
    if not can_edit_event(request.user, event):
        raise PermissionDenied
    return _save_form(request, event)


def _save_form(request, event):
    municipalities = municipalities_for(request.user)
    form = EventForm(
        request.POST or None,
        user=request.user,
        municipalities=municipalities,
        event=event,
        may_override=event is None or can_override_class(request.user, event),
    )
    if request.method != "POST":
        return _form_page(request, form, event)
    if not form.is_valid():
        return _form_page(request, form, event, status=400)
    allowed = set(municipalities.values_list("code", flat=True))
    try:
        saved, _outcome = services.save_record(form.record(), request.user, allowed)
    except PermissionError:
        raise PermissionDenied from None
    except DataError as exc:
        form.add_error(None, str(exc))
        return _form_page(request, form, event, status=400)
    messages.success(request, _("Event saved: class %(cls)s.") % {"cls": saved.risk_class})
    return redirect("event_detail", pk=saved.pk)


@require_POST
def event_override(request, pk):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
    if not can_override_class(request.user, event):
        raise PermissionDenied
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _detail(request, event, form, status=400)
    services.set_override(
        event,
        form.cleaned_data["class_override"],
        form.cleaned_data["override_reason"],
        request.user,
    )
    messages.success(request, _("Class saved: %(cls)s.") % {"cls": event.risk_class})
    return redirect("event_detail", pk=event.pk)


def clash_list(request):
    form, first, last = _period(request)
    found = services.clashes(first, last)
    for clash in found:
        clash["day"] = date.fromisoformat(clash["date"])
    return render(
        request,
        "events/clashes.html",
        _context(
            request,
            form=form,
            clashes=found,
            first=first,
            last=last,
            per_class=services.class_demand(),
        ),
    )


def capacity(request):
    may = can_manage_capacity(request.user)
    form = CapacityForm(request.POST or None, areas=services.capacity_areas(), prefix="cap")
    demand_form = DemandForm(request.POST or None, current=services.class_demand(), prefix="demand")
    if request.method == "POST":
        if not may:
            raise PermissionDenied
        if "demand-submit" in request.POST:
            if demand_form.is_valid():
                for cls in ("A", "B", "C"):
                    ClassDemand.objects.update_or_create(
                        risk_class=cls,
                        defaults={"officers": demand_form.cleaned_data[f"demand_{cls}"]},
                    )
                messages.success(request, _("Expected demand per class saved."))
                return redirect("event_capacity")
        elif form.is_valid():
            d = form.cleaned_data
            last = d["end"] or d["start"]
            for n in range((last - d["start"]).days + 1):
                services.set_capacity(d["area"], d["start"] + timedelta(days=n), d["officers"])
            messages.success(request, _("Capacity saved."))
            return redirect("event_capacity")
    period_form, first, last = _period(request)
    rows = Capacity.objects.select_related("area").filter(day__gte=first, day__lte=last)
    return render(
        request,
        "events/capacity.html",
        _context(
            request,
            form=form,
            demand_form=demand_form,
            may=may,
            rows=rows,
            period_form=period_form,
            first=first,
            last=last,
        ),
        status=400 if request.method == "POST" else 200,
    )


def export(request, fmt):
    form, first, last = _period(request)
    return services.export_response(first, last, fmt)


def import_events(request):
    municipalities = municipalities_for(request.user)
    if not municipalities.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        allowed = set(municipalities.values_list("code", flat=True))
        try:
            records = services.read_upload(upload.read(), upload.name)
            summary = services.import_records(records, request.user, allowed, upload.name)
        except (DataError, PermissionError) as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _("Imported: %(created)d new, %(updated)d changed, %(unchanged)d unchanged.")
                % summary.as_dict(),
            )
            return redirect("event_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "events/import.html", _context(request, form=form), status=status)
