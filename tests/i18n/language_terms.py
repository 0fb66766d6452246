# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The term check (``assert_only(lang, text, *present)``: the named words present, no word
of the other language's list); language_check.py checks line by line, language_words.py
by common words.

Is a text in one language only? Small lists of words that only Dutch or only English
uses in Safetyplan's messages and tables; a text in one language may hold none of the other's.

Paths, options (``--max-rejects``) and quoted values are left out before the words are
compared: a file name such as ``test_rejects_over_the_limit`` is not English prose."""

import re


def _listed(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words of running text and table headers; never codes, the column names of a file (value,
# municipality) or values.
DUTCH = _listed(
    """
    de het een en of niet geen is zijn wordt met van voor naar bij op uit dan
    regel regels kolom kolommen reden bestand bestanden map geladen laden lezen afgekeurd
    afgekeurde niets ontbreekt gevonden zie meer nog leeg onleesbaar bestaat vrijgegeven
    klaar hersteld bronnen bron maten feiten gebieden perioden ongewijzigd vervangen nieuw
    incidenten gemeente zonder alleen soorten tijdsresolutie gegevens datawarehouse
    ongeldige ongeldig getal waarde verwacht gebruikersnaam poort adres gestopt
    """
)
ENGLISH = _listed(
    """
    the and or not no is are be with from for to at on than of
    line lines column columns reason file files folder loaded loading reading rejected
    nothing missing found see more empty unreadable exists unlocked done restored sources
    source measures facts areas periods unchanged replaced new incidents
    without only types resolution data warehouse invalid number expected user port
    address stopped
    """
)
WORDS = {"nl": DUTCH, "en": ENGLISH}
_NOT_PROSE = re.compile(
    r"""(\S*[/\\]\S*)        # paths
      | ((?<!\S)--?[\w-]+)    # options, not the hyphen in "back-up"
      | ('[^'\n]*')           # quoted values
      | (\w+_\w+)             # identifiers: occurred_at, max_rejects
      | (\$\w+)               # variables
    """,
    re.VERBOSE,
)


def words(text: str) -> set[str]:
    """The lower-case words of *text*'s prose."""
    prose = _NOT_PROSE.sub(" ", text)
    return set(re.findall(r"[a-zà-ÿ]+", prose.lower()))


def assert_only(lang: str, text: str, *present: str) -> None:
    """*text* is in *lang*: each word of *present* is in it (characteristic words of the
    message), and none of the other language's words."""
    found = words(text)
    missing = [w for w in present if w.lower() not in found]
    assert not missing, f"expected {missing} in the {lang} text:\n{text}"
    other = "en" if lang == "nl" else "nl"
    leaked = sorted(found & WORDS[other] - WORDS[lang])
    assert not leaked, f"{other} words {leaked} in the {lang} text:\n{text}"
