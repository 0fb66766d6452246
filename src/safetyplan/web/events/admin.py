# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import admin

from safetyplan.web.history.admin_mixin import HistoryAdminMixin

from . import services
from .models import Capacity, ClassDemand, Event


@admin.register(Event)
class EventAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "municipality",
        "start",
        "end",
        "computed_class",
        "class_override",
        "permit_status",
    ]
    list_filter = [
        "computed_class",
        "class_override",
        "permit_status",
        "municipality",
        "is_example",
    ]
    search_fields = ["name", "external_id", "organiser", "location"]
    readonly_fields = ["computed_class", "score", "explanation", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        services.apply_scan(obj)  # the class always follows the answers
        super().save_model(request, obj, form, change)


@admin.register(Capacity)
class CapacityAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["day", "area", "officers"]
    list_filter = ["area"]
    date_hierarchy = "day"


admin.site.register(ClassDemand)
