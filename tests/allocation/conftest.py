# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the allocation tests."""

import pytest

from tests.i18n.lang_fixture import english, lang  # noqa: F401 (fixtures)


@pytest.fixture
def write(tmp_path):
    """write(name, text) -> a file in a fresh folder."""

    def _write(name: str, text: str):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
