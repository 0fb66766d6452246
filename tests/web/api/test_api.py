# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan API (/api/v1/goals, activities, priorities, monitor): the same rights as the
pages, token authentication, and the history of every change made through it."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from safetyplan.web.annualplans.models import Activity, AnnualPlan
from safetyplan.web.history.models import Change
from safetyplan.web.organisations.models import Organisation
from safetyplan.web.priorities.models import ThemePriority

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(users):
    def as_user(name):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=users[name])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return as_user


def _cell(plan, code, theme="hic"):
    cell, _ = ThemePriority.objects.get_or_create(
        plan=plan,
        municipality=Organisation.objects.get(code=code),
        theme=plan.themes.get(code=theme),
    )
    return cell


def test_goals_are_listed_and_only_unit_analysts_change_targets(plan, api, users):
    goals = api("rotterdam").get("/api/v1/goals/")
    assert goals.status_code == 200 and goals.data["count"] == 13
    assert (
        api("rotterdam")
        .patch("/api/v1/goals/straatroof/", {"target": 1}, format="json")
        .status_code
        == 403
    )
    changed = api("analist").patch("/api/v1/goals/straatroof/", {"target": 1100}, format="json")
    assert changed.status_code == 200 and changed.data["target"] == 1100
    change = Change.objects.get(object_id=str(plan.goals.get(code="straatroof").pk))
    assert change.user == users["analist"] and change.changes["target"]["new"] == 1100


def test_a_municipality_cannot_change_another_municipalitys_priority_through_the_api(plan, api):
    schiedam = _cell(plan, "GM0606")
    response = api("rotterdam").patch(
        f"/api/v1/priorities/{schiedam.pk}/", {"level": "high"}, format="json"
    )
    assert response.status_code == 403
    schiedam.refresh_from_db()
    assert schiedam.level != "high"
    own = _cell(plan, "GM0599")
    assert (
        api("rotterdam")
        .patch(f"/api/v1/priorities/{own.pk}/", {"level": "high"}, format="json")
        .status_code
        == 200
    )


def test_a_municipality_cannot_touch_another_organisations_activity_through_the_api(plan, api):
    annual, _ = AnnualPlan.objects.get_or_create(plan=plan, year=2016)
    theirs = Activity.objects.create(
        annual_plan=annual, title="Van Schiedam", owner=Organisation.objects.get(code="GM0606")
    )
    client = api("rotterdam")
    assert (
        client.patch(
            f"/api/v1/activities/{theirs.pk}/", {"title": "gekaapt"}, format="json"
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/activities/{theirs.pk}/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Van Schiedam"
    created = client.post(
        "/api/v1/activities/?year=2016",
        {"title": "Namens Schiedam", "owner": "GM0606"},
        format="json",
    )
    assert created.status_code == 403
    own = client.post(
        "/api/v1/activities/?year=2016",
        {"title": "Eigen", "owner": "GM0599", "goals": ["woninginbraak"]},
        format="json",
    )
    assert own.status_code == 201 and own.data["year"] == 2016
    assert own.data["goals"] == ["woninginbraak"]
    assert not Activity.objects.filter(title="Namens Schiedam").exists()


def test_a_viewer_reads_but_writes_nothing(plan, api):
    client = api("kijker")
    assert client.get("/api/v1/activities/").status_code == 200
    own = _cell(plan, "GM0606")
    assert (
        client.patch(f"/api/v1/priorities/{own.pk}/", {"level": "high"}, format="json").status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/activities/?year=2016", {"title": "x", "owner": "GM0606"}, format="json"
        ).status_code
        == 403
    )


def test_the_monitor_endpoint_returns_every_goal(plan, api):
    response = api("analist").get("/api/v1/monitor/", {"year": 2016})
    assert response.status_code == 200
    assert {row["goal"] for row in response.data} == set(plan.goals.values_list("code", flat=True))
    assert api("analist").get("/api/v1/monitor/", {"year": "x"}).status_code == 400


def test_a_wrong_token_is_refused(plan):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000")
    assert client.get("/api/v1/goals/").status_code == 401


def test_codes_no_database_can_store_are_client_errors(plan, api):
    """Found by schemathesis on PostgreSQL, which refuses NUL in text: 400/404, not 500."""
    client = api("analist")
    assert client.get("/api/v1/goals/a%00b/").status_code == 404
    bad = client.post(
        "/api/v1/activities/?year=2016",
        {"title": "x", "owner": "GM0599", "goals": ["woning\x00inbraak"]},
        format="json",
    )
    assert bad.status_code == 400 and "goals" in bad.data
    owner = client.post(
        "/api/v1/activities/?year=2016", {"title": "x", "owner": "GM\x000599"}, format="json"
    )
    assert owner.status_code == 400 and "owner" in owner.data
