# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The demo's examples in the browser (issue 19): the annual plan's activities from the plan,
the register and the calendar with their fictitious records (the empty priority matrix:
test_browser.py, before a municipality fills its row).
Uses the e2e conftest's demo server; screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations


def test_the_annual_plan_lists_the_plans_activities_with_their_source(login, live_demo, shot):
    page = login("rvo")
    page.goto(f"{live_demo}/jaarplan/2016/")
    table = page.locator("table.activities")
    assert table.locator("tbody tr").count() >= 5
    assert "Beleidsplan §" in table.inner_text() and "voorbeeldstatus" in table.inner_text()
    shot(page, "19-annual-plan-activities")


def test_the_register_says_its_records_are_fictitious(login, live_demo, shot):
    page = login("rvo")
    page.goto(f"{live_demo}/meldingen/")
    assert page.locator(".example-banner").first.is_visible()
    assert "Fictief voorbeeld" in page.locator(".example-banner").first.inner_text()
    shot(page, "19-register-work-queue")
    page.goto(f"{live_demo}/meldingen/naleving/")
    assert page.locator(".example-banner").first.is_visible()
    shot(page, "19-register-compliance")


def test_the_calendar_says_its_events_are_fictitious_and_shows_a_clash(login, live_demo, shot):
    page = login("rvo")
    page.goto(f"{live_demo}/evenementen/")
    assert page.locator(".example-banner").first.is_visible()
    assert page.get_by_text("(fictief voorbeeld)").count() >= 10
    shot(page, "19-calendar-list")
    page.goto(f"{live_demo}/evenementen/conflicten/")
    assert page.locator(".example-banner").first.is_visible()
    assert page.get_by_text("Voetbalwedstrijd (fictief voorbeeld)").count() >= 1
    shot(page, "19-calendar-clashes")
