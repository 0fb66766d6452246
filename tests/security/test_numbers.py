# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 3: every numeric field takes finite values in sane bounds; no output (API, page,
CLI JSON) ever contains Infinity or NaN."""

import json

import pytest
from typer.testing import CliRunner

from safetyplan.bounds import MAX_OFFICERS
from safetyplan.cli import app
from safetyplan.web.events.models import Capacity, Event
from tests.web.events.conftest import at

pytestmark = pytest.mark.django_db

ABSURD = [1e308, -1.0, MAX_OFFICERS + 1]


def _strict(text: str):
    """json.loads that refuses Infinity and NaN, as every other JSON reader does."""

    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def event(api_as, body):
    response = api_as("rotterdam").post(
        "/api/v1/events/", body("feest", at(7, 2, 12), at(7, 2, 18)), format="json"
    )
    assert response.status_code == 201
    return response.json()


@pytest.mark.parametrize("value", [*ABSURD, "nan", "inf", "1e999"])
def test_the_api_refuses_absurd_police_demand(api_as, event, value):
    response = api_as("rotterdam").patch(
        f"/api/v1/events/{event['id']}/", {"police_demand": value}, format="json"
    )
    assert response.status_code == 400
    assert Event.objects.get(pk=event["id"]).police_demand is None


@pytest.mark.parametrize("value", ["1e308", "nan", "inf"])
def test_multipart_numbers_must_be_finite_too(api_as, event, value):
    response = api_as("rotterdam").patch(f"/api/v1/events/{event['id']}/", {"police_demand": value})
    assert response.status_code == 400


def test_the_api_refuses_absurd_visitors_and_capacity(api_as, body, event):
    api = api_as("rotterdam")
    assert (
        api.patch(
            f"/api/v1/events/{event['id']}/", {"visitors_at_once": 10**19}, format="json"
        ).status_code
        == 400
    )
    police = api_as("analist")
    for value in (1e308, "nan", -1):
        response = police.post(
            "/api/v1/events/capacity/", {"area": "GM0599", "day": "2016-07-02", "officers": value}
        )
        assert response.status_code == 400, value
    assert not Capacity.objects.exists()


def _legacy_events():
    """Two events stored before the bounds existed, with a capacity for their day."""
    from safetyplan.web.organisations.models import Organisation

    rotterdam = Organisation.objects.get(code="GM0599")
    for n in range(2):
        Event.objects.create(
            external_id=f"old-{n}",
            name=f"Oud {n}",
            municipality=rotterdam,
            start=at(7, 2, 12),
            end=at(7, 2, 18),
            police_demand=1e308,
        )
    Capacity.objects.create(area=rotterdam, day=at(7, 2).date(), officers=10)


def test_conflicts_never_answer_infinity(api_as, client, users):
    _legacy_events()
    response = api_as("kijker").get(
        "/api/v1/events/conflicts/", {"from": "2016-07-01", "to": "2016-07-05"}
    )
    assert response.status_code == 200
    _strict(response.content.decode())
    client.force_login(users["kijker"])
    page = client.get("/evenementen/conflicten/", {"from": "2016-07-01", "to": "2016-07-05"})
    assert page.status_code == 200 and b"inf" not in page.content.lower().replace(b"info", b"")


def test_cli_conflicts_json_is_valid_json(orgs):
    _legacy_events()
    result = CliRunner().invoke(
        app,
        ["events", "conflicts", "--from", "2016-07-01", "--to", "2016-07-05", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    assert "Infinity" not in result.stdout
    assert _strict(result.stdout)


def test_the_event_form_and_capacity_form_refuse_absurd_numbers():
    from safetyplan.web.events.forms import CapacityForm, DemandForm

    form = DemandForm({"demand_A": "1e308"})
    assert not form.is_valid()
    form = CapacityForm({"cap-officers": "1e308"}, prefix="cap", areas=Capacity.objects.none())
    assert not form.is_valid() and "officers" in form.errors


@pytest.mark.parametrize(
    "row", ["police_demand\n1e308", "police_demand\ninf", "visitors_at_once\n99999999999999999999"]
)
def test_csv_import_rejects_absurd_numbers(row):
    from safetyplan.errors import DataError
    from safetyplan.events.exchange import parse_csv
    from safetyplan.web.events import services

    head, value = row.split("\n")
    text = (
        f"external_id,name,municipality,start,end,{head}\n"
        f"x,Feest,GM0599,2016-07-02T12:00,2016-07-02T18:00,{value}\n"
    )
    with pytest.raises(DataError, match=head):
        parse_csv(text, "x.csv", services.scan(), {"GM0599"})


@pytest.mark.parametrize("value", [1e308, -1e308, "nan", "inf"])
def test_goal_targets_must_be_finite_and_sane(plan, value):
    from safetyplan.web.organisations.models import Organisation
    from tests.factories import member
    from tests.web.common import token_client

    analyst = member("analist", Organisation.objects.get(code="POLITIE"))
    api = token_client(analyst)
    response = api.patch(
        "/api/v1/goals/woninginbraak/",
        {"target": value},
        format="json" if isinstance(value, float) else None,
    )
    assert response.status_code == 400
    from safetyplan.web.plans.forms import GoalForm

    goal = plan.goals.get(code="woninginbraak")
    form = GoalForm({"target": "1e308", "target_year": 2018}, instance=goal)
    assert not form.is_valid() and "target" in form.errors
