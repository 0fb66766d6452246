# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""API shapes of the events calendar."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from safetyplan.bounds import MAX_OFFICERS, MAX_VISITORS
from safetyplan.csvsafe import check_upload_size
from safetyplan.errors import DataError
from safetyplan.events import PERMIT_STATUSES, EventRecord, problems
from safetyplan.web.core.fields import FiniteFloatField
from safetyplan.web.organisations.models import Organisation

from . import services
from .models import Capacity, Event, RiskClass


def _storable(value):
    """Refuse text a database cannot store (NUL, lone surrogates), before any lookup."""
    if isinstance(value, str):
        if "\x00" in value:
            raise serializers.ValidationError(_("Contains a NUL character."))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise serializers.ValidationError(_("Invalid characters.")) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key)
            _storable(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _storable(item)
    return value


class CodeField(serializers.SlugRelatedField):
    """An organisation by its code; refuses unstorable text instead of querying with it."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        _storable(data)
        return super().to_internal_value(data)


class StorableMixin:
    def to_internal_value(self, data):
        try:
            _storable(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"non_field_errors": exc.detail}) from None
        return super().to_internal_value(data)


class CalendarEventSerializer(StorableMixin, serializers.ModelSerializer):
    municipality = CodeField(
        slug_field="code", queryset=Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    )
    external_id = serializers.CharField(max_length=200, required=False)
    risk_groups = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    answers = serializers.DictField(child=serializers.CharField(max_length=40), required=False)
    permit_status = serializers.ChoiceField(choices=list(PERMIT_STATUSES), required=False)
    class_override = serializers.ChoiceField(
        choices=[""] + list(RiskClass.values), required=False, allow_blank=True
    )
    risk_class = serializers.CharField(read_only=True)
    area = serializers.SerializerMethodField()
    police_demand = FiniteFloatField(
        min_value=0, max_value=MAX_OFFICERS, allow_null=True, required=False
    )
    visitors_at_once = serializers.IntegerField(
        min_value=0, max_value=MAX_VISITORS, allow_null=True, required=False
    )
    visitors_total = serializers.IntegerField(
        min_value=0, max_value=MAX_VISITORS, allow_null=True, required=False
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "external_id",
            "name",
            "organiser",
            "municipality",
            "location",
            "start",
            "end",
            "visitors_at_once",
            "visitors_total",
            "activity_type",
            "age_profile",
            "risk_groups",
            "alcohol_drugs",
            "setting",
            "permit_status",
            "answers",
            "police_demand",
            "class_override",
            "override_reason",
            "risk_class",
            "computed_class",
            "score",
            "explanation",
            "area",
            "created_at",
            "updated_at",
            "is_example",
        ]
        read_only_fields = [
            "id",
            "risk_class",
            "computed_class",
            "score",
            "explanation",
            "area",
            "created_at",
            "updated_at",
            "is_example",
        ]

    def get_area(self, event) -> str:
        return event.area.code

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if isinstance(instance, Event) and instance.pk:
            # the reasons in the request's language, not the one the event was saved in
            data["explanation"] = services.explanation_dict(instance)
        return data

    def validate(self, attrs):
        record = self.to_record(attrs)
        found = problems(record, services.scan(), services.municipality_codes())
        if found:
            raise serializers.ValidationError({"non_field_errors": found})
        return attrs

    def to_record(self, attrs) -> EventRecord:
        """The record of the event as it will be: the instance's values, then ``attrs``."""
        base = self.instance.to_record() if self.instance else None
        values = base.__dict__.copy() if base else {}
        for name, value in attrs.items():
            values[name] = value.code if name == "municipality" else value
        if "external_id" not in values:
            import uuid

            values["external_id"] = f"api-{uuid.uuid4()}"
        values["risk_groups"] = tuple(values.get("risk_groups") or ())
        values.setdefault("permit_status", "requested")
        for text in (
            "organiser",
            "location",
            "activity_type",
            "age_profile",
            "alcohol_drugs",
            "setting",
            "class_override",
            "override_reason",
        ):
            values[text] = values.get(text) or ""
        if not values["class_override"]:
            values["override_reason"] = ""
        known = set(EventRecord.__dataclass_fields__)
        return EventRecord(**{k: v for k, v in values.items() if k in known})


class ClassOverrideSerializer(StorableMixin, serializers.Serializer):
    class_override = serializers.ChoiceField(
        choices=[""] + list(RiskClass.values), allow_blank=True
    )
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    def validate(self, attrs):
        if attrs["class_override"] and not attrs.get("override_reason", "").strip():
            raise serializers.ValidationError(
                {"override_reason": _("A class set by hand needs a reason.")}
            )
        return attrs


class EventCapacitySerializer(StorableMixin, serializers.ModelSerializer):
    area = CodeField(
        slug_field="code",
        queryset=Organisation.objects.filter(
            kind__in=[Organisation.Kind.DISTRICT, Organisation.Kind.MUNICIPALITY]
        ),
    )
    officers = FiniteFloatField(min_value=0, max_value=MAX_OFFICERS)

    class Meta:
        model = Capacity
        fields = ["area", "day", "officers", "note"]
        validators = []  # (area, day) is an upsert key, not a uniqueness error


class EventPeriodSerializer(serializers.Serializer):
    date_from = serializers.DateField(required=True)
    date_to = serializers.DateField(required=True)

    def validate(self, attrs):
        for key, name in (("date_from", "from"), ("date_to", "to")):
            if not services.EARLIEST <= attrs[key] <= services.LATEST:
                raise serializers.ValidationError({name: _(services.RANGE_MESSAGE)})
        if attrs["date_to"] < attrs["date_from"]:
            raise serializers.ValidationError({"to": _("Before the first day.")})
        if (attrs["date_to"] - attrs["date_from"]).days > 3660:
            raise serializers.ValidationError({"to": _("At most ten years.")})
        return attrs


class EventImportSerializer(serializers.Serializer):
    file = serializers.FileField()

    def validate_file(self, upload):
        try:
            check_upload_size(upload.name, upload.size)
        except DataError as exc:
            raise serializers.ValidationError(str(exc)) from None
        return upload
