# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The warehouse's checks and refusals in the active language: every reason and message is
Dutch with SAFETYPLAN_LANG=nl and English with SAFETYPLAN_LANG=en, the place (file, line,
column) the same in both (issue 15)."""

import pandas as pd
import pytest

from safetyplan import i18n
from safetyplan.errors import DataError, SafetyplanError
from safetyplan.warehouse import Warehouse, check_facts, validate_facts
from tests.i18n.language_terms import assert_only

GOOD_ROW = {"area": "GM0599", "period": "2015", "measure": "registered:pol:1.1.1", "value": "3"}
BAD_ROWS = [
    {"area": "Rotterdam"},
    {"period": "2015Q1"},
    {"measure": "two words"},
    {"value": ""},
    {"value": "veel"},
    {"value": "1e999"},
    {"provisional": "misschien"},
    {},  # a duplicate of the first row
]


@pytest.fixture(params=["nl", "en"])
def lang(request, monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_LANG", request.param)
    i18n.activate(None)
    yield request.param
    i18n.activate(None)


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**GOOD_ROW, "provisional": "nee", **row} for row in rows])


def test_every_reason_in_one_language(lang):
    result = check_facts(frame({}, *BAD_ROWS), origin="f.csv")
    assert [r.line for r in result.rejects] == list(range(3, 3 + len(BAD_ROWS)))
    for reject in result.rejects:
        assert_only(lang, reject.reason)
    words = {
        "nl": ("geen", "geldige", "gebiedscode", "periode", "maat", "waarde", "getal", "dubbel"),
        "en": ("not", "valid", "area", "code", "period", "measure", "value", "number", "duplicate"),
    }
    assert_only(lang, " ".join(r.reason for r in result.rejects), *words[lang])


def test_the_strict_message_names_file_line_and_column(lang):
    with pytest.raises(DataError) as error:
        validate_facts(frame({"period": "2015-13"}), origin="f.csv")
    message = str(error.value)
    expected = {"nl": ("ongeldige", "regel", "kolom"), "en": ("invalid", "row", "line", "column")}
    assert_only(lang, message, *expected[lang])
    assert "f.csv" in message and "2 " in message.replace(",", " ")


def test_refusals(tmp_path, lang):
    with pytest.raises(SafetyplanError) as error:
        Warehouse.open(tmp_path / "none.duckdb", read_only=True)
    assert_only(lang, str(error.value), *{"nl": ("geen", "laad"), "en": ("no", "load")}[lang])
    with Warehouse.open(tmp_path / "wh.duckdb") as wh:
        with pytest.raises(DataError) as error:
            wh.load_facts(frame({}).iloc[:0], source="s1")
        assert_only(lang, str(error.value), *{"nl": ("geen", "bron"), "en": ("no", "source")}[lang])
        with pytest.raises(DataError) as error:
            wh.load_facts(frame({}), source="two words")
        expected = {"nl": ("ongeldige", "bronnaam"), "en": ("invalid", "source", "name")}
        assert_only(lang, str(error.value), *expected[lang])
