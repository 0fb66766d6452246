# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan file: the Rotterdam plan loads as the plan states it; broken files fail clearly."""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyplan.errors import PlanError
from safetyplan.plan import load_plan, parse_plan

from ..i18n.language_words import assert_only

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"

# Bijlage I of the plan, exactly as printed: goal -> (baseline year, baseline, target year, target)
BIJLAGE_I = {
    "overvallen": (2011, 486, 2018, 300),
    "overvallen-opheldering": (2011, 46, 2018, 55),
    "straatroof": (2011, 1630, 2018, 1200),
    "straatroof-opheldering": (2011, 29, 2018, 35),
    "woninginbraak": (2011, 8470, 2018, 7500),
    "woninginbraak-opheldering": (2011, 10, 2018, 12),
    "onveilig-algemeen": (2013, 38.1, 2018, 36.7),
    "onveilig-buurt": (2013, 21.8, 2018, 18.8),
    "tevredenheid-contact": (2013, 55.9, 2018, 57.9),
}


@pytest.fixture(scope="module")
def rotterdam():
    return load_plan(ROTTERDAM)


def test_rotterdam_plan_has_every_bijlage_i_goal_as_printed(rotterdam):
    for goal_id, (by, b, ty, t) in BIJLAGE_I.items():
        goal = rotterdam.goal(goal_id)
        assert (goal.baseline.year, goal.baseline.value) == (by, b), goal_id
        assert (goal.target.year, goal.target_value) == (ty, t), goal_id


def test_survey_goals_keep_the_2012_value_and_the_national_benchmark(rotterdam):
    goal = rotterdam.goal("onveilig-algemeen")
    assert [(h.year, h.value) for h in goal.history] == [(2012, 39.3)]
    assert goal.target.benchmark.area == "NL01" and goal.target.benchmark.year == 2013
    assert goal.target.year_assumed  # the plan names no target year


def test_undermining_goals_are_pending_not_invented(rotterdam):
    pending = [g for g in rotterdam.goals if g.theme == "ondermijning"]
    assert len(pending) == 4
    assert all(g.is_pending and g.target.pending for g in pending)


def test_service_standards_and_territory(rotterdam):
    ids = {s.id for s in rotterdam.service_standards}
    assert ids == {"melding-feedback-48h", "hic-progress-14d", "servicecentre-80pct"}
    assert rotterdam.service_standard("melding-feedback-48h").deadline.amount == 48
    assert rotterdam.service_standard("servicecentre-80pct").target_share == 80
    assert len(rotterdam.region.municipalities) == 33
    assert "GM0599" in rotterdam.region.municipalities


def test_linear_trajectory_runs_from_baseline_to_target(rotterdam):
    goal = rotterdam.goal("woninginbraak")
    assert goal.expected(2011) == 8470
    assert goal.expected(2018) == 7500
    assert goal.expected(2015) == pytest.approx(8470 + (7500 - 8470) * 4 / 7)


# --- broken files -------------------------------------------------------------------------

MINIMAL = """\
id: test
title: Test
region: {name: R, boundaries_year: 2020, municipalities: [GM0599]}
period: {start: 2020, end: 2023}
reference_year: 2019
themes: [{id: hic, name: HIC}]
indicators:
  - {id: inbraak, name: Inbraak, unit: count, kind: count, direction: lower,
     measure: "registered:pol:1.1.1"}
goals:
  - id: inbraak
    indicator: inbraak
    theme: hic
    baseline: {year: 2019, value: 100}
    target: {year: 2023, value: 80}
"""


def test_minimal_plan_loads():
    plan = parse_plan(MINIMAL, "mini.yaml")
    assert plan.goal("inbraak").target_value == 80


def test_evaluation_years_are_optional_and_the_rotterdam_plan_names_2017_and_2018(rotterdam):
    assert parse_plan(MINIMAL, "mini.yaml").evaluation_years == []
    assert rotterdam.evaluation_years == [2017, 2018]


def test_relative_target_is_computed_from_the_baseline():
    plan = parse_plan(MINIMAL.replace("value: 80}", "change_pct: -25}"), "mini.yaml")
    assert plan.goal("inbraak").target_value == 75


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("theme: hic\n    baseline", "theme: jeugd\n    baseline"),
            "line 13 (goals[0].theme): unknown theme 'jeugd'",
        ),
        (
            ("indicator: inbraak\n    theme", "indicator: diefstal\n    theme"),
            "line 12 (goals[0].indicator): unknown indicator 'diefstal'",
        ),
        (
            ("target: {year: 2023", "target: {year: 2010"),
            "(goals[0].target.year): target year 2010 is before the baseline year 2019",
        ),
        (("value: 100}", "value: honderd}"), "line 14 (goals[0].baseline.value)"),
        (("reference_year: 2019\n", ""), "(reference_year): required field is missing"),
        (("title: Test", "title: Test\ntitel: typo"), "line 3 (titel): unknown field"),
        (
            (
                "value: 80}\n",
                "value: 80}\n  - {id: inbraak, indicator: inbraak, "
                "target: {year: 2023, value: 70}}\n",
            ),
            "line 16 (goals[1].id): duplicate id 'inbraak' in goals",
        ),
        (("[GM0599]", "[GM0599, XX12]"), "(region.municipalities[1])"),
        (
            ("reference_year: 2019\n", "reference_year: 2019\nevaluation_years: [2022, 2024]\n"),
            "line 6 (evaluation_years[1]): evaluation year 2024 lies outside the plan period "
            "2020-2023",
        ),
        (
            ("reference_year: 2019\n", "reference_year: 2019\nevaluation_years: [2022, 2022]\n"),
            "(evaluation_years[1]): evaluation year 2022 listed twice",
        ),
    ],
)
def test_broken_plans_name_file_place_and_problem(monkeypatch, change, expected):
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    old, new = change
    assert old in MINIMAL
    with pytest.raises(PlanError) as err:
        parse_plan(MINIMAL.replace(old, new), "mini.yaml")
    assert str(err.value).startswith("mini.yaml")
    assert expected in str(err.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("value: 100}", "value: honderd}"), "regel 14 (goals[0].baseline.value): moet een getal"),
        (("reference_year: 2019\n", ""), "(reference_year): verplicht veld ontbreekt"),
        (("title: Test", "title: Test\ntitel: typo"), "regel 3 (titel): onbekend veld"),
    ],
)
def test_broken_plans_in_dutch(change, expected):
    old, new = change
    with pytest.raises(PlanError) as err:
        parse_plan(MINIMAL.replace(old, new), "mini.yaml")
    assert str(err.value).startswith("mini.yaml") and expected in str(err.value)
    assert_only("nl", str(err.value), at_least=2)


def test_bad_yaml_syntax_names_the_line():
    with pytest.raises(PlanError, match=r"mini.yaml, regel \d+: ongeldige YAML"):
        parse_plan(MINIMAL + "goals: [unclosed\n", "mini.yaml")


def test_duplicate_keys_are_not_silently_dropped():
    with pytest.raises(PlanError, match=r"mini.yaml, regel 3: sleutel 'title' dubbel"):
        parse_plan(MINIMAL.replace("title: Test", "title: Test\ntitle: Other"), "mini.yaml")


def test_missing_file_is_a_plan_error(monkeypatch, tmp_path):
    with pytest.raises(PlanError, match="planbestand niet gevonden"):
        load_plan(tmp_path / "nope.yaml")
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    with pytest.raises(PlanError, match="plan file not found"):
        load_plan(tmp_path / "nope.yaml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_either_loads_or_raises_a_plan_error(text):
    try:
        parse_plan(text, "fuzz.yaml")
    except PlanError as exc:
        assert str(exc).startswith("fuzz.yaml")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        ["id", "title", "region", "period", "reference_year", "themes", "indicators", "goals"]
    ),
    yaml_values,
)
def test_any_field_replaced_by_junk_gives_a_located_error_or_loads(field, junk):
    data = yaml.safe_load(MINIMAL)
    data[field] = junk
    text = yaml.safe_dump(data)
    try:
        parse_plan(text, "fuzz.yaml")
    except PlanError as exc:
        assert str(exc).startswith("fuzz.yaml")
        assert "Traceback" not in str(exc)
