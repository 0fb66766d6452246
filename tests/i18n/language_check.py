# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Is a text wholly in one language? A small word-list test shared by the CLI, report and
web tests of issue 15.

Each list holds short function words that are common in one language and do not occur as
words of the other (no "in", "is", "de" in English lists, no "die" or "was" ...), so a line
that has two or more words of the other language and none of its own is the other
language: ``offending_lines`` lists those lines; ``assert_only`` fails with them."""

from __future__ import annotations

import re

# Unambiguous Dutch function words (none is also a common English word).
DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "voor",
        "niet",
        "geen",
        "wordt",
        "worden",
        "zijn",
        "heeft",
        "hebben",
        "naar",
        "bij",
        "ook",
        "nog",
        "uit",
        "zoals",
        "maar",
        "dat",
        "deze",
        "dit",
        "wat",
        "waar",
        "welke",
        "onder",
        "tussen",
        "sinds",
        "tot",
        "jaar",
        "jaren",
        "doel",
        "doelen",
        "gegevens",
        "cijfers",
        "gemeente",
        "gemeenten",
        "wel",
        "eens",
        "zich",
        "alle",
    ]
)
# Unambiguous English function words (none is also a common Dutch word).
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "for",
        "not",
        "no",
        "are",
        "were",
        "has",
        "have",
        "with",
        "from",
        "this",
        "that",
        "these",
        "which",
        "what",
        "where",
        "there",
        "their",
        "than",
        "then",
        "year",
        "years",
        "goal",
        "goals",
        "figures",
        "municipality",
        "municipalities",
        "between",
        "since",
        "until",
        "only",
        "every",
        "each",
    ]
)
WORD = re.compile(r"[a-zA-ZÀ-ÿ]+(?:-[a-zA-ZÀ-ÿ]+)*")


def words(line: str) -> list[str]:
    return [w.lower() for w in WORD.findall(line)]


def offending_lines(lang: str, text: str) -> list[str]:
    """The lines of *text* that are in the other language: at least two words of the other
    language's list and none of *lang*'s."""
    own, other = (DUTCH, ENGLISH) if lang == "nl" else (ENGLISH, DUTCH)
    bad = []
    for line in text.splitlines():
        found = words(line)
        if sum(w in other for w in found) >= 2 and not any(w in own for w in found):
            bad.append(line.strip())
    return bad


def assert_only(lang: str, text: str, where: str = "") -> None:
    """Fail, listing the offending lines, when *text* holds lines in the other language."""
    bad = offending_lines(lang, text)
    label = {"nl": "Dutch", "en": "English"}[lang]
    assert not bad, f"{where or 'text'}: lines not in {label}:\n" + "\n".join(bad)
