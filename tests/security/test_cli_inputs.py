"""Items 7, 10 and 13: the CLI refuses what the web refuses, exits 2 with a message and never
shows a traceback."""

import subprocess
import sys

import pytest

from safetyplan.settings import bundled_plan


def _cli(*args, env=None, cwd=None):
    """The installed entry point (``main``), as a user runs it: exit codes and stderr."""
    return subprocess.run([sys.executable, "-c", "from safetyplan.cli import main; main()",
                           *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


@pytest.mark.parametrize("year", ["-1", "1999", "2030"])
def test_report_refuses_a_year_outside_the_plan(tmp_path, year):
    out = tmp_path / "verslag.html"
    result = _cli("report", "--plan", str(bundled_plan()), "--year", year, "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "planperiode 2015-2018" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
