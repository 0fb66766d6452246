# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 9: SAFETYPLAN_HOME is 0700; the web database, the warehouse and what the commands
write (exports, rejects) are 0600. Run in subprocesses: the umask is process-wide."""

import os
import stat
import subprocess
import sys

CLI = [sys.executable, "-c", "from safetyplan.cli import main; main()"]


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _env(home):
    env = {**os.environ, "SAFETYPLAN_HOME": str(home)}
    env.pop("SAFETYPLAN_WAREHOUSE", None)
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "safetyplan.web.config.settings.production"
    env["SAFETYPLAN_SECRET_KEY"] = "tests-only"
    return env


def test_the_home_the_warehouse_and_rejects_are_private(tmp_path):
    home = tmp_path / "home"
    data = tmp_path / "f.csv"
    data.write_text(
        "area,period,measure,value\nGM0599,2016,registered:pol:1.1.1,1\n"
        "GM0599,2017,registered:pol:1.1.1,x\n"
    )
    result = subprocess.run(
        [*CLI, "ingest", "facts", str(data), "--source", "eigen", "--max-rejects", "1"],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert _mode(home) == 0o700
    files = [p for p in home.rglob("*") if p.is_file() and not p.is_symlink()]
    assert files and all(_mode(p) == 0o600 for p in files), [(p, oct(_mode(p))) for p in files]
    assert _mode(tmp_path / "f.csv.rejects.csv") == 0o600


def test_the_web_database_is_private(tmp_path):
    home = tmp_path / "web"
    code = "from safetyplan.web import runner; runner.migrate()"
    setup = "from safetyplan.settings import private_files; private_files(); "
    result = subprocess.run(
        [sys.executable, "-c", setup + code],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert _mode(home) == 0o700
    assert _mode(home / "web.sqlite3") == 0o600


def test_an_existing_home_of_ours_is_tightened(tmp_path, monkeypatch):
    from safetyplan.settings import data_home

    home = tmp_path / "old"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    monkeypatch.setenv("SAFETYPLAN_HOME", str(home))
    assert data_home() == home and _mode(home) == 0o700
