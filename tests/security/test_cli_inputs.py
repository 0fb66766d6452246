# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Items 7, 10 and 13: the CLI refuses what the web refuses, exits 2 with a message and never
shows a traceback."""

import subprocess
import sys

import pytest

from safetyplan.settings import bundled_plan
from tests.cli_runner import run


def _cli(*args, env=None, cwd=None):
    """The installed entry point (``main``), as a user runs it: exit codes and stderr."""
    return subprocess.run(
        [sys.executable, "-c", "from safetyplan.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


@pytest.mark.parametrize("year", ["-1", "1999", "2030"])
def test_report_refuses_a_year_outside_the_plan(tmp_path, year):
    out = tmp_path / "verslag.html"
    result = _cli("report", "--plan", str(bundled_plan()), "--year", year, "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "planperiode 2015-2018" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


TWO_ROWS = (
    "area,period,measure,value\nGM0599,2016,registered:pol:1.1.1,1\n"
    "GM0606,2016,registered:pol:1.1.1,2\n"
)


def _facts(home) -> int:
    from safetyplan.warehouse import Warehouse

    path = home / "warehouse.duckdb"
    if not path.exists():
        return 0
    with Warehouse.open(path, read_only=True) as wh:
        return len(wh.facts())


def test_a_user_load_under_a_shipped_source_name_needs_replace_shipped(
    home, tmp_path, monkeypatch, capsys
):
    """Item 10: without the option exit 2 and nothing changes; with it the load runs."""
    from safetyplan.sources.bundled import shipped_source_names

    assert "cbs_47018ned_gemeente" in shipped_source_names()
    path = tmp_path / "x.csv"
    path.write_text(TWO_ROWS)
    code, _, err = run(
        monkeypatch, capsys, "ingest", "facts", str(path), "--source", "cbs_47018ned_gemeente"
    )
    assert code == 2 and "--replace-shipped" in err and "Traceback" not in err
    assert _facts(home) == 0
    code, _, err = run(
        monkeypatch,
        capsys,
        "ingest",
        "facts",
        str(path),
        "--source",
        "cbs_47018ned_gemeente",
        "--replace-shipped",
    )
    assert code == 0, err
    assert _facts(home) == 2


def test_an_unterminated_quote_at_the_end_is_a_reject(home, tmp_path, monkeypatch, capsys):
    """Item 13: the csv module would read the open quote to the end as one value."""
    from safetyplan.sources.facts_csv import read_facts_csv

    path = tmp_path / "open.csv"
    path.write_text(
        "area,period,measure,value\nGM0599,2016,registered:pol:1.1.1,1\n"
        'GM0606,2016,registered:pol:1.1.1,"2\n'
    )
    read = read_facts_csv(path)
    assert len(read.facts) == 1
    unclosed = "aanhalingsteken niet gesloten"  # "unterminated quote" in English
    assert [(r.line, unclosed in r.reason) for r in read.rejects] == [(3, True)]
    code, _, err = run(monkeypatch, capsys, "ingest", "facts", str(path), "--source", "eigen")
    assert code == 2 and unclosed in (tmp_path / "open.csv.rejects.csv").read_text()


@pytest.mark.parametrize(
    "command",
    [
        ["ingest", "facts", "{file}", "--source", "eigen"],
        ["ingest", "incidents", "{file}"],
        ["service", "import", "{file}"],
    ],
)
def test_rejects_into_a_missing_folder_is_refused(home, tmp_path, monkeypatch, capsys, command):
    """Item 13: a typo in --rejects must not create folders."""
    path = tmp_path / "x.csv"
    path.write_text(TWO_ROWS)
    target = tmp_path / "no" / "such" / "dir" / "r.csv"
    args = [a.replace("{file}", str(path)) for a in command]
    code, _, err = run(monkeypatch, capsys, *args, "--rejects", str(target))
    assert code == 2 and "bestaat niet" in err
    assert not (tmp_path / "no").exists()


def test_without_cbsodata_the_message_names_the_extra(home, monkeypatch, capsys):
    """Item 13: Rich swallowed "[live]" as markup; the message shows it."""
    monkeypatch.setitem(sys.modules, "cbsodata", None)  # import cbsodata -> ImportError
    code, _, err = run(monkeypatch, capsys, "ingest", "statline", "83648NED")
    assert code == 2
    assert "pip install 'safetyplan[live]'" in err
