# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""REST API of the events calendar (mounted under /api/v1/events/).

- ``GET /api/v1/events/?from=DATE&to=DATE&municipality=GM..&external_id=X``: events;
  ``POST``: enter one; idempotent on ``external_id`` (posting it again updates that event,
  status 200). ``GET|PUT|PATCH|DELETE /api/v1/events/{id}/``: one event.
- ``POST /api/v1/events/{id}/override/``: ``class_override`` (A, B, C or "") and
  ``override_reason``.
- ``GET /api/v1/events/conflicts/?from=DATE&to=DATE``: the clashes.
- ``GET|POST /api/v1/events/capacity/``: police capacity per area and day (upsert).
- ``POST /api/v1/events/import/`` (multipart ``file``, .ics or .csv): all or nothing.
- ``GET /api/v1/events/export/?type=ics|csv&from=DATE&to=DATE``: the calendar as a file.

Every municipality writes only its own events (403 otherwise); everyone logged in reads all.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from safetyplan.errors import DataError

from . import services
from .models import Capacity, Event
from .permissions import (
    can_edit_event,
    can_manage_capacity,
    can_override_class,
    municipalities_for,
)
from .serializers import (
    CalendarEventSerializer,
    ClassOverrideSerializer,
    EventCapacitySerializer,
    EventImportSerializer,
    EventPeriodSerializer,
)

NOT_YOURS = gettext_lazy("This is not your municipality's event.")


def _period(request) -> tuple[date, date]:
    query = EventPeriodSerializer(
        data={
            "date_from": request.query_params.get("from"),
            "date_to": request.query_params.get("to"),
        }
    )
    if not query.is_valid():
        errors = {
            ("from" if k == "date_from" else "to" if k == "date_to" else k): v
            for k, v in query.errors.items()
        }
        raise ValidationError(errors)
    return query.validated_data["date_from"], query.validated_data["date_to"]


def _queryable(value) -> bool:
    """Text a database can be asked about (no NUL, no lone surrogates)."""
    if not isinstance(value, str) or not value or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _allowed(user) -> set[str]:
    return set(municipalities_for(user).values_list("code", flat=True))


PERIOD_PARAMS = [
    OpenApiParameter("from", OpenApiTypes.DATE, required=True),
    OpenApiParameter("to", OpenApiTypes.DATE, required=True),
]


@extend_schema(tags=["events"])
class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The regional events calendar."""

    serializer_class = CalendarEventSerializer
    queryset = Event.objects.all()

    def get_queryset(self):
        qs = Event.objects.select_related("municipality__parent").order_by("start", "pk")
        params = self.request.query_params
        if self.action == "list" and (params.get("from") or params.get("to")):
            first, last = _period(self.request)
            qs = services.events_between(first, last)
        for name, lookup in (
            ("municipality", "municipality__code"),
            ("external_id", "external_id"),
        ):
            value = params.get(name)
            if value:
                if not _queryable(value):
                    raise ValidationError({name: _("Invalid characters.")})
                qs = qs.filter(**{lookup: value})
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE),
            OpenApiParameter("to", OpenApiTypes.DATE),
            OpenApiParameter("municipality", OpenApiTypes.STR),
            OpenApiParameter("external_id", OpenApiTypes.STR),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _save(self, serializer, status_code):
        record = serializer.to_record(serializer.validated_data)
        try:
            event, outcome = services.save_record(
                record, self.request.user, _allowed(self.request.user)
            )
        except PermissionError:
            raise PermissionDenied(NOT_YOURS) from None
        except DataError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from None
        if status_code == status.HTTP_201_CREATED and outcome != "created":
            status_code = status.HTTP_200_OK
        return Response(
            CalendarEventSerializer(self.get_queryset().get(pk=event.pk)).data, status=status_code
        )

    @extend_schema(
        responses={201: CalendarEventSerializer, 200: CalendarEventSerializer},
        description="Enter an event. Posting an external_id that exists updates "
        "that event (status 200), if it is yours.",
    )
    def create(self, request, *args, **kwargs):
        key = request.data.get("external_id")
        # an unstorable key is refused by the serializer below, never queried with
        existing = Event.objects.filter(external_id=key).first() if _queryable(key) else None
        if not _allowed(request.user):
            raise PermissionDenied(_("You may not enter events."))
        if existing is not None and not can_edit_event(request.user, existing):
            raise PermissionDenied(NOT_YOURS)
        serializer = self.get_serializer(existing, data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._save(serializer, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        event = self.get_object()
        if not can_edit_event(request.user, event):
            raise PermissionDenied(NOT_YOURS)
        data = request.data.copy() if hasattr(request.data, "copy") else dict(request.data)
        data["external_id"] = event.external_id  # the key does not change
        serializer = self.get_serializer(event, data=data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return self._save(serializer, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        event = self.get_object()
        if not can_edit_event(request.user, event):
            raise PermissionDenied(NOT_YOURS)
        event.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ClassOverrideSerializer, responses={200: CalendarEventSerializer})
    @action(detail=True, methods=["post"], url_path="override")
    def override(self, request, pk=None):
        event = self.get_object()
        if not can_override_class(request.user, event):
            raise PermissionDenied(_("You may not set the class."))
        body = ClassOverrideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.set_override(
            event,
            body.validated_data["class_override"],
            body.validated_data.get("override_reason", ""),
            request.user,
        )
        return Response(CalendarEventSerializer(event).data)


class ConflictsView(APIView):
    """Clashes: days on which a district's events exceed its capacity, or too many B or C
    events coincide there."""

    @extend_schema(tags=["events"], parameters=PERIOD_PARAMS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        first, last = _period(request)
        return Response({"from": first, "to": last, "clashes": services.clashes(first, last)})


class CapacityView(APIView):
    @extend_schema(
        tags=["events"],
        parameters=PERIOD_PARAMS,
        responses={200: EventCapacitySerializer(many=True)},
    )
    def get(self, request):
        first, last = _period(request)
        rows = Capacity.objects.select_related("area").filter(day__gte=first, day__lte=last)
        return Response(EventCapacitySerializer(rows, many=True).data)

    @extend_schema(
        tags=["events"],
        request=EventCapacitySerializer(many=True),
        responses={200: EventCapacitySerializer(many=True)},
    )
    def post(self, request):
        if not can_manage_capacity(request.user):
            raise PermissionDenied(_("You may not enter capacity."))
        body = EventCapacitySerializer(data=request.data, many=isinstance(request.data, list))
        body.is_valid(raise_exception=True)
        items = (
            body.validated_data if isinstance(body.validated_data, list) else [body.validated_data]
        )
        with transaction.atomic():
            saved = [
                services.set_capacity(i["area"], i["day"], i["officers"], i.get("note", ""))
                for i in items
            ]
        return Response(EventCapacitySerializer(saved, many=True).data)


class ImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["events"],
        request={"multipart/form-data": EventImportSerializer},
        responses={200: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        allowed = _allowed(request.user)
        if not allowed:
            raise PermissionDenied(_("You may not enter events."))
        body = EventImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        try:
            records = services.read_upload(upload.read(), upload.name)
            summary = services.import_records(records, request.user, allowed, upload.name)
        except PermissionError as exc:
            raise PermissionDenied(str(exc)) from None
        except DataError as exc:
            raise ValidationError({"file": [str(exc)]}) from None
        return Response(summary.as_dict())


class ExportView(APIView):
    @extend_schema(
        tags=["events"],
        parameters=[
            OpenApiParameter("type", OpenApiTypes.STR, enum=["ics", "csv"]),
            *PERIOD_PARAMS,
        ],
        responses={(200, "text/calendar"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        kind = request.query_params.get("type", "ics")
        if kind not in {"ics", "csv"}:
            raise ValidationError({"type": _("Use ics or csv.")})
        first, last = _period(request)
        return services.export_response(first, last, kind)
