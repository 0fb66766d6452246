# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan demo --no-serve`` builds the whole demo: a later ``safetyplan serve`` serves it,
every demo account logs in and ``safetyplan api-token rvo`` prints a token the API accepts."""

from __future__ import annotations

import http.client
import json
import re

import pytest

from safetyplan.web.runner import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.web.own_home import Served, bench, home_env, safetyplan


@pytest.mark.slow
def test_demo_without_serving_then_serve_log_in_and_use_the_api(tmp_path):
    home = tmp_path / "home"
    env = home_env(home, None)
    built = safetyplan(["demo", "--no-serve"], env)
    assert "safetyplan serve" in built.stdout
    token = safetyplan(["api-token", "rvo"], env).stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{40}", token)

    with Served(env, tmp_path / "serve.log") as server:  # logs in as rvo
        for username, *_ in DEMO_ACCOUNTS:
            cookie = bench.h.login(server.port, username, DEMO_PASSWORD)
            status, home_page = bench.get(server.port, cookie, "/")
            assert status == 200 and username in home_page
        goals = _api(server.port, "/api/v1/goals/", token)

    assert goals["count"] > 0  # the plan is there, read with the printed token


def _api(port: int, path: str, token: str) -> dict:
    conn = http.client.HTTPConnection(bench.h.HOST, port, timeout=60)
    try:
        conn.request(
            "GET", path, headers={"Authorization": f"Token {token}", "Accept": "application/json"}
        )
        response = conn.getresponse()
        body = response.read().decode()
    finally:
        conn.close()
    assert response.status == 200, body[:500]
    return json.loads(body)
