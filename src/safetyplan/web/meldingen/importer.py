# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Bulk load of reports from a police system's CSV export, with the API's rules.

Columns (header names, any order; only the first five are required):
``external_id, category, received_at, municipality, kind`` (melding, aangifte, vraag;
default melding), ``channel``, ``base_team``, ``hic`` (a yes/no word of
:mod:`safetyplan.csvread`; empty is no), ``source`` (else ``--source``), ``reporter_name``,
``reporter_email``, ``reporter_phone``, and the moments of events: ``feedback_at``,
``progress_at``, ``forwarded_at``, ``closed_at``.

Times are ISO 8601 (``2026-03-02T14:05``, with or without offset) or Dutch
(``02-03-2026 14:05``); a time without offset is Dutch local time.

The file is read by :func:`safetyplan.csvread.read_rows` (``,``, ``;`` or tab, UTF-8 with or
without BOM). Idempotent: a report that exists (same source and external id) is left as it
is, and an event column adds that event only when the report has no event of that type yet.
Rows that fail validation go to a rejects file (the importers' one format: file, line,
id, column, value, reason); with more rejects than ``max_rejects`` nothing is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyplan.csvread import Reject, read_rows, read_text, write_rejects, yes_no
from safetyplan.csvsafe import check_file_size
from safetyplan.errors import DataError
from safetyplan.service import AMSTERDAM

from . import services
from .models import Melding, MeldingEvent
from .serializers import EventSerializer, MeldingSerializer

REQUIRED = ("external_id", "category", "received_at", "municipality")
EVENT_COLUMNS = {f"{t}_at": t for t in ("feedback", "progress", "forwarded", "closed")}
REPORTER_COLUMNS = {"reporter_name": "name", "reporter_email": "email", "reporter_phone": "phone"}
DUTCH_FORMATS = ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y")


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    existing: int = 0
    events_added: int = 0
    rejected: int = 0
    rejects_file: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class RowError(ValueError):
    """A row's problem; ``column`` and ``value`` where one cell is at fault."""

    def __init__(self, message: str, column: str = "", value: str = ""):
        super().__init__(message)
        self.column, self.value = column, value


def parse_moment(text: str, column: str) -> datetime:
    text = text.strip()
    moment = None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        for fmt in DUTCH_FORMATS:
            try:
                moment = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if moment is None:
        raise RowError(
            _("%(column)s: not a date-time: %(text)s") % {"column": column, "text": repr(text)},
            column,
            text,
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment


def _flag(text: str) -> bool:
    if not text.strip():
        return False  # hic is optional: an empty cell is no
    flag = yes_no(text)
    if flag is None:
        raise RowError(_("hic: not yes/no: %(text)s") % {"text": repr(text)}, "hic", text)
    return flag


def _errors(serializer_errors) -> str:
    parts = []
    for field, messages in serializer_errors.items():
        if isinstance(messages, dict):
            messages = [f"{k}: {' '.join(map(str, v))}" for k, v in messages.items()]
        parts.append(f"{field}: {' '.join(str(m) for m in messages)}")
    return "; ".join(parts)


def _column(serializer_errors) -> str:
    """The column of a one-field error (the serializer's fields are the file's columns;
    ``reporter`` holds the ``reporter_*`` ones); empty when several fields fail."""
    if len(serializer_errors) != 1:
        return ""
    name, messages = next(iter(serializer_errors.items()))
    if name == "reporter" and isinstance(messages, dict) and len(messages) == 1:
        return "reporter_" + next(iter(messages))
    return name


def _validate_row(row: dict, source: str) -> tuple[dict, dict | None, list[tuple[str, datetime]]]:
    for column in REQUIRED:
        if not (row.get(column) or "").strip():
            raise RowError(_("%(column)s: missing") % {"column": column}, column)
    data = {
        "source": (row.get("source") or "").strip() or source,
        "external_id": row["external_id"],
        "kind": (row.get("kind") or "melding").strip().lower(),
        "category": row["category"],
        "channel": (row.get("channel") or "").strip().lower(),
        "received_at": parse_moment(row["received_at"], "received_at"),
        "municipality": row["municipality"].strip().upper(),
        "base_team": (row.get("base_team") or "").strip(),
        "hic": _flag(row.get("hic") or ""),
    }
    reporter = {key: (row.get(col) or "").strip() for col, key in REPORTER_COLUMNS.items()}
    if any(reporter.values()):
        data["reporter"] = reporter
    serializer = MeldingSerializer(data=data)
    if not serializer.is_valid():
        raise RowError(_errors(serializer.errors), _column(serializer.errors))
    fields = dict(serializer.validated_data)
    reporter_fields = fields.pop("reporter", None)
    events = []
    for column, event_type in EVENT_COLUMNS.items():
        text = (row.get(column) or "").strip()
        if not text:
            continue
        at = parse_moment(text, column)
        event = EventSerializer(
            data={"type": event_type, "at": at},
            context={"melding": Melding(received_at=fields["received_at"])},
        )
        if not event.is_valid():
            raise RowError(f"{column}: {_errors(event.errors)}", column, text)
        events.append((event_type, event.validated_data["at"]))
    return fields, reporter_fields, events


def import_csv(
    path: str | Path,
    source: str = "default",
    max_rejects: int = 0,
    rejects_path: str | Path | None = None,
    user=None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    path = Path(path)
    if not path.exists():
        raise DataError(_("%(path)s: file not found") % {"path": path})
    check_file_size(path)
    rejects_path = (
        Path(rejects_path) if rejects_path else path.with_name(path.name + ".rejects.csv")
    )
    summary = ImportSummary()
    valid: list = []
    rejects: list[Reject] = []
    rows = read_rows(read_text(path), str(path))
    missing = [c for c in REQUIRED if c not in rows.header]
    if missing:
        raise DataError(
            _("%(path)s: line 1: missing columns: %(columns)s")
            % {"path": path, "columns": ", ".join(missing)}
        )
    for row in rows:
        summary.rows += 1
        key = (row.fields.get("external_id") or "")[:200].strip()  # a long one is a reject
        if row.reject is not None:
            rejects.append(row.reject._replace(id=key))
            continue
        try:
            valid.append(_validate_row(row.fields, source))
        except RowError as exc:
            rejects.append(Reject(row.line, exc.column, str(exc), exc.value, str(path), key))
    summary.rejected = len(rejects)
    if rejects:
        write_rejects(rejects, rejects_path)
        summary.rejects_file = str(rejects_path)
    if len(rejects) > max_rejects:
        raise DataError(
            _(
                "%(path)s: %(count)d rows rejected (max %(max)d); nothing loaded. See "
                "%(rejects)s (first: line %(line)d: %(reason)s)"
            )
            % {
                "path": path,
                "count": len(rejects),
                "max": max_rejects,
                "rejects": rejects_path,
                "line": rejects[0].line,
                "reason": rejects[0].reason,
            }
        )
    _load(valid, summary, user, progress)
    return summary


def _load(valid, summary: ImportSummary, user, progress) -> None:
    now = timezone.now()
    with transaction.atomic():
        for fields, reporter, events in valid:
            melding, created = services.register_melding(fields, reporter, user)
            summary.created += created
            summary.existing += not created
            if events:
                have = set(melding.events.values_list("type", flat=True))
                new = [
                    MeldingEvent(
                        melding=melding,
                        type=t,
                        at=at,
                        recorded_at=now,
                        recorded_by=user if getattr(user, "pk", None) else None,
                    )
                    for t, at in events
                    if t not in have
                ]
                MeldingEvent.objects.bulk_create(new)
                summary.events_added += len(new)
            if progress:
                progress(1)
