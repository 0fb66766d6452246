# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan.web.history.services import changes_for, record_changes, snapshot
from safetyplan.web.organisations.permissions import (
    can_add_activities,
    can_edit_activity,
    can_edit_goals,
    is_administrator,
    organisation_of,
)
from safetyplan.web.plans.models import GoalYearTarget
from safetyplan.web.plans.seeding import current_plan

from .forms import ActivityFilterForm, ActivityForm, AnnualPlanForm, ProgressNoteForm
from .models import Activity, AnnualPlan


def _plan():
    plan = current_plan()
    if plan is None:
        raise Http404(_("No plan has been loaded."))
    return plan


def _annual_plan(plan, year: int) -> AnnualPlan:
    if not plan.period_start <= year <= plan.period_end:
        raise Http404(_("This year lies outside the plan period."))
    annual_plan, _created = AnnualPlan.objects.get_or_create(plan=plan, year=year)
    return annual_plan


def current_year(request):
    plan = _plan()
    year = min(max(datetime.date.today().year, plan.period_start), plan.period_end)
    return redirect("annualplan", year=year)


def annual_plan(request, year):
    plan = _plan()
    annual = _annual_plan(plan, year)
    filters = ActivityFilterForm(request.GET or None, plan=plan)
    activities = annual.activities.select_related("owner").prefetch_related("themes", "goals")
    if filters.is_valid():
        if filters.cleaned_data["theme"]:
            activities = activities.filter(themes=filters.cleaned_data["theme"])
        if filters.cleaned_data["status"]:
            activities = activities.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["mine"] and organisation_of(request.user):
            activities = activities.filter(owner=organisation_of(request.user))
    rows = [{"activity": a, "can_edit": can_edit_activity(request.user, a)} for a in activities]
    context = {
        "plan": plan,
        "annual": annual,
        "rows": rows,
        "filters": filters,
        "years": plan.years,
        "can_add": can_add_activities(request.user),
        "can_edit_plan": is_administrator(request.user),
        "can_set_targets": can_edit_goals(request.user),
        "goal_targets": _goal_targets(plan, year),
        "nav": "annualplan",
    }
    template = (
        "annualplans/_activity_table.html" if request.htmx else "annualplans/annual_plan.html"
    )
    return render(request, template, context)


def _goal_targets(plan, year):
    targets = {
        t.goal_id: t.value for t in GoalYearTarget.objects.filter(goal__plan=plan, year=year)
    }
    return [{"goal": g, "value": targets.get(g.pk)} for g in plan.goals.all()]


@require_POST
def annual_plan_settings(request, year):
    if not is_administrator(request.user):
        raise PermissionDenied
    annual = _annual_plan(_plan(), year)
    before = snapshot(annual, ["status", "adopted_on", "introduction"])
    form = AnnualPlanForm(request.POST, instance=annual)
    if form.is_valid():
        form.save()
        record_changes(
            request.user, annual, before, snapshot(annual, ["status", "adopted_on", "introduction"])
        )
        messages.success(request, _("The annual plan has been saved."))
    else:
        messages.error(request, _("The annual plan was not saved: check the fields."))
    return redirect("annualplan", year=year)


@require_POST
def set_goal_targets(request, year):
    """The yearly values of the goals for this annual plan (jaarschijf)."""
    if not can_edit_goals(request.user):
        raise PermissionDenied
    plan = _plan()
    _annual_plan(plan, year)
    errors = []
    with transaction.atomic():
        for goal in plan.goals.all():
            raw = request.POST.get(f"goal-{goal.pk}", "").strip().replace(",", ".")
            existing = GoalYearTarget.objects.filter(goal=goal, year=year).first()
            old = existing.value if existing else None
            if raw == "":
                new = None
            else:
                try:
                    new = float(raw)
                except ValueError:
                    errors.append(goal.display_name)
                    continue
            if new == old:
                continue
            if new is None:
                existing.delete()
            else:
                GoalYearTarget.objects.update_or_create(
                    goal=goal, year=year, defaults={"value": new}
                )
            goal.updated_by = request.user
            goal.save(update_fields=["updated_by", "updated_at"])
            record_changes(
                request.user,
                goal,
                {f"target {year}": old},
                {f"target {year}": new},
                comment=_("Yearly target in the annual plan %(year)s") % {"year": year},
            )
    if errors:
        messages.error(request, _("Not a number: %(goals)s") % {"goals": ", ".join(errors)})
    else:
        messages.success(request, _("The yearly targets have been saved."))
    return redirect("annualplan", year=year)


def activity_create(request, year):
    if not can_add_activities(request.user):
        raise PermissionDenied
    plan = _plan()
    annual = _annual_plan(plan, year)
    form = ActivityForm(request.POST or None, user=request.user, plan=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity = form.save(commit=False)
            activity.annual_plan = annual
            activity.created_by = request.user
            activity.save()
            form.save_m2m()
            record_changes(request.user, activity, {}, snapshot(activity, Activity.TRACKED_FIELDS))
        messages.success(request, _("The activity has been added."))
        return redirect("activity", pk=activity.pk)
    return render(
        request,
        "annualplans/activity_form.html",
        {"form": form, "annual": annual, "nav": "annualplan"},
    )


def _activity(pk) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("annual_plan", "owner").prefetch_related(
            "themes", "strategies", "goals"
        ),
        pk=pk,
        annual_plan__plan__is_current=True,
    )


def activity_detail(request, pk):
    activity = _activity(pk)
    can_edit = can_edit_activity(request.user, activity)
    return render(
        request,
        "annualplans/activity_detail.html",
        {
            "activity": activity,
            "can_edit": can_edit,
            "note_form": ProgressNoteForm() if can_edit else None,
            "notes": activity.notes.select_related("author"),
            "changes": changes_for(activity),
            "nav": "annualplan",
        },
    )


def activity_edit(request, pk):
    activity = _activity(pk)
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied
    plan = activity.annual_plan.plan
    form = ActivityForm(request.POST or None, instance=activity, user=request.user, plan=plan)
    if request.method == "POST" and form.is_valid():
        before = snapshot(_activity(pk), Activity.TRACKED_FIELDS)
        with transaction.atomic():
            activity = form.save()
            record_changes(
                request.user, activity, before, snapshot(activity, Activity.TRACKED_FIELDS)
            )
        messages.success(request, _("The activity has been saved."))
        return redirect("activity", pk=activity.pk)
    return render(
        request,
        "annualplans/activity_form.html",
        {"form": form, "annual": activity.annual_plan, "activity": activity, "nav": "annualplan"},
    )


@require_POST
def activity_note(request, pk):
    activity = _activity(pk)
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        note = form.save(commit=False)
        note.activity = activity
        note.author = request.user
        note.save()
        activity.save(update_fields=["updated_at"])
    if request.htmx:
        return render(
            request,
            "annualplans/_notes.html",
            {
                "notes": activity.notes.select_related("author"),
                "activity": activity,
                "note_form": ProgressNoteForm(),
                "can_edit": True,
                "form_errors": form.errors,
            },
        )
    if form.is_valid():
        messages.success(request, _("The progress note has been added."))
    return redirect("activity", pk=activity.pk)
