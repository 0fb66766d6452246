# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Plan-level evaluation on a small made-up warehouse: a planted effect is found, goals the
method cannot judge get a note, bad input gets a clear error."""

import json
import pickle

import numpy as np
import pandas as pd
import pytest

from safetyplan.areas import load_registry
from safetyplan.evaluation import (
    NoDataError,
    UnknownGoalError,
    evaluate_goals,
    in_language,
    split_languages,
)
from safetyplan.plan import parse_plan

from ..i18n.language_words import assert_only

PLAN = """
id: test-plan
title: Test
region: {name: Rotterdam, boundaries_year: 2024, municipalities: [GM0599]}
period: {start: 2015, end: 2018}
reference_year: 2014
themes: [{id: hic, name: HIC}]
indicators:
  - {id: inbraak, name: Inbraak, unit: count, kind: count, direction: lower,
     measure: "registered:pol:1.1.1"}
  - {id: veilig, name: Veilig, unit: percent, kind: survey, direction: lower,
     measure: "survey:vm:x"}
goals:
  - {id: inbraak, indicator: inbraak, theme: hic, target: {year: 2018, value: 100}}
  - {id: veilig, indicator: veilig, theme: hic, target: {year: 2018, value: 10}}
"""


class Facts:
    def __init__(self, df):
        self.df = df

    def facts(self, measures=None, areas=None, periods=None, sources=None):
        df = self.df
        return df[df["measure"].isin(measures)] if measures else df


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _panel(registry, effect):
    rng = np.random.default_rng(3)
    codes = [c for c in registry.municipalities(2024) if c != "GM0599"][:60]
    rows = []
    trend = np.exp(-0.08 * np.arange(7))
    for i, code in enumerate(["GM0599", *codes]):
        size = 4000.0 if code == "GM0599" else float(rng.uniform(50, 800))
        for t, year in enumerate(range(2012, 2019)):
            mu = size * trend[t] * np.exp(rng.normal(0, 0.03))
            if i == 0 and year >= 2015:
                mu *= 1 + effect
            rows.append(
                {
                    "area": code,
                    "period": str(year),
                    "measure": "registered:pol:1.1.1",
                    "value": float(max(rng.poisson(mu), 1)),
                    "source": "test",
                    "provisional": False,
                }
            )
    return Facts(pd.DataFrame(rows))


def test_a_planted_effect_is_found_and_a_survey_goal_gets_a_note(registry):
    plan = parse_plan(PLAN)
    facts = _panel(registry, -0.25)
    results = {r.goal: r for r in evaluate_goals(plan, facts, registry=registry)}
    burglary = results["inbraak"]
    assert burglary.method == "sdid"
    assert burglary.effect_pct == pytest.approx(-25, abs=8)
    assert burglary.effect_low_pct < burglary.effect_pct < burglary.effect_high_pct
    assert burglary.effect_high_pct < 0
    assert burglary.pre_years == [2012, 2013, 2014] and burglary.post_years == [
        2015,
        2016,
        2017,
        2018,
    ]
    assert burglary.donors and abs(sum(d["weight"] for d in burglary.donors) - 1) < 0.2
    assert all(d["area"] != "GM0599" for d in burglary.donors)
    assert [y["period"] for y in burglary.years].count("plan") == 4
    survey = results["veilig"]
    assert survey.effect_pct is None and "enquêtedoel" in survey.note


def test_unknown_goal_and_no_data_are_clear_errors(registry):
    plan = parse_plan(PLAN)
    with pytest.raises(UnknownGoalError, match="nope"):
        evaluate_goals(plan, _panel(registry, 0.0), goal_id="nope", registry=registry)
    empty = Facts(
        pd.DataFrame(columns=["area", "period", "measure", "value", "source", "provisional"])
    )
    with pytest.raises(NoDataError, match="test-plan"):
        evaluate_goals(plan, empty, registry=registry)


def test_too_few_pre_years_is_a_note(registry):
    plan = parse_plan(PLAN.replace("start: 2015", "start: 2014"))
    result = evaluate_goals(plan, _panel(registry, 0.0), goal_id="inbraak", registry=registry)[0]
    assert result.effect_pct is None and "minstens 3 nodig" in result.note


def test_cli_unknown_goal_exits_2_without_traceback(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "SAFETYPLAN_HOME": str(tmp_path), "PYTHONPATH": str(root / "src")}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from safetyplan.cli import main; main()",
            "evaluate",
            "--plan",
            str(root / "plans" / "rotterdam-2015-2018.yaml"),
            "--goal",
            "nope",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 2
    assert "Onbekend doel 'nope'" in run.stderr and "Traceback" not in run.stderr


def test_review_flags_a_target_the_trend_meets_anyway(registry):
    from safetyplan.evaluation.review import FLAG_LITTLE_AMBITION, review_plan

    plan = parse_plan(PLAN.replace("value: 100}", "value: 3000}"))
    reviews = {r.goal: r for r in review_plan(plan, _panel(registry, 0.0), 0.25, registry)}
    burglary = reviews["inbraak"]
    assert burglary.pre_years == [2012, 2013, 2014]
    assert burglary.trend_low < burglary.trend_forecast < burglary.trend_high
    assert burglary.probability > 0.9 and burglary.flag == FLAG_LITTLE_AMBITION
    assert burglary.suggested_target < burglary.trend_forecast  # lower is better: ambitious
    hard = review_plan(parse_plan(PLAN), _panel(registry, 0.0), 0.25, registry)[0]
    assert hard.probability < 0.1 and hard.flag == "little chance"
    assert "Enquêtedoel" in reviews["veilig"].note
    assert burglary.flag_label == "weinig ambitieus"


def test_until_ends_the_plan_years_for_a_mid_term_evaluation(registry):
    plan = parse_plan(PLAN)
    facts = _panel(registry, -0.25)
    mid = evaluate_goals(plan, facts, "inbraak", registry=registry, until=2016)[0]
    assert mid.post_years == [2015, 2016]
    assert [y["year"] for y in mid.years] == [2012, 2013, 2014, 2015, 2016]
    assert mid.effect_pct == pytest.approx(-25, abs=10)
    before = evaluate_goals(plan, facts, "inbraak", registry=registry, until=2014)[0]
    assert before.effect_pct is None
    assert "nog geen cijfers uit de planperiode (2015)" in before.note


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_note_and_caveat_is_in_the_active_language_only(monkeypatch, registry, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    plan = parse_plan(PLAN)
    results = evaluate_goals(plan, _panel(registry, -0.25), registry=registry)
    texts = [r.note for r in results if r.note] + [c for r in results for c in r.caveats]
    assert len(texts) >= 3
    for text in texts:
        assert " / " not in text
        assert_only(lang, text, at_least=1)
        assert in_language(text, lang) == text
        other = "en" if lang == "nl" else "nl"  # the web's cache and the report ask for theirs
        assert_only(other, in_language(text, other), at_least=1)
    survey = next(r for r in results if r.goal == "veilig")
    start = {"nl": "Geen schatting: een enquêtedoel", "en": "No estimate: a survey goal"}
    assert survey.note.startswith(start[lang])
    assert split_languages("Alleen Nederlands.") == ("Alleen Nederlands.", "Alleen Nederlands.")
    copied = pickle.loads(pickle.dumps(survey.note))  # as a cache keeps it
    assert in_language(copied, "en").startswith("No estimate: a survey goal")
    assert json.loads(json.dumps(survey.to_dict()))["note"] == survey.note


def test_review_notes_and_flags_follow_the_language(monkeypatch, registry):
    from safetyplan.evaluation.review import review_plan

    plan = parse_plan(PLAN.replace("value: 100}", "value: 3000}"))
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    reviews = {r.goal: r for r in review_plan(plan, _panel(registry, 0.0), 0.25, registry)}
    assert reviews["inbraak"].flag == "little ambition"
    assert reviews["inbraak"].flag_label == "little ambition"
    assert reviews["veilig"].note.startswith("Survey goal: 0 measurements before the plan")
