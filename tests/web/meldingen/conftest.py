# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the meldingen register: organisations, the roles that matter for personal data,
API clients with tokens. Runs on SQLite, and on PostgreSQL 15 with SAFETYPLAN_TEST_POSTGRES=1
and DATABASE_URL (the project's test settings choose)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import OrganisationFactory, member
from tests.web.common import token_client


@pytest.fixture
def orgs(db):
    from safetyplan.web.organisations.models import Organisation

    kind = Organisation.Kind
    unit = OrganisationFactory(code="POLITIE", name="Eenheid Rotterdam", kind=kind.POLICE_UNIT)
    return {
        "POLITIE": unit,
        "BT-NOORD": OrganisationFactory(
            code="BT-NOORD", name="Basisteam Noord", kind=kind.BASE_TEAM, parent=unit
        ),
        "BT-ZUID": OrganisationFactory(
            code="BT-ZUID", name="Basisteam Zuid", kind=kind.BASE_TEAM, parent=unit
        ),
        "GM0599": OrganisationFactory(code="GM0599", name="Rotterdam", kind=kind.MUNICIPALITY),
        "RVO": OrganisationFactory(code="RVO", name="RVO", kind=kind.RVO),
    }


@pytest.fixture
def users(orgs):
    """service centre, two base teams, a unit analyst, a municipal advisor, the administrator."""
    from django.contrib.auth.models import Group

    from safetyplan.web.meldingen.app_settings import SERVICE_CENTRE_GROUP

    def make(name, org, role="analyst", **extra):
        return member(name, orgs[org], role, **extra)

    made = {
        "psc": make("psc", "POLITIE", "viewer"),
        "noord": make("noord", "BT-NOORD", "viewer"),
        "zuid": make("zuid", "BT-ZUID", "viewer"),
        "analist": make("analist", "POLITIE"),
        "rotterdam": make("rotterdam", "GM0599"),
        "rvo": make("rvo", "RVO", "administrator", is_staff=True, is_superuser=True),
    }
    made["psc"].groups.add(Group.objects.get_or_create(name=SERVICE_CENTRE_GROUP)[0])
    return made


@pytest.fixture
def api_as(users):
    """api_as("psc") -> an APIClient authenticated with that user's token."""
    return lambda name: token_client(users[name])


@pytest.fixture
def ago():
    """ago(days=3) -> an aware moment that long before now."""
    from django.utils import timezone

    def moment(**delta):
        return timezone.now() - timedelta(**delta)

    return moment


@pytest.fixture
def payload():
    def make(external_id, received_at, **extra):
        body = {
            "external_id": external_id,
            "category": "Overlast",
            "received_at": received_at.isoformat(),
            "municipality": "GM0599",
            "hic": False,
            "base_team": "BT-NOORD",
        }
        body.update(extra)
        return body

    return make
