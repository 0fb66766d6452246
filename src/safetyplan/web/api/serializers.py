from rest_framework import serializers

from safetyplan.web.annualplans.models import Activity
from safetyplan.web.organisations.models import Organisation
from safetyplan.web.plans.models import Goal, Strategy, Theme
from safetyplan.web.priorities.models import ThemePriority


class GoalSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)

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
    owner = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    themes = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Theme.objects.all(), required=False
    )
    strategies = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Strategy.objects.all(), required=False
    )
    goals = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Goal.objects.all(), required=False
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "year",
            "title",
            "description",
            "owner",
            "status",
            "progress",
            "due",
            "themes",
            "strategies",
            "goals",
            "updated_at",
        ]
        read_only_fields = ["id", "year", "updated_at"]


class ThemePrioritySerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ThemePriority
        fields = ["id", "municipality", "theme", "level", "note", "updated_at"]
        read_only_fields = ["id", "municipality", "theme", "updated_at"]
