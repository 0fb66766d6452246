# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan's texts in two languages: the base field in the plan's own language, ``<field>_en``
(or ``<field>_nl`` for a plan written in English) for the other; ``text()`` picks the active
one (issue 15)."""

from pathlib import Path

import pytest

from safetyplan import i18n
from safetyplan.plan import load_plan, parse_plan
from tests.i18n.language_check import assert_only

ROTTERDAM = Path(__file__).resolve().parents[2] / "plans" / "rotterdam-2015-2018.yaml"


@pytest.fixture(autouse=True)
def no_leaks(monkeypatch):
    monkeypatch.delenv("SAFETYPLAN_LANG", raising=False)
    i18n.activate(None)
    yield
    i18n.activate(None)


@pytest.fixture(scope="module")
def rotterdam():
    return load_plan(ROTTERDAM)


def _texts(plan, lang):
    """Every text of the plan that pages and reports show, in *lang*."""
    out = [plan.text("title", lang), plan.region.text("name", lang)]
    out += [t.text("name", lang) for t in plan.themes]
    out += [t.text("description", lang) for t in plan.themes]
    for ind in plan.indicators:
        out += [ind.text(f, lang) for f in ("name", "source_note", "definition_note")]
    out += [g.target.text("pending", lang) for g in plan.goals]
    for std in plan.service_standards:
        out += [std.text(f, lang) for f in ("name", "promise", "source_note")]
    return [t for t in out if t]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_rotterdam_texts_are_in_one_language(rotterdam, lang):
    assert_only(lang, "\n".join(_texts(rotterdam, lang)), f"{ROTTERDAM.name} ({lang})")


def test_definition_notes_are_dutch_with_an_english_variant(rotterdam):
    burglary = rotterdam.indicator("woninginbraak")
    assert "inclusief pogingen" in burglary.text("definition_note", "nl")
    assert "8.470" in burglary.text("definition_note", "nl")
    assert "includes attempts" in burglary.text("definition_note", "en")
    assert burglary.definition_note == burglary.text("definition_note", "nl")


def test_the_active_language_decides(rotterdam, monkeypatch):
    robbery = rotterdam.indicator("overvallen")
    assert robbery.text("definition_note").startswith("Politieklasse 1.4.7")
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    assert robbery.text("definition_note").startswith("Police class 1.4.7")
    with i18n.override("nl"):
        assert (
            robbery.text("source_note")
            == "Plan, Bijlage I; referentiejaar 2011 uit de politieregistratie."
        )


def test_pending_targets_have_both_languages(rotterdam):
    pending = [g for g in rotterdam.goals if g.target.pending]
    assert pending
    for goal in pending:
        assert goal.target.text("pending", "nl").startswith(("Tabel", "Landelijk"))
        assert "table" in goal.target.text("pending", "en")


PLAN_IN_ENGLISH = """
id: shire-2025-2028
title: Community safety plan
title_nl: Veiligheidsplan
region: {name: Shire, boundaries_year: 2024, municipalities: [GM0599]}
period: {start: 2025, end: 2028}
reference_year: 2023
themes:
  - {id: burglary, name: Burglary, name_nl: Woninginbraak, description: Burglary of homes}
indicators:
  - id: burglary
    name: Burglaries
    unit: count
    kind: count
    direction: lower
    measure: registered:pol:1.1.1
    definition_note: Police class 1.1.1, including attempts.
    definition_note_nl: Politieklasse 1.1.1, inclusief pogingen.
"""


def test_a_plan_written_in_english_gives_dutch_with_nl_fields(tmp_path):
    path = tmp_path / "shire.yaml"
    path.write_text(PLAN_IN_ENGLISH, encoding="utf-8")
    plan = parse_plan(path.read_text(encoding="utf-8"), path)
    assert plan.text("title", "nl") == "Veiligheidsplan"
    assert plan.text("title", "en") == "Community safety plan"
    ind = plan.indicator("burglary")
    assert ind.text("definition_note", "nl") == "Politieklasse 1.1.1, inclusief pogingen."
    assert ind.text("definition_note", "en") == "Police class 1.1.1, including attempts."
    # no variant given: the plan's own text in either language
    assert plan.themes[0].text("description", "nl") == "Burglary of homes"


def test_a_misspelt_language_field_is_an_error(tmp_path):
    from safetyplan.errors import PlanError

    path = tmp_path / "typo.yaml"
    path.write_text(PLAN_IN_ENGLISH.replace("title_nl:", "title_dutch:"), encoding="utf-8")
    with pytest.raises(PlanError, match="title_dutch"):
        parse_plan(path.read_text(encoding="utf-8"), path)
