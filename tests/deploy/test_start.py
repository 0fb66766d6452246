# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""deploy/start.sh, the container's command, run outside a container against a real
PostgreSQL 15: it refuses to start without a secret key, migrates, serves, and /healthz
follows the database down (503 JSON) and up again (200)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import free_port

REPO = Path(__file__).resolve().parents[2]
START = REPO / "deploy" / "start.sh"


def _env(home: Path, **extra) -> dict:
    """This interpreter's tools first on PATH (safetyplan, gunicorn), our sources first."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SAFETYPLAN_SECRET_KEY",
            "DATABASE_URL",
            "SAFETYPLAN_TEST_POSTGRES",
            "SAFETYPLAN_STATIC_ROOT",
        }
    }
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    env["SAFETYPLAN_HOME"] = str(home)
    env.update(extra)
    return env


def test_start_refuses_without_a_secret_key(tmp_path):
    result = subprocess.run(
        ["bash", str(START)], env=_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "SAFETYPLAN_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "secret_key").exists()


def _health(url: str) -> tuple[int, dict | None]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        assert exc.headers["Content-Type"] == "application/json", exc.read()[:300]
        return exc.code, json.loads(exc.read())
    except OSError:
        return 0, None  # not listening yet


def _wait_for(url: str, status: int, server, log: Path, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"start.sh ended (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        got, body = _health(url)
        if got == status:
            return body
        time.sleep(0.5)
    pytest.fail(
        f"/healthz did not answer {status} within {seconds} s "
        f"(last {got}: {body}):\n{log.read_text()[-3000:]}"
    )


@pytest.fixture
def server(postgres, tmp_path):
    """start.sh against the cluster, one gunicorn worker; yields (base URL, log file)."""
    from safetyplan.warehouse import Warehouse

    home = tmp_path / "home"
    with Warehouse.open(home / "warehouse.duckdb"):
        pass  # an empty, published warehouse: the health check opens it
    port = free_port()
    env = _env(
        home,
        SAFETYPLAN_SECRET_KEY="test-" * 12,
        DATABASE_URL=postgres.url,
        SAFETYPLAN_BIND=f"127.0.0.1:{port}",
        SAFETYPLAN_WORKERS="1",
        SAFETYPLAN_THREADS="2",
        SAFETYPLAN_DB_WAIT="30",
    )
    log = tmp_path / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["bash", str(START)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}", log, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _serves_pages_and_static_files(base: str, log: Path) -> None:
    with urllib.request.urlopen(f"{base}/accounts/login/", timeout=10) as response:
        assert response.status == 200
    with urllib.request.urlopen(
        f"{base}/static/safetyplan/css/safetyplan.css", timeout=10
    ) as response:
        assert response.status == 200
    assert (log.parent / "home" / "static" / "safetyplan" / "css" / "safetyplan.css").exists()
    lines = [line for line in log.read_text().splitlines() if "safetyplan.web.requests" in line]
    assert any("GET /accounts/login/ 200 " in line for line in lines), lines  # one line each


@pytest.mark.postgres
def test_healthz_follows_postgresql_down_and_up(postgres, server):
    base, log, process = server
    healthz = f"{base}/healthz"
    body = _wait_for(healthz, 200, process, log)
    assert body == {"status": "ok", "checks": {"database": "ok", "warehouse": "ok"}}
    text = log.read_text()
    assert "start.sh: migrating" in text and "start.sh: collecting static files" in text
    _serves_pages_and_static_files(base, log)

    postgres.stop()
    body = _wait_for(healthz, 503, process, log, seconds=30)
    assert body["status"] == "fail" and body["failed"] == ["database"]
    assert body["checks"]["warehouse"] == "ok"

    postgres.start()
    body = _wait_for(healthz, 200, process, log, seconds=30)
    assert body["checks"]["database"] == "ok"
    assert "healthz: database unavailable" in log.read_text()  # the failure was logged
