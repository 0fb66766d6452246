# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the report tests (the crafted region is in report_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetyplan import i18n
from safetyplan.plan import parse_plan

from .report_fixtures import (
    ARTIFACTS,
    CRAFTED_PLAN,
    CraftedRegistry,
    crafted_facts,
    read_only_warehouse,
)

LANGUAGE_VARIABLES = ("SAFETYPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(scope="session", autouse=True)
def dutch_by_default():
    """The reports speak the default language, Dutch, whatever the machine's locale; a test
    that wants English says so (``lang="en"``, ``--lang en``, SAFETYPLAN_LANG)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in LANGUAGE_VARIABLES:
            patch.delenv(name, raising=False)
        i18n.activate(None)
        yield
        i18n.activate(None)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/report/: rendered pages land here so a person can look at them."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def crafted_plan():
    return parse_plan(CRAFTED_PLAN, "crafted.yaml")


@pytest.fixture(scope="session")
def crafted_warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("crafted") / "warehouse.duckdb"
    yield from read_only_warehouse(path, crafted=crafted_facts())


@pytest.fixture(scope="session")
def registry():
    return CraftedRegistry()
