# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan events ...`` speaks one language: Dutch by default, English with
SAFETYPLAN_LANG=en, in its errors, tables and summaries (issue 15)."""

import json
import re

import pytest
from typer.testing import CliRunner

from safetyplan.cli import app
from safetyplan.errors import DataError
from safetyplan.web.events.models import Event
from tests.i18n.language_check import assert_only

from .test_cli import ICS

pytestmark = pytest.mark.django_db

# Characteristic words of each language in these commands' output.
WORDS = {
    "nl": {
        "import": ["nieuw", "gewijzigd", "ongewijzigd"],
        "error": ["fout", "niets geladen", "onbekende gemeente"],
        "table": ["Conflicten", "Dag", "Gebied", "Vraag", "Capaciteit", "vraag boven capaciteit"],
        "export": ["evenementen"],
    },
    "en": {
        "import": ["new", "updated", "unchanged"],
        "error": ["problem", "nothing loaded", "unknown municipality"],
        "table": ["Clashes", "Day", "Area", "Demand", "Capacity", "demand exceeds capacity"],
        "export": ["events"],
    },
}
OTHER = {"nl": "en", "en": "nl"}


def run(*args):
    return CliRunner().invoke(app, ["events", *args], catch_exceptions=True, env={"COLUMNS": "200"})


def assert_words(code: str, kind: str, text: str) -> None:
    """The words of *code* are in *text*, those of the other language not (as whole words:
    "new" is not in "nieuw")."""
    missing = [w for w in WORDS[code][kind] if w not in text]
    assert not missing, f"{code} {kind}: missing {missing} in\n{text}"
    leaked = [w for w in WORDS[OTHER[code]][kind] if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not leaked, f"{code} {kind}: words of the other language {leaked} in\n{text}"


@pytest.mark.parametrize("code", ["nl", "en"])
def test_import_and_conflicts_speak_one_language(tmp_path, orgs, lang, code):
    lang(code)
    path = tmp_path / "kalender.ics"
    path.write_text(ICS)
    imported = run("import", str(path))
    assert imported.exit_code == 0, imported.output
    assert_words(code, "import", imported.stdout)
    assert_only(code, imported.stdout)
    capacity = tmp_path / "capaciteit.csv"
    capacity.write_text("area,day,officers\nD-WEST,2016-07-03,50\n")
    loaded = run("capacity", str(capacity))
    assert {"nl": "1 dag", "en": "1 day"}[code] in loaded.stdout
    table = run("conflicts", "--from", "2016-07-01", "--to", "2016-07-31")
    assert table.exit_code == 0, table.output
    assert_words(code, "table", table.stdout)
    assert {"nl": "1 juli 2016", "en": "1 July 2016"}[code] in table.stdout
    assert_only(code, table.stdout)
    Event.objects.filter(external_id="match@vlaardingen").update(is_example=True)
    notice = {
        "nl": "Let op: de kalender bevat fictieve voorbeeldevenementen van de demo",
        "en": "Note: the calendar holds the demo's fictitious example events.",
    }
    shown = run("conflicts", "--from", "2016-07-01", "--to", "2016-07-31").stdout
    assert notice[code] in shown.replace("\n", " ") and notice[OTHER[code]] not in shown
    as_json = run("conflicts", "--from", "2016-07-01", "--to", "2016-07-31", "--format", "json")
    (clash,) = json.loads(as_json.stdout)
    assert clash["kinds"] == ["over_capacity", "c_events"]  # stable codes in every language
    assert (
        clash["kind_labels"]
        == {
            "nl": ["vraag boven capaciteit", "meerdere C-evenementen"],
            "en": ["demand exceeds capacity", "several C events"],
        }[code]
    )
    out = tmp_path / "uit.csv"
    exported = run("export", str(out), "--from", "2016-07-01", "--to", "2016-07-31")
    assert {"nl": "2 evenementen", "en": "2 events"}[code] in exported.stdout
    assert notice[code] in exported.stdout.replace("\n", " ")  # the file holds an example


@pytest.mark.parametrize("code", ["nl", "en"])
def test_a_bad_file_is_refused_in_one_language(tmp_path, orgs, lang, code):
    lang(code)
    path = tmp_path / "kapot.ics"
    path.write_text(
        ICS.replace("X-SAFETYPLAN-MUNICIPALITY:GM0622", "X-SAFETYPLAN-MUNICIPALITY:GM9999")
    )
    result = run("import", str(path))
    assert result.exit_code != 0 and isinstance(result.exception, DataError)
    message = str(result.exception)
    assert "kapot.ics, VEVENT 2 (UID match@vlaardingen)" in message  # the place, as before
    assert_words(code, "error", message)
    assert_only(code, message)
    wrong = run("export", str(tmp_path / "uit.xlsx"), "--from", "2016-07-01", "--to", "2016-07-31")
    advice = {"nl": "gebruik .ics of .csv", "en": "use .ics or .csv"}
    assert advice[code] in str(wrong.exception) and advice[OTHER[code]] not in str(wrong.exception)


def test_no_clashes_is_said_in_the_active_language(orgs, lang):
    assert "Geen conflicten van 1 juli 2016 tot en met 31 juli 2016." in run(
        "conflicts", "--from", "2016-07-01", "--to", "2016-07-31"
    ).stdout.replace("\n", " ")
    lang("en")
    assert "No clashes from 1 July 2016 to 31 July 2016." in run(
        "conflicts", "--from", "2016-07-01", "--to", "2016-07-31"
    ).stdout.replace("\n", " ")
