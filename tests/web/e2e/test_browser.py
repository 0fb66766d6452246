# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What a person does in the browser: log in, read the dashboard, open a goal, add an
annual-plan activity, edit the municipality's priorities, switch language, use the map."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _charts_ready(page, minimum=1):
    page.wait_for_function(
        "n => document.querySelectorAll('[data-chart][data-ready]').length >= n", arg=minimum
    )


def test_anonymous_visitor_lands_on_the_login_page(page, live_demo, shot):
    page.goto(f"{live_demo}/")
    assert "/accounts/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "nl"
    shot(page, "01-login")


def test_dashboard_shows_every_goal_with_status_and_trend(login, shot):
    page = login("rvo")
    assert page.get_by_role("heading", name="Hoofddoelstellingen").is_visible()
    cards = page.locator("article.goal-card")
    assert cards.count() == 13  # every goal of the Rotterdam plan
    assert page.locator("article.objective-card").count() == 3
    _charts_ready(page, minimum=5)
    assert page.locator(".sparkline svg").count() >= 5
    shot(page, "02-dashboard")


def test_open_a_goal_from_its_card(login, live_demo, shot):
    page = login("analist")
    page.locator("article.goal-card").filter(has_text="Woninginbraken").get_by_role(
        "link"
    ).first.click()
    page.wait_for_url(re.compile(r"/doelen/woninginbraak/"))
    assert page.get_by_role("heading", name="Woninginbraken (misdrijven)").is_visible()
    assert page.get_by_role("row", name=re.compile("Nulmeting")).inner_text().count("8.470") == 1
    _charts_ready(page, minimum=2)
    shot(page, "03-goal")


def test_an_analyst_changes_a_target_and_the_history_records_it(login, live_demo, shot):
    page = login("analist")
    page.goto(f"{live_demo}/doelen/straatroof/bewerken/")
    page.get_by_label("Streefwaarde", exact=True).fill("1150")
    page.get_by_label("Reden van de wijziging").fill("Besluit RVO (test)")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/doelen/straatroof/$"))
    history = page.locator("table.history")
    assert "1200" in history.inner_text() and "1150" in history.inner_text()
    assert "analist" in history.inner_text()
    shot(page, "04-goal-history")


def test_a_municipality_adds_an_annual_plan_activity(login, live_demo, shot):
    page = login("rotterdam")
    page.goto(f"{live_demo}/jaarplan/2016/")
    page.get_by_role("link", name="Activiteit toevoegen").click()
    # the Dutch title, not "Titel (Engels)" beside it
    page.get_by_label(re.compile(r"^Titel(?!.*Engels)")).fill(
        "Buurtpreventie woninginbraak Rotterdam-Zuid"
    )
    page.get_by_label("Omschrijving", exact=True).fill("WhatsApp-buurtpreventie en voorlichting.")
    owner = page.get_by_label("Eigenaar")
    assert owner.locator("option").all_inner_texts() == ["---------", "Rotterdam"]
    owner.select_option(label="Rotterdam")
    page.get_by_label("High Impact Crime-delicten").check()
    page.get_by_label("Woninginbraken (misdrijven)").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/jaarplan/activiteit/\d+/$"))
    title = "Buurtpreventie woninginbraak Rotterdam-Zuid"
    assert page.get_by_role("heading", name=title).is_visible()
    page.get_by_label("Nieuwe voortgangsnotitie").fill("Eerste bijeenkomst gehouden.")
    page.get_by_role("button", name="Notitie toevoegen").click()  # htmx: no page load
    page.locator(".notes-list li").filter(has_text="Eerste bijeenkomst").wait_for()
    shot(page, "05-activity")
    page.goto(f"{live_demo}/jaarplan/2016/")
    assert page.get_by_role(
        "link", name="Buurtpreventie woninginbraak Rotterdam-Zuid", exact=True
    ).is_visible()


def test_the_empty_priority_matrix_says_why_and_how_to_fill_it(login, live_demo, shot):
    # before the next test fills Rotterdam's row (one server for the session)
    page = login("schiedam")
    page.goto(f"{live_demo}/prioriteiten/")
    assert page.locator("#matrix-empty").is_visible()
    shot(page, "19-priority-matrix-empty")


def test_a_municipality_edits_its_priorities_but_not_another(login, live_demo, shot):
    page = login("rotterdam")
    page.goto(f"{live_demo}/prioriteiten/")
    page.get_by_role("link", name="Prioriteiten van Rotterdam bewerken").click()
    page.get_by_label("Prioriteit: High Impact Crime-delicten").select_option("high")
    page.get_by_label("Toelichting: High Impact Crime-delicten").fill("Woninginbraak en straatroof")
    page.get_by_role("button", name="Prioriteiten opslaan").click()
    assert page.get_by_text("De prioriteiten van Rotterdam zijn opgeslagen.").is_visible()
    page.goto(f"{live_demo}/prioriteiten/")
    row = page.get_by_role("row", name=re.compile("^Rotterdam"))
    assert "Hoge prioriteit" in row.inner_text()
    schiedam = page.get_by_role("row", name=re.compile("^Schiedam"))
    assert schiedam.get_by_role("link").count() == 0
    shot(page, "06-priorities")
    response = page.goto(f"{live_demo}/prioriteiten/GM0606/")
    assert response.status == 403


def test_the_area_map_draws_the_municipalities(login, live_demo, shot):
    page = login("rotterdam")
    page.goto(f"{live_demo}/gebieden/")
    _charts_ready(page)
    assert page.locator("[data-chart='map-chart'] svg path").count() >= 20
    assert page.get_by_role("link", name="Rotterdam", exact=True).is_visible()
    shot(page, "07-areas")


def test_the_interface_switches_to_english(login, live_demo, shot):
    page = login("schiedam")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wissel").click()
    assert page.get_by_role("heading", name="Overall objectives").is_visible()
    assert page.get_by_role("link", name="Annual plan").is_visible()
    shot(page, "08-dashboard-english")


def test_the_keyboard_reaches_the_content_first(login):
    page = login("rvo")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#content"


def test_nothing_is_loaded_from_another_host(login, live_demo):
    page = login("rvo")
    for path in ["/", "/doelen/woninginbraak/", "/gebieden/", "/jaarplan/2016/", "/prioriteiten/"]:
        page.goto(f"{live_demo}{path}")
        page.wait_for_load_state("networkidle")
    outside = [u for u in page.requested if not u.startswith((live_demo, "data:", "blob:"))]
    assert outside == []
