# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan events import|conflicts|export|capacity`` on the web application's database."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from safetyplan.cli import app
from safetyplan.errors import DataError
from safetyplan.web.events.models import Capacity, Event

pytestmark = pytest.mark.django_db

ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//NL\r
BEGIN:VEVENT\r
UID:night@schiedam\r
DTSTAMP:20160101T000000Z\r
SUMMARY:Nachtfeest\r
DTSTART;TZID=Europe/Amsterdam:20160702T220000\r
DTEND;TZID=Europe/Amsterdam:20160703T040000\r
X-SAFETYPLAN-MUNICIPALITY:GM0606\r
X-SAFETYPLAN-RISK-GROUPS:rival_supporters\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:match@vlaardingen\r
DTSTAMP:20160101T000000Z\r
SUMMARY:Derby\r
DTSTART;TZID=Europe/Amsterdam:20160703T143000\r
DTEND;TZID=Europe/Amsterdam:20160703T163000\r
X-SAFETYPLAN-MUNICIPALITY:GM0622\r
X-SAFETYPLAN-ACTIVITY:football\r
X-SAFETYPLAN-RISK-GROUPS:rival_supporters\r
X-SAFETYPLAN-POLICE-DEMAND:70\r
END:VEVENT\r
END:VCALENDAR\r
"""


def run(*args):
    return CliRunner().invoke(app, ["events", *args], catch_exceptions=True)


def test_import_twice_then_list_the_clash_as_json(tmp_path, orgs):
    path = tmp_path / "kalender.ics"
    path.write_text(ICS)
    first = run("import", str(path), "--format", "json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["created"] == 2
    again = run("import", str(path), "--format", "json")
    assert json.loads(again.stdout) == {
        "file": str(path),
        "created": 0,
        "updated": 0,
        "unchanged": 2,
    }
    capacity = tmp_path / "capaciteit.csv"
    capacity.write_text("area,day,officers\nD-WEST,2016-07-03,50\n")
    assert run("capacity", str(capacity)).exit_code == 0
    assert Capacity.objects.get().officers == 50
    result = run("conflicts", "--from", "2016-07-01", "--to", "2016-07-31", "--format", "json")
    assert result.exit_code == 0, result.output
    clashes = json.loads(result.stdout)
    assert [(c["date"], c["area"], c["kinds"], c["demand"], c["capacity"]) for c in clashes] == [
        ("2016-07-03", "D-WEST", ["over_capacity", "c_events"], 70, 50)
    ]
    assert clashes[0]["demand_unknown"]  # the night has no figure (no class demand set)
    table = run("conflicts", "--from", "2016-07-01", "--to", "2016-07-31")
    assert "Nachtfeest" in table.stdout and "Derby" in table.stdout
    assert "District West" in table.stdout


def test_export_writes_what_import_reads(tmp_path, orgs):
    source = tmp_path / "in.ics"
    source.write_text(ICS)
    run("import", str(source))
    before = {e.external_id: e.to_record() for e in Event.objects.all()}
    for name in ("uit.ics", "uit.csv"):
        out = tmp_path / name
        assert run("export", str(out), "--from", "2016-07-01", "--to", "2016-07-31").exit_code == 0
        Event.objects.all().delete()
        assert run("import", str(out)).exit_code == 0
        assert {e.external_id: e.to_record() for e in Event.objects.all()} == before


def test_a_bad_file_loads_nothing(tmp_path, orgs):
    path = tmp_path / "kapot.ics"
    path.write_text(
        ICS.replace("X-SAFETYPLAN-MUNICIPALITY:GM0622", "X-SAFETYPLAN-MUNICIPALITY:GM9999")
    )
    result = run("import", str(path))
    assert result.exit_code != 0 and isinstance(result.exception, DataError)
    assert "VEVENT 2 (UID match@vlaardingen)" in str(result.exception)
    assert "GM9999" in str(result.exception)
    assert Event.objects.count() == 0


def test_conflicts_needs_real_dates(orgs):
    result = run("conflicts", "--from", "1 juli", "--to", "2016-07-31")
    # the message is the command line's (cli/_common.parse_date): the option and the value
    assert result.exit_code != 0
    assert "--from" in str(result.exception) and "'1 juli'" in str(result.exception)


def test_a_broken_calendar_exits_2_with_a_message_and_no_traceback(tmp_path, db):
    path = tmp_path / "broken.ics"
    path.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:gisteren\n")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from safetyplan.cli import main; main()",
            "events",
            "import",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "SAFETYPLAN_HOME": str(tmp_path / "home"),
            "DJANGO_SETTINGS_MODULE": "safetyplan.web.config.settings.local",
            "DATABASE_URL": "",
        },
    )
    assert result.returncode == 2, result.stderr
    assert "broken.ics" in result.stderr and "Traceback" not in result.stderr
