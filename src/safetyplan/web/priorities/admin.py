# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import admin

from safetyplan.web.history.admin_mixin import HistoryAdminMixin

from .models import LocalPriority, ThemePriority


@admin.register(ThemePriority)
class ThemePriorityAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("municipality", "theme", "level", "updated_at")
    list_filter = ("level", "theme")


@admin.register(LocalPriority)
class LocalPriorityAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("municipality", "title")
