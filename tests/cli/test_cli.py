# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The command line: clean messages and exit codes, never a traceback."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"


def run(*args, env=None, cwd=None):
    code = "from safetyplan.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def test_help_lists_the_core_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "monitor", "plan"):
        assert command in result.stdout


def test_plan_check_accepts_the_rotterdam_plan():
    result = run("plan", "check", str(ROTTERDAM))
    assert result.returncode == 0
    assert "13 doelen" in result.stdout and "33 gemeenten" in result.stdout


def test_broken_plan_exits_2_with_file_line_and_problem(tmp_path):
    broken = tmp_path / "broken.yaml"
    text = ROTTERDAM.read_text(encoding="utf-8").replace(
        "baseline: {year: 2011, value: 486}", "baseline: {year: 2011, value: vierhonderd}"
    )
    broken.write_text(text, encoding="utf-8")
    for args in (["plan", "check", str(broken)], ["monitor", "--plan", str(broken)]):
        result = run(*args)
        assert result.returncode == 2
        assert "broken.yaml, regel" in result.stderr
        assert "goals[0].baseline.value" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


def test_missing_plan_file_is_a_clean_error(tmp_path):
    result = run("plan", "check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "niet gevonden" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error_not_a_traceback():
    result = run("monitor", "--plan", str(ROTTERDAM), "--frobnicate")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_demo_accounts_are_printed_as_a_readable_table():
    from rich.console import Console

    from safetyplan.cli.demo_cmd import accounts_table

    accounts = [
        {
            "username": "rvo",
            "role": "administrator",
            "organisation": "RVO",
            "description": "RVO-secretariaat",
        },
        {
            "username": "schiedam",
            "role": "analyst",
            "organisation": "Schiedam",
            "description": "veiligheidsadviseur",
        },
    ]
    console = Console(width=120, record=True)
    console.print(accounts_table(accounts))
    lines = console.export_text().splitlines()
    assert any("rvo" in line and "administrator" in line for line in lines)
    assert any("schiedam" in line and "Schiedam" in line for line in lines)
    assert not any("{'username'" in line for line in lines)
