# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan.web.history.services import record_changes
from safetyplan.web.organisations.models import Organisation
from safetyplan.web.organisations.permissions import can_edit_priorities, organisation_of
from safetyplan.web.plans.seeding import current_plan

from .forms import LocalPriorityForm, priority_formset
from .models import Level, LocalPriority, ThemePriority


def _plan():
    plan = current_plan()
    if plan is None:
        raise Http404(_("No plan has been loaded."))
    return plan


def _municipalities(plan):
    return Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY, code__in=plan.municipality_codes
    ).order_by("name")


def matrix(request):
    plan = _plan()
    themes = list(plan.themes.all())
    cells = {(p.municipality_id, p.theme_id): p for p in ThemePriority.objects.filter(plan=plan)}
    local = {}
    for item in LocalPriority.objects.filter(plan=plan):
        local.setdefault(item.municipality_id, []).append(item)
    rows = [
        {
            "municipality": m,
            "cells": [cells.get((m.pk, t.pk)) for t in themes],
            "local": local.get(m.pk, []),
            "can_edit": can_edit_priorities(request.user, m),
        }
        for m in _municipalities(plan)
    ]
    totals = [
        sum(1 for r in rows if r["cells"][i] and r["cells"][i].level == Level.HIGH)
        for i in range(len(themes))
    ]
    own = organisation_of(request.user)
    return render(
        request,
        "priorities/matrix.html",
        {
            "plan": plan,
            "themes": themes,
            "rows": rows,
            "totals": totals,
            # the plan's own overview is a figure the text does not hold: nothing to seed
            "empty": not cells and not local,
            "own": own if own and own.is_municipality else None,
            "nav": "priorities",
        },
    )


def _municipality(plan, code) -> Organisation:
    if code not in plan.municipality_codes:
        raise Http404(_("This municipality is not part of the plan's territory."))
    return get_object_or_404(Organisation, code=code, kind=Organisation.Kind.MUNICIPALITY)


def edit(request, code):
    plan = _plan()
    municipality = _municipality(plan, code)
    if not can_edit_priorities(request.user, municipality):
        raise PermissionDenied
    themes = list(plan.themes.all())
    existing = {
        p.theme_id: p for p in ThemePriority.objects.filter(plan=plan, municipality=municipality)
    }
    formset = priority_formset(themes, existing, data=request.POST or None)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for theme, form in zip(themes, formset, strict=True):
                _save_cell(
                    request.user,
                    plan,
                    municipality,
                    theme,
                    existing.get(theme.pk),
                    form.cleaned_data,
                )
        messages.success(
            request, _("The priorities of %(name)s have been saved.") % {"name": municipality.name}
        )
        return redirect("priorities_edit", code=code)
    return render(
        request,
        "priorities/edit.html",
        {
            "plan": plan,
            "municipality": municipality,
            "rows": list(zip(themes, formset, strict=True)),
            "formset": formset,
            "local": LocalPriority.objects.filter(plan=plan, municipality=municipality),
            "local_form": LocalPriorityForm(),
            "nav": "priorities",
            "changes": _changes(plan, municipality),
        },
    )


def _save_cell(user, plan, municipality, theme, cell, data):
    before = {"level": cell.level, "note": cell.note} if cell else {}
    after = {"level": data["level"], "note": data["note"]}
    if cell is None and not data["level"] and not data["note"]:
        return
    if cell is None:
        cell = ThemePriority(plan=plan, municipality=municipality, theme=theme)
    if before == after:
        return
    cell.level, cell.note, cell.updated_by = data["level"], data["note"], user
    cell.save()
    record_changes(user, cell, before, after)


def _changes(plan, municipality):
    from django.contrib.contenttypes.models import ContentType

    from safetyplan.web.history.models import Change

    ids = [
        str(pk)
        for pk in ThemePriority.objects.filter(plan=plan, municipality=municipality).values_list(
            "pk", flat=True
        )
    ]
    local_ids = [
        str(pk)
        for pk in LocalPriority.objects.filter(plan=plan, municipality=municipality).values_list(
            "pk", flat=True
        )
    ]
    return (
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(ThemePriority), object_id__in=ids
        )
        | Change.objects.filter(
            content_type=ContentType.objects.get_for_model(LocalPriority), object_id__in=local_ids
        )
    ).select_related("user")[:20]


@require_POST
def add_local(request, code):
    plan = _plan()
    municipality = _municipality(plan, code)
    if not can_edit_priorities(request.user, municipality):
        raise PermissionDenied
    form = LocalPriorityForm(request.POST)
    if form.is_valid():
        item = form.save(commit=False)
        item.plan, item.municipality = plan, municipality
        item.save()
        record_changes(
            request.user, item, {}, {"title": item.title, "description": item.description}
        )
        messages.success(request, _("The local priority has been added."))
    else:
        messages.error(request, _("Give the local priority a title."))
    return redirect("priorities_edit", code=code)


@require_POST
def delete_local(request, code, pk):
    plan = _plan()
    municipality = _municipality(plan, code)
    if not can_edit_priorities(request.user, municipality):
        raise PermissionDenied
    item = get_object_or_404(LocalPriority, pk=pk, plan=plan, municipality=municipality)
    record_changes(request.user, item, {"title": item.title}, {"title": None}, action="deleted")
    item.delete()
    messages.success(request, _("The local priority has been removed."))
    return redirect("priorities_edit", code=code)


def history(request, code):
    plan = _plan()
    municipality = _municipality(plan, code)
    return render(
        request,
        "priorities/history.html",
        {
            "municipality": municipality,
            "changes": _changes(plan, municipality),
            "nav": "priorities",
        },
    )
