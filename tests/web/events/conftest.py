# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the events calendar: a region with a district of two municipalities and one
municipality without a district, the roles that matter, API clients with tokens. Runs on
SQLite, and on PostgreSQL 15 with SAFETYPLAN_TEST_POSTGRES=1 and DATABASE_URL."""

from __future__ import annotations

from datetime import datetime

import pytest

from safetyplan.events import LOCAL_TZ
from tests.factories import OrganisationFactory, member
from tests.i18n.lang_fixture import english, lang  # noqa: F401 (fixtures)
from tests.web.common import token_client


@pytest.fixture
def orgs(db):
    from safetyplan.web.organisations.models import Organisation

    kind = Organisation.Kind
    unit = OrganisationFactory(code="POLITIE", name="Eenheid Rotterdam", kind=kind.POLICE_UNIT)
    district = OrganisationFactory(
        code="D-WEST", name="District West", kind=kind.DISTRICT, parent=unit
    )
    return {
        "POLITIE": unit,
        "D-WEST": district,
        "GM0606": OrganisationFactory(
            code="GM0606", name="Schiedam", kind=kind.MUNICIPALITY, parent=district
        ),
        "GM0622": OrganisationFactory(
            code="GM0622", name="Vlaardingen", kind=kind.MUNICIPALITY, parent=district
        ),
        "GM0599": OrganisationFactory(code="GM0599", name="Rotterdam", kind=kind.MUNICIPALITY),
        "RVO": OrganisationFactory(code="RVO", name="RVO", kind=kind.RVO),
    }


@pytest.fixture
def users(orgs):
    def make(name, org, role="analyst", **extra):
        return member(name, orgs[org], role, **extra)

    return {
        "rotterdam": make("rotterdam", "GM0599"),
        "schiedam": make("schiedam", "GM0606"),
        "kijker": make("kijker", "GM0599", "viewer"),
        "analist": make("analist", "POLITIE"),
        "rvo": make("rvo", "RVO", "administrator", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def api_as(users):
    return lambda name: token_client(users[name])


def at(month, day, hour=0, minute=0, year=2016):
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


@pytest.fixture
def body():
    """body("id", start, end, **fields) -> an API payload for GM0599."""

    def make(external_id, start, end, **extra):
        data = {
            "external_id": external_id,
            "name": f"Evenement {external_id}",
            "municipality": "GM0599",
            "start": start.isoformat(),
            "end": end.isoformat(),
            "visitors_at_once": 1000,
            "activity_type": "market",
            "permit_status": "requested",
        }
        data.update(extra)
        return data

    return make
