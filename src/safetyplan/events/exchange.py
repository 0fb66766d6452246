# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Events in and out: iCalendar (RFC 5545, with the ``icalendar`` library) and CSV.

Both formats carry every field of :class:`EventRecord`; iCalendar keeps the standard ones in
standard properties (UID, SUMMARY, DTSTART, DTEND, LOCATION) and the rest in
``X-SAFETYPLAN-*`` properties, so other calendar programs show the event and Safetyplan reads
it back unchanged. Reading checks every event and raises one :class:`DataError` listing all
problems (file, line or event, problem): a caller then loads nothing.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date, datetime, time
from pathlib import Path

import icalendar

from safetyplan.bounds import MAX_OFFICERS, finite_within
from safetyplan.csvread import Reject, read_rows, read_text
from safetyplan.csvsafe import check_file_size, safe_row, unsafe_cell
from safetyplan.errors import DataError
from safetyplan.i18n import _, ngettext

from .model import LOCAL_TZ, EventRecord, check, parse_moment
from .risk_scan import RiskScan

MAX_LISTED = 20  # problems named in one message

CSV_COLUMNS = [
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
    "police_demand",
    "class_override",
    "override_reason",
]
REQUIRED_COLUMNS = {"external_id", "name", "municipality", "start", "end"}
ANSWER_PREFIX = "scan_"  # CSV column of an extra scan question: scan_<question id>
LIST_SEP = ";"

# iCalendar property of each field that has no standard property.
X_PROPS = {
    "organiser": "X-SAFETYPLAN-ORGANISER",
    "municipality": "X-SAFETYPLAN-MUNICIPALITY",
    "visitors_at_once": "X-SAFETYPLAN-VISITORS-AT-ONCE",
    "visitors_total": "X-SAFETYPLAN-VISITORS-TOTAL",
    "activity_type": "X-SAFETYPLAN-ACTIVITY",
    "age_profile": "X-SAFETYPLAN-AGE-PROFILE",
    "risk_groups": "X-SAFETYPLAN-RISK-GROUPS",
    "alcohol_drugs": "X-SAFETYPLAN-ALCOHOL-DRUGS",
    "setting": "X-SAFETYPLAN-SETTING",
    "permit_status": "X-SAFETYPLAN-PERMIT",
    "police_demand": "X-SAFETYPLAN-POLICE-DEMAND",
    "class_override": "X-SAFETYPLAN-CLASS-OVERRIDE",
    "override_reason": "X-SAFETYPLAN-OVERRIDE-REASON",
}
X_ANSWER = "X-SAFETYPLAN-SCAN-"  # + question id in upper case, '_' as '-'
X_CLASS = "X-SAFETYPLAN-RISK-CLASS"  # written for readers; ignored when read


def read_events(
    path: str | Path, scan: RiskScan, municipalities: set[str] | None = None
) -> list[EventRecord]:
    """The events of an .ics or .csv file, all valid, or a DataError naming every problem."""
    path = Path(path)
    if not path.exists():
        raise DataError(_("{path}: file not found").format(path=path))
    check_file_size(path)
    suffix = path.suffix.lower()
    if suffix in {".ics", ".ical", ".ifb"}:
        return parse_ical(path.read_bytes(), str(path), scan, municipalities)
    if suffix == ".csv":
        return parse_csv(read_text(path), str(path), scan, municipalities)
    raise DataError(
        _("{path}: unknown format '{suffix}' (use .ics or .csv)").format(path=path, suffix=suffix)
    )


def _told(reject: Reject) -> str:
    """A reject as this module's messages say it: file and line; the reason names the
    column (all problems of a file are listed in one message)."""
    return _line(reject.file, reject.line) + f": {reject.reason}"


def _line(source: str, line: int) -> str:
    return _("{path}, line {line}").format(path=source, line=line)


def _raise_all(source: str, found: list[str]) -> None:
    if found:
        extra = len(found) - MAX_LISTED
        more = " " + _("(+{n} more)").format(n=extra) if extra > 0 else ""
        heading = ngettext(
            "{path}: {n} problem, nothing loaded:",
            "{path}: {n} problems, nothing loaded:",
            len(found),
        ).format(path=source, n=len(found))
        raise DataError(heading + "\n  " + "\n  ".join(found[:MAX_LISTED]) + more)


def _finish(
    records: list[tuple[str, EventRecord]],
    source: str,
    scan: RiskScan,
    municipalities: set[str] | None,
    found: list[str],
) -> list[EventRecord]:
    seen: dict[str, str] = {}
    for where, record in records:
        try:
            check(record, scan, municipalities, where)
        except DataError as exc:
            found.append(str(exc))
        if record.external_id in seen:
            first = seen[record.external_id]
            found.append(
                _("{where}: external id '{id}' also at {first}").format(
                    where=where, id=record.external_id, first=first
                )
            )
        seen.setdefault(record.external_id, where)
    _raise_all(source, found)
    return [r for _, r in records]


# --- CSV -------------------------------------------------------------------------------


def parse_csv(
    text: str, source: str, scan: RiskScan, municipalities: set[str] | None = None
) -> list[EventRecord]:
    rows = read_rows(text, source)
    header = rows.header
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise DataError(
            _("{where}: missing column(s): {columns}").format(
                where=_line(source, 1), columns=", ".join(sorted(missing))
            )
        )
    known_answers = {ANSWER_PREFIX + q.id for q in scan.answer_questions()}
    unknown = [h for h in header if h not in CSV_COLUMNS and h not in known_answers]
    if unknown:
        raise DataError(
            _("{where}: unknown column(s): {columns}").format(
                where=_line(source, 1), columns=", ".join(unknown)
            )
        )
    records, found = [], []
    for read in rows:
        where = _line(source, read.line)
        if read.reject is not None:
            found.append(_told(read.reject))
            continue
        row = {k: unsafe_cell((v or "").strip()) for k, v in read.fields.items() if k is not None}
        try:
            records.append((where, _record_from_row(row)))
        except ValueError as exc:
            found.append(_told(Reject(read.line, "", str(exc), file=source)))
    return _finish(records, source, scan, municipalities, found)


def _int(text: str, what: str) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValueError(
            _("{what} '{text}' is not a whole number").format(what=what, text=text)
        ) from None


def _float(text: str, what: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(
            _("{what} '{text}' is not a number").format(what=what, text=text)
        ) from None
    if not math.isfinite(value):  # "inf", "nan", "1e999"
        raise ValueError(_("{what} '{text}' is not a finite number").format(what=what, text=text))
    return value


def _record_from_row(row: dict) -> EventRecord:
    return EventRecord(
        external_id=row.get("external_id", ""),
        name=row.get("name", ""),
        organiser=row.get("organiser", ""),
        municipality=row.get("municipality", "").upper(),
        location=row.get("location", ""),
        start=parse_moment(row.get("start", ""), "start"),
        end=parse_moment(row.get("end", ""), "end"),
        visitors_at_once=_int(row.get("visitors_at_once", ""), "visitors_at_once"),
        visitors_total=_int(row.get("visitors_total", ""), "visitors_total"),
        activity_type=row.get("activity_type", ""),
        age_profile=row.get("age_profile", ""),
        risk_groups=_split(row.get("risk_groups", "")),
        alcohol_drugs=row.get("alcohol_drugs", ""),
        setting=row.get("setting", ""),
        permit_status=row.get("permit_status", "") or "requested",
        police_demand=_float(row.get("police_demand", ""), "police_demand"),
        class_override=row.get("class_override", "").upper(),
        override_reason=row.get("override_reason", ""),
        answers={
            k[len(ANSWER_PREFIX) :]: v for k, v in row.items() if k.startswith(ANSWER_PREFIX) and v
        },
    )


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(LIST_SEP) if p.strip())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(events: list[EventRecord], scan: RiskScan) -> str:
    answer_cols = [ANSWER_PREFIX + q.id for q in scan.answer_questions()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS + answer_cols)
    for e in events:
        row = [_text(getattr(e, c)) for c in CSV_COLUMNS]
        row[CSV_COLUMNS.index("start")] = e.start.isoformat()
        row[CSV_COLUMNS.index("end")] = e.end.isoformat()
        row[CSV_COLUMNS.index("risk_groups")] = LIST_SEP.join(e.risk_groups)
        row += [e.answers.get(c[len(ANSWER_PREFIX) :], "") for c in answer_cols]
        writer.writerow(safe_row(row))  # no formulas for spreadsheets (csvsafe)
    return out.getvalue()


# --- iCalendar -------------------------------------------------------------------------


def parse_ical(
    data: bytes | str, source: str, scan: RiskScan, municipalities: set[str] | None = None
) -> list[EventRecord]:
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise DataError(
            _("{path}: broken iCalendar file: {error}").format(path=source, error=exc)
        ) from None
    if not isinstance(calendar, icalendar.Calendar):
        raise DataError(_("{path}: no VCALENDAR").format(path=source))
    records, found = [], []
    for n, component in enumerate(calendar.walk("VEVENT"), start=1):
        uid = str(component.get("UID", "")).strip()
        where = f"{source}, VEVENT {n}" + (f" (UID {uid})" if uid else "")
        try:
            records.append((where, _record_from_vevent(component, uid)))
        except ValueError as exc:
            found.append(f"{where}: {exc}")
    if not records and not found:
        raise DataError(_("{path}: no VEVENT (event) in the calendar").format(path=source))
    return _finish(records, source, scan, municipalities, found)


def _moment(component, name: str) -> datetime:
    prop = component.get(name)
    if prop is None:
        raise ValueError(_("{what} is missing").format(what=name))
    value = prop.dt
    if isinstance(value, datetime):
        return value.replace(tzinfo=LOCAL_TZ) if value.tzinfo is None else value
    if isinstance(value, date):  # an all-day event: local midnight
        return datetime.combine(value, time(0), LOCAL_TZ)
    raise ValueError(_("{what} is not a date or date-time").format(what=name))


def _prop(component, name: str) -> str:
    value = component.get(name)
    return "" if value is None else str(value).strip()


def _record_from_vevent(component, uid: str) -> EventRecord:
    if not uid:
        raise ValueError(_("UID is missing (the external id)"))
    start = _moment(component, "DTSTART")
    if component.get("DTEND") is not None:
        end = _moment(component, "DTEND")
    elif component.get("DURATION") is not None:
        end = start + component.get("DURATION").dt
    else:
        raise ValueError(_("DTEND (or DURATION) is missing"))
    x = {field: _prop(component, prop) for field, prop in X_PROPS.items()}
    organiser = x["organiser"]
    if not organiser and component.get("ORGANIZER") is not None:
        organiser = str(component["ORGANIZER"].params.get("CN", "")) or str(component["ORGANIZER"])
    answers = {}
    for key in component:
        if key.upper().startswith(X_ANSWER):
            answers[key.upper()[len(X_ANSWER) :].lower().replace("-", "_")] = _prop(component, key)
    return EventRecord(
        external_id=uid,
        name=_prop(component, "SUMMARY"),
        organiser=organiser,
        municipality=x["municipality"].upper(),
        location=_prop(component, "LOCATION"),
        start=start,
        end=end,
        visitors_at_once=_int(x["visitors_at_once"], "visitors_at_once"),
        visitors_total=_int(x["visitors_total"], "visitors_total"),
        activity_type=x["activity_type"],
        age_profile=x["age_profile"],
        risk_groups=_split(x["risk_groups"]),
        alcohol_drugs=x["alcohol_drugs"],
        setting=x["setting"],
        permit_status=x["permit_status"] or "requested",
        police_demand=_float(x["police_demand"], "police_demand"),
        class_override=x["class_override"].upper(),
        override_reason=x["override_reason"],
        answers=answers,
    )


def write_ical(
    events: list[EventRecord],
    classes: dict[str, str] | None = None,
    descriptions: dict[str, str] | None = None,
) -> bytes:
    """An RFC 5545 calendar of ``events``; ``classes`` and ``descriptions`` by external id."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Safetyplan//Evenementenkalender//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Events calendar"))
    stamp = datetime.now(LOCAL_TZ).replace(microsecond=0)
    for e in events:
        vevent = icalendar.Event()
        vevent.add("uid", e.external_id)
        vevent.add("dtstamp", stamp)
        vevent.add("summary", e.name)
        vevent.add("dtstart", e.start)
        vevent.add("dtend", e.end)
        if e.location:
            vevent.add("location", e.location)
        for field, prop in X_PROPS.items():
            value = getattr(e, field)
            value = LIST_SEP.join(value) if field == "risk_groups" else _text(value)
            if value:
                vevent.add(prop, value)
        for qid, value in sorted(e.answers.items()):
            vevent.add(X_ANSWER + qid.upper().replace("_", "-"), value)
        risk_class = (classes or {}).get(e.external_id)
        if risk_class:
            vevent.add(X_CLASS, risk_class)
            vevent.add("categories", [_("Risk class {risk_class}").format(risk_class=risk_class)])
        if descriptions and descriptions.get(e.external_id):
            vevent.add("description", descriptions[e.external_id])
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()


# --- capacity --------------------------------------------------------------------------

CAPACITY_COLUMNS = ["area", "day", "officers", "note"]


def parse_capacity_csv(
    text: str, source: str, areas: set[str] | None = None
) -> list[tuple[str, date, float, str]]:
    """Rows ``area,day,officers[,note]`` (area: a district or municipality code); every row
    checked, one DataError naming all problems."""
    rows = read_rows(text, source)
    missing = {"area", "day", "officers"} - set(rows.header)
    if missing:
        raise DataError(
            _("{where}: missing column(s): {columns}").format(
                where=_line(source, 1), columns=", ".join(sorted(missing))
            )
        )
    kept, found, seen = [], [], {}
    for read in rows:
        if read.reject is not None:
            found.append(_told(read.reject))
            continue
        row = {k: (v or "").strip() for k, v in read.fields.items() if k is not None}
        problem = _capacity_problem(row, areas)
        if isinstance(problem, Reject):
            found.append(_told(problem._replace(line=read.line, file=source)))
            continue
        area, day, officers = problem
        if (area, day) in seen:
            found.append(
                _told(
                    Reject(
                        read.line,
                        "",
                        _("{area} on {day} also at line {line}").format(
                            area=area, day=day, line=seen[(area, day)]
                        ),
                        file=source,
                    )
                )
            )
        else:
            seen[(area, day)] = read.line
            kept.append((area, day, officers, row.get("note", "")))
    _raise_all(source, found)
    return kept


def _capacity_problem(row: dict, areas: set[str] | None) -> Reject | tuple[str, date, float]:
    """The row's area, day and officers, or its problem (line and file filled in later)."""
    area, day_text = row.get("area", ""), row.get("day", "")
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return Reject(
            0, "day", _("day '{text}' is not a date YYYY-MM-DD").format(text=day_text), day_text
        )
    try:
        officers = _float(row.get("officers", ""), "officers")
    except ValueError as exc:
        return Reject(0, "officers", str(exc), row.get("officers", ""))
    if officers is None or not finite_within(officers, 0, MAX_OFFICERS):
        return Reject(
            0,
            "officers",
            _("officers must be a number from 0 to {limit}").format(limit=f"{MAX_OFFICERS:g}"),
            row.get("officers", ""),
        )
    if areas is not None and area not in areas:
        return Reject(
            0, "area", _("unknown district or municipality '{code}'").format(code=area), area
        )
    return area, day, officers
