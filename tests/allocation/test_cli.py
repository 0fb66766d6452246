# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan allocate``: tables, JSON, comparisons and clean errors."""

import json
import subprocess
import sys

from typer.testing import CliRunner

from safetyplan.cli import app

from .allocation_cases import SMALL

runner = CliRunner()


def run(*args):
    code = "from safetyplan.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def test_allocate_prints_the_division_as_json(write):
    path = write("small.yaml", SMALL)
    result = runner.invoke(app, ["allocate", "--scenario", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["available_fte"] == 90 and data["allocated_fte"] == 90
    assert {u["unit"]: u["fte"] for u in data["units"]} == {"a": 57, "b": 25, "c": 8}
    assert data["units"][1]["bound"] == "min"
    assert set(data["units"][0]["trace"]) == {"drivers", "items", "bounds_effect", "rounding"}
    assert {s["id"] for s in data["sensitivity"]} == {"crime", "base", "hic"}
    assert any("aanname / assumption" in line for line in data["assumptions"])


def test_allocate_table_names_units_assumptions_and_totals(write):
    path = write("small.yaml", SMALL)
    result = runner.invoke(app, ["allocate", "--scenario", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Klein voorbeeld" in result.stdout
    assert "25 (min)" in result.stdout
    assert "aanname / assumption" in result.stdout
    assert "verdeeld / divided 90 fte" in result.stdout


def test_compare_shows_the_shift_and_why(write):
    a = write("a.yaml", SMALL)
    b = write("b.yaml", "extends: a.yaml\nid: b\ntitle: Meer HIC\npriorities: {hic: 4}\n")
    result = runner.invoke(app, ["allocate", "compare", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [u["unit"] for u in data["units"]] == ["a", "b", "c"]
    assert data["units"][0]["shift"] > 0
    assert "Criminaliteit" in data["units"][0]["reason"]
    table = runner.invoke(app, ["allocate", "compare", str(a), str(b)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Waarom / why" in table.stdout


def test_a_broken_scenario_exits_2_with_file_line_and_problem(write):
    path = write("broken.yaml", SMALL.replace("min_fte: 25}", "min_fte: 95}"))
    result = run("allocate", "--scenario", str(path))
    assert result.returncode == 2
    assert "broken.yaml, line 17 (units): the minimums add up to 95 FTE" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_missing_scenario_file_and_a_missing_option_exit_2(tmp_path):
    missing = run("allocate", "--scenario", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "niet gevonden" in missing.stderr
    assert "Traceback" not in missing.stderr
    bare = run("allocate")
    assert bare.returncode == 2 and "--scenario" in bare.stderr
