# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the report download page: the bundled plan seeded, a warehouse with the
shipped real data (built once), and a logged-in user."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory


@pytest.fixture(scope="session")
def warehouse_path(tmp_path_factory):
    from safetyplan.sources.bundled import bundled_sources, load_bundled
    from safetyplan.warehouse import Warehouse

    if not bundled_sources():
        pytest.skip("no shipped datasets in this checkout")
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        load_bundled(wh)
    return path


@pytest.fixture
def plan(db, warehouse_path):
    from safetyplan.settings import bundled_plan
    from safetyplan.web.organisations.seeding import seed_organisations
    from safetyplan.web.plans.seeding import seed_plan

    row = seed_plan(bundled_plan(), warehouse_path)
    seed_organisations(row)
    return row


@pytest.fixture
def user_client(client, plan):
    client.force_login(UserFactory(username="analist"))
    return client
