# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from safetyplan.web.annualplans.models import Activity
from safetyplan.web.evaluation.services import goal_evaluation
from safetyplan.web.history.services import changes_for
from safetyplan.web.organisations.permissions import can_edit_goals
from safetyplan.web.plans.models import Goal
from safetyplan.web.plans.seeding import current_plan

from . import areas, monitor, overview, promises


def _year(request, plan) -> int:
    """The monitor year from ?year=, limited to sensible years; default the plan's last."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return monitor.default_year(plan)
    return (
        year if plan.reference_year <= year <= plan.period_end + 10 else monitor.default_year(plan)
    )


def _years(plan) -> list[int]:
    return list(range(plan.period_start, plan.period_end + 8))


def _no_plan(request):
    return render(request, "dashboard/no_plan.html", status=200)


def dashboard(request):
    plan = current_plan()
    if plan is None:
        return _no_plan(request)
    year = _year(request, plan)
    fragment = overview.overview_html(plan, year)
    if request.htmx:
        return HttpResponse(fragment)
    context = {
        "plan": plan,
        "current_plan": plan,
        "nav": "dashboard",
        "year": year,
        "years": _years(plan),
        "overview_html": fragment,
        "promises_html": promises.promises_html(plan),
    }
    return render(request, "dashboard/dashboard.html", context)


def goal_page(request, code):
    plan = current_plan()
    if plan is None:
        raise Http404(_("No plan has been loaded."))
    goal = get_object_or_404(
        Goal.objects.select_related("theme", "objective"), plan=plan, code=code
    )
    year = _year(request, plan)
    context = {
        "plan": plan,
        "goal": goal,
        "year": year,
        "years": _years(plan),
        "can_edit": can_edit_goals(request.user),
        "changes": changes_for(goal)[:10],
        "activities": Activity.objects.filter(goals=goal)
        .select_related("annual_plan", "owner")
        .order_by("-annual_plan__year", "title"),
        "year_targets": goal.year_targets.all(),
    }
    try:
        context.update(overview.goal_detail(plan, year, goal))
    except monitor.MonitorUnavailable as exc:
        context["unavailable"] = str(exc)
    context.update(goal_evaluation(plan, year, goal))  # never raises for the warehouse
    return render(request, "dashboard/goal.html", context)


def area_map(request):
    plan = current_plan()
    if plan is None:
        return _no_plan(request)
    measure = areas.pick_measure(request.GET.get("measure"))
    context = {"plan": plan, "measures": areas.measure_choices(), "measure": measure}
    try:
        context.update(areas.map_context(plan, measure, request.GET.get("year")))
    except monitor.MonitorUnavailable as exc:
        context["unavailable"] = str(exc)
    template = "dashboard/_area_map.html" if request.htmx else "dashboard/areas.html"
    return render(request, template, context)


def municipality_profile(request, code):
    plan = current_plan()
    if plan is None:
        raise Http404(_("No plan has been loaded."))
    if not areas.is_known_area(plan, code):
        raise Http404(_("This municipality is not part of the plan's territory."))
    measure = areas.pick_measure(request.GET.get("measure"))
    context = {
        "plan": plan,
        "code": code,
        "measures": areas.measure_choices(),
        "measure": measure,
        "area_name": areas.area_name(code),
    }  # the heading, also without figures
    try:
        context.update(areas.profile_context(plan, code, measure))
    except monitor.MonitorUnavailable as exc:
        context["unavailable"] = str(exc)
    context.update(areas.municipality_links(plan, code))
    return render(request, "dashboard/municipality.html", context)
