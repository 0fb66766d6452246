# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 12: pages and API answers never show the warehouse's path or the process id holding a
lock; users get a plain message and the details go to the log."""

import logging

import pytest

from safetyplan.errors import SafetyplanError
from tests.factories import member

pytestmark = pytest.mark.django_db

SECRET_DIR = "/srv/geheim/safetyplan-data"
PAGES = [
    "/",
    "/doelen/woninginbraak/",
    "/gebieden/",
    "/gebieden/GM0599/",
    "/verslag/download/?year=2017&format=html",
    "/api/v1/monitor/?year=2017",
    "/sterkte/?a=rotterdam-demo",
]


@pytest.fixture
def browser(client, plan, settings):
    from pathlib import Path

    from safetyplan.web.organisations.models import Organisation

    settings.SAFETYPLAN_SCENARIOS_DIRS = [Path(__file__).resolve().parents[2] / "scenarios"]
    client.force_login(member("analist", Organisation.objects.get(code="POLITIE")))
    return client


def _shown(client, url) -> str:
    response = client.get(url)
    assert response.status_code in (200, 503), url  # 503: the report cannot be made now
    return response.content.decode()


def test_a_missing_warehouse_is_a_plain_message(browser, plan, monkeypatch, caplog):
    monkeypatch.setenv("SAFETYPLAN_WAREHOUSE", f"{SECRET_DIR}/warehouse.duckdb")
    plan.warehouse_path = f"{SECRET_DIR}/warehouse.duckdb"
    plan.save(update_fields=["warehouse_path"])
    with caplog.at_level(logging.WARNING):
        for url in PAGES:
            assert SECRET_DIR not in _shown(browser, url), url
    assert SECRET_DIR in caplog.text  # the administrator still finds it


def test_a_locked_warehouse_shows_no_pid_or_path(browser, monkeypatch, caplog):
    from django.core.cache import cache

    from safetyplan.warehouse import Warehouse

    def locked(*args, **kwargs):
        raise SafetyplanError(f"{SECRET_DIR}/warehouse.duckdb is locked by process PID 424242")

    cache.clear()
    monkeypatch.setattr(Warehouse, "open", locked)
    with caplog.at_level(logging.WARNING):
        for url in PAGES:
            html = _shown(browser, url)
            assert SECRET_DIR not in html and "424242" not in html, url
    assert "424242" in caplog.text
