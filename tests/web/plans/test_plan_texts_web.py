# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan's own texts on the pages in the page's language (issue 15): the definition note
and the reason an open target is open are Dutch on the Dutch goal page and English on the
English one; seeding keeps both; an English reason an analyst writes shows in English."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from safetyplan.web.plans.models import Goal, Plan, Theme
from tests.i18n.language_check import assert_only

pytestmark = pytest.mark.django_db


def _page(client, code, lang):
    if lang == "en":
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("goal", kwargs={"code": code}))
    assert response.status_code == 200
    return unescape(response.content.decode())


def _between(html, start, end):
    i = html.index(start)
    return html[i : html.index(end, i)]


def test_seeding_keeps_both_languages(plan):
    row = Plan.objects.get(pk=plan.pk)
    assert row.region == "Politie-eenheid Rotterdam" and row.region_en == "Police unit Rotterdam"
    hic = Theme.objects.get(plan=plan, code="hic")
    assert hic.description.startswith("Overvallen, straatroof")
    assert hic.description_en.startswith("Robberies, street robbery")
    afpakken = Goal.objects.get(plan=plan, code="afpakken")
    assert afpakken.target_pending.startswith("Landelijk worden")
    assert afpakken.target_pending_en.startswith("Targets are set nationally")
    # the same text in both languages ("Drugs") is kept once: the English page falls back
    drugs = Theme.objects.get(plan=plan, code="drugs")
    assert (drugs.name, drugs.name_en) == ("Drugs", "")
    with translation.override("en"):
        assert drugs.display_name == "Drugs" and hic.display_name == "High Impact Crime"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_definition_note_is_in_the_page_language(plan, client_for, lang):
    html = _page(client_for("rotterdam"), "woninginbraak", lang)
    definition = _between(html, '<p class="definition">', "</p>")
    if lang == "nl":
        assert "Politieklasse 1.1.1" in definition and "inclusief pogingen" in definition
        assert "which includes attempts" not in html
    else:
        assert "Police class 1.1.1" in definition and "includes attempts" in definition
        assert "inclusief pogingen" not in html
    assert_only(lang, definition, "definition note")
    # once, below the notes: not repeated among the monitor's notes
    assert html.count("1.1.1 Diefstal/inbraak woning") == 1


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pending_reason_is_in_the_page_language(plan, client_for, lang):
    html = _page(client_for("rotterdam"), "criminele-samenwerkingsverbanden", lang)
    figures = _between(html, 'id="figures-heading"', "</table>")
    dutch = "Tabel wordt ingevuld na afronding van besluitvorming"
    english = "The table will be filled in once the decision-making"
    assert (dutch if lang == "nl" else english) in figures
    assert (english if lang == "nl" else dutch) not in figures
    assert_only(lang, figures, "key figures")


def test_an_edited_reason_has_its_own_english_text(plan, client_for):
    goal = Goal.objects.get(plan=plan, code="afpakken")
    goal.target_pending = "Wacht op het besluit van de minister."
    goal.target_pending_en = "Waiting for the minister's decision."
    goal.save()
    assert "Wacht op het besluit" in _page(client_for("rotterdam"), "afpakken", "nl")
    assert "Waiting for the minister's decision." in _page(client_for("analist"), "afpakken", "en")


def test_the_areas_page_names_the_region_in_the_page_language(plan, client_for):
    client = client_for("rotterdam")
    assert "Politie-eenheid Rotterdam" in client.get(reverse("areas")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("areas")).content.decode()
    assert "Police unit Rotterdam" in html and "Politie-eenheid" not in html
