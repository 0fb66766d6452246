# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The events calendar in the browser: a municipality enters an event with the risk scan and
reads why it got its class; the month view and the clash list show it; another municipality
cannot edit it; the police unit sets a class by hand. Uses the e2e conftest's demo server
(its calendar starts empty: a planner imports or enters events)."""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _enter(page, live_demo, name, start, end, *, activity, risk_group, visitors="1500"):
    page.goto(f"{live_demo}/evenementen/nieuw/")
    page.get_by_label(re.compile("^Naam")).fill(name)
    page.get_by_label(re.compile("^Gemeente")).select_option(label="Rotterdam")
    page.get_by_label(re.compile("^Begin")).fill(start)
    page.get_by_label(re.compile("^Einde")).fill(end)
    page.get_by_label("Bezoekers tegelijk", exact=True).fill(visitors)
    page.get_by_label("Soort activiteit").select_option(activity)
    page.get_by_label(risk_group, exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/evenementen/\d+/$"))


def test_a_municipality_enters_a_c_event_and_reads_why(login, live_demo, shot):
    page = login("rotterdam")
    _enter(
        page,
        live_demo,
        "E2E Derby",
        "2031-05-10T14:30",
        "2031-05-10T16:30",
        activity="football",
        risk_group="rivaliserende supporters",
    )
    assert page.locator("#risk-class").inner_text() == "C"
    reasons = page.locator("ul.scan-reasons").inner_text()
    assert "rivaliserende supporters" in reasons and "minstens C" in reasons
    shot(page, "events-01-event")


def test_the_month_view_and_the_clash_list_show_a_night_crossing_clash(login, live_demo, shot):
    page = login("rotterdam")
    _enter(
        page,
        live_demo,
        "E2E Nachtfeest",
        "2031-06-06T22:00",
        "2031-06-07T04:00",
        activity="dance",
        risk_group="rivaliserende supporters",
    )
    _enter(
        page,
        live_demo,
        "E2E Wedstrijd",
        "2031-06-07T14:00",
        "2031-06-07T16:00",
        activity="football",
        risk_group="extremistische groeperingen",
    )
    page.goto(f"{live_demo}/evenementen/maand/2031/6/")
    night = page.locator('td[data-date="2031-06-07"]')
    assert "E2E Nachtfeest" in night.inner_text() and "E2E Wedstrijd" in night.inner_text()
    assert "clash-day" in night.get_attribute("class")
    assert "E2E Nachtfeest" in page.locator('td[data-date="2031-06-06"]').inner_text()
    shot(page, "events-02-month")
    page.goto(f"{live_demo}/evenementen/conflicten/?start=2031-06-01&end=2031-06-30")
    row = page.locator("table.clash-table tbody tr").filter(has_text="E2E Wedstrijd")
    assert "meerdere C-evenementen" in row.inner_text() and "E2E Nachtfeest" in row.inner_text()
    shot(page, "events-03-clashes")


def _other_user(browser, live_demo, username):
    """A second browser context logged in as ``username`` (the page fixture holds one user)."""
    tab = browser.new_context(locale="nl-NL").new_page()
    tab.set_default_timeout(20000)
    tab.goto(f"{live_demo}/accounts/login/")
    tab.get_by_label("Gebruikersnaam").fill(username)
    tab.get_by_label("Wachtwoord").fill("demo")
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url(f"{live_demo}/")
    return tab


def test_another_municipality_cannot_edit_and_the_police_overrides(login, live_demo, browser):
    page = login("rotterdam")
    _enter(
        page,
        live_demo,
        "E2E Markt",
        "2031-07-05T09:00",
        "2031-07-05T17:00",
        activity="market",
        risk_group="geen",
    )
    url = page.url
    assert page.locator("#risk-class").inner_text() == "A"
    other = _other_user(browser, live_demo, "schiedam")
    try:
        assert other.goto(url + "bewerken/").status == 403
        other.goto(url)
        assert other.get_by_role("link", name="Bewerken").count() == 0
    finally:
        other.context.close()
    police = _other_user(browser, live_demo, "analist")
    try:
        police.goto(url)
        police.get_by_label("Klasse met de hand", exact=True).select_option("B")
        police.get_by_label("Reden voor de klasse met de hand").fill("Koningsdag in de buurt")
        police.get_by_role("button", name="Klasse opslaan").click()
        police.wait_for_url(url)
        assert police.locator("#risk-class").inner_text() == "B"
        assert "Koningsdag in de buurt" in police.content()
    finally:
        police.context.close()


def test_the_list_view_and_export(login, live_demo):
    page = login("schiedam")
    page.goto(f"{live_demo}/evenementen/?start=2031-05-01&end=2031-07-31")
    names = page.locator("table.events-table tbody th").all_inner_texts()
    assert any("E2E Derby" in n for n in names)
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteren als iCalendar").click()
    content = Path(download.value.path()).read_bytes()
    assert b"BEGIN:VCALENDAR" in content and b"E2E Derby" in content
