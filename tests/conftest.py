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
