# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Facts are checked before they reach the warehouse; every problem names its line, column and
what is wrong."""

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyplan.errors import DataError
from safetyplan.warehouse import AREA_PATTERN, PERIOD_PATTERN, check_facts, validate_facts

GOOD_ROW = {"area": "GM0599", "period": "2015", "measure": "registered:pol:1.1.1", "value": "3419"}


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**GOOD_ROW, **row} for row in rows])


class TestAccepted:
    @pytest.mark.parametrize("area", ["NL01", "PV28", "GM0599", "WK059901", "BU05990101", "RE08"])
    def test_cbs_and_police_unit_codes(self, area):
        assert check_facts(frame({"area": area}), origin="t").facts["area"].tolist() == [area]

    @pytest.mark.parametrize("period", ["2015", "2015-01", "2015-12", "2015-W01", "2015-W53"])
    def test_years_months_and_iso_weeks(self, period):
        assert not check_facts(frame({"period": period}), origin="t").rejects

    def test_codes_are_normalised(self):
        facts = check_facts(frame({"area": " gm0599 "}, {"area": "NL00"}), origin="t").facts
        assert facts["area"].tolist() == ["GM0599", "NL01"]

    @pytest.mark.parametrize(
        ("text", "number"),
        [("3419", 3419.0), ("36,7", 36.7), ("1.234,5", 1234.5), ("-2.5", -2.5), ("1e3", 1000.0)],
    )
    def test_numbers_with_a_decimal_point_or_comma(self, text, number):
        assert check_facts(frame({"value": text}), origin="t").facts["value"][0] == number

    def test_numeric_columns_need_no_parsing(self):
        facts = validate_facts(frame({"value": 1.5}).astype({"value": float}), origin="t")
        assert facts["value"][0] == 1.5

    @pytest.mark.parametrize(
        ("word", "flag"),
        [
            ("", False),
            ("0", False),
            ("nee", False),
            ("false", False),
            ("1", True),
            ("ja", True),
            ("TRUE", True),
            ("voorlopig", True),
            ("*", True),
        ],
    )
    def test_provisional_words(self, word, flag):
        facts = validate_facts(frame({"provisional": word}), origin="t")
        assert facts["provisional"][0] is flag or bool(facts["provisional"][0]) == flag

    def test_codes_a_plan_declares(self):
        rows = frame({"area": "RR-ZUID"})
        assert check_facts(rows, origin="t").rejects
        assert not check_facts(rows, origin="t", extra_areas=["RR-ZUID"]).rejects

    def test_column_names_are_case_insensitive_and_extra_columns_ignored(self):
        raw = frame({}).rename(columns={"area": "Area", "value": " VALUE"}).assign(label="x")
        assert len(validate_facts(raw, origin="t")) == 1


class TestRejected:
    @pytest.mark.parametrize(
        ("row", "column", "phrase"),
        [
            ({"area": "Rotterdam"}, "area", "geen geldige gebiedscode"),
            ({"area": "GM599"}, "area", "geen geldige gebiedscode"),
            ({"area": ""}, "area", "geen geldige gebiedscode"),
            ({"period": "15"}, "period", "geen geldige periode"),
            ({"period": "2015-13"}, "period", "geen geldige periode"),
            ({"period": "2015-W54"}, "period", "geen geldige periode"),
            ({"period": "2015Q1"}, "period", "geen geldige periode"),
            ({"measure": ""}, "measure", "geen geldige maat"),
            ({"measure": "two words"}, "measure", "geen geldige maat"),
            ({"value": ""}, "value", "geen waarde"),
            ({"value": "veel"}, "value", "geen getal"),
            ({"value": "inf"}, "value", "geen getal"),
            ({"value": "1e999"}, "value", "geen eindig getal"),
            ({"value": "1_000"}, "value", "geen getal"),
            ({"value": "nan"}, "value", "geen getal"),
            ({"provisional": "misschien"}, "provisional", "geen ja/nee-waarde"),
        ],
    )
    def test_each_problem_names_line_column_and_reason(self, row, column, phrase):
        result = check_facts(frame({}, row), origin="t")

        assert len(result.facts) == 1  # the good first row survives
        assert [(r.line, r.column) for r in result.rejects] == [(3, column)]
        assert phrase in result.rejects[0].reason

    def test_a_duplicate_points_to_the_first_occurrence(self):
        result = check_facts(frame({}, {"period": "2016"}, {}), origin="t")

        assert [r.line for r in result.rejects] == [4]
        assert "dubbel met regel 2" in result.rejects[0].reason
        assert len(result.facts) == 2

    def test_two_problems_in_one_row_count_as_one_rejected_row(self):
        result = check_facts(frame({"area": "x", "value": "y"}), origin="t")
        assert len(result.rejects) == 2 and result.rejected_lines == 1

    def test_given_line_numbers_are_used(self):
        result = check_facts(frame({}, {"period": "x"}), origin="t", lines=[10, 12])
        assert result.rejects[0].line == 12

    def test_unknown_measures_when_the_measures_are_known(self):
        rows = frame({}, {"measure": "registered:pol:9.9.9"})
        result = check_facts(rows, origin="t", known_measures={"registered:pol:1.1.1"})
        assert [(r.line, r.column) for r in result.rejects] == [(3, "measure")]
        assert "onbekende maat" in result.rejects[0].reason

    def test_missing_columns_are_named(self):
        with pytest.raises(DataError) as error:
            validate_facts(frame({}).drop(columns=["value", "period"]), origin="facts.csv")
        assert "facts.csv" in str(error.value)
        assert "period, value" in str(error.value)

    def test_the_strict_form_lists_the_first_problems(self):
        rows = frame(*({"area": "bad"} for _ in range(15)))
        with pytest.raises(DataError) as error:
            validate_facts(rows, origin="facts.csv")
        message = str(error.value)
        assert message.startswith("facts.csv: 15 ")
        assert "facts.csv, regel 2, kolom area" in message
        assert "en nog 5" in message


# -- property-based: malformed rows anywhere are found, on the right line ------------------

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=12)


def expected_bad(column: str, text: str) -> bool:
    """Independent statement of the rules for one cell."""
    stripped = text.strip()
    if column == "area":
        code = stripped.upper()
        code = "NL01" if code == "NL00" else code
        return not AREA_PATTERN.match(code)
    if column == "period":
        return not PERIOD_PATTERN.match(stripped)
    if column == "measure":
        return not stripped or any(c.isspace() for c in stripped) or len(stripped) > 200
    # value
    normalised = stripped.replace(".", "").replace(",", ".") if "," in stripped else stripped
    if not normalised or any(c not in "0123456789+-.eE" for c in normalised):
        return True
    try:
        return not math.isfinite(float(normalised))
    except ValueError:
        return True


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    column=st.sampled_from(["area", "period", "measure", "value"]),
    text=any_text,
    position=st.integers(min_value=0, max_value=5),
)
def test_a_malformed_cell_is_rejected_on_its_own_line(column, text, position):
    periods = [str(2012 + i) for i in range(6)]
    rows = [{**GOOD_ROW, "period": p} for p in periods]
    rows[position] = {**rows[position], column: text}
    result = check_facts(pd.DataFrame(rows), origin="t")

    bad = expected_bad(column, text)
    rejected_lines = {r.line for r in result.rejects}
    if bad:
        assert position + 2 in rejected_lines
        assert any(r.column == column for r in result.rejects if r.line == position + 2)
    # a good cell may still collide with another row (e.g. period equal to another's)
    assert len(result.facts) + result.rejected_lines == len(rows)
    assert rejected_lines <= {position + 2, *range(2, 8)}
    if not bad:
        assert all(r.column == "area,period,measure" for r in result.rejects)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(any_text, any_text, any_text, any_text), min_size=1, max_size=20))
def test_random_rows_never_crash_and_every_row_is_accounted_for(rows):
    raw = pd.DataFrame(rows, columns=["area", "period", "measure", "value"])
    result = check_facts(raw, origin="t")

    assert len(result.facts) + result.rejected_lines == len(raw)
    assert all(2 <= r.line <= len(raw) + 1 for r in result.rejects)
    if len(result.facts):
        assert result.facts["area"].str.match(AREA_PATTERN).all()
        assert result.facts["period"].str.match(PERIOD_PATTERN).all()
        assert result.facts["value"].map(math.isfinite).all()
        assert not result.facts.duplicated(["area", "period", "measure"]).any()
