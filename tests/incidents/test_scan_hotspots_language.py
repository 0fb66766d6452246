# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan scan`` and ``safetyplan hotspots evaluate`` speak one language at a time
(issue 15): Dutch by default, English with ``--lang en`` before the command name or
SAFETYPLAN_LANG=en; an error and a table of each command in both languages."""

from __future__ import annotations

import pytest

from tests.i18n.language_check import assert_only

from .conftest import run_cli
from .test_area_scan import points_warehouse  # noqa: F401 (a fixture)
from .test_hotspot_model import town

pytestmark = pytest.mark.usefixtures("one_language")

# Characteristic words of each command's output: present in its language, absent in the other.
SCAN_WORDS = {
    "nl": ("Gebiedsscan", "incidenten", "Signalen", "beoordeeld", "opgehelderd", "Hotspots ("),
    "en": ("Area scan", "incidents", "Alarms", "judged", "cleared", "Hot spots ("),
}
HOTSPOT_WORDS = {
    "nl": ("cel ", "cellen", "hitrate", "naïef", "kerndichtheid", "te weinig historie"),
    "en": ("cell ", "cells", "hit rate", "naive", "kernel density", "too little history"),
}


def check(lang: str, text: str, words: dict[str, tuple[str, ...]]) -> None:
    other = "en" if lang == "nl" else "nl"
    for word in words[lang]:
        assert word in text, f"{word!r} missing from the {lang} output:\n{text}"
    for word in words[other]:
        assert word not in text, f"{word!r} ({other}) in the {lang} output:\n{text}"
    assert_only(lang, text, f"{lang} output")


def lang_args(lang: str, how: str) -> list[str]:
    return ["--lang", lang] if how == "option" else []


@pytest.mark.parametrize(("lang", "how"), [("nl", "default"), ("en", "option"), ("en", "env")])
def test_scan_table(lang, how, points_warehouse, one_language, capsys):  # noqa: F811
    if how == "env":
        one_language.setenv("SAFETYPLAN_LANG", lang)
    path, _, _ = points_warehouse
    code, out, err = run_cli(
        one_language, capsys, *lang_args(lang, how), "scan", "GM0599", "--warehouse", str(path)
    )
    assert code == 0, err
    check(lang, out, SCAN_WORDS)
    assert "burglary" in out  # a crime type from the data, as it is


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_scan_error(lang, points_warehouse, one_language, capsys):  # noqa: F811
    path, _, _ = points_warehouse
    code, out, err = run_cli(
        one_language, capsys, "--lang", lang, "scan", "XX12", "--warehouse", str(path)
    )
    assert code == 2 and "Traceback" not in err
    expected = {"nl": "Onbekend gebied 'XX12'", "en": "Unknown area 'XX12'"}
    assert expected[lang] in err
    assert expected["en" if lang == "nl" else "nl"] not in err
    assert_only(lang, err, f"{lang} error")


@pytest.fixture
def town_csv(tmp_path):
    """Four months of synthetic incidents: too little history for the learned model, so
    the table carries the fallback note too."""
    frame = town(months=4)
    path = tmp_path / "town.csv"
    frame.assign(
        id=range(len(frame)),
        occurred_at=frame.occurred_at.dt.strftime("%Y-%m-%d"),
        x=frame.x.round(1),
        y=frame.y.round(1),
    ).to_csv(path, index=False)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("outside_boundaries: keep\nclassification: ukpol\n", encoding="utf-8")
    return path, mapping


def hotspots_args(town_csv, *extra: str) -> list[str]:
    path, mapping = town_csv
    return [
        "hotspots",
        "evaluate",
        str(path),
        "--mapping",
        str(mapping),
        "--crime-type",
        "Burglary",
        "--train-until",
        "2018-03-31",
        "--test-until",
        "2018-04-30",
        "--coverage",
        "0.1",
        *extra,
    ]


@pytest.mark.parametrize(("lang", "how"), [("nl", "default"), ("en", "option"), ("en", "env")])
def test_hotspots_table(lang, how, town_csv, one_language, capsys):
    if how == "env":
        one_language.setenv("SAFETYPLAN_LANG", lang)
    code, out, err = run_cli(one_language, capsys, *lang_args(lang, how), *hotspots_args(town_csv))
    assert code == 0, err
    check(lang, out, HOTSPOT_WORDS)
    # numbers in the language's own notation: 10.0% of the study cells
    assert {"nl": "10,0%", "en": "10.0%"}[lang] in out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hotspots_error(lang, town_csv, one_language, capsys):
    code, out, err = run_cli(
        one_language, capsys, "--lang", lang, *hotspots_args(town_csv, "--model", "magic")
    )
    assert code == 2 and "Traceback" not in err
    expected = {"nl": "--model magic: kies auto, kde", "en": "--model magic: choose auto, kde"}
    assert expected[lang] in err
    assert_only(lang, err, f"{lang} error")


def test_json_keeps_codes_in_every_language(town_csv, one_language, capsys):
    """Machine-readable output: the same keys and method codes in Dutch and English."""
    import json

    outputs = {}
    for lang in ("nl", "en"):
        code, out, err = run_cli(
            one_language, capsys, "--lang", lang, *hotspots_args(town_csv, "--format", "json")
        )
        assert code == 0, err
        outputs[lang] = json.loads(out)
    nl, en = outputs["nl"], outputs["en"]
    assert nl.keys() == en.keys() and nl["model"]["method"] == en["model"]["method"]
    assert nl["model"]["method"] == "kernel density"
    assert "te weinig historie" in nl["model"]["note"]  # the note is for people
    assert "too little history" in en["model"]["note"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_scan_page_and_map(lang, points_warehouse, one_language, capsys, tmp_path):  # noqa: F811
    """The HTML page, its map's titles and the comparison territory's name follow the
    language; the stdout line names the written file in it too."""
    path, _, _ = points_warehouse
    page_path = tmp_path / "scan.html"
    code, out, err = run_cli(
        one_language,
        capsys,
        "--lang",
        lang,
        "scan",
        "GM0599",
        "--warehouse",
        str(path),
        "--format",
        "html",
        "--out",
        str(page_path),
    )
    assert code == 0, err
    page = page_path.read_text(encoding="utf-8")
    words = {
        "nl": (
            '<html lang="nl">',
            "Gebiedsscan",
            "incidenten",
            "Politie-eenheid Rotterdam",
            "kerndichtheid (per km²)",
            "(omlijnd)",
            "Geschreven",
        ),
        "en": (
            '<html lang="en">',
            "Area scan",
            "incidents",
            "Police unit Rotterdam",
            "kernel density (per km²)",
            "(outlined)",
            "Written",
        ),
    }
    text = page + out
    for word in words[lang]:
        assert word in text, word
    for word in words["en" if lang == "nl" else "nl"]:
        assert word not in text, word
    assert_only(lang, page, f"{lang} scan page")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_in_one_language(lang):
    """The help is translated when the commands are defined: a process of its own per
    language (in-process the commands were defined once, in the first language)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "SAFETYPLAN_LANG": lang, "PYTHONPATH": str(src), "COLUMNS": "200"}
    words = {
        "nl": ("Gebiedsscan", "Rastercel in meters", "Hitrate en PAI", "trainingsperiode"),
        "en": ("Area scan", "Grid cell in metres", "Hit rate and PAI", "training window"),
    }
    text = ""
    for command in (["scan"], ["hotspots", "evaluate"]):
        done = subprocess.run(
            [sys.executable, "-m", "safetyplan", *command, "--help"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        text += done.stdout
    for word in words[lang]:
        assert word in text, word
    for word in words["en" if lang == "nl" else "nl"]:
        assert word not in text, word
