# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Which language speaks: --lang, else SAFETYPLAN_LANG, else the locale, else Dutch; one
context's override does not leak into another thread."""

import threading

import pytest

from safetyplan import i18n, labels
from safetyplan.errors import SafetyplanError

LOCALE_VARS = ("SAFETYPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def clean_env(monkeypatch):
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)
    i18n.activate(None)
    yield monkeypatch
    i18n.activate(None)


def test_dutch_when_nothing_is_set(clean_env):
    assert i18n.resolve() == "nl"


def test_explicit_beats_environment(clean_env):
    clean_env.setenv("SAFETYPLAN_LANG", "nl")
    assert i18n.resolve("en") == "en"


def test_safetyplan_lang_beats_the_locale(clean_env):
    clean_env.setenv("LANG", "nl_NL.UTF-8")
    clean_env.setenv("SAFETYPLAN_LANG", "en")
    assert i18n.resolve() == "en"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "nl"),  # no language in the locale: the default
        ({"LANG": "de_DE.UTF-8"}, "nl"),  # no catalogue for German: the default
    ],
)
def test_the_locale(clean_env, variables, expected):
    for name, value in variables.items():
        clean_env.setenv(name, value)
    assert i18n.resolve() == expected


def test_unknown_language_is_an_error_that_lists_the_known_ones(clean_env):
    with pytest.raises(SafetyplanError, match="'fr'.*nl, en"):
        i18n.resolve("fr")
    clean_env.setenv("SAFETYPLAN_LANG", "xx")
    with pytest.raises(SafetyplanError, match="'xx'"):
        i18n.resolve()


def test_messages_follow_the_active_language(clean_env):
    assert labels.status_label("achieved") == "Behaald"
    i18n.activate("en")
    assert labels.status_label("achieved") == "Achieved"
    with i18n.override("nl"):
        assert labels.status_label("on_track") == "Op koers"
    assert i18n.active() == "en"


def test_an_override_stays_in_its_thread(clean_env):
    i18n.activate("nl")
    seen = {}
    inside, leave = threading.Event(), threading.Event()

    def request():
        with i18n.override("en"):
            inside.set()
            leave.wait(5)
            seen["request"] = i18n.gettext("No data")

    worker = threading.Thread(target=request)
    worker.start()
    inside.wait(5)
    seen["main"] = i18n.gettext("No data")  # while the other thread is in English
    leave.set()
    worker.join(5)
    assert seen == {"request": "No data", "main": "Geen gegevens"}
