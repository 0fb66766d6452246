# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import admin

from .models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "object_repr", "action", "user")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "comment")
    readonly_fields = [f.name for f in Change._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # append-only for every role, superusers included
