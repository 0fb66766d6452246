# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 1: failed logins lock the account (login page and admin alike), bad API tokens from
one address get 429, and the anonymous password reset is off (no e-mail configured)."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from safetyplan.web.core import lockout

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_after_five_wrong_passwords_the_right_one_is_refused(client, users, url):
    for _ in range(lockout.failure_limit()):
        client.post(url, {"username": "rvo", "password": "wrong"})
    client.post(url, {"username": "rvo", "password": "pw"})
    assert "_auth_user_id" not in client.session
    lockout.unlock("rvo")  # what `safetyplan unlock rvo` does
    client.post(url, {"username": "rvo", "password": "pw"})
    assert "_auth_user_id" in client.session


def test_a_success_resets_the_count(client, users):
    for _ in range(lockout.failure_limit() - 1):
        client.post("/accounts/login/", {"username": "schiedam", "password": "wrong"})
    client.post("/accounts/login/", {"username": "schiedam", "password": "pw"})
    assert "_auth_user_id" in client.session
    assert not lockout.locked("login", "schiedam")


def test_bad_api_tokens_are_throttled(users):
    api = APIClient()
    statuses = []
    for n in range(lockout.failure_limit() + 3):
        api.credentials(HTTP_AUTHORIZATION=f"Token {'0' * 39}{n % 10}")
        statuses.append(api.get("/api/v1/events/").status_code)
    assert statuses[0] == 401 and statuses[-1] == 429


def test_the_anonymous_password_reset_is_off(client):
    assert client.get("/accounts/password_reset/").status_code == 404
    assert client.post("/accounts/password_reset/", {"email": "a@b.nl"}).status_code == 404
