# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for every test folder."""

import pytest


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An isolated SAFETYPLAN_HOME, so the default warehouse lives in tmp_path."""
    monkeypatch.setenv("SAFETYPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SAFETYPLAN_WAREHOUSE", raising=False)
    return tmp_path / "home"


@pytest.fixture(autouse=True)
def _default_language(monkeypatch):
    """Every test starts in the default language, Dutch, whatever the machine's locale
    (SAFETYPLAN_LANG beats it), and no test's language leaks into the next (the CLI activates
    one for the whole process). A test that wants English sets SAFETYPLAN_LANG=en or passes
    --lang en."""
    from safetyplan import i18n

    monkeypatch.setenv("SAFETYPLAN_LANG", "nl")
    i18n.activate(None)
    yield
    i18n.activate(None)
