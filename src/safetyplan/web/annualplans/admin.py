# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import admin

from safetyplan.web.history.admin_mixin import HistoryAdminMixin

from .models import Activity, AnnualPlan, ProgressNote


@admin.register(AnnualPlan)
class AnnualPlanAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("year", "plan", "status", "adopted_on")


class NoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0


@admin.register(Activity)
class ActivityAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "annual_plan", "owner", "status", "progress")
    list_filter = ("annual_plan", "status", "owner__kind")
    search_fields = ("title", "description")
    filter_horizontal = ("themes", "strategies", "goals")
    inlines = [NoteInline]
