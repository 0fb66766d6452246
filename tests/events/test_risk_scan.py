# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The risk scan's classification, on worked examples computed by hand from risk_scan.yaml."""

import pytest

from safetyplan.errors import DataError
from safetyplan.events import classify, load_scan
from safetyplan.events.risk_scan import DEFAULT_SCAN

# These tests read the messages in English, the source language (test_language.py: Dutch).
pytestmark = pytest.mark.usefixtures("english")

QUIET = {
    "duration": "hours",
    "access": "good",
    "surroundings": "quiet",
    "threat": "none",
    "counter_actions": "no",
    "simultaneous": "no",
}


@pytest.fixture(scope="module")
def scan():
    return load_scan(DEFAULT_SCAN)


def test_a_small_indoor_market_is_a(scan):
    # 1,500 visitors 0 + mixed 0 + no risk groups 0 + no alcohol 0 + market 0 + indoor 1 = 1
    answers = {
        "visitors_at_once": 1500,
        "age_profile": "mixed",
        "risk_groups": ["none"],
        "alcohol_drugs": "none",
        "activity_type": "market",
        "setting": "indoor",
        **QUIET,
    }
    result = classify(answers, scan)
    assert (result.risk_class, result.score) == ("A", 1)
    assert result.unanswered == []
    assert result.reasons == ["score 1 < 6: A"]


def test_a_concert_on_an_enclosed_site_is_b_by_its_score(scan):
    # 8,000 -> 2, alcohol 2, concert 2, outdoor enclosed 1, one day 1 = 8 (B from 6, C from 12)
    answers = {
        "visitors_at_once": 8000,
        "age_profile": "mixed",
        "risk_groups": ["none"],
        "alcohol_drugs": "alcohol",
        "activity_type": "concert",
        "setting": "outdoor_enclosed",
        **QUIET,
        "duration": "one_day",
    }
    result = classify(answers, scan)
    assert (result.risk_class, result.score) == ("B", 8)
    assert result.reasons == ["score 8 >= 6: B"]
    scored = {c.question: c.points for c in result.contributions if c.points}
    assert scored == {
        "visitors_at_once": 2,
        "alcohol_drugs": 2,
        "activity_type": 2,
        "setting": 1,
        "duration": 1,
    }


def test_a_multi_day_dance_festival_is_c_by_its_score(scan):
    # 20,000 -> 4, youth 2, alcohol 2, dance 3, outdoor public 2, several days 2 = 15 >= 12
    answers = {
        "visitors_at_once": 20000,
        "age_profile": "youth",
        "risk_groups": ["none"],
        "alcohol_drugs": "alcohol",
        "activity_type": "dance",
        "setting": "outdoor_public",
        **QUIET,
        "duration": "several_days",
    }
    result = classify(answers, scan)
    assert (result.risk_class, result.score) == ("C", 15)
    assert result.reasons == ["score 15 >= 12: C"]


def test_rival_supporters_make_a_small_match_c_whatever_the_score(scan):
    # 1,500 -> 0, rival supporters 6 (at least C), football 3, indoor 1 = 10: B by score
    answers = {
        "visitors_at_once": 1500,
        "age_profile": "mixed",
        "risk_groups": ["rival_supporters"],
        "alcohol_drugs": "none",
        "activity_type": "football",
        "setting": "indoor",
        **QUIET,
    }
    result = classify(answers, scan)
    assert (result.risk_class, result.score) == ("C", 10)
    assert result.reasons[0] == "score 10 >= 6: B"
    assert "rival supporters" in result.reasons[1] and result.reasons[1].endswith("C")


def test_several_risk_groups_add_up_and_the_highest_minimum_wins(scan):
    answers = {"risk_groups": ["known_troublemakers", "vulnerable"]}
    result = classify(answers, scan)
    assert result.score == 6 and result.risk_class == "B"
    assert any("known troublemakers" in r for r in result.reasons)


def test_unanswered_questions_are_listed_and_add_nothing(scan):
    result = classify({}, scan)
    assert (result.risk_class, result.score) == ("A", 0)
    assert len(result.unanswered) == len(scan.questions())


def test_the_last_visitor_band_is_open_ended_and_raises_to_b(scan):
    result = classify({"visitors_at_once": 50000}, scan)
    assert (result.risk_class, result.score) == ("B", 6)
    assert classify({"visitors_at_once": 49999}, scan).risk_class == "A"


def test_an_unknown_answer_is_an_error(scan):
    with pytest.raises(DataError, match="unknown answer.*'rave'"):
        classify({"activity_type": "rave"}, scan)


def test_a_region_adopts_its_own_thresholds(tmp_path):
    text = DEFAULT_SCAN.read_text().replace("  B: 6\n", "  B: 2\n")
    path = tmp_path / "scan.yaml"
    path.write_text(text)
    assert classify({"activity_type": "concert"}, load_scan(path)).risk_class == "B"
    assert classify({"activity_type": "concert"}, load_scan(DEFAULT_SCAN)).risk_class == "A"


def test_the_scan_file_is_chosen_by_environment(tmp_path, monkeypatch):
    path = tmp_path / "scan.yaml"
    path.write_text(DEFAULT_SCAN.read_text().replace("  C: 12\n", "  C: 7\n"))
    monkeypatch.setenv("SAFETYPLAN_EVENTS_RISK_SCAN", str(path))
    assert load_scan().classes.C == 7


def test_a_broken_scan_file_names_the_line(tmp_path):
    path = tmp_path / "scan.yaml"
    path.write_text(DEFAULT_SCAN.read_text().replace("  C: 12\n", "  C: 2\n"))
    with pytest.raises(DataError, match=r"scan.yaml, line \d+.*classes.C must be at least"):
        load_scan(path)
    path.write_text(DEFAULT_SCAN.read_text().replace("points: 8,", "pointz: 8,"))
    with pytest.raises(DataError, match=r"line \d+.*unknown field"):
        load_scan(path)
