# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Recording and reading changes. Views call :func:`record_changes` after a save."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .models import Change


def _plain(value):
    """A JSON-safe form of a field value (model instances by their text)."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def snapshot(instance, fields) -> dict:
    """The current values of ``fields`` (many-to-many fields as sorted lists of names)."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = (
                sorted(str(v) for v in getattr(instance, name).all()) if instance.pk else []
            )
        else:
            values[name] = _plain(getattr(instance, name))
    return values


def diff(before: dict, after: dict) -> dict:
    return {
        name: {"old": before.get(name), "new": after.get(name)}
        for name in after
        if before.get(name) != after.get(name)
    }


def record_changes(
    user, instance, before: dict, after: dict, *, action=None, comment=""
) -> Change | None:
    """Write one Change for the fields that differ; nothing when nothing changed."""
    changes = diff(before, after)
    if action is None:
        action = Change.Action.CREATED if not before else Change.Action.UPDATED
    if not changes and action == Change.Action.UPDATED:
        return None
    return Change.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        changes=changes,
        comment=comment,
    )


def changes_for(instance):
    return Change.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("user")


def _field(model, name: str):
    """The model's field, or None when the model or the field no longer exists."""
    try:
        return model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return None


def _shown(field, value):
    """A stored value as the pages show it: a choice by its (translated) label."""
    if isinstance(value, list):  # many-to-many: the names, not a Python list
        return ", ".join(str(v) for v in value) or None
    if field is None or not field.choices:
        return value
    return dict(field.flatchoices).get(value, value)


def labelled_changes(change: Change) -> list[tuple[str, object, object]]:
    """(field label, old, new) per changed field, in the user's language; a field that no
    longer exists keeps its raw name and values."""
    model = ContentType.objects.get_for_id(change.content_type_id).model_class()  # cached
    rows = []
    for name, values in change.changes.items():
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        rows.append((label, _shown(field, values.get("old")), _shown(field, values.get("new"))))
    return rows
