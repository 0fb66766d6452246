# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan ingest incidents`` speaks one language: the load summary, the rejects table,
the reject file's reasons (built in SQL, once per load) and the errors are Dutch with
SAFETYPLAN_LANG=nl and English with SAFETYPLAN_LANG=en (issue 15)."""

import csv

import pytest

from safetyplan import i18n
from tests.i18n.language_terms import assert_only

from .conftest import point_in, run_cli, write_csv

HEADER = "id,occurred_at,crime_type,x,y,solved"
REASONS = {
    # value -> the start of its reason, per language
    "gisteren": {"nl": "onleesbare datum", "en": "unreadable date"},
    "2018-02-30": {"nl": "datum of tijd bestaat niet", "en": "no such date or time"},
    "misschien": {"nl": "geen ja/nee", "en": "not yes/no"},
}


@pytest.fixture(params=["nl", "en"])
def lang(request, monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_LANG", request.param)
    i18n.activate(None)
    yield request.param
    i18n.activate(None)


def rows(n: int) -> list[str]:
    x, y = point_in("BU05990110")
    return [f"{i},2018-01-{1 + i:02d},1.1.1,{x:.1f},{y:.1f},nee" for i in range(n)]


def test_summary(tmp_path, monkeypatch, capsys, lang):
    path = write_csv(tmp_path / "good.csv", HEADER, rows(3))
    wh = str(tmp_path / "wh.duckdb")
    code, out, err = run_cli(
        monkeypatch, capsys, "ingest", "incidents", str(path), "--warehouse", wh
    )
    assert code == 0, err
    expected = {
        "nl": ("geladen", "incidenten", "afgekeurd", "tijdsresolutie", "dag", "zonder", "gebied"),
        "en": ("loaded", "incidents", "rejected", "time", "resolution", "day", "without", "area"),
    }
    assert_only(lang, out, *expected[lang])


def test_rejects_reasons_and_refusal(tmp_path, monkeypatch, capsys, lang):
    x, y = point_in("BU05990110")
    bad = [
        f"7,gisteren,1.1.1,{x:.1f},{y:.1f},nee",
        f"8,2018-02-30,1.1.1,{x:.1f},{y:.1f},nee",
        f"9,2018-01-09,1.1.1,{x:.1f},{y:.1f},misschien",
    ]
    path = write_csv(tmp_path / "bad.csv", HEADER, rows(2) + bad)
    wh = str(tmp_path / "wh.duckdb")
    code, _, err = run_cli(monkeypatch, capsys, "ingest", "incidents", str(path), "--warehouse", wh)
    assert code == 2
    expected = {
        "nl": ("afgekeurd", "regel", "kolom", "reden", "niets", "geladen", "zie"),
        "en": ("rejected", "line", "column", "reason", "nothing", "loaded", "see"),
    }
    assert_only(lang, err, *expected[lang])
    with open(tmp_path / "bad.csv.rejects.csv", encoding="utf-8") as handle:
        found = {r["value"] or r["reason"]: r["reason"] for r in csv.DictReader(handle)}
    for value, reason in REASONS.items():
        [text] = [why for key, why in found.items() if value in key or value in why]
        assert text.startswith(reason[lang]), text
        assert_only(lang, text)


def test_errors(tmp_path, monkeypatch, capsys, lang):
    wh = str(tmp_path / "wh.duckdb")
    code, _, err = run_cli(
        monkeypatch, capsys, "ingest", "incidents", str(tmp_path / "absent.csv"), "--warehouse", wh
    )
    assert code == 2
    assert_only(lang, err, *{"nl": ("bestand", "niet", "gevonden"), "en": ("file", "found")}[lang])
    path = write_csv(tmp_path / "h.csv", "id,when,crime_type", ["1,2018-01-01,x"])
    code, _, err = run_cli(monkeypatch, capsys, "ingest", "incidents", str(path), "--warehouse", wh)
    assert code == 2
    expected = {"nl": ("regel", "ontbreekt", "gevonden"), "en": ("line", "missing", "found")}
    assert_only(lang, err, *expected[lang])
