# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Running the service: /healthz, one log line per request, the shared cache, the settings a
deployment needs (production refuses to start without its secret key)."""

import logging
import os
import subprocess
import sys

import pytest
from django.core.cache import cache, caches
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_is_public_json_naming_each_check(plan, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "warehouse": "ok"}}


class _DeadConnection:
    def cursor(self):
        raise OperationalError("connection refused")

    def close_if_unusable_or_obsolete(self):
        pass


def test_healthz_answers_503_json_naming_the_database_when_it_is_down(
    plan, client, monkeypatch, caplog
):
    from safetyplan.web.core import views

    monkeypatch.setattr(views, "connection", _DeadConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail" and body["failed"] == ["database"]
    assert body["checks"] == {"database": "fail", "warehouse": "ok"}
    assert "connection refused" in caplog.text  # the details are in the log, not the answer
    assert "connection refused" not in response.content.decode()


def test_healthz_names_a_broken_warehouse(plan, client, tmp_path):
    broken = tmp_path / "warehouse.duckdb"
    broken.write_bytes(b"not a duckdb file" * 100)
    plan.warehouse_path = str(broken)
    plan.save()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["warehouse"]


def test_healthz_before_the_first_load_says_absent_but_is_healthy(plan, client, tmp_path):
    plan.warehouse_path = str(tmp_path / "none-yet.duckdb")
    plan.save()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["warehouse"] == "absent"


def test_every_request_is_logged_on_one_line_with_status_time_and_user(client_for, caplog):
    client = client_for("rotterdam")
    with caplog.at_level(logging.INFO, logger="safetyplan.web.requests"):
        client.get("/gebieden/?x=1")
        client.get("/bestaat-niet/")
    lines = [r.getMessage() for r in caplog.records if r.name == "safetyplan.web.requests"]
    assert len(lines) == 2
    method, path, status, ms, user = lines[0].split()
    assert (method, path, status, user) == ("GET", "/gebieden/?x=1", "200", "user=rotterdam")
    assert ms.endswith("ms") and ms[:-2].isdigit()
    assert lines[1].startswith("GET /bestaat-niet/ 404 ")
    assert caplog.records[-1].levelno == logging.WARNING


def test_anonymous_requests_are_logged_without_a_user(client, caplog):
    with caplog.at_level(logging.INFO, logger="safetyplan.web.requests"):
        client.get("/accounts/login/")
    assert caplog.records[-1].getMessage().endswith(" user=-")


def test_the_cache_is_one_table_in_the_web_database_shared_by_all_workers():
    assert caches["default"].__class__.__name__ == "DatabaseCache"
    cache.set("operations-test", {"a": 1})
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM safetyplan_cache")
        assert cursor.fetchone()[0] >= 1
    assert cache.get("operations-test") == {"a": 1}


def _run_cli(args, home, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "SAFETYPLAN_SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "from safetyplan.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, "SAFETYPLAN_HOME": str(home), **env},
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run_cli(
        ["manage", "check"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="safetyplan.web.config.settings.production",
    )
    assert result.returncode != 0
    assert "SAFETYPLAN_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "secret_key").exists()  # no per-machine key in production


def test_production_starts_with_a_secret_key(tmp_path):
    result = _run_cli(
        ["manage", "check", "--deploy", "--fail-level", "ERROR"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="safetyplan.web.config.settings.production",
        SAFETYPLAN_SECRET_KEY="k" * 60,
    )
    assert result.returncode == 0, result.stderr


def test_a_fresh_machine_serves_without_any_setting(tmp_path):
    """`safetyplan serve` and `demo` use the local settings: a key file is made once."""
    first = _run_cli(["manage", "check"], tmp_path)
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text()
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert _run_cli(["manage", "check"], tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key
