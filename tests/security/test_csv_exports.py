# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 6: no spreadsheet formulas in any CSV export (events page, API and CLI; rejects
files), and our own importers read an export back unchanged."""

import csv
import io

import pytest
from typer.testing import CliRunner

from safetyplan.cli import app
from safetyplan.csvsafe import safe_cell
from safetyplan.web.events.models import Event
from tests.web.events.conftest import at

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-2+3+cmd|' /C calc'!A0",
    "\tTAB=1+1",
    "\r=1+1",
]


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _dangerous(cells) -> list[str]:
    return [
        c
        for c in cells
        if c.startswith(("=", "+", "-", "@", "\t", "\r"))
        and not c.lstrip("-").replace(".", "").isdigit()
    ]


@pytest.fixture
def formula_events(api_as, body):
    api = api_as("rotterdam")
    for n, name in enumerate(FORMULAS):
        response = api.post(
            "/api/v1/events/",
            body(f"f{n}", at(7, 2, 12), at(7, 2, 18), name=name, organiser=name),
            format="json",
        )
        assert response.status_code == 201, response.content


def test_the_export_page_and_the_api_neutralise_formulas(formula_events, client, users, api_as):
    client.force_login(users["kijker"])
    page = client.get("/evenementen/export.csv", {"start": "2016-07-01", "end": "2016-07-31"})
    api = api_as("kijker").get(
        "/api/v1/events/export/", {"type": "csv", "from": "2016-07-01", "to": "2016-07-31"}
    )
    for response in (page, api):
        assert response.status_code == 200
        cells = _cells(response.content.decode())
        assert _dangerous(cells) == []
        assert "'" + FORMULAS[0] in cells


def test_the_cli_export_neutralises_and_reads_back_unchanged(formula_events, tmp_path):
    before = {e.external_id: e.to_record() for e in Event.objects.all()}
    out = tmp_path / "uit.csv"
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["events", "export", str(out), "--from", "2016-07-01", "--to", "2016-07-31"]
        ).exit_code
        == 0
    )
    assert _dangerous(_cells(out.read_text())) == []
    Event.objects.all().delete()
    result = runner.invoke(app, ["events", "import", str(out)])
    assert result.exit_code == 0, result.output
    after = {e.external_id: e.to_record() for e in Event.objects.all()}
    # the importer strips surrounding whitespace, as it always did (tab and CR included)
    assert {k: v.name for k, v in after.items()} == {k: v.name.strip() for k, v in before.items()}


def test_rejects_files_neutralise_formulas(tmp_path):
    from safetyplan.sources.facts_csv import read_facts_csv

    path = tmp_path / "f.csv"
    path.write_text("area,period,measure,value\n=HYPERLINK(1),2016,x,1\n")
    read = read_facts_csv(path)
    target = read.write_rejects(tmp_path / "r.csv")
    assert _dangerous(_cells(target.read_text())) == []


def test_plain_numbers_stay_numbers():
    assert safe_cell("-3.5") == "-3.5" and safe_cell("+31") == "+31" and safe_cell(7) == 7
    assert safe_cell("=1+1") == "'=1+1"
