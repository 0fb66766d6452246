# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Edits made in the Django admin land in the history too (issue 14: every save path)."""

from .services import record_changes, snapshot


def _fields(model, names) -> list[str]:
    concrete = {f.name for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    return [n for n in names if n in concrete]


class HistoryAdminMixin:
    """Records the admin's saves and deletions as :class:`Change` rows (comment 'admin')."""

    def save_model(self, request, obj, form, change):
        fields = _fields(type(obj), form.changed_data if change else form.fields)
        before = {}
        if change and obj.pk is not None:
            stored = type(obj).objects.filter(pk=obj.pk).first()
            before = snapshot(stored, fields) if stored is not None else {}
        super().save_model(request, obj, form, change)
        record_changes(request.user, obj, before, snapshot(obj, fields), comment="admin")

    def delete_model(self, request, obj):
        record_changes(
            request.user,
            obj,
            {"object": str(obj)},
            {"object": None},
            action="deleted",
            comment="admin",
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
