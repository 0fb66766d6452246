# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan ingest facts|bundled|statline`` and ``warehouse info`` speak one language:
Dutch with SAFETYPLAN_LANG=nl, English with SAFETYPLAN_LANG=en (or ``--lang en``), in their
errors and in their tables (issue 15)."""

import csv

import pytest

from safetyplan import i18n
from tests.cli_runner import run
from tests.i18n.language_terms import assert_only

from .conftest import NATIONAL_CSV, ROTTERDAM_BURGLARY_CSV, write

BAD_ROW = "GM0599,2019,registered:pol:1.1.1,veel,false\n"


@pytest.fixture(params=["nl", "en"])
def lang(request, monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_LANG", request.param)
    i18n.activate(None)  # the CLI activated its language at import: read the variable again
    yield request.param
    i18n.activate(None)


WORDS = {
    # the load summary's title and headers
    "summary": {"nl": ("geladen", "bron", "feiten", "nieuw"), "en": ("loaded", "source", "facts")},
    # the rejects table and the refusal
    "rejects": {
        "nl": ("afgekeurd", "regel", "reden", "niets", "geladen", "zie"),
        "en": ("rejected", "line", "reason", "nothing", "loaded", "see"),
    },
}


def test_facts_summary(home, tmp_path, monkeypatch, capsys, lang):
    path = write(tmp_path / "burglary.csv", ROTTERDAM_BURGLARY_CSV)
    code, out, err = run(monkeypatch, capsys, "ingest", "facts", str(path), "--source", "r")
    assert code == 0, err
    assert_only(lang, out, *WORDS["summary"][lang])
    assert_only(lang, err)  # the progress bar is transient; whatever is left is one language


def test_facts_rejects_and_refusal(home, tmp_path, monkeypatch, capsys, lang):
    path = write(tmp_path / "bad.csv", ROTTERDAM_BURGLARY_CSV + BAD_ROW)
    rejects = tmp_path / "rejects.csv"
    code, _, err = run(
        monkeypatch,
        capsys,
        "ingest",
        "facts",
        str(path),
        "--source",
        "r",
        "--rejects",
        str(rejects),
    )
    assert code == 2
    assert_only(lang, err, *WORDS["rejects"][lang])
    [row] = list(csv.DictReader(rejects.open(encoding="utf-8")))
    # the reject file's columns stay stable; its reasons are in the language of the load
    assert list(row) == ["file", "line", "id", "column", "value", "reason"]
    assert row["reason"].startswith({"nl": "geen getal", "en": "not a number"}[lang])


def test_facts_missing_file(home, monkeypatch, capsys, lang):
    code, _, err = run(monkeypatch, capsys, "ingest", "facts", "absent.csv", "--source", "x")
    assert code == 2
    expected = {"nl": ("fout", "bestand", "niet", "gevonden"), "en": ("error", "file", "found")}
    assert_only(lang, err, *expected[lang])


def test_lang_option_beats_the_environment(home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SAFETYPLAN_LANG", "nl")
    i18n.activate(None)
    path = write(tmp_path / "n.csv", NATIONAL_CSV)
    try:
        code, out, _ = run(
            monkeypatch, capsys, "--lang", "en", "ingest", "facts", str(path), "--source", "n"
        )
    finally:
        i18n.activate(None)
    assert code == 0
    assert_only("en", out, "loaded", "measures", "areas", "periods")


def test_bundled_summary_and_error(home, datasets_dir, tmp_path, monkeypatch, capsys, lang):
    code, out, err = run(monkeypatch, capsys, "ingest", "bundled", "--datasets", str(datasets_dir))
    assert code == 0, err
    assert_only(lang, out, *WORDS["summary"][lang])
    code, _, err = run(
        monkeypatch, capsys, "ingest", "bundled", "--datasets", str(tmp_path / "none")
    )
    assert code == 2
    expected = {"nl": ("geen", "meegeleverde", "gegevens"), "en": ("no", "shipped", "datasets")}
    assert_only(lang, err, *expected[lang])


def test_statline_summary_and_error(home, statline, monkeypatch, capsys, lang):
    code, out, err = run(monkeypatch, capsys, "ingest", "statline", "47018NED")
    assert code == 0, err
    assert_only(lang, out, *WORDS["summary"][lang])
    assert_only(lang, err)  # "skipped" lines, if any, with their translated reasons
    requests = pytest.importorskip("requests")

    def offline(*args, **kwargs):
        raise requests.ConnectionError("offline")

    monkeypatch.setattr("cbsodata.get_meta", offline)
    code, _, err = run(monkeypatch, capsys, "ingest", "statline", "83648NED")
    assert code == 2
    expected = {"nl": ("niet", "bereikbaar", "netwerkverbinding"), "en": ("not", "reachable")}
    assert_only(lang, err, *expected[lang])


def test_warehouse_info_tables_and_error(home, tmp_path, monkeypatch, capsys, lang):
    code, _, err = run(monkeypatch, capsys, "warehouse", "info")
    assert code == 2
    expected = {"nl": ("geen", "datawarehouse", "laad"), "en": ("no", "warehouse", "load")}
    assert_only(lang, err, *expected[lang])
    path = write(tmp_path / "n.csv", NATIONAL_CSV)
    run(monkeypatch, capsys, "ingest", "facts", str(path), "--source", "national")
    code, out, _ = run(monkeypatch, capsys, "warehouse", "info")
    assert code == 0
    expected = {
        "nl": ("bronnen", "maten", "bron", "regels", "maat", "gebieden"),
        "en": ("sources", "measures", "source", "rows", "measure", "areas"),
    }
    assert_only(lang, out, *expected[lang])
