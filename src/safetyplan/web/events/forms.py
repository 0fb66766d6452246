# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The event form with the risk scan, the capacity form and the filters of the pages."""

import uuid

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyplan.bounds import MAX_OFFICERS, MAX_VISITORS
from safetyplan.csvsafe import check_upload_size
from safetyplan.errors import DataError
from safetyplan.events import EventRecord, problems

from . import services
from .models import PERMIT_CHOICES, Event, RiskClass

ANSWER_PREFIX = "scan_"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _dt_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def _choice(label, choices, required=False):
    return forms.ChoiceField(label=label, required=required, choices=[("", "—")] + list(choices))


class EventForm(forms.Form):
    """The intake: the event's facts, then the questions of the risk scan."""

    name = forms.CharField(label=_("Name"), max_length=200)
    organiser = forms.CharField(label=_("Organiser"), max_length=200, required=False)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    location = forms.CharField(label=_("Location"), max_length=300, required=False)
    start = forms.DateTimeField(label=_("Start"), widget=_dt_widget())
    end = forms.DateTimeField(label=_("End"), widget=_dt_widget())
    visitors_at_once = forms.IntegerField(
        label=_("Visitors at once"), required=False, min_value=0, max_value=MAX_VISITORS
    )
    visitors_total = forms.IntegerField(
        label=_("Visitors in total"), required=False, min_value=0, max_value=MAX_VISITORS
    )
    permit_status = forms.ChoiceField(
        label=_("Permit status"), initial="requested", choices=PERMIT_CHOICES
    )
    police_demand = forms.FloatField(
        label=_("Expected police demand (officers per day)"),
        required=False,
        min_value=0,
        max_value=MAX_OFFICERS,
        help_text=_("leave empty to use the expected demand of the event's class"),
    )

    def __init__(
        self, *args, user=None, municipalities=None, event=None, may_override=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.user, self.event = user, event
        self.risk_scan = services.scan()
        self.fields["municipality"].queryset = municipalities
        self._add_scan_fields()
        if may_override:
            self.fields["class_override"] = _choice(_("Class set by hand"), RiskClass.choices)
            self.fields["override_reason"] = forms.CharField(
                label=_("Reason for the class set by hand"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if event is not None and not self.is_bound:
            self.initial.update(self._initial_from(event))

    def _add_scan_fields(self):
        """One field per question of the scan, grouped by profile (``self.profiles``)."""
        self.profiles = []
        for profile in self.risk_scan.profiles:
            names = []
            for q in profile.questions:
                name = q.field or ANSWER_PREFIX + q.id
                if q.bands:  # answered by a number field of the form itself
                    names.append(name)
                    continue
                # the scan file's own texts, in the page's language where it gives them
                choices = [(o.value, o.shown("label")) for o in q.options]
                if q.multiple:
                    self.fields[name] = forms.MultipleChoiceField(
                        label=q.shown("text"),
                        choices=choices,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                    )
                else:
                    self.fields[name] = _choice(q.shown("text"), choices)
                names.append(name)
            self.profiles.append((profile.shown("name"), names))

    def _initial_from(self, event: Event) -> dict:
        initial = {name: getattr(event, name) for name in services.RECORD_FIELDS}
        initial["start"] = timezone.localtime(event.start)
        initial["end"] = timezone.localtime(event.end)
        initial["municipality"] = event.municipality_id
        initial["risk_groups"] = list(event.risk_groups or [])
        for qid, value in (event.answers or {}).items():
            initial[ANSWER_PREFIX + qid] = value
        return initial

    def scan_groups(self):
        """(profile name, [bound fields]) for the template."""
        return [
            (title, [self[n] for n in names if n in self.fields]) for title, names in self.profiles
        ]

    def fact_fields(self):
        scan_names = {n for _, names in self.profiles for n in names}
        skip = scan_names | {"class_override", "override_reason"}
        return [self[n] for n in self.fields if n not in skip]

    def override_fields(self):
        return [self[n] for n in ("class_override", "override_reason") if n in self.fields]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        record = self.record()
        for problem in problems(record, self.risk_scan, services.municipality_codes()):
            self.add_error(None, problem)
        return data

    def record(self) -> EventRecord:
        d = self.cleaned_data
        external_id = self.event.external_id if self.event else f"web-{uuid.uuid4()}"
        override = d.get("class_override", self.event.class_override if self.event else "")
        reason = d.get("override_reason", self.event.override_reason if self.event else "")
        return EventRecord(
            external_id=external_id,
            name=d["name"],
            municipality=d["municipality"].code,
            start=d["start"],
            end=d["end"],
            organiser=d.get("organiser", ""),
            location=d.get("location", ""),
            visitors_at_once=d.get("visitors_at_once"),
            visitors_total=d.get("visitors_total"),
            activity_type=d.get("activity_type", ""),
            age_profile=d.get("age_profile", ""),
            risk_groups=tuple(d.get("risk_groups") or ()),
            alcohol_drugs=d.get("alcohol_drugs", ""),
            setting=d.get("setting", ""),
            permit_status=d["permit_status"],
            answers={
                k[len(ANSWER_PREFIX) :]: v
                for k, v in d.items()
                if k.startswith(ANSWER_PREFIX) and v
            },
            police_demand=d.get("police_demand"),
            class_override=override or "",
            override_reason=(reason or "").strip() if override else "",
        )


class OverrideForm(forms.Form):
    """The region's analysts set a class by hand without editing the municipality's data."""

    class_override = _choice(_("Class set by hand"), RiskClass.choices)
    override_reason = forms.CharField(
        label=_("Reason for the class set by hand"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("class_override") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("A class set by hand needs a reason."))
        return data


def _calendar_date(label, required=False, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        validators=[MinValueValidator(services.EARLIEST), MaxValueValidator(services.LATEST)],
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PeriodForm(forms.Form):
    start = _calendar_date(_("From"))
    end = _calendar_date(_("To"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end lies before the start."))
        return data


class CapacityForm(forms.Form):
    area = forms.ModelChoiceField(label=_("District or municipality"), queryset=None)
    start = _calendar_date(_("From"), required=True)
    end = _calendar_date(_("To"), help_text=_("the same figure for every day up to here"))
    officers = forms.FloatField(
        label=_("Officers available per day"), min_value=0, max_value=MAX_OFFICERS
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end lies before the start."))
        elif data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 366:
            self.add_error("end", _("At most one year at a time."))
        return data


class DemandForm(forms.Form):
    """Expected police demand per class (officers per day the event touches)."""

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in RiskClass.choices:
            self.fields[f"demand_{value}"] = forms.FloatField(
                label=label,
                required=False,
                min_value=0,
                max_value=MAX_OFFICERS,
                initial=(current or {}).get(value),
            )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("iCalendar (.ics) or CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload_size(upload.name, upload.size)
        except DataError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
