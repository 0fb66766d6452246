# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The service rules' messages in the active language (issue 15)."""

from types import SimpleNamespace

import pytest

from safetyplan.errors import PlanError
from safetyplan.service import coverage
from tests.i18n.lang_fixture import lang  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("nl", "service_standards 'brieven' covers: onbekende soort 'brief' (bekend: melding"),
        ("en", "service_standards 'brieven' covers: unknown kind 'brief' (known: melding"),
    ],
)
def test_an_unknown_kind_is_named_in_the_active_language(lang, code, expected):  # noqa: F811
    lang(code)
    standard = SimpleNamespace(id="brieven", covers="brief", categories=[])
    with pytest.raises(PlanError) as caught:
        coverage(standard)
    assert expected in str(caught.value)
