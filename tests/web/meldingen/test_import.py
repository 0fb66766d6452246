# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Bulk import from a CSV export: the API's rules, idempotent, rejects file."""

import csv
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyplan.errors import DataError
from safetyplan.web.meldingen.importer import import_csv, parse_moment
from safetyplan.web.meldingen.models import Melding, MeldingEvent, ReporterContact

pytestmark = pytest.mark.django_db

HEADER = (
    "external_id,kind,category,channel,received_at,municipality,base_team,hic,"
    "reporter_name,reporter_email,feedback_at,progress_at"
)
GOOD = [
    "A-1,melding,Overlast,telefoon,2026-03-02T14:05,GM0599,BT-NOORD,nee,Jan,jan@example.nl,"
    "2026-03-03T09:00,",
    "A-2,aangifte,woninginbraak,balie,02-03-2026 16:00,gm0599,BT-ZUID,ja,,,,2026-03-10 10:00",
]


def write(tmp_path, *lines, name="export.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_import_creates_reports_events_and_contacts(tmp_path):
    summary = import_csv(write(tmp_path, *GOOD), source="bvh")
    assert (summary.rows, summary.created, summary.events_added, summary.rejected) == (2, 2, 2, 0)
    burglary = Melding.objects.get(external_id="A-2")
    assert (burglary.source, burglary.hic, burglary.municipality, burglary.kind) == (
        "bvh",
        True,
        "GM0599",
        "aangifte",
    )
    assert burglary.received_at.isoformat() == "2026-03-02T15:00:00+00:00"  # 16:00 CET
    assert ReporterContact.objects.get().email == "jan@example.nl"


def test_importing_again_changes_nothing(tmp_path):
    path = write(tmp_path, *GOOD)
    import_csv(path, source="bvh")
    again = import_csv(path, source="bvh")
    assert (again.created, again.existing, again.events_added) == (0, 2, 0)
    assert Melding.objects.count() == 2 and MeldingEvent.objects.count() == 2


def test_a_later_export_adds_only_new_events(tmp_path):
    import_csv(write(tmp_path, GOOD[0]), source="bvh")
    path = tmp_path / "closed.csv"
    path.write_text(HEADER + ",closed_at\n" + GOOD[0] + ",2026-03-04T10:00\n", encoding="utf-8")
    assert import_csv(path, source="bvh").events_added == 1  # feedback was there already
    assert sorted(MeldingEvent.objects.values_list("type", flat=True)) == ["closed", "feedback"]


def test_bad_rows_go_to_the_rejects_file_and_nothing_is_loaded(tmp_path):
    bad = [
        "B-1,melding,Overlast,telefoon,gisteren,GM0599,,nee,,,,",
        "B-2,melding,Overlast,telefoon,2026-03-02T10:00,Rotterdam,,nee,,,,",
        "B-3,melding,Overlast,telefoon,2026-03-02T10:00,GM0599,,misschien,,,,",
        "B-4,melding,Overlast,telefoon,2026-03-02T10:00,GM0599,,nee,,,2026-03-01T10:00,",
    ]
    path = write(tmp_path, GOOD[0], *bad)
    with pytest.raises(DataError, match="4 regels afgewezen.*niets geladen"):
        import_csv(path, source="bvh")
    assert not Melding.objects.exists()
    with (tmp_path / "export.csv.rejects.csv").open() as handle:
        rejects = list(csv.DictReader(handle))
    assert [r["line"] for r in rejects] == ["3", "4", "5", "6"]
    assert "received_at" in rejects[0]["reason"] and "municipality" in rejects[1]["reason"]
    assert "hic" in rejects[2]["reason"] and "feedback_at" in rejects[3]["reason"]


def test_max_rejects_lets_the_good_rows_through(tmp_path):
    path = write(tmp_path, GOOD[0], "B-1,melding,Overlast,,nooit,GM0599,,nee,,,,")
    summary = import_csv(path, source="bvh", max_rejects=1)
    assert (summary.created, summary.rejected) == (1, 1)


def test_missing_columns_name_the_file_and_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,when\n1,2026-01-01\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x.csv: regel 1: ontbrekende kolommen.*external_id"):
        import_csv(path)


def test_cli_import_exit_status(tmp_path, db):
    path = write(tmp_path, "B-1,melding,Overlast,,nooit,GM0599,,nee,,,,")
    env_db = tmp_path / "home"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from safetyplan.cli import main; main()",
            "service",
            "import",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "SAFETYPLAN_HOME": str(env_db),
            "DJANGO_SETTINGS_MODULE": "safetyplan.web.config.settings.local",
            "DATABASE_URL": "",
        },
    )
    assert result.returncode == 2
    assert "afgewezen" in result.stderr and "Traceback" not in result.stderr


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=30))
def test_any_text_is_a_moment_or_a_clear_error(text):
    try:
        moment = parse_moment(text, "received_at")
    except ValueError as exc:
        assert "received_at" in str(exc)
    else:
        assert moment.tzinfo is not None


def test_a_dutch_spreadsheet_export_and_the_shared_yes_no_words(tmp_path):
    # semicolons and a BOM, as Excel saves it in Dutch; hic in the words of every importer
    rows = [
        "C-1;melding;Overlast;telefoon;2026-03-02T10:00;GM0599;;1.0",
        "C-2;melding;Overlast;telefoon;2026-03-02T11:00;GM0599;;onwaar",
        "C-3;melding;Overlast;telefoon;2026-03-02T12:00;GM0599;;misschien",
    ]
    path = tmp_path / "nl.csv"
    header = "external_id;kind;category;channel;received_at;municipality;base_team;hic"
    path.write_text("\ufeff" + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    summary = import_csv(path, source="bvh", max_rejects=1)
    assert (summary.created, summary.rejected) == (2, 1)
    assert dict(Melding.objects.values_list("external_id", "hic")) == {"C-1": True, "C-2": False}
    with open(summary.rejects_file, encoding="utf-8") as handle:
        [reject] = list(csv.DictReader(handle))
    assert (reject["file"], reject["line"], reject["id"], reject["column"], reject["value"]) == (
        str(path),
        "4",
        "C-3",
        "hic",
        "misschien",
    )
