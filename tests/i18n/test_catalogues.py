# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The translation catalogues are current and complete: every message the code marks is in
the template, every language has it, Dutch translates it, and the compiled files match."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def messages():
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_are_current_and_complete(messages):
    problems = messages.problems()
    assert not problems, "run `python scripts/messages.py all`, then translate:\n" + "\n".join(
        problems[:40]
    )


def test_both_languages_have_a_catalogue(messages):
    assert set(messages.languages()) >= {"nl", "en"}


def test_check_finds_an_untranslated_message(messages, tmp_path):
    """The check can fail: a Dutch catalogue with an empty translation is reported."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="nl", domain="safetyplan")
    catalog.add("No data", "")
    catalog.add("{n} goals", "{n} doelen")
    catalog.add("{n} areas", "{aantal} gebieden")
    found = messages._translation_problems("nl", catalog)
    assert "nl: not translated: 'No data'" in found
    assert any("placeholders differ" in p and "{n} areas" in p for p in found)
    assert not any("{n} goals" in p for p in found)


def test_merge_keeps_both_sides(messages, tmp_path):
    from babel.messages.catalog import Catalog

    ours, theirs = Catalog(locale="nl"), Catalog(locale="nl")
    ours.add("Goal", "Doel")
    ours.add("Area", "")
    theirs.add("Area", "Gebied")
    theirs.add("Year", "Jaar")
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    messages._write(a, ours)
    messages._write(b, theirs)
    messages.merge(a, b, a)
    merged = {m.id: m.string for m in messages._read(a, "nl") if m.id}
    assert merged == {"Goal": "Doel", "Area": "Gebied", "Year": "Jaar"}
