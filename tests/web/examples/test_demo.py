# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan demo`` with and without its examples, as a user runs it (issue 19): after
``demo --no-serve`` and ``serve`` the annual plans hold the plan's activities, the register's
48-hour compliance counts example reports (some late, some overdue), the calendar has example
events with a clash, and the pages say the records are fictitious; running the demo again
duplicates nothing; ``demo --no-serve --no-examples`` leaves the operational modules empty."""

from __future__ import annotations

import sqlite3

import pytest

from tests.web.own_home import Served, home_env, safetyplan


def _counts(home) -> dict:
    with sqlite3.connect(home / "web.sqlite3") as db:
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "activities": one(
                "select count(*) from annualplans_activity where source like 'Beleidsplan §%'"
            ),
            "reports": one("select count(*) from meldingen_melding"),
            "example_reports": one("select count(*) from meldingen_melding where is_example"),
            "events": one("select count(*) from events_event"),
        }


@pytest.mark.slow
def test_the_demo_shows_the_whole_cycle_with_fictitious_records(tmp_path):
    home = tmp_path / "home"
    env = home_env(home, None)
    built = safetyplan(["demo", "--no-serve"], env)
    assert "fictieve voorbeelden" in built.stdout
    first = _counts(home)
    assert first["activities"] >= 10 and first["events"] >= 30
    assert first["reports"] == first["example_reports"] > 0
    safetyplan(["demo", "--no-serve"], env)
    assert _counts(home) == first  # idempotent: nothing duplicated

    with Served(env, tmp_path / "serve.log") as server:
        status, page = server.page("/jaarplan/2016/")
        assert status == 200 and page.count("Beleidsplan §") >= 3
        status, page = server.page("/meldingen/naleving/")
        assert status == 200 and "Fictief voorbeeld" in page
        due, late, overdue = _compliance_48h(server)
        assert due >= 50 and late > 0 and overdue > 0
        status, page = server.page("/evenementen/")
        assert status == 200 and "Fictief voorbeeld" in page
        assert page.count("(fictief voorbeeld)") >= 10
        status, page = server.page("/evenementen/conflicten/")
        assert status == 200 and "Voetbalwedstrijd (fictief voorbeeld)" in page

    safetyplan(["demo", "--no-serve", "--no-examples"], env)
    empty = _counts(home)
    assert empty["reports"] == empty["events"] == 0
    with Served(env, tmp_path / "serve2.log") as server:
        for path in ("/meldingen/", "/evenementen/"):
            status, page = server.page(path)
            assert status == 200 and "Fictief voorbeeld" not in page


def _compliance_48h(server) -> tuple[int, int, int]:
    """The 48-hour standard's due, late and overdue counts, read from the API."""
    import json

    status, body = server.page("/api/v1/compliance/?standard=melding-feedback-48h&format=json")
    assert status == 200, body[:300]
    total = json.loads(body)
    return total["due"], total["late"], total["open_overdue"]
