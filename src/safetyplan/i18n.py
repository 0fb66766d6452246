# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""One language at a time: the translation catalogues for everything outside Django's templates.

Messages are written in English in the code (``_("No data")``) and translated from the gettext
catalogues in ``safetyplan/locale/<lang>/LC_MESSAGES/safetyplan.mo`` (made from the ``.po``
files by ``python scripts/messages.py compile``; docs/translating.md says how to add a
language). The active language is, in this order: what the caller activates (the CLI's
``--lang``, the web's per-request language), ``SAFETYPLAN_LANG``, the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), Dutch.

:func:`activate` sets the language of the whole process (the CLI); :func:`override` sets it for
a block in one context (a web request's thread, a report in another language), kept in a
context variable so that concurrent requests do not see each other's language.
"""

from __future__ import annotations

import contextvars
import gettext as _gettext
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from safetyplan.errors import SafetyplanError

log = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
DOMAIN = "safetyplan"
LOCALE_DIR = Path(__file__).parent / "locale"

_process_language: str | None = None
_active: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "safetyplan_language", default=None
)


def check_language(lang: str) -> str:
    """``'EN'`` -> ``'en'``; an unknown language is a usage error that lists the known ones."""
    code = (lang or "").strip().lower()
    if code not in LANGUAGES:
        # not _(): that would resolve the language again, and may be what failed
        known = _active.get() or _process_language or DEFAULT_LANGUAGE
        raise SafetyplanError(
            gettext("Unknown language '{lang}': choose from {choices}.", known).format(
                lang=lang, choices=", ".join(LANGUAGES)
            )
        )
    return code


def _from_locale(value: str | None) -> str | None:
    """``'en_GB.UTF-8'`` -> ``'en'``; ``'C'``, ``'POSIX'`` and unknown languages -> None."""
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None


def resolve(explicit: str | None = None) -> str:
    """The language to use: *explicit*, else ``SAFETYPLAN_LANG``, else the locale, else Dutch.

    An explicit or ``SAFETYPLAN_LANG`` value that is not a known language is an error (the
    user asked for it); a locale we have no catalogue for is passed over silently."""
    if explicit:
        return check_language(explicit)
    configured = os.environ.get("SAFETYPLAN_LANG")
    if configured:
        return check_language(configured)
    # POSIX order; the first one set decides, also when it names no language we have
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    if locale:
        return _from_locale(locale) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def activate(lang: str | None) -> None:
    """Make *lang* the language of the whole process (None: back to :func:`resolve`)."""
    global _process_language
    _process_language = check_language(lang) if lang else None


def active() -> str:
    """The language of this context: an :func:`override`, else the process's, else
    :func:`resolve`'s answer."""
    return _active.get() or _process_language or resolve()


@contextmanager
def override(lang: str | None) -> Iterator[str]:
    """Use *lang* inside the block (None: keep the active one)."""
    if lang is None:
        yield active()
        return
    token = _active.set(check_language(lang))
    try:
        yield lang
    finally:
        _active.reset(token)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of *lang*; the source text (English) where there is none."""
    try:
        return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])
    except FileNotFoundError:
        if lang != "en":  # English is the source language: no catalogue needed
            log.error("no compiled catalogue for %r in %s", lang, LOCALE_DIR)
        return _gettext.NullTranslations()


def gettext(message: str, lang: str | None = None) -> str:
    """*message* (English source text) in *lang*, by default the active language."""
    return translations(lang or active()).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """``ngettext("{n} goal", "{n} goals", n)``: the form that fits *n*."""
    return translations(lang or active()).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    """*message* in a context, for words that translate differently by use ("report")."""
    return translations(lang or active()).pgettext(context, message)


def gettext_noop(message: str) -> str:
    """Mark *message* for the catalogue without translating it now (module-level tables)."""
    return message


_ = gettext
N_ = gettext_noop

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "_",
    "activate",
    "active",
    "check_language",
    "gettext",
    "gettext_noop",
    "ngettext",
    "override",
    "pgettext",
    "resolve",
    "translations",
]
