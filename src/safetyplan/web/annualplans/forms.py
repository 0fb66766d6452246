# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django import forms
from django.utils.translation import gettext_lazy as _

from safetyplan.web.organisations.permissions import activity_owners_for
from safetyplan.web.plans.models import Goal, Strategy, Theme

from .models import Activity, AnnualPlan, ProgressNote


class ActivityForm(forms.ModelForm):
    """An activity; the themes, strategies and goals offered are the plan's own, and the
    owners offered are the organisations the user may act for."""

    class Meta:
        model = Activity
        fields = list(Activity.TRACKED_FIELDS)  # what the form edits is what history records
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "themes": forms.CheckboxSelectMultiple,
            "strategies": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
        }

    def __init__(self, *args, user=None, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = activity_owners_for(user)
        owners = self.fields["owner"].queryset
        if not self.instance.pk and owners.count() == 1:
            self.fields["owner"].initial = owners.first().pk
        self.fields["themes"].queryset = Theme.objects.filter(plan=plan)
        self.fields["strategies"].queryset = Strategy.objects.filter(plan=plan)
        self.fields["goals"].queryset = Goal.objects.filter(plan=plan)

    def clean(self):
        data = super().clean()
        # a status or progress someone sets is real: no longer the demo's example value
        if {"status", "progress"} & set(self.changed_data):
            self.instance.example_status = False
        return data


class ProgressNoteForm(forms.ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class AnnualPlanForm(forms.ModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["status", "adopted_on", "introduction"]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }


class ActivityFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(), required=False, label=_("Theme"), empty_label=_("all themes")
    )
    status = forms.ChoiceField(required=False, label=_("Status"))
    mine = forms.BooleanField(required=False, label=_("Only my organisation"))

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(plan=plan)
        self.fields["status"].choices = [("", _("all statuses")), *Activity.Status.choices]
