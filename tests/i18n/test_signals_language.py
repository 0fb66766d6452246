# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""`safetyplan signals detect/run/compstat` speak one language (issue 15): per command an error
and a table or summary, in Dutch (SAFETYPLAN_LANG=nl) and in English (--lang en before the
command name), with words of that language present and none of the other."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.cli_runner import run
from tests.i18n.language_check import assert_only

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"

# Characteristic words per command and language: present in its own, absent from the other.
WORDS = {
    "detect": {
        "nl": ["reeksen", "beoordeelde perioden", "alarmen in", "methode:"],
        "en": ["series", "judged periods", "alarms in", "method:"],
    },
    "detect error": {
        "nl": ["regel 2", "negatieve telling"],
        "en": ["line 2", "negative count"],
    },
    "run": {
        "nl": ["Gemeente", "Maatstaf", "Verwacht", "Drempel", "alarmen", "niet beoordeeld"],
        "en": ["Municipality", "Measure", "Expected", "Threshold", "alarms", "not judged"],
    },
    "run error": {
        "nl": ["onbekende methode", "kies uit"],
        "en": ["unknown method", "choose from"],
    },
    "compstat": {
        "nl": ["Gebied", "Venster", "Oordeel", "laatste week", "tegen de vorige", "alle soorten"],
        "en": ["Area", "Window", "Judgement", "last week", "vs the previous", "all types"],
    },
    "compstat error": {
        "nl": ["regel 2", "occurred_at onleesbaar"],
        "en": ["line 2", "occurred_at unreadable"],
    },
}
OTHER = {"nl": "en", "en": "nl"}


def check(kind: str, lang: str, text: str) -> None:
    for word in WORDS[kind][lang]:
        assert word in text, f"{kind} ({lang}): {word!r} missing in\n{text}"
    for word in WORDS[kind][OTHER[lang]]:
        if word not in WORDS[kind][lang]:  # words the two languages share ("Alarm")
            assert word not in text, f"{kind} ({lang}): {word!r} of the other language in\n{text}"
    assert_only(lang, text, kind)


def signals(monkeypatch, capsys, lang: str, *args: str) -> tuple[int, str, str]:
    """Dutch through SAFETYPLAN_LANG, English through --lang before the command name."""
    monkeypatch.setenv("COLUMNS", "250")  # whole table cells, for the word checks
    if lang == "nl":
        monkeypatch.setenv("SAFETYPLAN_LANG", "nl")
        return run(monkeypatch, capsys, "signals", *args)
    monkeypatch.setenv("SAFETYPLAN_LANG", "nl")  # --lang wins over the environment
    return run(monkeypatch, capsys, "--lang", "en", "signals", *args)


@pytest.fixture(scope="module")
def counts_file(tmp_path_factory) -> Path:
    """Two weekly series of seven years, one with an outbreak at the end, and one too short."""
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2017-01-02")
    rows = []
    for name in ("steady", "outbreak"):
        y = rng.poisson(6.0, 364)
        if name == "outbreak":
            y[-3:] += 40
        rows += [(name, (start + pd.Timedelta(weeks=t)).date(), v) for t, v in enumerate(y)]
    rows += [("short", (start + pd.Timedelta(weeks=t)).date(), 4) for t in range(300, 364)]
    path = tmp_path_factory.mktemp("signals-language") / "counts.csv"
    pd.DataFrame(rows, columns=["series", "period", "count"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def incidents_file(tmp_path_factory) -> Path:
    """Two crime types in one area over eleven months: a total row and period-over-period rows."""
    days = pd.date_range("2024-01-01", "2024-11-30", freq="D")
    lines = ["occurred_at,crime_type,area"]
    for i, day in enumerate(days):
        lines.append(f"{day.date()}T10:00,fietsdiefstal,BU1")
        if i % 3 == 0:
            lines.append(f"{day.date()}T12:00,woninginbraak,BU1")
    path = tmp_path_factory.mktemp("signals-language") / "incidents.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory) -> Path:
    # `signals run` loads the shipped data into an empty warehouse, once for both languages
    return tmp_path_factory.mktemp("signals-language") / "wh.duckdb"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_detect_summary(monkeypatch, capsys, tmp_path, counts_file, lang):
    code, out, err = signals(
        monkeypatch, capsys, lang, "detect", str(counts_file), "--out", str(tmp_path / "a.csv")
    )
    assert code == 0, err
    check("detect", lang, out)
    # the file is for programs: the contract's columns and English notes in every language
    alarms = pd.read_csv(tmp_path / "a.csv", keep_default_na=False)
    assert list(alarms.columns[:6]) == [
        "series",
        "period",
        "count",
        "expected",
        "threshold",
        "alarm",
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_detect_error(monkeypatch, capsys, tmp_path, lang):
    bad = tmp_path / "bad.csv"
    bad.write_text("series,period,count\na,2024-01-01,-3\n", encoding="utf-8")
    code, out, err = signals(
        monkeypatch, capsys, lang, "detect", str(bad), "--out", str(tmp_path / "a.csv")
    )
    assert code == 2 and "Traceback" not in err
    assert ("Fout:" if lang == "nl" else "Error:") in err
    check("detect error", lang, err)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_run_table(monkeypatch, capsys, warehouse_file, lang):
    code, out, err = signals(
        monkeypatch,
        capsys,
        lang,
        "run",
        "--plan",
        str(ROTTERDAM),
        "--warehouse",
        str(warehouse_file),
    )
    assert code == 0, err
    check("run", lang, out)
    # the explanation of the method: why EARS C2 on the two years of street robberies
    expected = "onvoldoende historie" if lang == "nl" else "not enough history"
    assert expected in out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_run_error(monkeypatch, capsys, warehouse_file, lang):
    code, out, err = signals(
        monkeypatch,
        capsys,
        lang,
        "run",
        "--plan",
        str(ROTTERDAM),
        "--method",
        "magic",
        "--warehouse",
        str(warehouse_file),
    )
    assert code == 2 and "Traceback" not in err
    check("run error", lang, err)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compstat_table(monkeypatch, capsys, incidents_file, lang):
    code, out, err = signals(monkeypatch, capsys, lang, "compstat", str(incidents_file))
    assert code == 0, err
    check("compstat", lang, out)
    no_data = "geen gegevens" if lang == "nl" else "no data"  # a year earlier: before the data
    assert no_data in out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compstat_json_keeps_codes_and_labels_the_language(
    monkeypatch, capsys, incidents_file, lang
):
    code, out, err = signals(
        monkeypatch, capsys, lang, "compstat", str(incidents_file), "--format", "json"
    )
    assert code == 0, err
    rows = pd.DataFrame(json.loads(out)["rows"])
    assert set(rows.window) == {"week", "week_prev", "28d", "28d_prev", "ytd"}
    assert "all" in set(rows.crime_type)  # the total: a stable code
    ytd = rows[rows.window == "ytd"].iloc[0]
    assert ytd.judgement == "no_comparison"
    label = "geen vergelijking" if lang == "nl" else "no comparison"
    assert ytd.judgement_label.startswith(label)
    assert ytd.window_label == ("jaar tot nu" if lang == "nl" else "year to date")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compstat_error(monkeypatch, capsys, tmp_path, lang):
    bad = tmp_path / "inc.csv"
    bad.write_text("occurred_at,crime_type,area\n2024-13-45,x,A\n", encoding="utf-8")
    code, out, err = signals(monkeypatch, capsys, lang, "compstat", str(bad))
    assert code == 2 and "Traceback" not in err
    check("compstat error", lang, err)


HELP = {
    "nl": ["Afwijkende perioden in telreeksen signaleren", "Vals-alarmniveau per periode"],
    "en": ["Flag unusual periods in count series", "False-alarm level per period"],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_in_one_language(lang):
    # help texts are translated at start-up: a fresh process per language
    done = subprocess.run(
        [sys.executable, "-m", "safetyplan", "--lang", lang, "signals", "detect", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "250"},
    )
    assert done.returncode == 0, done.stderr
    for text in HELP[lang]:
        assert text in done.stdout
    for text in HELP[OTHER[lang]]:
        assert text not in done.stdout
