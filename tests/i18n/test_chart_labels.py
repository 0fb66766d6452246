# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Chart titles, legends and axis labels (safetyplan.charts, shared by the web and the report)
in the active language, or the one a caller asks for."""

import json

import pytest

from safetyplan import charts

RESULT = {"series": {"2015": 8800.0, "2016": 8300.0}, "forecast": 7600.0, "target": 7500.0}
RESULT.update({"forecast_low": 7000.0, "forecast_high": 8200.0, "target_year": 2018})
TRAJECTORY = charts.trajectory_points(2015, 2018, lambda y: 8800 - 300 * (y - 2015))
EXPECTED = {
    "nl": ["Werkelijk", "Traject (plan)", "Prognose (80%-interval)", "Doel", "Jaar"],
    "en": ["Actual", "Trajectory (plan)", "Forecast (80% interval)", "Target", "Year"],
}


def _texts(chart) -> str:
    return json.dumps(chart.to_dict(validate=False), ensure_ascii=False)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_goal_chart_follows_the_active_language(monkeypatch, lang):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    spec = _texts(charts.goal_chart(RESULT, TRAJECTORY, screen=True))
    assert all(word in spec for word in EXPECTED[lang] if word not in ("Doel", "Target"))
    other = EXPECTED["en" if lang == "nl" else "nl"]
    assert not any(f'"{word}"' in spec for word in other)


def test_an_explicit_language_beats_the_active_one():
    assert charts.labels_in("en")["target"] == "Target"
    assert charts.labels_in("nl")["target"] == "Doel"  # the legend's word, not "Doelwaarde"
    spec = _texts(charts.goal_chart(RESULT, TRAJECTORY, lang="en"))
    assert all(f'"{word}"' in spec for word in EXPECTED["en"][:4])
    assert "Werkelijk" not in spec
