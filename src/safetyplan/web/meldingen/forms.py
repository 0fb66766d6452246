# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MeldingEvent


class EventForm(forms.Form):
    type = forms.ChoiceField(label=_("Event"), choices=MeldingEvent.Types.choices)
    at = forms.DateTimeField(
        label=_("At"),
        initial=timezone.localtime,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, melding=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.melding = melding

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at > timezone.now() + timezone.timedelta(minutes=10):
            raise forms.ValidationError(_("This moment lies in the future."))
        if self.melding is not None and at < self.melding.received_at:
            raise forms.ValidationError(_("This moment lies before the report was received."))
        return at


class ComplianceFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    base_team = forms.CharField(label=_("Base team"), required=False, max_length=40)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=6)
