# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""API shapes of the register. The reporter's contact details are write-only here: reading
them is a separate, audited endpoint (``/api/v1/meldingen/{id}/reporter/``)."""

from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from safetyplan.service import GROUPINGS

from .models import DEFAULT_SOURCE, Channel, Melding, MeldingEvent, ReporterContact

CLOCK_SKEW = timedelta(minutes=10)
EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.get_fixed_timezone(0))


def _plain_text(value):
    """Refuse text a database cannot store (lone surrogates); NUL is refused by DRF itself."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise serializers.ValidationError(_("invalid characters")) from None
    return value


class TextField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(_plain_text)


def _not_in_future(moment: datetime) -> datetime:
    if moment > timezone.now() + CLOCK_SKEW:
        raise serializers.ValidationError(_("in the future"))
    if moment < EARLIEST:
        raise serializers.ValidationError(_("before 1990"))
    return moment


class ReporterSerializer(serializers.ModelSerializer):
    name = TextField(max_length=200, required=False, allow_blank=True)
    phone = TextField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(
        max_length=254, required=False, allow_blank=True, validators=[_plain_text]
    )

    class Meta:
        model = ReporterContact
        fields = ["name", "email", "phone"]


class EventSerializer(serializers.ModelSerializer):
    note = TextField(required=False, allow_blank=True, max_length=2000)
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = MeldingEvent
        fields = ["id", "type", "at", "note", "recorded_by", "recorded_at"]
        read_only_fields = ["id", "recorded_by", "recorded_at"]

    def validate_at(self, value):
        value = _not_in_future(value)
        melding = self.context.get("melding")
        if melding is not None and value < melding.received_at:
            raise serializers.ValidationError(_("before the report was received"))
        return value


class MeldingSerializer(serializers.ModelSerializer):
    source = TextField(max_length=40, required=False, default=DEFAULT_SOURCE)
    external_id = TextField(max_length=100)
    category = TextField(max_length=80)
    base_team = TextField(max_length=40, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, allow_blank=True, default=""
    )
    reporter = ReporterSerializer(write_only=True, required=False, allow_null=True)
    has_reporter = serializers.SerializerMethodField()
    events = EventSerializer(many=True, read_only=True)

    class Meta:
        model = Melding
        fields = [
            "id",
            "source",
            "external_id",
            "kind",
            "category",
            "channel",
            "received_at",
            "municipality",
            "base_team",
            "hic",
            "reporter",
            "has_reporter",
            "events",
            "created_at",
            "contact_purged_at",
            "is_example",
        ]
        read_only_fields = [
            "id",
            "has_reporter",
            "events",
            "created_at",
            "contact_purged_at",
            "is_example",
        ]
        # idempotency is handled by the view (200 with the existing report), not a 400
        validators = []

    def get_has_reporter(self, melding) -> bool:
        return hasattr(melding, "contact")

    def to_representation(self, melding):
        """Notes only for those who may see contact details (issue 14), audited."""
        from . import services

        data = super().to_representation(melding)
        request = self.context.get("request")
        if request is not None and not services.may_read_notes(melding, request.user, "api"):
            for event in data["events"]:
                event["note"] = ""
        return data

    def validate_received_at(self, value):
        return _not_in_future(value)

    def validate_external_id(self, value):
        if not value.strip():
            raise serializers.ValidationError(_("empty"))
        return value.strip()

    def validate_category(self, value):
        if not value.strip():
            raise serializers.ValidationError(_("empty"))
        return value.strip().lower()


class ComplianceQuerySerializer(serializers.Serializer):
    standard = TextField(max_length=80)
    # "from" is a Python keyword: declared below via get_fields
    to = serializers.DateField(required=False)
    base_team = TextField(max_length=40, required=False)
    municipality = TextField(max_length=6, required=False)
    group_by = serializers.ChoiceField(choices=sorted(GROUPINGS), required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False)
        return fields

    def validate(self, attrs):
        start, end = attrs.get("from"), attrs.get("to")
        if start and end and end < start:
            raise serializers.ValidationError({"to": _("before 'from'")})
        for key in ("from", "to"):
            if attrs.get(key) and not date(1990, 1, 1) <= attrs[key] <= date(2100, 12, 31):
                raise serializers.ValidationError({key: _("outside 1990-2100")})
        return attrs


class ComplianceFiguresSerializer(serializers.Serializer):
    due = serializers.IntegerField()
    met = serializers.IntegerField()
    late = serializers.IntegerField()
    open_overdue = serializers.IntegerField()
    open = serializers.IntegerField(help_text="not kept yet, deadline still ahead (not due)")
    percentage = serializers.FloatField(allow_null=True, help_text="100 * met/due")


class ComplianceGroupSerializer(ComplianceFiguresSerializer):
    key = serializers.CharField()


class ComplianceSerializer(ComplianceFiguresSerializer):
    standard = serializers.CharField()
    name = serializers.CharField()
    target_share = serializers.FloatField()
    on_target = serializers.BooleanField(allow_null=True)
    to = serializers.DateField(allow_null=True)
    groups = ComplianceGroupSerializer(many=True, required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField(allow_null=True)
        return fields
