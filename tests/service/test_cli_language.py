# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan service ...`` and ``api-token`` speak one language: Dutch by default, English
with SAFETYPLAN_LANG=en, in their errors, tables and summaries (issue 15)."""

import re

import pytest
from typer.testing import CliRunner

from safetyplan.cli import app
from safetyplan.errors import SafetyplanError
from tests.i18n.lang_fixture import lang  # noqa: F401 (fixture)
from tests.i18n.language_check import assert_only

pytestmark = pytest.mark.django_db

CSV = (
    "external_id,kind,category,channel,received_at,municipality,base_team,hic,"
    "reporter_name,reporter_email,feedback_at,progress_at\n"
    "A-1,melding,Overlast,telefoon,2016-03-02T14:05,GM0599,BT-NOORD,nee,,,2016-03-03T09:00,\n"
    "A-2,aangifte,woninginbraak,balie,2016-03-02T16:00,GM0599,BT-ZUID,ja,,,,2016-03-10 10:00\n"
    "A-3,melding,Overlast,telefoon,nooit,GM0599,BT-NOORD,nee,,,,\n"
)
WORDS = {
    "nl": {
        "import": ["regels", "nieuw", "bestonden al", "afgekeurd"],
        "table": ["Norm", "Groep", "Te doen", "Op tijd", "Te laat", "totaal"],
        "error": ["Gebruiker", "bestaat niet"],
        "purge": ["contactgegevens", "bewaartermijn", "dagen"],
    },
    "en": {
        "import": ["rows", "new", "already there", "rejected"],
        "table": ["Standard", "Group", "Due", "On time", "Late", "total"],
        "error": ["User", "does not exist"],
        "purge": ["contact details", "retention", "days"],
    },
}
OTHER = {"nl": "en", "en": "nl"}


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=True, env={"COLUMNS": "200"})


def assert_words(code: str, kind: str, text: str) -> None:
    """The words of *code* are in *text*, those of the other language not (whole words)."""
    missing = [w for w in WORDS[code][kind] if w not in text]
    assert not missing, f"{code} {kind}: missing {missing} in\n{text}"
    leaked = [w for w in WORDS[OTHER[code]][kind] if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not leaked, f"{code} {kind}: words of the other language {leaked} in\n{text}"


@pytest.mark.parametrize("code", ["nl", "en"])
def test_import_compliance_and_purge_speak_one_language(tmp_path, lang, code):  # noqa: F811
    lang(code)
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    imported = run("service", "import", str(path), "--max-rejects", "1")
    assert imported.exit_code == 0, imported.output
    assert_words(code, "import", imported.stdout)
    table = run("service", "compliance", "--by", "base_team")
    assert table.exit_code == 0, table.output
    assert_words(code, "table", table.stdout)
    assert_only(code, table.stdout)
    purged = run("service", "purge", "--dry-run")
    assert purged.exit_code == 0, purged.output
    assert_words(code, "purge", purged.stdout)


@pytest.mark.parametrize("code", ["nl", "en"])
def test_errors_speak_one_language(lang, code):  # noqa: F811
    lang(code)
    result = run("api-token", "niemand")
    assert result.exit_code != 0 and isinstance(result.exception, SafetyplanError)
    assert "'niemand'" in str(result.exception)
    assert_words(code, "error", str(result.exception))
    wrong = run("service", "compliance", "--by", "week")
    expected = {"nl": "--by: onbekende waarde 'week'", "en": "--by: unknown value 'week'"}
    assert expected[code] in str(wrong.exception)
    facts = run("service", "facts")
    expected = {
        "nl": "Geef --out FILE.csv en/of --load.",
        "en": "Give --out FILE.csv and/or --load.",
    }
    assert str(facts.exception) == expected[code]


def test_the_fictitious_records_notice_follows_the_language(tmp_path, lang):  # noqa: F811
    from safetyplan.web.meldingen.importer import import_csv
    from safetyplan.web.meldingen.models import Melding as Report

    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    import_csv(path, source="bvh", max_rejects=1)
    Report.objects.update(is_example=True)
    dutch = run("service", "compliance").stdout.replace("\n", " ")
    assert "Let op: het register bevat fictieve voorbeeldrecords van de demo" in dutch
    assert "fictitious" not in dutch
    lang("en")
    english = run("service", "compliance").stdout.replace("\n", " ")
    assert "Note: the register holds the demo's fictitious example records." in english
    assert "fictieve" not in english


def test_the_service_centre_membership_is_said_in_the_active_language(lang):  # noqa: F811
    from tests.factories import UserFactory

    UserFactory(username="balie")
    assert run("service", "centre", "balie").exit_code == 0
    removed = run("service", "centre", "balie", "--remove").stdout
    assert "balie: niet meer in" in removed and "no longer" not in removed
    lang("en")
    removed = run("service", "centre", "balie", "--remove").stdout
    assert "balie: no longer in" in removed and "niet meer" not in removed
