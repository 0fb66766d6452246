# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The OpenAPI schema lists the events endpoints, and schemathesis, generating requests from
it, gets no server error from any of them."""

import pytest
from hypothesis import HealthCheck, given, settings

from tests.web.meldingen.test_schema import keep_test_connection

from .conftest import at

pytestmark = pytest.mark.django_db

EVENT_PATHS = "^/api/v1/events/"


def test_schema_lists_the_events_endpoints(client, users):
    client.force_login(users["analist"])
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in (
        "/api/v1/events/",
        "/api/v1/events/{id}/",
        "/api/v1/events/{id}/override/",
        "/api/v1/events/conflicts/",
        "/api/v1/events/capacity/",
        "/api/v1/events/import/",
        "/api/v1/events/export/",
    ):
        assert path in paths
    parameters = {p["name"] for p in paths["/api/v1/events/conflicts/"]["get"]["parameters"]}
    assert {"from", "to"} <= parameters


@pytest.mark.slow
def test_schemathesis_finds_no_server_errors(users, api_as, body):
    import schemathesis
    from rest_framework.authtoken.models import Token
    from schemathesis.checks import not_a_server_error

    from safetyplan.web.config.wsgi import application

    auth = {"Authorization": f"Token {Token.objects.get_or_create(user=users['rvo'])[0].key}"}
    seed = (
        api_as("rotterdam")
        .post("/api/v1/events/", body("seed", at(7, 2, 14), at(7, 2, 17)), format="json")
        .data
    )
    statuses = []
    with keep_test_connection():
        schema = schemathesis.openapi.from_wsgi(
            "/api/schema/?format=json", application, headers=auth
        )
        operations = [op.ok() for op in schema.include(path_regex=EVENT_PATHS).get_all_operations()]
        assert len(operations) >= 9
        for operation in operations:

            @settings(
                max_examples=25,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def check(case):
                if case.path_parameters and "id" in case.path_parameters:
                    case.path_parameters["id"] = str(seed["id"])
                response = case.call_and_validate(headers=auth, checks=[not_a_server_error])
                statuses.append(response.status_code)

            check()
    assert max(statuses) < 500
    assert {200, 400} <= set(statuses)
