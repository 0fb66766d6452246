# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Did we keep our promises? Compliance of reports with a service standard.

For each covered report received in the period:

- ``met``: the promise was kept on time (the keeping event at or before the deadline);
- ``late``: it was kept, but after the deadline;
- ``open_overdue``: not kept and the deadline has passed (``now``): someone must act;
- ``open``: not kept yet, deadline still ahead (not counted as due).

``due = met + late + open_overdue`` and ``percentage = 100 * met / due`` (None when nothing is
due). For a share standard without a deadline (questions the service centre handles itself):
``due`` are the closed questions, ``met`` those closed without being forwarded, ``late`` those
forwarded, ``open`` those not closed yet; ``open_overdue`` stays 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from enum import StrEnum

from .deadlines import DEFAULT_WORKING_HOURS, WorkingHours, deadline_due_at, local
from .records import EventType, ReportRecord
from .standards import coverage, is_share_standard, kept_by


class Status(StrEnum):
    met = "met"
    late = "late"
    open_overdue = "open_overdue"
    open = "open"


@dataclass(frozen=True)
class Judgement:
    record: ReportRecord
    status: Status
    due_at: datetime | None  # None for share standards
    kept_at: datetime | None


@dataclass(frozen=True)
class Compliance:
    standard: str
    due: int
    met: int
    late: int
    open_overdue: int
    open: int
    percentage: float | None
    target_share: float

    @property
    def on_target(self) -> bool | None:
        return None if self.percentage is None else self.percentage >= self.target_share

    def as_dict(self) -> dict:
        return {**asdict(self), "on_target": self.on_target}


def judge(
    standard,
    record: ReportRecord,
    now: datetime,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
) -> Judgement | None:
    """The record's status under the standard; None when the standard does not cover it."""
    if not coverage(standard).includes(record):
        return None
    if is_share_standard(standard):
        return _judge_share(record)
    due = deadline_due_at(record.received_at, standard.deadline, working_hours=working_hours)
    kept = record.first(kept_by(standard))
    if kept is not None:
        status = Status.met if kept.at <= due else Status.late
        return Judgement(record, status, due, kept.at)
    status = Status.open_overdue if now > due else Status.open
    return Judgement(record, status, due, None)


def _judge_share(record: ReportRecord) -> Judgement:
    closed = record.first(EventType.closed)
    if closed is None:
        return Judgement(record, Status.open, None, None)
    forwarded = record.first(EventType.forwarded)
    handed_on = forwarded is not None and forwarded.at <= closed.at
    return Judgement(record, Status.late if handed_on else Status.met, None, closed.at)


def in_period(record: ReportRecord, start: date | None, end: date | None) -> bool:
    """Received on a local date from ``start`` to ``end`` inclusive (either may be open)."""
    day = local(record.received_at).date()
    return (start is None or day >= start) and (end is None or day <= end)


def judgements(
    standard,
    records: Iterable[ReportRecord],
    now: datetime,
    start: date | None = None,
    end: date | None = None,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
) -> list[Judgement]:
    out = []
    for record in records:
        if not in_period(record, start, end):
            continue
        judged = judge(standard, record, now, working_hours)
        if judged is not None:
            out.append(judged)
    return out


def summarise(standard, judged: Iterable[Judgement]) -> Compliance:
    counts = {status: 0 for status in Status}
    for j in judged:
        counts[j.status] += 1
    due = counts[Status.met] + counts[Status.late] + counts[Status.open_overdue]
    percentage = round(100.0 * counts[Status.met] / due, 2) if due else None
    return Compliance(
        standard=standard.id,
        due=due,
        met=counts[Status.met],
        late=counts[Status.late],
        open_overdue=counts[Status.open_overdue],
        open=counts[Status.open],
        percentage=percentage,
        target_share=standard.target_share,
    )


def compliance(
    standard,
    records: Iterable[ReportRecord],
    now: datetime,
    start: date | None = None,
    end: date | None = None,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
) -> Compliance:
    return summarise(standard, judgements(standard, records, now, start, end, working_hours))


def compliance_by(
    standard,
    records: Iterable[ReportRecord],
    key: Callable[[Judgement], object],
    now: datetime,
    start: date | None = None,
    end: date | None = None,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
) -> dict[object, Compliance]:
    """Compliance per group, e.g. ``key=lambda j: j.record.base_team``; sorted by key."""
    groups: dict[object, list[Judgement]] = {}
    for j in judgements(standard, records, now, start, end, working_hours):
        groups.setdefault(key(j), []).append(j)
    return {k: summarise(standard, groups[k]) for k in sorted(groups, key=str)}


GROUPINGS: dict[str, Callable[[Judgement], object]] = {
    "base_team": lambda j: j.record.base_team,
    "municipality": lambda j: j.record.municipality,
    "month": lambda j: local(j.record.received_at).strftime("%Y-%m"),
    "year": lambda j: local(j.record.received_at).strftime("%Y"),
}
