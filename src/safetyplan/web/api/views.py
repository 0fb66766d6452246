# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from safetyplan.web.annualplans.models import Activity, AnnualPlan
from safetyplan.web.dashboard import monitor
from safetyplan.web.history.services import record_changes, snapshot
from safetyplan.web.organisations.permissions import (
    can_add_activities,
    can_edit_activity,
    can_edit_goals,
    can_edit_priorities,
)
from safetyplan.web.plans.models import Goal
from safetyplan.web.plans.seeding import current_plan
from safetyplan.web.priorities.models import ThemePriority

from .serializers import ActivitySerializer, GoalSerializer, ThemePrioritySerializer


def _plan():
    plan = current_plan()
    if plan is None:
        raise ValidationError(_("No plan has been loaded."))
    return plan


class GoalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The current plan's goals; analysts of the unit and administrators may change targets."""

    serializer_class = GoalSerializer
    lookup_field = "code"

    def get_queryset(self):
        return Goal.objects.filter(plan=_plan()).select_related("theme")

    def get_object(self):
        if "\x00" in self.kwargs.get(self.lookup_field, ""):  # PostgreSQL refuses NUL
            raise NotFound()
        return super().get_object()

    def perform_update(self, serializer):
        if not can_edit_goals(self.request.user):
            raise PermissionDenied()
        before = snapshot(serializer.instance, Goal.EDITABLE_FIELDS)
        goal = serializer.save(updated_by=self.request.user)
        record_changes(
            self.request.user, goal, before, snapshot(goal, Goal.EDITABLE_FIELDS), comment="API"
        )


class ActivityViewSet(viewsets.ModelViewSet):
    """Annual-plan activities; filter with ?year=YYYY."""

    serializer_class = ActivitySerializer

    def get_queryset(self):
        qs = Activity.objects.filter(annual_plan__plan=_plan()).select_related(
            "annual_plan", "owner"
        )
        year = self.request.query_params.get("year")
        if year and year.isdigit():
            qs = qs.filter(annual_plan__year=int(year))
        return qs.prefetch_related("themes", "strategies", "goals")

    @extend_schema(parameters=[OpenApiParameter("year", int, required=True)])
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        user = self.request.user
        owner = serializer.validated_data["owner"]
        if not can_add_activities(user) or not can_edit_activity(user, Activity(owner=owner)):
            raise PermissionDenied()
        plan = _plan()
        try:
            year = int(self.request.query_params.get("year") or self.request.data.get("year"))
        except (TypeError, ValueError):
            raise ValidationError({"year": _("This field is required.")}) from None
        if not plan.period_start <= year <= plan.period_end:
            raise ValidationError({"year": _("Outside the plan period.")})
        annual, _created = AnnualPlan.objects.get_or_create(plan=plan, year=year)
        with transaction.atomic():
            activity = serializer.save(annual_plan=annual, created_by=user)
            record_changes(user, activity, {}, snapshot(activity, Activity.TRACKED_FIELDS))

    def perform_update(self, serializer):
        user = self.request.user
        if not can_edit_activity(user, serializer.instance):
            raise PermissionDenied()
        new_owner = serializer.validated_data.get("owner")
        if new_owner is not None and not can_edit_activity(user, Activity(owner=new_owner)):
            raise PermissionDenied()
        before = snapshot(serializer.instance, Activity.TRACKED_FIELDS)
        activity = serializer.save()
        record_changes(user, activity, before, snapshot(activity, Activity.TRACKED_FIELDS))

    def perform_destroy(self, instance):
        if not can_edit_activity(self.request.user, instance):
            raise PermissionDenied()
        record_changes(
            self.request.user,
            instance,
            {"title": instance.title},
            {"title": None},
            action="deleted",
        )
        instance.delete()


class ThemePriorityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ThemePrioritySerializer

    def get_queryset(self):
        return ThemePriority.objects.filter(plan=_plan()).select_related("municipality", "theme")

    def perform_update(self, serializer):
        if not can_edit_priorities(self.request.user, serializer.instance.municipality):
            raise PermissionDenied()
        before = {"level": serializer.instance.level, "note": serializer.instance.note}
        cell = serializer.save(updated_by=self.request.user)
        record_changes(self.request.user, cell, before, {"level": cell.level, "note": cell.note})


class MonitorView(APIView):
    """The monitor's result per goal (the JSON of ``safetyplan monitor``), with edited targets."""

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        plan = _plan()
        try:
            year = int(request.query_params.get("year", monitor.default_year(plan)))
        except ValueError:
            raise ValidationError({"year": _("Not a year.")}) from None
        try:
            return Response(monitor.goal_results(plan, year))
        except monitor.MonitorUnavailable as exc:
            return Response({"detail": str(exc)}, status=503)
