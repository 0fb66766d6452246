# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""REST API of the register (mounted under /api/v1/).

- ``POST /api/v1/meldingen/``: register a report; idempotent on (source, external_id):
  201 with the new report, or 200 with the existing one (nothing changed).
- ``GET /api/v1/meldingen/?external_id=X`` (and ``source``, ``base_team``, ``municipality``,
  ``kind``): find reports; ``GET /api/v1/meldingen/{id}/``: one report with its events.
- ``POST /api/v1/meldingen/{id}/events/``: record feedback, progress, forwarded or closed.
- ``GET /api/v1/meldingen/{id}/reporter/``: the reporter's contact details, for the service
  centre and the report's base team only (403 otherwise); every request is audited.
- ``GET /api/v1/compliance/?standard=ID&from=DATE&to=DATE``: due, met, late, open_overdue,
  percentage (optionally per ``group_by`` base_team, municipality, month or year).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .models import Melding
from .permissions import can_record_event, can_register
from .serializers import (
    ComplianceQuerySerializer,
    ComplianceSerializer,
    EventSerializer,
    MeldingSerializer,
    ReporterSerializer,
)

FILTERS = ("external_id", "source", "base_team", "municipality", "kind")


@extend_schema(tags=["meldingen"])
class MeldingViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The meldingen register (meldingen, aangiften, vragen)."""

    serializer_class = MeldingSerializer
    queryset = Melding.objects.all()

    def get_queryset(self):
        qs = (
            Melding.objects.select_related("contact")
            .prefetch_related("events__recorded_by")
            .order_by("-received_at", "-pk")
        )
        for name in FILTERS:
            value = self.request.query_params.get(name)
            if value:
                if "\x00" in value:  # no database stores NUL in text: no report has it
                    raise ValidationError({name: _("contains NUL")})
                qs = qs.filter(**{name: value})
        return qs

    @extend_schema(
        parameters=[OpenApiParameter(name, OpenApiTypes.STR) for name in FILTERS],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        responses={201: MeldingSerializer, 200: MeldingSerializer},
        description="Register a report. Posting an external_id that exists (for the same "
        "source) returns the existing report with status 200 and changes nothing.",
    )
    def create(self, request, *args, **kwargs):
        if not can_register(request.user):
            raise PermissionDenied(_("may not register reports"))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        reporter = fields.pop("reporter", None)
        melding, created = services.register_melding(fields, reporter, request.user)
        body = self.get_serializer(self.get_queryset().get(pk=melding.pk)).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=EventSerializer, responses={201: EventSerializer})
    @action(detail=True, methods=["post"], url_path="events")
    def events(self, request, pk=None):
        melding = self.get_object()
        if not can_record_event(request.user, melding):
            raise PermissionDenied(_("may not record events"))
        serializer = EventSerializer(data=request.data, context={"melding": melding})
        serializer.is_valid(raise_exception=True)
        event = services.add_event(melding, user=request.user, **serializer.validated_data)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: ReporterSerializer, 403: None, 404: None})
    @action(detail=True, methods=["get"], url_path="reporter")
    def reporter(self, request, pk=None):
        melding = self.get_object()
        try:
            contact = services.read_contact(melding, request.user, channel="api")
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        if contact is None:
            raise NotFound(_("no contact details (none given, or purged)"))
        return Response(ReporterSerializer(contact).data)


class ComplianceView(APIView):
    """Compliance with one service standard of the plan over a period of receipt."""

    @extend_schema(
        tags=["meldingen"],
        parameters=[
            OpenApiParameter(
                "standard",
                OpenApiTypes.STR,
                required=True,
                description="a service standard id of the plan",
            ),
            OpenApiParameter("from", OpenApiTypes.DATE, description="first day of receipt"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="last day of receipt"),
            OpenApiParameter("base_team", OpenApiTypes.STR),
            OpenApiParameter("municipality", OpenApiTypes.STR),
            OpenApiParameter(
                "group_by", OpenApiTypes.STR, enum=["base_team", "municipality", "month", "year"]
            ),
        ],
        responses={200: ComplianceSerializer},
    )
    def get(self, request):
        query = ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        std = services.standard(params["standard"])
        if std is None:
            known = ", ".join(s.id for s in services.standards())
            raise NotFound(
                _("unknown standard '%(standard)s' (known: %(known)s)")
                % {"standard": params["standard"], "known": known}
            )
        total, groups = services.compliance(
            std,
            params.get("from"),
            params.get("to"),
            base_team=params.get("base_team"),
            municipality=params.get("municipality"),
            group_by=params.get("group_by"),
        )
        body = {
            **total.as_dict(),
            "name": std.name,
            "from": params.get("from"),
            "to": params.get("to"),
        }
        if groups is not None:
            body["groups"] = [{"key": str(key), **c.as_dict()} for key, c in groups.items()]
        return Response(ComplianceSerializer(body).data)
