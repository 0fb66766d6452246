# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""schemathesis over the plan API's part of the OpenAPI schema (goals, activities, priorities,
monitor): no generated request may cause a server error. The register's part is fuzzed in
tests/web/meldingen/test_schema.py."""

import pytest
from hypothesis import HealthCheck, given, settings

from tests.web.meldingen.test_schema import keep_test_connection

pytestmark = pytest.mark.django_db

PLAN_PATHS = "^/api/v1/(goals|activities|priorities|monitor)"


@pytest.mark.slow
@pytest.mark.parametrize("who", ["analist", "rotterdam"])
def test_schemathesis_finds_no_server_errors_in_the_plan_api(plan, users, who):
    import schemathesis
    from rest_framework.authtoken.models import Token
    from schemathesis.checks import not_a_server_error

    from safetyplan.web.config.wsgi import application

    auth = {"Authorization": f"Token {Token.objects.get_or_create(user=users[who])[0].key}"}
    statuses = []
    with keep_test_connection():
        schema = schemathesis.openapi.from_wsgi(
            "/api/schema/?format=json", application, headers=auth
        )
        operations = [op.ok() for op in schema.include(path_regex=PLAN_PATHS).get_all_operations()]
        assert len(operations) >= 8
        for operation in operations:

            @settings(
                max_examples=25,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def check(case):
                response = case.call_and_validate(headers=auth, checks=[not_a_server_error])
                statuses.append(response.status_code)

            check()
    assert max(statuses) < 500
    assert {200, 400} <= set(statuses)
