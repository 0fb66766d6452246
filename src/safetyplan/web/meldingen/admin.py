# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Admin for the register. The reporter's contact details are deliberately absent: they are
read only through the audited page and API endpoint."""

from django.contrib import admin

from .models import ContactView, Melding, MeldingEvent


class EventInline(admin.TabularInline):
    model = MeldingEvent
    extra = 0
    fields = ("type", "at", "note", "recorded_by", "recorded_at")
    readonly_fields = ("recorded_by", "recorded_at")


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = (
        "external_id",
        "source",
        "kind",
        "category",
        "received_at",
        "municipality",
        "base_team",
        "hic",
    )
    list_filter = ("kind", "hic", "channel", "source", "is_example")
    search_fields = ("external_id", "category", "base_team", "municipality")
    date_hierarchy = "received_at"
    readonly_fields = ("created_at", "created_by", "contact_purged_at")
    inlines = [EventInline]


@admin.register(ContactView)
class ContactViewAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "melding_ref", "channel", "granted")
    list_filter = ("granted", "channel")
    search_fields = ("username", "melding_ref")
    readonly_fields = [f.name for f in ContactView._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
