# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import admin

from safetyplan.web.history.admin_mixin import HistoryAdminMixin

from .models import Goal, GoalYearTarget, Objective, Plan, Strategy, Theme


@admin.register(Plan)
class PlanAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "code", "period_start", "period_end", "is_current", "seeded_at")
    readonly_fields = ("document", "seeded_at")


@admin.register(Theme, Strategy, Objective)
class NamedAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "plan", "order")
    list_filter = ("plan",)


class YearTargetInline(admin.TabularInline):
    model = GoalYearTarget
    extra = 0


@admin.register(Goal)
class GoalAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "theme", "baseline_year", "baseline", "target_year", "target")
    list_filter = ("plan", "theme")
    inlines = [YearTargetInline]
