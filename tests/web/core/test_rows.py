# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""web/core/rows.py builds model instances from plain SQL (ADR 0012): on the same data they
must equal what the ORM returns, field by field and value type by value type, on SQLite and
on PostgreSQL (CI runs this file on both)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from safetyplan.web.core import rows
from safetyplan.web.organisations.models import Membership, Organisation, Role
from safetyplan.web.organisations.permissions import _fetch_membership
from safetyplan.web.plans.models import Plan
from safetyplan.web.plans.seeding import current_plan
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def _plan(code, start, current, document):
    return Plan.objects.create(
        code=code,
        title=f"Plan {code}",
        title_en="",
        region="Eenheid Rotterdam",
        period_start=start,
        period_end=start + 3,
        reference_year=start - 1,
        source_path=f"/plans/{code}.yaml",
        warehouse_path="",
        document=document,
        is_current=current,
    )


@pytest.fixture
def plans():
    return [
        _plan("oud", 2011, False, {"goals": [1, 2], "naam": "één"}),
        _plan("nu-a", 2015, True, {"goals": [], "nested": {"x": 1.5, "y": None}}),
        _plan("nu-b", 2019, True, {"goals": ["g"], "ok": True}),
        _plan("nu-c", 2019, True, {}),  # a tie on period_start: the lowest id wins
    ]


def _assert_same(ours, theirs, fields):
    assert type(ours) is type(theirs)
    for field in fields:
        a, b = getattr(ours, field.attname), getattr(theirs, field.attname)
        assert a == b, f"{field.name}: {a!r} != {b!r}"
        assert type(a) is type(b), f"{field.name}: {type(a)} != {type(b)}"


def test_every_column_of_every_row_converts_as_the_orm_does(plans):
    fields = rows.columns(Plan)  # document (JSON) and seeded_at (datetime) included
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {rows.select_list(fields, 'p')} FROM {rows.table(Plan)} p ORDER BY p.id"
        )
        ours = [rows.instance(Plan, fields, row) for row in cursor.fetchall()]
    theirs = list(Plan.objects.order_by("id"))
    assert len(ours) == len(theirs) == 4
    for a, b in zip(ours, theirs, strict=True):
        _assert_same(a, b, fields)
        assert a.pk == b.pk and not a._state.adding and a._state.db == b._state.db
    assert isinstance(ours[0].seeded_at, dt.datetime)
    assert ours[1].document == {"goals": [], "nested": {"x": 1.5, "y": None}}


def test_current_plan_is_the_orm_query_with_the_document_deferred(plans):
    ours = current_plan()
    theirs = (
        Plan.objects.filter(is_current=True)
        .order_by("-period_start", "id")
        .defer("document")
        .first()
    )
    assert ours.code == theirs.code == "nu-b"
    _assert_same(ours, theirs, rows.columns(Plan, exclude=("document",)))
    assert ours.get_deferred_fields() == theirs.get_deferred_fields() == {"document"}
    assert ours.document == {"goals": ["g"], "ok": True}  # loaded on first use, as the ORM


def test_no_current_plan_is_none_as_in_the_orm(plans):
    Plan.objects.update(is_current=False)
    assert current_plan() is None
    assert Plan.objects.filter(is_current=True).first() is None


def test_membership_with_its_organisation_equals_select_related():
    unit = OrganisationFactory(
        code="RE07", name="Eenheid Rotterdam", kind=Organisation.Kind.POLICE_UNIT
    )
    team = OrganisationFactory(
        code="BT01", name="Basisteam Maas", kind=Organisation.Kind.BASE_TEAM, parent=unit
    )
    with_team = member("analist", team, Role.ANALYST)
    without = UserFactory(username="los")

    ours = _fetch_membership(with_team)
    theirs = Membership.objects.select_related("organisation").get(user=with_team)
    _assert_same(ours, theirs, rows.columns(Membership))
    _assert_same(ours.organisation, theirs.organisation, rows.columns(Organisation))
    assert ours.organisation.parent_id == unit.id
    assert ours.user is with_team  # cached, no second query
    assert ours.get_role_display() == theirs.get_role_display()

    assert _fetch_membership(without) is None
    assert not Membership.objects.filter(user=without).exists()
