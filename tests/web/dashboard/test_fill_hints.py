# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Issue 19 item 3 on the web: a goal without figures says where they come from (goal page)
and names the table or the region's own route on its dashboard card."""

from html import unescape

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fill_section(html: str) -> str:
    start = html.index('id="fill-heading"')
    return unescape(html[start : html.index("</section>", start)])


def test_goal_page_names_the_public_table_and_command(plan, client_for):
    response = client_for("rotterdam").get(reverse("goal", kwargs={"code": "straatroof"}))
    assert response.status_code == 200
    result = response.context["result"]
    assert result["status"] == "no data" and result["fill"]
    section = _fill_section(response.content.decode())
    assert "Waar de ontbrekende cijfers vandaan komen" in section
    assert "Openbare tabel 47018NED" in section
    assert "safetyplan ingest statline 47018NED --region GM" in section
    assert "klasse 1.4.6 Straatroof" in section  # the Dutch text by default
    assert "PLAN.yaml is het planbestand" in section


def test_goal_page_of_a_clearance_rate_says_no_public_table_and_the_proxy(plan, client_for):
    response = client_for("rotterdam").get(
        reverse("goal", kwargs={"code": "overvallen-opheldering"})
    )
    section = _fill_section(response.content.decode())
    assert "Geen openbare tabel" in section
    assert "eigen cijfers van de politie" in section
    assert "safetyplan plan template PLAN.yaml --goal overvallen-opheldering" in section
    assert "83648NED" in section and "Diefstal en inbraak met geweld" in section
    assert "Verschil:" in section  # how the proxy's definition differs


def test_goal_page_in_english(plan, client):
    client.force_login(UserFactory(username="en-user"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(
        reverse("goal", kwargs={"code": "woninginbraak-opheldering"})
    ).content.decode()
    section = _fill_section(html)
    assert "Where the missing figures come from" in section
    assert "No public table" in section
    assert "the burglary clearance rate needs the police's own figures" in section


def test_goal_with_figures_has_no_fill_section(plan, client_for):
    response = client_for("rotterdam").get(reverse("goal", kwargs={"code": "woninginbraak"}))
    assert response.context["result"]["fill"] == []
    assert 'id="fill-heading"' not in response.content.decode()


def test_dashboard_cards_of_goals_without_figures_name_the_route(plan, client_for):
    html = client_for("rotterdam").get(reverse("dashboard")).content.decode()
    card = html[html.index('id="card-straatroof"') :]
    card = card[: card.index("</article>")]
    assert "Openbare tabel 47018NED" in card
    assert "#fill-heading" in card
    survey = html[html.index('id="card-onveilig-algemeen"') :]
    survey = survey[: survey.index("</article>")]
    assert "Geen openbare tabel: eigen cijfers van de regio" in survey


def _hint_with_proxy_figure() -> dict:
    from safetyplan.sources.catalogue import hints_for

    (hint,) = hints_for(["cleared:pol:1.4.7"], goal="overvallen-opheldering")
    data = hint.to_dict()
    # Zuid-Holland 2015, CBS 1.1.1 (83648NED): 1,020 of 2,715 cleared
    data["proxy"]["figure"] = {
        "year": 2015,
        "value": 100 * 1020 / 2715,
        "cleared": 1020.0,
        "registered": 2715.0,
        "source": "statline_83648ned",
        "approximate": False,
        "provisional": False,
    }
    return data


def test_a_loaded_proxy_shows_its_figure_as_context_only():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("nl"):
        html = render_to_string(
            "dashboard/_fill_hints.html", {"result": {"fill": [_hint_with_proxy_figure()]}}
        )
    text = unescape(" ".join(html.split()))
    assert "Benadering 2015: 37,6% (1.020 van 2.715 opgehelderd); niet het doel zelf." in text
