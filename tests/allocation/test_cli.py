# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan allocate``: tables, JSON, comparisons and clean errors."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from safetyplan.cli import app
from tests.i18n.language_check import assert_only

from .allocation_cases import SMALL

runner = CliRunner()


def run(*args, lang="nl"):
    code = "from safetyplan.cli import main; main()"
    env = {**os.environ, "SAFETYPLAN_LANG": lang}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300, env=env
    )


def assert_words(text: str, present: list[str], absent: list[str]) -> None:
    """Characteristic words of the active language are there, those of the other are not."""
    assert all(w in text for w in present), [w for w in present if w not in text]
    assert not any(w in text for w in absent), [w for w in absent if w in text]


DUTCH_TABLE = [
    "Eenheid",
    "per eenheid",
    "Werklast",
    "Aandeel",
    "Stuurfactor",
    "Gewicht",
    "verdeeld",
    "aanname",
]
ENGLISH_TABLE = [
    "Unit",
    "per unit",
    "Workload",
    "Share",
    "Driver",
    "Weight",
    "divided",
    "assumption",
]


def test_allocate_prints_the_division_as_json(write, lang):
    path = write("small.yaml", SMALL)
    result = runner.invoke(app, ["allocate", "--scenario", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["available_fte"] == 90 and data["allocated_fte"] == 90
    assert {u["unit"]: u["fte"] for u in data["units"]} == {"a": 57, "b": 25, "c": 8}
    assert data["units"][1]["bound"] == "min"
    assert set(data["units"][0]["trace"]) == {"drivers", "items", "bounds_effect", "rounding"}
    assert {s["id"] for s in data["sensitivity"]} == {"crime", "base", "hic"}
    assert any(line.startswith("Totaal 100 fte: aanname — ") for line in data["assumptions"])


@pytest.mark.parametrize(
    ("code", "present", "absent"),
    [("nl", DUTCH_TABLE, ENGLISH_TABLE), ("en", ENGLISH_TABLE, DUTCH_TABLE)],
)
def test_allocate_table_names_units_assumptions_and_totals(write, lang, code, present, absent):
    lang(code)
    path = write("small.yaml", SMALL)
    result = runner.invoke(app, ["allocate", "--scenario", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Klein voorbeeld" in result.stdout
    assert "25 (min)" in result.stdout
    total = {"nl": "verdeeld 90 fte", "en": "divided 90 FTE"}[code]
    assert total in result.stdout
    assumption = {"nl": "Totaal 100 fte: aanname — illustratief", "en": "Total 100 FTE: assumption"}
    assert assumption[code] in result.stdout
    assert_words(result.stdout, present, absent)
    assert_only(code, result.stdout.replace("Klein voorbeeld", ""))


def test_compare_shows_the_shift_and_why(write, lang):
    a = write("a.yaml", SMALL)
    b = write("b.yaml", "extends: a.yaml\nid: b\ntitle: Meer HIC\npriorities: {hic: 4}\n")
    result = runner.invoke(app, ["allocate", "compare", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [u["unit"] for u in data["units"]] == ["a", "b", "c"]
    assert data["units"][0]["shift"] > 0
    assert "Criminaliteit" in data["units"][0]["reason"]
    table = runner.invoke(app, ["allocate", "compare", str(a), str(b)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Waarom" in table.stdout and "Verschuiving" in table.stdout
    assert_words(table.stdout, ["Eenheid", "Totaal verschoven"], ["Unit", "Why", "Shift"])
    lang("en")
    table = runner.invoke(app, ["allocate", "compare", str(a), str(b)], env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert_words(table.stdout, ["Unit", "Why", "Shift", "Moved in total"], ["Eenheid", "Waarom"])


def test_a_broken_scenario_exits_2_with_file_line_and_problem(write):
    path = write("broken.yaml", SMALL.replace("min_fte: 25}", "min_fte: 95}"))
    result = run("allocate", "--scenario", str(path), lang="en")
    assert result.returncode == 2
    assert "broken.yaml, line 17 (units): the minimums add up to 95 FTE" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    dutch = run("allocate", "--scenario", str(path), lang="nl")
    assert dutch.returncode == 2
    assert "broken.yaml" in dutch.stderr and "17" in dutch.stderr
    assert "de minima tellen op tot 95 fte, meer dan de 90 fte die te verdelen is" in dutch.stderr
    assert_words(dutch.stderr, ["minima", "verdelen"], ["minimums", "divide"])


def test_a_missing_scenario_file_and_a_missing_option_exit_2(tmp_path):
    missing = run("allocate", "--scenario", str(tmp_path / "nope.yaml"), lang="nl")
    assert missing.returncode == 2 and "niet gevonden" in missing.stderr
    assert "Traceback" not in missing.stderr
    bare = run("allocate")
    assert bare.returncode == 2 and "--scenario" in bare.stderr
