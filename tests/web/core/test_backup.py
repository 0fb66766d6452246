# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan backup`` while the server runs, ``safetyplan restore`` into an empty home: the
same figures, the same pages, the same API token. On SQLite, and on PostgreSQL 15 when the
suite runs with it (CI: SAFETYPLAN_TEST_POSTGRES=1 and DATABASE_URL)."""

from __future__ import annotations

import json
import os
import re
import threading
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.web.own_home import REPO, Served, home_env, safetyplan

PROBE = "/gebieden/GM0606/?measure=registered:pol:1.1.1"
TABLE = re.compile(r'<table class="data-table">.*?</table>', re.S)


@pytest.fixture(params=["sqlite", "postgres"])
def databases(request):
    """Two empty web databases: (url of the first, url of the second); None means SQLite."""
    if request.param == "sqlite":
        yield None, None
        return
    url = os.environ.get("DATABASE_URL")
    if os.environ.get("SAFETYPLAN_TEST_POSTGRES") != "1" or not url:
        pytest.skip("PostgreSQL: set SAFETYPLAN_TEST_POSTGRES=1 and DATABASE_URL (CI does)")
    import psycopg

    names = [f"sp_backup_{uuid.uuid4().hex[:8]}_{n}" for n in ("a", "b")]
    with psycopg.connect(url, autocommit=True) as con:
        for name in names:
            con.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    try:
        yield tuple(urlunsplit(parts._replace(path=f"/{name}")) for name in names)
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            for name in names:
                con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
def test_backup_while_serving_then_restore_into_an_empty_home(tmp_path, databases):
    first, second = tmp_path / "first", tmp_path / "second"
    env_a, env_b = home_env(first, databases[0]), home_env(second, databases[1])
    first.mkdir()
    safetyplan(["demo", "--no-serve"], env_a)
    probe = tmp_path / "probe.csv"  # a figure of our own beside the shipped ones
    probe.write_text("area,period,measure,value\nGM0606,2099,registered:pol:1.1.1,7123\n")
    safetyplan(["ingest", "facts", str(probe), "--source", "probe"], env_a)
    token = safetyplan(["api-token", "rvo"], env_a).stdout  # the token is in the backup

    with Served(env_a, tmp_path / "first.log") as server:
        status, before = server.page(PROBE)
        assert status == 200 and "7.123" in before
        stop, answers = threading.Event(), []

        def browse():  # somebody uses the server during the backup
            while not stop.is_set():
                answers.append(server.page(PROBE)[0])

        user = threading.Thread(target=browse)
        user.start()
        try:
            safetyplan(["backup", str(tmp_path / "backup")], env_a)
        finally:
            stop.set()
            user.join(timeout=60)
        assert answers and set(answers) == {200}

    backup = tmp_path / "backup"
    assert sorted(p.name for p in backup.iterdir()) == [
        "manifest.json",
        "warehouse.duckdb",
        "web.json",
    ]
    assert oct(backup.stat().st_mode & 0o777) == "0o700"
    assert {oct(p.stat().st_mode & 0o777) for p in backup.iterdir()} == {"0o600"}

    safetyplan(["restore", str(backup)], env_b)

    monitor = [
        "monitor",
        "--plan",
        str(REPO / "plans" / "rotterdam-2015-2018.yaml"),
        "--format",
        "json",
    ]
    assert json.loads(safetyplan(monitor, env_b).stdout) == json.loads(
        safetyplan(monitor, env_a).stdout
    )
    assert safetyplan(["api-token", "rvo"], env_b).stdout == token
    with Served(env_b, tmp_path / "second.log") as restored:  # the demo password works too
        status, after = restored.page(PROBE)
    assert status == 200
    assert TABLE.findall(after) == TABLE.findall(before) != []


def test_restore_refuses_a_damaged_backup_and_a_database_with_users(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = home_env(home, None)
    safetyplan(["demo", "--no-serve"], env)
    safetyplan(["backup", str(tmp_path / "backup")], env)

    again = safetyplan(["restore", str(tmp_path / "backup")], env, check=False)
    assert again.returncode == 2 and "--force" in again.stderr

    with (tmp_path / "backup" / "web.json").open("a") as damaged:
        damaged.write(" ")
    broken = safetyplan(["restore", str(tmp_path / "backup"), "--force"], env, check=False)
    assert broken.returncode == 2
    assert "web.json" in broken.stderr and "controlesom" in broken.stderr
    assert "Traceback" not in broken.stderr

    not_empty = safetyplan(["backup", str(tmp_path / "backup")], env, check=False)
    assert not_empty.returncode == 2 and "niet leeg" in not_empty.stderr
