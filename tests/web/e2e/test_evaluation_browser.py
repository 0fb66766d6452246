# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The goal page's "Evaluatie" section in the browser: the region against its counterfactual
drawn by the locally served chart bundle, the table beside it; screenshots for a person to
look at (test-artifacts/screenshots/)."""

import re

import pytest

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _chart_drawn(page):
    page.wait_for_function(
        "() => document.querySelector('[data-chart=\"evaluation-chart\"][data-ready]')"
    )


def test_the_goal_page_shows_the_evaluation_with_its_chart(login, live_demo, shot):
    page = login("analist")
    page.goto(f"{live_demo}/doelen/woninginbraak/?year=2018")
    section = page.locator("section.evaluation")
    assert section.get_by_role("heading", name="Evaluatie", exact=True).is_visible()
    _chart_drawn(page)
    chart = section.locator('[data-chart="evaluation-chart"]')
    assert chart.locator("svg").count() >= 1
    assert "Zonder plan (synthetische vergelijking)" in chart.inner_text()
    assert section.locator("table.evaluation-years tbody tr").count() >= 4
    plan_rows = section.locator("table.evaluation-years tr.plan-year")
    assert plan_rows.count() == 4  # 2015-2018
    assert re.search(r"[+-]\d+,\d%", plan_rows.first.inner_text())
    assert section.get_by_role("heading", name="Zo leest u dit").is_visible()
    shot(page, "20-goal-evaluation")
    section.screenshot(path=str(SCREENSHOTS / "21-goal-evaluation-section.png"))


def test_the_evaluation_in_english_and_a_goal_without_an_estimate(login, live_demo, shot):
    page = login("schiedam")
    page.goto(f"{live_demo}/doelen/onveilig-algemeen/")
    assert "Geen schatting: een enquêtedoel" in page.locator("section.evaluation").inner_text()
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wissel").click()
    page.goto(f"{live_demo}/doelen/woninginbraak/?year=2017")
    section = page.locator("section.evaluation")
    assert section.get_by_role("heading", name="Evaluation", exact=True).is_visible()
    _chart_drawn(page)
    assert "Without the plan (synthetic comparison)" in section.inner_text()
    assert section.locator("table.evaluation-years tr.plan-year").count() == 3  # 2015-2017
    section.screenshot(path=str(SCREENSHOTS / "22-goal-evaluation-section-english.png"))
