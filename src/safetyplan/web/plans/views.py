# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from safetyplan.web.history.services import changes_for, record_changes, snapshot
from safetyplan.web.organisations.permissions import can_edit_goals

from .forms import GoalForm
from .models import Goal
from .seeding import current_plan


def _goal(code) -> Goal:
    plan = current_plan()
    if plan is None:
        raise Http404(_("No plan has been loaded."))
    return get_object_or_404(Goal.objects.select_related("theme"), plan=plan, code=code)


def goal_edit(request, code):
    if not can_edit_goals(request.user):
        raise PermissionDenied
    goal = _goal(code)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        before = snapshot(Goal.objects.get(pk=goal.pk), Goal.EDITABLE_FIELDS)
        with transaction.atomic():
            goal = form.save(commit=False)
            goal.updated_by = request.user
            goal.save()
            record_changes(
                request.user,
                goal,
                before,
                snapshot(goal, Goal.EDITABLE_FIELDS),
                comment=form.cleaned_data.get("comment", ""),
            )
        messages.success(request, _("The goal has been saved."))
        return redirect("goal", code=goal.code)
    return render(request, "plans/goal_form.html", {"goal": goal, "form": form})


def goal_history(request, code):
    goal = _goal(code)
    return render(request, "plans/goal_history.html", {"goal": goal, "changes": changes_for(goal)})
