# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Matching municipality names as different publishers spell them.

CBS StatLine writes ``'s-Gravenhage (gemeente)``, ``Hengelo (O.)`` and ``Nuenen, Gerwen en
Nederwetten``; the boundary files write ``'s-Gravenhage``, ``Hengelo`` and ``Nuenen. Gerwen en
Nederwetten``; a plan writes ``Capelle a/d IJssel``. Names are compared in a normal form (no
accents, no punctuation, lower case) and, failing that, without the parenthesised suffix.
"""

from __future__ import annotations

import re
import unicodedata

_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
_ABBREVIATIONS = [
    (re.compile(r"\ba\s*/\s*d\b"), "aan den"),  # Capelle a/d IJssel
]


def normalise_name(name: str) -> str:
    """Lower case, accents and punctuation removed, words separated by one space."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = text.casefold().strip()
    text = text.removesuffix(" (gemeente)")
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def base_name(name: str) -> str:
    """The normal form without a parenthesised suffix: ``Hengelo (O.)`` -> ``hengelo``."""
    return normalise_name(_SUFFIX.sub("", str(name).strip().removesuffix(" (gemeente)")))
