# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the events tests: the test's language."""

from tests.i18n.lang_fixture import english, lang  # noqa: F401 (fixtures)
