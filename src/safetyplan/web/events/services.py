# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What the pages, the API and the CLI do with events: save with the risk scan applied,
import in one transaction, export, and find clashes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from safetyplan.bounds import finite_or_none
from safetyplan.csvread import decode, read_text
from safetyplan.csvsafe import check_file_size
from safetyplan.errors import DataError
from safetyplan.events import (
    LOCAL_TZ,
    EventRecord,
    PlannedEvent,
    RiskScan,
    check,
    classify,
    detect,
    kind_label,
    load_scan,
    parse_csv,
    parse_ical,
    write_csv,
    write_ical,
)
from safetyplan.web.organisations.models import Organisation

from .models import Capacity, ClassDemand, Event

RECORD_FIELDS = (
    "name",
    "organiser",
    "location",
    "start",
    "end",
    "visitors_at_once",
    "visitors_total",
    "activity_type",
    "age_profile",
    "alcohol_drugs",
    "setting",
    "permit_status",
    "police_demand",
    "class_override",
    "override_reason",
)


def scan() -> RiskScan:
    return load_scan()


def municipality_codes() -> set[str]:
    return set(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).values_list(
            "code", flat=True
        )
    )


def apply_scan(event: Event, risk_scan: RiskScan | None = None) -> None:
    """Classify ``event`` (not saved) and keep the result and its explanation on it."""
    result = classify(event.to_record().scan_answers(), risk_scan or scan())
    event.computed_class = result.risk_class
    event.score = result.score
    event.explanation = result.as_dict()


def _assign(event: Event, record: EventRecord, municipality: Organisation) -> None:
    for name in RECORD_FIELDS:
        setattr(event, name, getattr(record, name))
    event.external_id = record.external_id
    event.municipality = municipality
    event.risk_groups = list(record.risk_groups)
    event.answers = dict(record.answers)


def save_record(
    record: EventRecord, user=None, allowed: set[str] | None = None, where: str = ""
) -> tuple[Event, str]:
    """Create or update the event of ``record.external_id``: ("created"|"updated"|"unchanged").

    ``allowed``: the municipality codes the caller may write (None: any); an existing event
    of another municipality cannot be taken over.
    """
    risk_scan = scan()
    check(record, risk_scan, municipality_codes(), where)
    prefix = f"{where}: " if where else ""
    existing = (
        Event.objects.select_related("municipality").filter(external_id=record.external_id).first()
    )
    for code in {record.municipality, existing.municipality.code if existing else None} - {None}:
        if allowed is not None and code not in allowed:
            raise PermissionError(
                prefix
                + _("the events of %(code)s are not yours to change (%(id)s)")
                % {"code": code, "id": record.external_id}
            )
    if existing is not None and existing.to_record() == record:
        return existing, "unchanged"
    event = existing or Event(created_by=user if getattr(user, "pk", None) else None)
    _assign(event, record, Organisation.objects.get(code=record.municipality))
    if record.class_override and (
        existing is None or existing.class_override != record.class_override
    ):
        event.overridden_by = user if getattr(user, "pk", None) else None
    apply_scan(event, risk_scan)
    event.save()
    return event, "updated" if existing else "created"


def set_override(event: Event, risk_class: str, reason: str, user) -> None:
    """Set (or with "" clear) the class chosen by hand, with its reason and who chose it."""
    event.class_override = risk_class
    event.override_reason = reason.strip() if risk_class else ""
    event.overridden_by = user if risk_class else None
    event.save(update_fields=["class_override", "override_reason", "overridden_by", "updated_at"])


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def read_upload(data: bytes, filename: str) -> list[EventRecord]:
    """Parse an uploaded or given file (by its name's suffix); every event checked."""
    risk_scan, codes = scan(), municipality_codes()
    suffix = Path(filename).suffix.lower()
    if suffix == ".ics":
        return parse_ical(data, filename, risk_scan, codes)
    if suffix == ".csv":
        return parse_csv(decode(data, filename), filename, risk_scan, codes)
    raise DataError(
        _("%(path)s: unknown format '%(suffix)s' (use .ics or .csv)")
        % {"path": filename, "suffix": suffix}
    )


def import_records(
    records: list[EventRecord],
    user=None,
    allowed: set[str] | None = None,
    source: str = "",
    on_progress=None,
) -> ImportSummary:
    """All or nothing: one transaction; any error rolls every event back."""
    summary = ImportSummary()
    with transaction.atomic():
        for n, record in enumerate(records, start=1):
            where = (
                _("%(path)s, event %(n)s (%(id)s)")
                % {"path": source, "n": n, "id": record.external_id}
                if source
                else record.external_id
            )
            _saved, outcome = save_record(record, user, allowed, where)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if on_progress:
                on_progress(n)
    return summary


def export(events, fmt: str) -> bytes:
    events = list(events.select_related("municipality"))
    records = [e.to_record() for e in events]
    if fmt == "csv":
        return write_csv(records, scan()).encode("utf-8")
    classes = {e.external_id: e.risk_class for e in events}
    descriptions = {
        e.external_id: (_("FICTITIOUS EXAMPLE.") + " " if e.is_example else "")
        + explanation_text(e)
        for e in events
    }
    return write_ical(records, classes, descriptions)


def export_response(first: date, last: date, fmt: str) -> HttpResponse:
    """The events between the two days as a download (page and API)."""
    body = export(events_between(first, last), fmt)
    content_type = "text/csv" if fmt == "csv" else "text/calendar"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenementen.{fmt}"'
    return response


def explanation_text(event: Event) -> str:
    reasons = explanation(event).reasons
    text = _("Risk class %(class)s: %(reasons)s") % {
        "class": event.risk_class,
        "reasons": "; ".join(reasons),
    }
    if event.class_override:
        text += " | " + _("set by hand: %(class)s (%(reason)s)") % {
            "class": event.class_override,
            "reason": event.override_reason,
        }
    return text


def explanation(event: Event):
    """The scan's classification of *event* in the active language: worked out again from
    its answers rather than read from the stored explanation, which keeps the language it
    was saved in."""
    return classify(event.to_record().scan_answers(), scan())


def explanation_dict(event: Event) -> dict:
    """:func:`explanation` as the page and the API show it; the stored one (in the language
    it was saved in) where the scan file has changed since and would give another class."""
    fresh = explanation(event)
    if fresh.risk_class != event.computed_class:
        return event.explanation or {}
    return fresh.as_dict()


# --- windows, demand and clashes -------------------------------------------------------

EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)  # what a calendar may ask for
RANGE_MESSAGE = gettext_noop("a date from 1900 to 2199")  # translated where shown


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The moments from ``first`` 00:00 to the end of ``last``, Dutch local time."""
    if not (EARLIEST <= first <= LATEST and EARLIEST <= last <= LATEST):
        raise DataError(f"{first} - {last}: {_(RANGE_MESSAGE)}")
    return (
        datetime.combine(first, time(0), LOCAL_TZ),
        datetime.combine(last + timedelta(days=1), time(0), LOCAL_TZ),
    )


def events_between(first: date, last: date):
    start, end = day_bounds(first, last)
    return (
        Event.objects.select_related("municipality__parent")
        .filter(start__lt=end, end__gt=start)
        .order_by("start", "pk")
    )


def class_demand() -> dict[str, float | None]:
    """Per class: the planner's figure, else the scan file's, else None (no data)."""
    defaults = dict(scan().police_demand)
    entered = {d.risk_class: d.officers for d in ClassDemand.objects.all()}
    return {c: entered.get(c, defaults.get(c)) for c in ("A", "B", "C")}


def demand_of(event: Event, per_class: dict[str, float | None]) -> float | None:
    return (
        event.police_demand if event.police_demand is not None else per_class.get(event.risk_class)
    )


def clashes(first: date, last: date) -> list[dict]:
    if last < first:
        raise DataError(
            _("--to %(last)s is before --from %(first)s") % {"last": last, "first": first}
        )
    per_class = class_demand()
    events = list(events_between(first, last))
    by_id = {str(e.pk): e for e in events}
    planned = [
        PlannedEvent(
            str(e.pk), e.name, e.area.code, e.start, e.end, e.risk_class, demand_of(e, per_class)
        )
        for e in events
    ]
    capacity = {
        (c.area.code, c.day): c.officers
        for c in Capacity.objects.select_related("area").filter(day__gte=first, day__lte=last)
    }
    areas = {
        o.code: o.name for o in Organisation.objects.filter(code__in={p.area for p in planned})
    }
    found = detect(planned, capacity, scan().clashes, first, last)
    out = []
    for clash in found:
        row = clash.as_dict()
        row["area_name"] = areas.get(clash.area, clash.area)
        # the stable codes stay in "kinds"; people read the labels, in the active language
        row["kind_labels"] = [kind_label(k) for k in clash.kinds]
        for item in row["events"]:
            event = by_id[item["id"]]
            item.update(
                {
                    "id": event.pk,
                    "external_id": event.external_id,
                    "municipality": event.municipality.code,
                }
            )
        out.append(row)
    return finite_or_none(out)  # rows stored before the bounds: no Infinity in any output


def set_capacity(area: Organisation, day: date, officers: float, note: str = "") -> Capacity:
    capacity, _created = Capacity.objects.update_or_create(
        area=area, day=day, defaults={"officers": officers, "note": note}
    )
    return capacity


def capacity_areas():
    """Where capacity is kept: districts where the registry has them, and every municipality."""
    return Organisation.objects.filter(
        kind__in=[Organisation.Kind.DISTRICT, Organisation.Kind.MUNICIPALITY]
    )


def import_capacity(path: str | Path) -> int:
    """Load a capacity CSV (area,day,officers[,note]) in one transaction; rows replace the
    figure of the same area and day. Returns the number of rows."""
    from safetyplan.events.exchange import parse_capacity_csv

    path = Path(path)
    if not path.exists():
        raise DataError(_("%(path)s: file not found") % {"path": path})
    check_file_size(path)
    areas = {o.code: o for o in capacity_areas()}
    rows = parse_capacity_csv(read_text(path), str(path), set(areas))
    with transaction.atomic():
        for code, day, officers, note in rows:
            set_capacity(areas[code], day, officers, note)
    return len(rows)
