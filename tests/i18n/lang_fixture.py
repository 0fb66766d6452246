# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures that choose a test's language (import them into a conftest.py).

``lang("en")`` sets SAFETYPLAN_LANG for the rest of the test and forgets any language the
process was given (a CLI run's ``--lang``), so nothing leaks into the next test; a test that
asks for ``lang`` starts in Dutch, whatever the machine's locale. ``english`` is for tests
that read the messages' wording in the source language."""

import pytest

from safetyplan import i18n


@pytest.fixture
def lang(monkeypatch):
    def _lang(code: str) -> None:
        monkeypatch.setenv("SAFETYPLAN_LANG", code)
        i18n.activate(None)

    _lang("nl")
    yield _lang
    i18n.activate(None)


@pytest.fixture
def english(lang):
    lang("en")
