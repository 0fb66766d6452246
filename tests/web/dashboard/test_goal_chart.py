# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""One goal chart for the report and the web (issue 20): both specs are, byte for byte, what
the two separate charts made before (recorded in tests/fixtures/charts)."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from safetyplan import charts
from safetyplan.web.dashboard import charts as web_charts
from tests.fixtures.charts.goal_chart_cases import CASES

RECORDED = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "charts" / "goal_chart_specs.json").read_text(
        encoding="utf-8"
    )
)


def _text(spec) -> str:
    # serialised: 8300 and 8300.0 are equal as numbers but not as the page's JSON
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_report_goal_chart_spec_is_unchanged(case, lang):
    result, trajectory, hide = CASES[case]
    chart = charts.goal_chart(result, trajectory, lang=lang, hide=hide)
    spec = chart.to_dict(validate=False) if chart is not None else None
    assert _text(spec) == _text(RECORDED[f"report:{case}:{lang}"])


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_web_goal_chart_spec_is_unchanged(case, lang):
    result, trajectory, _hide = CASES[case]
    with translation.override(lang):
        spec = web_charts.goal_chart(result, trajectory)
    assert _text(spec) == _text(RECORDED[f"web:{case}:{lang}"])


def test_web_and_report_share_the_colours():
    with translation.override("nl"):
        spec = web_charts.goal_chart(*CASES["full"][:2])
    colours = spec["layer"][0]["encoding"]["color"]["scale"]["range"]
    assert colours == [charts.ACTUAL, charts.TRAJECTORY, charts.FORECAST]
    assert web_charts.NO_DATA is charts.NO_DATA and web_charts.NATIONAL is charts.NATIONAL


def test_screen_draws_tooltips_and_no_target_paper_draws_the_target():
    result, trajectory, _hide = CASES["full"]
    screen = charts.goal_chart(result, trajectory, screen=True, labels=_labels())
    paper = charts.goal_chart(result, trajectory)
    screen_layers = screen.to_dict(validate=False)["layer"]
    paper_layers = paper.to_dict(validate=False)["layer"]
    assert all("tooltip" in layer["encoding"] for layer in screen_layers)
    assert not any("tooltip" in layer["encoding"] for layer in paper_layers)
    assert "Doel" in _kinds(paper_layers) and "Doel" not in _kinds(screen_layers)


def _kinds(layers) -> set[str]:
    return {row["kind"] for layer in layers for row in layer["data"]["values"]}


def _labels() -> dict:
    return {"interval_from": "80%-interval van", "interval_to": "tot"}
