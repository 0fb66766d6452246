# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from rest_framework import serializers

from safetyplan.bounds import MAX_FIGURE
from safetyplan.web.annualplans.models import Activity
from safetyplan.web.core.fields import FiniteFloatField
from safetyplan.web.organisations.models import Organisation
from safetyplan.web.plans.models import Goal, Strategy, Theme
from safetyplan.web.plans.seeding import current_plan
from safetyplan.web.priorities.models import ThemePriority


class CodeField(serializers.SlugRelatedField):
    """A reference by code. Text no database can store (NUL, lone surrogates) is an invalid
    code, not a server error (PostgreSQL refuses NUL in text)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and ("\x00" in data or _has_surrogates(data)):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class PlanCodeField(CodeField):
    """A theme, strategy or goal of the current plan, by its code (codes repeat across
    plans)."""

    def get_queryset(self):
        plan = current_plan()
        queryset = super().get_queryset()
        return queryset.filter(plan=plan) if plan is not None else queryset.none()


class GoalSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    baseline = FiniteFloatField(
        min_value=-MAX_FIGURE, max_value=MAX_FIGURE, allow_null=True, required=False
    )
    target = FiniteFloatField(
        min_value=-MAX_FIGURE, max_value=MAX_FIGURE, allow_null=True, required=False
    )

    class Meta:
        model = Goal
        fields = [
            "code",
            "name",
            "name_en",
            "theme",
            "indicator",
            "unit",
            "direction",
            "baseline_year",
            "baseline",
            "target_year",
            "target",
            "target_pending",
            "target_pending_en",
            "note",
            "updated_at",
        ]
        read_only_fields = [
            "code",
            "name",
            "name_en",
            "theme",
            "indicator",
            "unit",
            "direction",
            "updated_at",
        ]


class ActivitySerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="annual_plan.year", read_only=True)
    owner = CodeField(slug_field="code", queryset=Organisation.objects.all())
    themes = PlanCodeField(
        slug_field="code", many=True, queryset=Theme.objects.all(), required=False
    )
    strategies = PlanCodeField(
        slug_field="code", many=True, queryset=Strategy.objects.all(), required=False
    )
    goals = PlanCodeField(slug_field="code", many=True, queryset=Goal.objects.all(), required=False)

    class Meta:
        model = Activity
        fields = ["id", "year", *Activity.TRACKED_FIELDS, "updated_at"]
        read_only_fields = ["id", "year", "updated_at"]


class ThemePrioritySerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ThemePriority
        fields = ["id", "municipality", "theme", "level", "note", "updated_at"]
        read_only_fields = ["id", "municipality", "theme", "updated_at"]
