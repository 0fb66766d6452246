# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 4: a CSV field over the csv module's 128 KB limit is a named reject in every importer
(never a traceback or a 500), and a file over the size limit is refused before it is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from typer.testing import CliRunner

from safetyplan.cli import app
from safetyplan.csvsafe import MAX_FIELD_CHARS
from tests.i18n.lang_fixture import english, lang  # noqa: F401 (fixtures; English wording)

pytestmark = pytest.mark.django_db

LONG = "x" * 200_000  # over the csv module's default limit of 131072
EVENTS_CSV = (
    "external_id,name,municipality,start,end\n"
    f"lang,{LONG},GM0599,2016-07-02T12:00,2016-07-02T18:00\n"
)


def _invoke(*args):
    """The command in-process; ``main`` turns a DataError into exit 2 and a message."""
    return CliRunner().invoke(app, list(args))


def _refused(result) -> str:
    from safetyplan.errors import DataError

    assert isinstance(result.exception, DataError), result.output
    return str(result.exception)


def test_events_api_and_page_reject_a_long_field(api_as, client, users):
    api = api_as("rotterdam").post(
        "/api/v1/events/import/",
        {"file": SimpleUploadedFile("lang.csv", EVENTS_CSV.encode())},
        format="multipart",
    )
    assert api.status_code == 400
    assert "'name' langer dan" in api.content.decode()
    client.force_login(users["rotterdam"])
    page = client.post(
        "/evenementen/importeren/", {"file": SimpleUploadedFile("lang.csv", EVENTS_CSV.encode())}
    )
    assert page.status_code == 400 and "langer dan" in page.content.decode()


def test_an_upload_over_the_limit_is_refused(api_as, monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_MAX_UPLOAD_BYTES", "100")
    api = api_as("rotterdam").post(
        "/api/v1/events/import/",
        {"file": SimpleUploadedFile("groot.csv", EVENTS_CSV.encode())},
        format="multipart",
    )
    assert api.status_code == 400 and "te groot" in api.content.decode()


def test_cli_events_import_rejects_a_long_field(orgs, tmp_path, english):  # noqa: F811
    path = tmp_path / "lang.csv"
    path.write_text(EVENTS_CSV)
    result = _invoke("events", "import", str(path))
    assert "line 2: field 'name' longer than" in _refused(result)


def test_cli_capacity_rejects_a_long_field(orgs, tmp_path):
    path = tmp_path / "cap.csv"
    path.write_text(f"area,day,officers,note\nGM0599,2016-07-02,5,{LONG}\n")
    result = _invoke("events", "capacity", str(path))
    assert "veld 'note' langer dan" in _refused(result)


def test_service_import_rejects_a_long_field_by_line(orgs, tmp_path):
    path = tmp_path / "meldingen.csv"
    path.write_text(
        f"external_id,category,received_at,municipality\nm1,{LONG},2016-07-02T12:00,GM0599\n"
    )
    result = _invoke("service", "import", str(path), "--format", "json")
    _refused(result)
    rejects = (tmp_path / "meldingen.csv.rejects.csv").read_text()
    assert "2,m1" in rejects and "'category' langer dan" in rejects


def test_ingest_facts_rejects_a_long_field(tmp_path):
    from safetyplan.sources.facts_csv import read_facts_csv

    path = tmp_path / "f.csv"
    path.write_text(
        f"area,period,measure,value\nGM0599,2016,registered:pol:1.1.1,1\nGM0599,2017,{LONG},1\n"
    )
    read = read_facts_csv(path)
    assert len(read.facts) == 1
    assert [(r.line, r.column) for r in read.rejects] == [(3, "measure")]
    assert str(MAX_FIELD_CHARS) in read.rejects[0].reason


@pytest.mark.parametrize(
    "command",
    [
        ["ingest", "facts", "{file}", "--source", "eigen"],
        ["ingest", "incidents", "{file}"],
        ["events", "import", "{file}"],
        ["service", "import", "{file}"],
    ],
)
def test_a_file_over_the_limit_is_refused(orgs, tmp_path, monkeypatch, command):
    monkeypatch.setenv("SAFETYPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SAFETYPLAN_MAX_IMPORT_BYTES", "100")
    path = tmp_path / "groot.csv"
    path.write_text(EVENTS_CSV)
    result = _invoke(*[a.replace("{file}", str(path)) for a in command])
    assert "te groot" in _refused(result)
