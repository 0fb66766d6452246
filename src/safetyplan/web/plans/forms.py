# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from safetyplan.bounds import MAX_FIGURE

from .models import Goal


class GoalForm(forms.ModelForm):
    comment = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the history, e.g. the RVO decision."),
    )

    class Meta:
        model = Goal
        fields = list(Goal.EDITABLE_FIELDS)
        widgets = {
            "target_pending": forms.Textarea(attrs={"rows": 2}),
            "target_pending_en": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("baseline", "target"):  # finite comes with Django's FloatField
            self.fields[name].validators += [
                MinValueValidator(-MAX_FIGURE),
                MaxValueValidator(MAX_FIGURE),
            ]

    def clean(self):
        data = super().clean()
        baseline_year, target_year = data.get("baseline_year"), data.get("target_year")
        if baseline_year and target_year and target_year < baseline_year:
            self.add_error("target_year", _("The target year lies before the baseline year."))
        if (data.get("baseline") is None) != (baseline_year is None):
            self.add_error("baseline", _("Give both the baseline year and its value, or neither."))
        if data.get("target") is None and not data.get("target_pending"):
            self.add_error("target_pending", _("Without a target value, say why it is still open."))
        if data.get("target") is not None:
            data["target_pending"] = data["target_pending_en"] = ""
        return data
