# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The events rules speak the active language: Dutch by default, English on request; the
risk scan file's own texts in the language it gives them in (issue 15)."""

import pytest

from safetyplan.errors import DataError
from safetyplan.events import classify, kind_label, load_scan, parse_csv, permit_label
from safetyplan.events.risk_scan import DEFAULT_SCAN
from tests.i18n.language_check import assert_only

HEADER = "external_id,name,municipality,start,end,visitors_at_once\n"
BAD = HEADER + "x,Feest,GM9999,2016-07-01T12:00,2016-07-01T10:00,-5\n"
ANSWERS = {"visitors_at_once": 1500, "risk_groups": ["rival_supporters"]}


@pytest.fixture(scope="module")
def scan():
    return load_scan(DEFAULT_SCAN)


def test_a_bad_file_in_dutch_names_the_place_and_every_problem(scan, lang):
    with pytest.raises(DataError) as caught:
        parse_csv(BAD, "in.csv", scan, {"GM0599"})
    message = str(caught.value)
    assert message.startswith("in.csv: 1 fout, niets geladen:")
    assert "in.csv, regel 2: onbekende gemeente 'GM9999'" in message
    assert "einde 2016-07-01T10:00:00+02:00 ligt niet na begin" in message
    assert "visitors_at_once is negatief (-5)" in message
    for english in ("problem", "nothing loaded", "line", "unknown", "negative"):
        assert english not in message
    assert_only("nl", message)


def test_the_same_file_in_english(scan, lang):
    lang("en")
    with pytest.raises(DataError) as caught:
        parse_csv(BAD, "in.csv", scan, {"GM0599"})
    message = str(caught.value)
    assert message.startswith("in.csv: 1 problem, nothing loaded:")
    assert "in.csv, line 2: unknown municipality 'GM9999'" in message
    for dutch in ("fout", "niets", "regel", "onbekende", "negatief"):
        assert dutch not in message
    assert_only("en", message)


def test_the_scan_explains_itself_in_the_active_language(scan, lang):
    dutch = classify(ANSWERS, scan)
    assert "Bekende risicogroepen: rivaliserende supporters -> minstens C" in dutch.reasons
    assert any(c.answer == "niet beantwoord" for c in dutch.contributions)
    lang("en")
    english = classify(ANSWERS, scan)
    assert "Known risk groups: rival supporters -> at least C" in english.reasons
    assert any(c.answer == "not answered" for c in english.contributions)
    assert english.risk_class == dutch.risk_class and english.score == dutch.score


def test_labels_of_codes_follow_the_language(scan, lang):
    assert (kind_label("c_events"), permit_label("granted")) == (
        "meerdere C-evenementen",
        "verleend",
    )
    assert scan.choices("setting")[0] == ("indoor", "binnen")
    lang("en")
    assert (kind_label("c_events"), permit_label("granted")) == ("several C events", "granted")
    assert scan.choices("setting")[0] == ("indoor", "indoors")


def test_a_scan_file_without_english_texts_shows_its_own(tmp_path, lang):
    text = DEFAULT_SCAN.read_text(encoding="utf-8").replace('label_en: "indoors"', "label_en: null")
    path = tmp_path / "scan.yaml"
    path.write_text(text, encoding="utf-8")
    lang("en")
    assert load_scan(path).choices("setting")[0] == ("indoor", "binnen")
