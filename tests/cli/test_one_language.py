# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Issue 15, done when: with SAFETYPLAN_LANG=nl `safetyplan plan check broken.yaml` prints a
Dutch message and `safetyplan monitor --plan plans/rotterdam-2015-2018.yaml --year 2018` a
Dutch table, with no English; with SAFETYPLAN_LANG=en both are English with no Dutch. Also
the other commands of the plan, monitor and evaluation group, and Typer's own words."""

import subprocess
import sys
from pathlib import Path

import pytest

from safetyplan.sources.bundled import bundled_sources

from ..cli_runner import run
from ..i18n.language_words import assert_only

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"
LANGS = ["nl", "en"]


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(
        ROTTERDAM.read_text(encoding="utf-8").replace(
            "baseline: {year: 2011, value: 486}", "baseline: {year: 2011, value: vierhonderd}"
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("lang", LANGS)
def test_plan_check_of_a_broken_plan_speaks_one_language(monkeypatch, capsys, broken, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    code, out, err = run(monkeypatch, capsys, "plan", "check", str(broken))
    assert code == 2 and out == ""
    assert "broken.yaml" in err and "goals[0].baseline.value" in err
    line = 1 + ROTTERDAM.read_text(encoding="utf-8").split("baseline: {year: 2011, value: 486}")[
        0
    ].count("\n")
    assert {"nl": f"regel {line}", "en": f"line {line}"}[lang] in err
    assert_only(lang, err)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_check_summary_speaks_one_language(monkeypatch, capsys, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    code, out, err = run(monkeypatch, capsys, "plan", "check", str(ROTTERDAM))
    assert code == 0, err
    assert {"nl": "13 doelen", "en": "13 goals"}[lang] in out
    assert_only(lang, out, at_least=1)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_show_table_speaks_one_language(monkeypatch, capsys, lang):
    code, out, err = run(monkeypatch, capsys, "--lang", lang, "plan", "show", str(ROTTERDAM))
    assert code == 0, err
    assert {"nl": "Doeljaar", "en": "Target year"}[lang] in out
    assert_only(lang, out)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_template_speaks_one_language(monkeypatch, capsys, home, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    args = ("plan", "template", str(ROTTERDAM))
    code, out, err = run(monkeypatch, capsys, *args, "--goal", "straatroof")
    assert code == 0, err
    assert {"nl": "regels voor doel straatroof", "en": "rows for goal straatroof"}[lang] in err
    assert_only(lang, err, at_least=2)
    code, out, err = run(monkeypatch, capsys, *args, "--goal", "nergens")
    assert code == 2 and "nergens" in err
    assert_only(lang, err, at_least=2)


@pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets")
@pytest.mark.parametrize("lang", LANGS)
def test_monitor_table_speaks_one_language(monkeypatch, capsys, home, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    code, out, err = run(monkeypatch, capsys, "monitor", "--plan", str(ROTTERDAM), "--year", "2018")
    assert code == 0, err
    table = out[: out.index({"nl": "Ontbrekende cijfers", "en": "Filling in the"}[lang])]
    words = {
        "nl": ["stand 2018", "Werkelijk", "Behaald", "geen gegevens"],
        "en": ["status 2018", "Actual", "Achieved", "no data"],
    }[lang]
    assert all(word in table for word in words), table
    assert_only(lang, table)
    assert_only(lang, out)  # and the fill hints under it


@pytest.mark.parametrize("lang", LANGS)
def test_monitor_error_speaks_one_language(monkeypatch, capsys, broken, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    code, out, err = run(monkeypatch, capsys, "monitor", "--plan", str(broken))
    assert code == 2 and "broken.yaml" in err
    assert_only(lang, err)


@pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets")
def test_monitor_json_keeps_codes_and_adds_the_label(monkeypatch, capsys, home):
    import json

    args = ("monitor", "--plan", str(ROTTERDAM), "--year", "2018", "--format", "json")
    code, out, err = run(monkeypatch, capsys, *args)
    burglary = {r["goal"]: r for r in json.loads(out)}["woninginbraak"]
    assert burglary["status"] == "achieved" and burglary["status_label"] == "Behaald"
    assert "status_nl" not in burglary
    code, out, err = run(monkeypatch, capsys, "--lang", "en", *args)
    burglary = {r["goal"]: r for r in json.loads(out)}["woninginbraak"]
    assert burglary["status"] == "achieved" and burglary["status_label"] == "Achieved"


def cli(*args, lang):
    """A separate process: Typer's help texts are made when the commands are defined."""
    env = {"PATH": "/usr/bin:/bin", "SAFETYPLAN_LANG": lang, "PYTHONPATH": str(ROOT / "src")}
    code = "from safetyplan.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ["Gebruik:", "Argumenten", "Opties", "Toon deze hulptekst", "[verplicht]"]),
        ("en", ["Usage:", "Arguments", "Options", "Show this message and exit.", "[required]"]),
    ],
)
def test_typer_help_speaks_one_language(lang, words):
    result = cli("plan", "check", "--help", lang=lang)
    assert result.returncode == 0, result.stderr
    assert all(word in result.stdout for word in words), result.stdout
    assert_only(lang, result.stdout)


@pytest.mark.parametrize(
    ("lang", "args", "words"),
    [
        ("nl", ["plan", "check"], ["Gebruik:", "Fout", "Ontbrekend argument", "voor hulp"]),
        ("en", ["plan", "check"], ["Usage:", "Error", "Missing argument", "for help"]),
        ("nl", ["plan", "--frobnicate"], ["Onbekende optie: --frobnicate", "[OPTIES]"]),
        ("en", ["plan", "--frobnicate"], ["No such option: --frobnicate", "[OPTIONS]"]),
        ("nl", ["plan", "chek"], ["Onbekende opdracht 'chek'. Bedoelde u 'check'?"]),
        ("nl", ["plan", "check", "a", "b"], ["Onverwachte extra argumenten: b"]),
        ("en", ["plan", "check", "a", "b"], ["Unexpected extra argument(s): b"]),
        ("en", ["plan", "chek"], ["No such command 'chek'. Did you mean 'check'?"]),
        ("nl", ["monitor", "--plan"], ["Optie '--plan' vraagt een waarde."]),
        ("en", ["monitor", "--plan"], ["Option '--plan' requires an argument."]),
        ("nl", ["monitor", "--plan", "x", "--year", "1.5"], ["'--year': geen geheel getal"]),
        ("en", ["monitor", "--plan", "x", "--year", "1.5"], ["'--year': not a whole number"]),
        ("nl", ["monitor", "--plan", "x", "--format", "xml"], ["'xml' is niet een van"]),
        ("en", ["monitor", "--plan", "x", "--format", "xml"], ["'xml' is not one of"]),
    ],
)
def test_typer_usage_errors_speak_one_language(lang, args, words):
    result = cli(*args, lang=lang)
    assert result.returncode == 2
    assert all(word in result.stderr for word in words), result.stderr
    assert_only(lang, result.stderr, at_least=1)


@pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets")
@pytest.mark.parametrize("lang", LANGS)
def test_evaluate_speaks_one_language(monkeypatch, capsys, home, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    args = ("evaluate", "--plan", str(ROTTERDAM))
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 0, err
    assert {"nl": "Zonder plan", "en": "Without the plan"}[lang] in out
    assert_only(lang, out)
    code, out, err = run(monkeypatch, capsys, *args, "--goal", "nergens")
    assert code == 2 and "'nergens'" in err
    assert_only(lang, err.splitlines()[-1], at_least=1)


@pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets")
@pytest.mark.parametrize("lang", LANGS)
def test_plan_review_speaks_one_language(monkeypatch, capsys, home, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    code, out, err = run(monkeypatch, capsys, "plan", "review", str(ROTTERDAM))
    assert code == 0, err
    assert {"nl": "weinig ambitieus", "en": "little ambition"}[lang] in out
    assert_only(lang, out)


@pytest.mark.parametrize("lang", LANGS)
def test_demo_accounts_table_speaks_one_language(monkeypatch, lang):
    from rich.console import Console

    from safetyplan.cli.demo_cmd import accounts_table

    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    accounts = [
        {"username": "rvo", "role": "administrator", "organisation": "RVO", "description": "-"},
        {"username": "analist", "role": "analyst", "organisation": "RE07", "description": "-"},
    ]
    console = Console(width=120, record=True)
    console.print(accounts_table(accounts))
    text = console.export_text()
    words = {"nl": ["wachtwoord", "Gebruiker", "Beheerder"], "en": ["password", "User", "Analyst"]}
    assert all(word in text for word in words[lang]), text
    assert "administrator" not in text  # the role's code becomes its label


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nl", ["Ongeldige waarde voor '--year'", "Gebruik:"]), ("en", ["Invalid value for"])],
)
def test_demo_usage_error_speaks_one_language(lang, words):
    result = cli("demo", "--year", "soon", lang=lang)
    assert result.returncode == 2
    assert all(word in result.stderr for word in words), result.stderr


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "--since: geen datum (JJJJ-MM-DD): 'gisteren'"),
        ("en", "--since: not a date (YYYY-MM-DD): 'gisteren'"),
    ],
)
def test_date_options_say_what_is_wrong_in_the_active_language(monkeypatch, lang, expected):
    from safetyplan.cli._common import parse_date
    from safetyplan.errors import DataError

    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    with pytest.raises(DataError) as err:
        parse_date("gisteren", "--since")
    assert str(err.value) == expected


def test_typer_rich_help_is_not_imported_at_start_up():
    """Its words are translated when Typer imports it (help, errors): no 0.1 s at every start."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")}
    code = "import sys, safetyplan.cli; print('typer.rich_utils' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip() == "False", result.stderr
