# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""iCalendar and CSV in and out: the round trip keeps every field; bad input is rejected as a
whole, naming the place and the problem."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from safetyplan.errors import DataError
from safetyplan.events import (
    LOCAL_TZ,
    EventRecord,
    load_scan,
    parse_csv,
    parse_ical,
    read_events,
    write_csv,
    write_ical,
)
from safetyplan.events.risk_scan import DEFAULT_SCAN

# These tests read the messages in English, the source language (test_language.py: Dutch).
pytestmark = pytest.mark.usefixtures("english")

KNOWN = {"GM0599", "GM0606"}


@pytest.fixture(scope="module")
def scan():
    return load_scan(DEFAULT_SCAN)


def sample() -> list[EventRecord]:
    return [
        EventRecord(
            external_id="ev-1",
            name="Zomercarnaval",
            municipality="GM0599",
            start=datetime(2016, 7, 30, 13, 0, tzinfo=LOCAL_TZ),
            end=datetime(2016, 7, 31, 1, 30, tzinfo=LOCAL_TZ),
            organiser="Stichting X, Y",
            location="Centrum; Coolsingel",
            visitors_at_once=90000,
            visitors_total=900000,
            activity_type="parade",
            age_profile="mixed",
            risk_groups=("known_troublemakers", "vulnerable"),
            alcohol_drugs="alcohol",
            setting="outdoor_public",
            permit_status="granted",
            answers={"access": "limited", "threat": "general"},
            police_demand=120.5,
            class_override="C",
            override_reason='Besluit driehoek, "uitzonderlijk"',
        ),
        EventRecord(
            external_id="ev-2",
            name="Braderie",
            municipality="GM0606",
            start=datetime(2016, 8, 6, 10, 0, tzinfo=LOCAL_TZ),
            end=datetime(2016, 8, 6, 17, 0, tzinfo=LOCAL_TZ),
        ),
    ]


def test_icalendar_round_trip_keeps_every_field(scan):
    data = write_ical(sample(), classes={"ev-1": "C"}, descriptions={"ev-1": "klasse C"})
    assert b"BEGIN:VCALENDAR" in data and b"UID:ev-1" in data
    assert parse_ical(data, "x.ics", scan, KNOWN) == sample()


def test_csv_round_trip_keeps_every_field(scan):
    text = write_csv(sample(), scan)
    assert text.splitlines()[0].startswith("external_id,name,organiser,municipality")
    assert parse_csv(text, "x.csv", scan, KNOWN) == sample()


def test_ics_times_are_absolute_moments(scan):
    back = parse_ical(write_ical(sample()), "x.ics", scan)[0]
    assert back.start == datetime(2016, 7, 30, 11, 0, tzinfo=ZoneInfo("UTC"))


def test_an_all_day_event_from_another_calendar_program(scan):
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:abc@example.org\r\nDTSTAMP:20160101T000000Z\r\nSUMMARY:Koningsdag\r\n"
        b"DTSTART;VALUE=DATE:20160427\r\nDTEND;VALUE=DATE:20160428\r\n"
        b"X-SAFETYPLAN-MUNICIPALITY:GM0599\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    event = parse_ical(ics, "k.ics", scan, KNOWN)[0]
    assert event.start == datetime(2016, 4, 27, tzinfo=LOCAL_TZ)
    assert event.end == datetime(2016, 4, 28, tzinfo=LOCAL_TZ)
    assert event.permit_status == "requested"


def test_a_broken_icalendar_file_is_rejected(scan, tmp_path):
    path = tmp_path / "broken.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\n")
    with pytest.raises(DataError, match="broken.ics"):
        read_events(path, scan, KNOWN)
    path.write_bytes(b"this is not a calendar at all")
    with pytest.raises(DataError, match="broken iCalendar|no VCALENDAR"):
        read_events(path, scan, KNOWN)


def test_an_event_without_uid_or_end_is_rejected(scan):
    ics = write_ical(sample()).replace(b"UID:ev-2\r\n", b"")
    with pytest.raises(DataError, match=r"VEVENT 2: UID is missing"):
        parse_ical(ics, "x.ics", scan, KNOWN)


CSV_HEAD = "external_id,name,municipality,start,end,visitors_at_once\n"


def test_every_bad_row_is_named_with_its_line_and_nothing_is_returned(scan):
    text = (
        CSV_HEAD
        + "\n".join(
            [
                "ok,Goed,GM0599,2016-07-01T10:00,2016-07-01T12:00,100",
                "late,Verkeerd,GM0599,2016-07-01T12:00,2016-07-01T10:00,100",
                "nowhere,Onbekend,GM9999,2016-07-01T10:00,2016-07-01T12:00,100",
                "neg,Negatief,GM0599,2016-07-01T10:00,2016-07-01T12:00,-5",
                "when,Datum,GM0599,1 juli,2016-07-01T12:00,",
            ]
        )
        + "\n"
    )
    with pytest.raises(DataError) as caught:
        parse_csv(text, "in.csv", scan, KNOWN)
    message = str(caught.value)
    assert "4 problems" in message and "nothing loaded" in message
    assert "in.csv, line 3: end 2016-07-01T10:00:00+02:00 is not after start" in message
    assert "in.csv, line 4: unknown municipality 'GM9999'" in message
    assert "in.csv, line 5: visitors_at_once is negative (-5)" in message
    assert "in.csv, line 6: start '1 juli' is not an ISO date-time" in message
    assert "line 2" not in message


def test_a_duplicate_external_id_in_one_file_is_rejected(scan):
    row = "same,A,GM0599,2016-07-01T10:00,2016-07-01T12:00,\n"
    with pytest.raises(DataError, match="line 3: external id 'same' also at in.csv, line 2"):
        parse_csv(CSV_HEAD + row + row, "in.csv", scan, KNOWN)


def test_unknown_columns_and_answers_are_rejected(scan):
    with pytest.raises(DataError, match="line 1: unknown column.*colour"):
        parse_csv("external_id,name,municipality,start,end,colour\n", "in.csv", scan)
    text = (
        "external_id,name,municipality,start,end,activity_type,scan_threat\n"
        "x,A,GM0599,2016-07-01T10:00,2016-07-01T12:00,rave,maybe\n"
    )
    with pytest.raises(DataError, match="activity_type: unknown answer.*'rave'") as caught:
        parse_csv(text, "in.csv", scan)
    assert "threat: unknown answer 'maybe'" in str(caught.value)


def test_an_override_needs_a_reason(scan):
    text = (
        "external_id,name,municipality,start,end,class_override\n"
        "x,A,GM0599,2016-07-01T10:00,2016-07-01T12:00,C\n"
    )
    with pytest.raises(DataError, match="needs a reason"):
        parse_csv(text, "in.csv", scan)


def test_unknown_file_types_are_refused(scan, tmp_path):
    path = tmp_path / "events.xlsx"
    path.write_text("x")
    with pytest.raises(DataError, match="unknown format '.xlsx'"):
        read_events(path, scan)


def test_moments_outside_the_calendar_are_rejected(scan):
    text = "external_id,name,municipality,start,end\nx,A,GM0599,0001-01-01T10:00,2016-07-01T12:00\n"
    outside = "line 2: start 0001-01-01.*outside the calendar's years 1900-2199"
    with pytest.raises(DataError, match=outside):
        parse_csv(text, "in.csv", scan)
