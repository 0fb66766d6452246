# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The allocation rules speak the active language: Dutch by default, English on request
(issue 15). The other tests here read the English wording."""

import pytest

from safetyplan.allocation import ScenarioError, assumption_lines, parse_scenario
from safetyplan.allocation.divide import divide
from safetyplan.errors import SafetyplanError
from tests.i18n.language_check import assert_only

from .allocation_cases import SMALL

TOO_MUCH = SMALL.replace("min_fte: 25}", "min_fte: 95}")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("nl", "de minima tellen op tot 95 fte, meer dan de 90 fte die te verdelen is"),
        ("en", "the minimums add up to 95 FTE, more than the 90 FTE to divide"),
    ],
)
def test_a_broken_scenario_is_explained_in_the_active_language(lang, code, expected):
    lang(code)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(TOO_MUCH, "kapot.yaml")
    message = str(caught.value)
    assert message.startswith("kapot.yaml") and "17" in message  # the place stays
    assert expected in message


def test_assumptions_and_division_errors_follow_the_language(lang):
    scenario = parse_scenario(SMALL, "small.yaml")
    dutch = assumption_lines(scenario)
    assert dutch[0] == "Totaal 100 fte: aanname — illustratief"
    assert_only("nl", "\n".join(dutch))
    with pytest.raises(SafetyplanError, match=r"De minima \(12\) zijn groter dan het totaal"):
        divide(10, [1, 1], [6, 6], [None, None])
    lang("en")
    assert assumption_lines(scenario)[0] == "Total 100 FTE: assumption — illustratief"
    with pytest.raises(SafetyplanError, match=r"The minimums \(12\) exceed the total \(10\)"):
        divide(10, [1, 1], [6, 6], [None, None])
