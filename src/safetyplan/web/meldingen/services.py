# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The register's operations: register a report (idempotent), record an event, read the
reporter's contact details (audited), compliance and the work queue, purge personal data.

Compliance itself is computed by the plain rules in :mod:`safetyplan.service` over records
read from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyplan import service
from safetyplan.plan.models import ServiceStandard
from safetyplan.service.deadlines import at_wall_clock

from . import app_settings
from .models import DEFAULT_SOURCE, ContactView, Melding, MeldingEvent, ReporterContact
from .permissions import can_view_contact

# -- standards ------------------------------------------------------------------------------


def standards() -> list[ServiceStandard]:
    """The service standards of the current plan (else of the bundled plan file)."""
    from safetyplan.web.plans.seeding import current_plan

    plan = current_plan()
    if plan is not None:
        items = plan.document.get("service_standards") or []
        return [ServiceStandard.model_validate(item) for item in items]
    from safetyplan.plan import load_plan
    from safetyplan.settings import bundled_plan

    return list(load_plan(bundled_plan()).service_standards)


def standard(standard_id: str) -> ServiceStandard | None:
    return next((s for s in standards() if s.id == standard_id), None)


# -- registering ----------------------------------------------------------------------------


def register_melding(fields: dict, reporter: dict | None = None, user=None) -> tuple[Melding, bool]:
    """Create the report, or return the existing one with the same source and external id.

    Posting the same report again changes nothing (not even the contact details): the first
    registration wins. Safe under concurrent posts of the same id (the unique constraint
    decides; the loser returns the winner's report).
    """
    source = fields.get("source") or DEFAULT_SOURCE
    existing = Melding.objects.filter(source=source, external_id=fields["external_id"]).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            melding = Melding.objects.create(
                **{**fields, "source": source, "category": fields["category"].strip().lower()},
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            if reporter and any(reporter.values()):
                ReporterContact.objects.create(melding=melding, **reporter)
    except IntegrityError:
        return Melding.objects.get(source=source, external_id=fields["external_id"]), False
    return melding, True


def add_event(melding: Melding, type: str, at: datetime, note: str = "", user=None) -> MeldingEvent:
    return MeldingEvent.objects.create(
        melding=melding,
        type=type,
        at=at,
        note=note,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )


def read_contact(melding: Melding, user, channel: str) -> ReporterContact | None:
    """The contact details for someone allowed to see them; every attempt is logged.

    Raises ``PermissionDenied`` (logged as refused) for everyone else. None when there are
    no details (never given, or purged).
    """
    granted = can_view_contact(user, melding)
    ContactView.objects.create(
        melding=melding,
        melding_ref=f"{melding.source}:{melding.external_id}"[:150],
        user=user if getattr(user, "is_authenticated", False) else None,
        username=getattr(user, "username", "") or "",
        channel=channel,
        granted=granted,
    )
    if not granted:
        raise PermissionDenied(_("no access to personal data"))
    return ReporterContact.objects.filter(melding=melding).first()


def may_read_notes(melding: Melding, user, channel: str) -> bool:
    """Free-text notes may hold names and phone numbers: they get the protection of the
    contact details (same roles), and every look at a report with notes is logged."""
    if not any(event.note for event in melding.events.all()):
        return True
    granted = can_view_contact(user, melding)
    ContactView.objects.create(
        melding=melding,
        melding_ref=f"{melding.source}:{melding.external_id}"[:150],
        user=user if getattr(user, "is_authenticated", False) else None,
        username=getattr(user, "username", "") or "",
        channel=f"{channel}-notes",
        granted=granted,
    )
    return granted


# -- compliance -----------------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return at_wall_clock(day, time(0, 0))


def meldingen_for(
    std: ServiceStandard,
    start: date | None = None,
    end: date | None = None,
    base_team: str | None = None,
    municipality: str | None = None,
):
    """The reports a standard covers, received in the period (a queryset)."""
    cover = service.coverage(std)
    qs = Melding.objects.filter(kind=cover.kind.value)
    if cover.hic_only:
        qs = qs.filter(hic=True)
    if cover.categories:
        qs = qs.filter(category__in=sorted(cover.categories))
    if start is not None:
        qs = qs.filter(received_at__gte=_day_start(start))
    if end is not None:
        qs = qs.filter(received_at__lt=_day_start(end + timedelta(days=1)))
    if base_team:
        qs = qs.filter(base_team=base_team)
    if municipality:
        qs = qs.filter(municipality=municipality)
    return qs


def records(queryset) -> list[service.ReportRecord]:
    """Plain records (no personal data) with their events, in two queries."""
    rows = list(
        queryset.order_by().values(
            "pk", "kind", "category", "received_at", "municipality", "base_team", "hic"
        )
    )
    events: dict[int, list[service.Event]] = {}
    ids = [row["pk"] for row in rows]
    for chunk_start in range(0, len(ids), 5000):
        chunk = ids[chunk_start : chunk_start + 5000]
        for melding_id, type_, at in MeldingEvent.objects.filter(melding_id__in=chunk).values_list(
            "melding_id", "type", "at"
        ):
            events.setdefault(melding_id, []).append(service.Event(type_, at))
    return [
        service.ReportRecord(
            id=row["pk"],
            kind=row["kind"],
            category=row["category"],
            received_at=row["received_at"],
            municipality=row["municipality"],
            base_team=row["base_team"],
            hic=row["hic"],
            events=tuple(events.get(row["pk"], ())),
        )
        for row in rows
    ]


def compliance(
    std: ServiceStandard,
    start: date | None = None,
    end: date | None = None,
    *,
    base_team: str | None = None,
    municipality: str | None = None,
    group_by: str | None = None,
    now: datetime | None = None,
):
    """``service.Compliance`` for the period; with ``group_by`` also a dict per group."""
    total, groups = compliance_overview(
        std,
        start,
        end,
        base_team=base_team,
        municipality=municipality,
        groupings=(group_by,) if group_by else (),
        now=now,
    )
    return total, groups.get(group_by) if group_by else None


def compliance_overview(
    std: ServiceStandard,
    start: date | None = None,
    end: date | None = None,
    *,
    base_team: str | None = None,
    municipality: str | None = None,
    groupings=(),
    now: datetime | None = None,
):
    """The total and, per grouping name (see ``service.GROUPINGS``), compliance per group."""
    now = now or timezone.now()
    recs = records(meldingen_for(std, start, end, base_team, municipality))
    hours = app_settings.working_hours()
    total = service.compliance(std, recs, now, start, end, hours)
    groups = {
        name: service.compliance_by(std, recs, service.GROUPINGS[name], now, start, end, hours)
        for name in groupings
    }
    return total, groups


@dataclass(frozen=True)
class QueueItem:
    melding: Melding
    standard: ServiceStandard
    due_at: datetime
    overdue: bool

    @property
    def overdue_by(self) -> timedelta:
        return timezone.now() - self.due_at


def work_queue(
    base_team: str | None = None,
    soon: timedelta = timedelta(hours=24),
    now: datetime | None = None,
    limit: int = 500,
) -> list[QueueItem]:
    """Reports whose promise is not kept: overdue first (longest overdue on top), then those
    due within ``soon``. Standards without a deadline have no queue."""
    now = now or timezone.now()
    hours = app_settings.working_hours()
    items: list[tuple[service.Judgement, ServiceStandard]] = []
    for std in standards():
        if std.deadline is None:
            continue
        kept = service.kept_by(std).value
        qs = meldingen_for(std, base_team=base_team).exclude(events__type=kept)
        for record in records(qs):
            judged = service.judge(std, record, now, hours)
            if judged is None:
                continue
            if judged.status is service.Status.open_overdue or (
                judged.status is service.Status.open and judged.due_at - now <= soon
            ):
                items.append((judged, std))
    items.sort(key=lambda pair: pair[0].due_at)
    items = items[:limit]
    meldingen = Melding.objects.in_bulk([j.record.id for j, _ in items])
    return [
        QueueItem(meldingen[j.record.id], std, j.due_at, j.status is service.Status.open_overdue)
        for j, std in items
    ]


def compliance_facts(
    period: str = "year", region_area: str | None = None, now: datetime | None = None
) -> list[dict]:
    """Facts rows (``service:<id>:pct_met`` etc.) for the warehouse, from the whole register."""
    now = now or timezone.now()
    stds = standards()
    # the demo's fictitious examples never reach the warehouse, hence no published figure
    recs = records(Melding.objects.filter(is_example=False))
    return service.compliance_facts(recs, stds, now, period=period, region_area=region_area)


# -- retention ------------------------------------------------------------------------------


def purge_expired(
    now: datetime | None = None, days: int | None = None, dry_run: bool = False
) -> int:
    """Delete the contact details (and free-text notes) of reports received longer ago than
    the retention period. The reports, their events and therefore all counts stay."""
    now = now or timezone.now()
    days = app_settings.retention_days() if days is None else days
    cutoff = now - timedelta(days=days)
    expired = Melding.objects.filter(received_at__lt=cutoff, contact_purged_at__isnull=True)
    with_contact = ReporterContact.objects.filter(melding__in=expired)
    count = with_contact.count()
    if dry_run:
        return count
    with transaction.atomic():
        ids = list(expired.values_list("pk", flat=True))
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            ReporterContact.objects.filter(melding_id__in=chunk).delete()
            MeldingEvent.objects.filter(melding_id__in=chunk).exclude(note="").update(note="")
            Melding.objects.filter(pk__in=chunk).update(contact_purged_at=now)
    return count
