# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The report's language machinery without a PDF: the templates' catalogues per language,
the thin formatter, and the transitional pick of one half of another layer's pair."""

from __future__ import annotations

import datetime as dt

import pytest

from safetyplan import i18n
from safetyplan.report.i18n import Formatter
from safetyplan.report.render import environment


@pytest.mark.parametrize(("lang", "expected"), [("nl", "Doel"), ("en", "Goal")])
def test_the_templates_speak_the_language_of_their_environment(lang, expected):
    template = environment(lang).from_string('{{ _("Goal") }} · {{ _("Goals by theme") }}')
    assert (
        template.render() == {"nl": "Doel · Doelen per thema", "en": "Goal · Goals by theme"}[lang]
    )
    assert expected in template.render()


def test_two_languages_at_once_do_not_mix():
    """One environment per language: rendering English does not turn the Dutch one English."""
    nl, en = environment("nl"), environment("en")
    assert en.from_string('{{ _("Contents") }}').render() == "Contents"
    assert nl.from_string('{{ _("Contents") }}').render() == "Inhoud"


def test_the_formatter_follows_its_language_not_the_process():
    with i18n.override("en"):
        dutch = Formatter("nl")
        assert dutch.number(8470) == "8.470"
        assert dutch.date(dt.date(2017, 3, 3)) == "3 maart 2017"
        assert dutch.status("on track") == "Op koers"
    english = Formatter("en")
    assert (english.number(8470), english.status("at risk")) == ("8,470", "At risk")
    assert Formatter("nl").t("activities_no_annual_plan", year=2017).startswith("Geen gegevens")
    assert Formatter("en").t("activities_no_annual_plan", year=2017).startswith("No data")
