# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""An event of the regional calendar as plain data, and its validation.

The web layer keeps events in its database; importers and exporters and the clash detection
work on :class:`EventRecord`, so that the CLI, a notebook and the web share one set of rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from safetyplan.bounds import MAX_OFFICERS, MAX_VISITORS, finite_within
from safetyplan.errors import DataError
from safetyplan.i18n import N_, _, gettext

from .risk_scan import CLASSES, RiskScan

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
FIRST_YEAR, LAST_YEAR = 1900, 2199  # what the calendar holds

# The permit's status (vergunning), as the municipality's intake records it.
# Labels marked here, translated where shown (permit_label).
PERMIT_STATUSES: dict[str, str] = {
    "not_requested": N_("not requested"),
    "requested": N_("requested"),
    "granted": N_("granted"),
    "refused": N_("refused"),
    "withdrawn": N_("withdrawn"),
    "notification": N_("notification only, no permit"),
}


def permit_label(status: str, lang: str | None = None) -> str:
    """``'granted'`` -> ``'verleend'`` (nl) or ``'granted'`` (en); unknown codes as they are."""
    return gettext(PERMIT_STATUSES[status], lang) if status in PERMIT_STATUSES else status


# Fields answered on the event itself, in the order of CSV columns and forms.
SCAN_FIELDS = (
    "visitors_at_once",
    "age_profile",
    "risk_groups",
    "alcohol_drugs",
    "activity_type",
    "setting",
)


@dataclass
class EventRecord:
    external_id: str
    name: str
    municipality: str  # CBS code GMxxxx
    start: datetime  # aware
    end: datetime  # aware, after start
    organiser: str = ""
    location: str = ""
    visitors_at_once: int | None = None
    visitors_total: int | None = None
    activity_type: str = ""
    age_profile: str = ""
    risk_groups: tuple[str, ...] = ()
    alcohol_drugs: str = ""
    setting: str = ""
    permit_status: str = "requested"
    answers: dict[str, str] = field(default_factory=dict)  # the other scan questions
    police_demand: float | None = None  # override of the class's expected demand
    class_override: str = ""
    override_reason: str = ""

    def scan_answers(self) -> dict:
        """Everything the risk scan reads, keyed by field or question id."""
        out = {name: getattr(self, name) for name in SCAN_FIELDS}
        out.update(self.answers)
        return out


def local(value: datetime) -> datetime:
    """An aware date-time; a naive one is read as Dutch local time."""
    return value.replace(tzinfo=LOCAL_TZ) if value.tzinfo is None else value


def parse_moment(text: str, what: str) -> datetime:
    """ISO 8601 date or date-time; a date alone is its local midnight."""
    text = (text or "").strip()
    if not text:
        raise ValueError(_("{what} is missing").format(what=what))
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(0), LOCAL_TZ)
        return local(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        raise ValueError(
            _("{what} '{text}' is not an ISO date-time (e.g. 2016-07-02T14:00)").format(
                what=what, text=text
            )
        ) from None


def problems(
    event: EventRecord, scan: RiskScan, municipalities: set[str] | None = None
) -> list[str]:
    """Everything wrong with ``event``; empty when it is valid."""
    out = _unstorable(event)
    if not event.external_id.strip():
        out.append(_("external id is missing"))
    if not event.name.strip():
        out.append(_("name is missing"))
    if not MUNICIPALITY_CODE.match(event.municipality or ""):
        out.append(
            _("municipality '{code}' is not a CBS code such as GM0599").format(
                code=event.municipality
            )
        )
    elif municipalities is not None and event.municipality not in municipalities:
        out.append(_("unknown municipality '{code}'").format(code=event.municipality))
    for what in ("start", "end"):
        moment = getattr(event, what)
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            out.append(
                _("{what} {moment} lies outside the calendar's years {first}-{last}").format(
                    what=what, moment=moment.isoformat(), first=FIRST_YEAR, last=LAST_YEAR
                )
            )
    if event.start and event.end and event.end <= event.start:
        out.append(
            _("end {end} is not after start {start}").format(
                end=event.end.isoformat(), start=event.start.isoformat()
            )
        )
    for name in ("visitors_at_once", "visitors_total"):
        value = getattr(event, name)
        if value is not None and value < 0:
            out.append(_("{name} is negative ({value})").format(name=name, value=value))
        elif value is not None and value > MAX_VISITORS:
            out.append(_("{name} above {limit}").format(name=name, limit=MAX_VISITORS))
    if (
        event.visitors_at_once is not None
        and event.visitors_total is not None
        and event.visitors_at_once > event.visitors_total
    ):
        out.append(_("visitors at once exceed the total"))
    if not finite_within(event.police_demand, 0, MAX_OFFICERS):
        out.append(
            _("police_demand must be a number from 0 to {limit} ({value})").format(
                limit=f"{MAX_OFFICERS:g}", value=event.police_demand
            )
        )
    if event.permit_status not in PERMIT_STATUSES:
        out.append(
            _("unknown permit status '{value}' (known: {known})").format(
                value=event.permit_status, known=", ".join(PERMIT_STATUSES)
            )
        )
    if event.class_override:
        if event.class_override not in CLASSES:
            out.append(
                _("class override '{value}' is not A, B or C").format(value=event.class_override)
            )
        elif not event.override_reason.strip():
            out.append(_("a class override needs a reason"))
    out.extend(_answer_problems(event, scan))
    return out


def _unstorable(event: EventRecord) -> list[str]:
    """Text no database keeps: NUL characters and lone surrogates."""
    texts = [(name, value) for name, value in event.__dict__.items() if isinstance(value, str)]
    texts += [("risk_groups", v) for v in event.risk_groups]
    texts += [(f"answers.{k}", f"{k}{v}") for k, v in event.answers.items()]
    out = []
    for name, value in texts:
        if "\x00" in str(value):
            out.append(_("{name} contains a NUL character").format(name=name))
        else:
            try:
                str(value).encode("utf-8")
            except UnicodeEncodeError:
                out.append(_("{name} contains invalid characters").format(name=name))
    return out


def _answer_problems(event: EventRecord, scan: RiskScan) -> list[str]:
    out = []
    answers = event.scan_answers()
    for q in scan.questions():
        value = answers.get(q.field or q.id)
        if not q.options or value in (None, "", (), []):
            continue
        values = value if q.multiple and not isinstance(value, str) else [value]
        for v in values:
            if q.option(str(v)) is None:
                known = ", ".join(o.value for o in q.options)
                out.append(
                    _("{question}: unknown answer '{value}' (known: {known})").format(
                        question=q.field or q.id, value=v, known=known
                    )
                )
    unknown = set(event.answers) - {q.id for q in scan.answer_questions()}
    out.extend(_("unknown scan question '{id}'").format(id=k) for k in sorted(unknown))
    return out


def check(
    event: EventRecord, scan: RiskScan, municipalities: set[str] | None = None, where: str = ""
) -> None:
    """Raise :class:`DataError` naming ``where`` and every problem of ``event``."""
    found = problems(event, scan, municipalities)
    if found:
        prefix = f"{where}: " if where else ""
        raise DataError(prefix + "; ".join(found))
