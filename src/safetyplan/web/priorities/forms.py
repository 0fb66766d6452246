# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level, LocalPriority


class ThemePriorityForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Priority"), required=False, choices=[("", _("not set")), *Level.choices]
    )
    note = forms.CharField(label=_("Explanation"), required=False, max_length=500)


def priority_formset(themes, existing: dict, data=None) -> list[ThemePriorityForm]:
    """One small form per theme (prefix = theme code), filled from the saved cells."""
    forms_ = []
    for theme in themes:
        cell = existing.get(theme.pk)
        initial = {"level": cell.level, "note": cell.note} if cell else {}
        forms_.append(ThemePriorityForm(data=data, initial=initial, prefix=f"theme-{theme.code}"))
    return _FormList(forms_)


class _FormList(list):
    def is_valid(self) -> bool:
        return all(form.is_valid() for form in self)


class LocalPriorityForm(forms.ModelForm):
    class Meta:
        model = LocalPriority
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
