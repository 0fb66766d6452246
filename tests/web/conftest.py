# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the web application's tests.

The same tests run on SQLite (default) and on PostgreSQL 15 (``SAFETYPLAN_TEST_POSTGRES=1``
with ``DATABASE_URL``; ``.ci/run`` runs both). The plan is the bundled Rotterdam plan; the
warehouse is built once per session from the shipped real data.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def warehouse_path(tmp_path_factory):
    """A warehouse file with every shipped dataset loaded (empty when none is shipped)."""
    from safetyplan.sources.bundled import bundled_sources, load_bundled
    from safetyplan.warehouse import Warehouse

    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        if bundled_sources():
            load_bundled(wh)
    return path


@pytest.fixture
def plan(db, warehouse_path):
    """The bundled plan seeded into the test database, with its organisations."""
    from safetyplan.settings import bundled_plan
    from safetyplan.web.organisations.seeding import seed_organisations
    from safetyplan.web.plans.seeding import seed_plan

    row = seed_plan(bundled_plan(), warehouse_path)
    seed_organisations(row)
    return row


@pytest.fixture
def make_user(db):
    """make_user("name", org_code, role) -> a user with that membership (password 'pw')."""
    from safetyplan.web.organisations.models import Organisation
    from tests.factories import member

    def make(username, org_code, role="analyst", **extra):
        return member(username, Organisation.objects.get(code=org_code), role, **extra)

    return make


@pytest.fixture
def users(plan, make_user):
    """The demo's cast: administrator, unit analyst, two municipal advisors, a viewer."""
    return {
        "rvo": make_user("rvo", "RVO", "administrator", is_staff=True, is_superuser=True),
        "analist": make_user("analist", "POLITIE", "analyst"),
        "rotterdam": make_user("rotterdam", "GM0599", "analyst"),
        "schiedam": make_user("schiedam", "GM0606", "analyst"),
        "kijker": make_user("kijker", "GM0606", "viewer"),
    }


@pytest.fixture
def client_for(client, users):
    """client_for("rotterdam") -> the test client logged in as that user."""

    def login(name):
        client.force_login(users[name])
        return client

    return login
