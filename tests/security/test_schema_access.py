# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 8: the OpenAPI schema needs a login or a token, as docs/web.md says."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_is_not_public(client):
    assert client.get("/api/schema/").status_code in (401, 403)


def test_the_schema_is_served_to_token_holders_and_logged_in_users(api_as, client, users):
    assert api_as("kijker").get("/api/schema/?format=json").status_code == 200
    client.force_login(users["kijker"])
    assert client.get("/api/schema/?format=json").status_code == 200
