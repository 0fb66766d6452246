# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The shared readers speak one language: csvread's and csvsafe's refusals and reject
places, and yamlfile's located messages (Pydantic's usual ones translated too), Dutch with
SAFETYPLAN_LANG=nl and English with SAFETYPLAN_LANG=en (issue 15)."""

import re

import pytest

from safetyplan import i18n
from safetyplan.csvread import Reject, read_rows, read_text
from safetyplan.csvsafe import field_too_long_message
from safetyplan.errors import DataError
from safetyplan.incidents import load_mapping_file
from tests.i18n.language_terms import assert_only


@pytest.fixture(params=["nl", "en"])
def lang(request, monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_LANG", request.param)
    i18n.activate(None)
    yield request.param
    i18n.activate(None)


def test_csv_refusals_and_places(tmp_path, lang):
    with pytest.raises(DataError) as error:
        read_rows("", "in.csv")
    expected = {"nl": ("regel", "leeg", "bestand"), "en": ("line", "empty", "file")}
    assert_only(lang, str(error.value), *expected[lang])
    path = tmp_path / "in.csv"
    path.write_bytes(b"a,b\n1," + "é\n".encode("latin-1"))
    with pytest.raises(DataError) as error:
        read_text(path)
    expected = {"nl": ("regel", "geen", "tekst"), "en": ("line", "not", "text")}
    assert_only(lang, str(error.value), *expected[lang])
    place = str(Reject(4, "value", "x", file="f.csv"))
    assert (
        place
        == {"nl": "f.csv, regel 4, kolom value: x", "en": "f.csv, line 4, column value: x"}[lang]
    )
    assert_only(lang, field_too_long_message("b"))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("resolution: week\n", {"nl": ("moet", "een", "van"), "en": ("must", "be", "one", "of")}),
        (
            "bogus: 1\n",
            {"nl": ("onbekend", "veld", "formaat"), "en": ("unknown", "field", "format")},
        ),
        ("csv: {delimiter: [1]}\n", {"nl": ("moet", "tekst"), "en": ("must", "text")}),
        ("csv: {}\ncsv: {}\n", {"nl": ("regel", "sleutel", "dubbel"), "en": ("line", "duplicate")}),
    ],
)
def test_mapping_file_messages(tmp_path, lang, text, words):
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_mapping_file(path)
    assert str(error.value).startswith(str(path))
    # "(resolution)": the place in the file, its own key, is not prose
    assert_only(lang, re.sub(r"\([\w.\[\]]+\)", " ", str(error.value)), *words[lang])


def test_a_missing_mapping_file(tmp_path, lang):
    with pytest.raises(DataError) as error:
        load_mapping_file(tmp_path / "absent.yaml")
    expected = {"nl": ("mappingbestand", "niet", "gevonden"), "en": ("mapping", "file", "found")}
    assert_only(lang, str(error.value), *expected[lang])
