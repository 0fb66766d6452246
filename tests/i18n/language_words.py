# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The word-level check (``assert_only(lang, text, at_least=N)``: enough words of the
language in the whole text, none of the other); language_check.py checks line by line.

Is a text in one language only? Small lists of common, characteristic words of Dutch and
English (issue 15: Dutch output holds no English words, English output no Dutch ones).

The lists hold words that are frequent in Safetyplan's texts and do not occur in the other
language (so no "plan", "status", "trend", "argument", "en", "in", "is", "of"). Proper names
in the other language that a text quotes (a CBS category such as "Diefstal en inbraak met
geweld") are not translations: choose the words so that they do not trip the check."""

from __future__ import annotations

import re

DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "geen",
        "doel",
        "doelen",
        "doelwaarde",
        "gegevens",
        "jaar",
        "jaren",
        "werkelijk",
        "behaald",
        "van",
        "voor",
        "niet",
        "regel",
        "moet",
        "gevonden",
        "stand",
        "referentie",
        "thema",
        "prognose",
        "gemeente",
        "gemeenten",
        "fout",
        "ontbrekende",
        "cijfers",
        "aanvullen",
        "openbare",
        "tabel",
        "benadering",
        "voorlopig",
        "grondgebied",
        "koers",
        "risico",
        "vastgesteld",
        "zijn",
        "bestand",
        "onbekend",
        "kies",
        "uit",
        "gebruik",
        "opties",
        "opdrachten",
        "toon",
        "deze",
        "ontbreekt",
        "waarde",
        "verplicht",
        "ligt",
        "na",
        "nog",
    ]
)
ENGLISH = frozenset(
    [
        "the",
        "no",
        "data",
        "goal",
        "goals",
        "target",
        "year",
        "years",
        "actual",
        "achieved",
        "for",
        "not",
        "line",
        "must",
        "found",
        "baseline",
        "theme",
        "forecast",
        "municipality",
        "municipalities",
        "error",
        "missing",
        "figures",
        "public",
        "table",
        "approximation",
        "provisional",
        "territory",
        "track",
        "risk",
        "pending",
        "file",
        "unknown",
        "choose",
        "from",
        "usage",
        "options",
        "commands",
        "show",
        "this",
        "message",
        "exit",
        "value",
        "required",
        "after",
        "yet",
        "with",
    ]
)
WORDS = {"nl": DUTCH, "en": ENGLISH}
OTHER = {"nl": "en", "en": "nl"}
_WORD = re.compile(r"[a-zà-ÿ]+(?:'[a-z]+)?")


# Not words of a language: quoted values, the format's field paths (goals[0].baseline.value,
# reference_year), file paths, options (--year) and commands ($ safetyplan ...).
_CODE = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|\S*\w[./_\[]\w\S*|(?<!\S)--?\w[\w-]*|^\s*\$ .*$", re.M)


def words_of(text: str) -> set[str]:
    """The lower-case words of *text*, without code (see _CODE) and numbers."""
    return set(_WORD.findall(_CODE.sub(" ", text).lower()))


def assert_only(lang: str, text: str, at_least: int = 3) -> None:
    """*text* has at least *at_least* characteristic words of *lang* and none of the other
    language's; the message names the words that give it away."""
    found = words_of(text)
    own = found & WORDS[lang]
    foreign = found & WORDS[OTHER[lang]]
    assert len(own) >= at_least, f"too few {lang} words ({sorted(own)}) in:\n{text}"
    assert not foreign, f"{OTHER[lang]} words {sorted(foreign)} in {lang} text:\n{text}"
