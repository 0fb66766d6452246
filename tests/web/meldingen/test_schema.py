# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The OpenAPI schema at /api/schema/ describes the register, and schemathesis, generating
requests from that schema, gets no server error from any of its operations."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

REGISTER_PATHS = "^/api/v1/(meldingen|compliance)"


@pytest.fixture
def token(users):
    from rest_framework.authtoken.models import Token

    return Token.objects.get_or_create(user=users["psc"])[0].key


def test_schema_lists_the_register_endpoints(client, users):
    client.force_login(users["analist"])
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/meldingen/",
        "/api/v1/meldingen/{id}/",
        "/api/v1/meldingen/{id}/events/",
        "/api/v1/meldingen/{id}/reporter/",
        "/api/v1/compliance/",
    ):
        assert path in paths
    assert {"201", "200"} <= set(paths["/api/v1/meldingen/"]["post"]["responses"])
    parameters = {p["name"] for p in paths["/api/v1/compliance/"]["get"]["parameters"]}
    assert {"standard", "from", "to"} <= parameters


@contextmanager
def keep_test_connection():
    """Call the WSGI application as the test client does: without closing the database
    connection after each request (it holds the test's transaction). The test client
    reconnects these signals after each of its own requests, hence a context manager."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_schemathesis_finds_no_server_errors(token, api_as, payload):
    import schemathesis

    from safetyplan.web.config.wsgi import application

    auth = {"Authorization": f"Token {token}"}
    # a report (with contact details) to hang events and reporter lookups on
    seed = {
        **payload("SEED", timezone.now() - timedelta(days=1)),
        "reporter": {"name": "Test", "email": "t@example.nl"},
    }
    seed_id = str(api_as("psc").post("/api/v1/meldingen/", seed, format="json").data["id"])
    with keep_test_connection():
        _fuzz(
            schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, headers=auth),
            auth,
            seed_id,
        )


def _fuzz(schema, auth, seed_id):
    from schemathesis.checks import not_a_server_error

    operations = [op.ok() for op in schema.include(path_regex=REGISTER_PATHS).get_all_operations()]
    assert len(operations) >= 5
    statuses = []
    for operation in operations:

        @settings(
            max_examples=40,
            deadline=None,
            database=None,
            derandomize=True,  # the same cases every run: a red run can be replayed
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call_and_validate(headers=auth, checks=[not_a_server_error])
            statuses.append(response.status_code)
            if case.path_parameters and "id" in case.path_parameters:
                case.path_parameters["id"] = seed_id  # the same request on a real report
                response = case.call_and_validate(headers=auth, checks=[not_a_server_error])
                statuses.append(response.status_code)

        check()
    assert max(statuses) < 500
    assert {200, 201, 400, 404} <= set(statuses)  # the fuzzing reached real outcomes
