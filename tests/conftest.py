# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for every test folder."""

import os

import pytest

# The tests expect the default language (Dutch) unless they ask for another one, whatever
# the machine's locale: no SAFETYPLAN_LANG and a locale without a language, set before
# safetyplan.cli is imported (it reads the language at start-up for its help texts).
for _name in ("SAFETYPLAN_LANG", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _default_language():
    """A test that activates a language does not leave it to the next test."""
    yield
    from safetyplan import i18n

    i18n.activate(None)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An isolated SAFETYPLAN_HOME, so the default warehouse lives in tmp_path."""
    monkeypatch.setenv("SAFETYPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SAFETYPLAN_WAREHOUSE", raising=False)
    return tmp_path / "home"
