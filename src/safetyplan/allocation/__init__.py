# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The distribution of police strength: workload model, constrained division, what-if.

>>> from safetyplan.allocation import load_scenario, run_scenario     # doctest: +SKIP
>>> result = run_scenario("scenarios/rotterdam-demo.yaml")
>>> result.unit("GM0599").fte, result.unit("GM0599").drivers

Plain Python (no Django): the CLI, the web layer and the report call the same functions.
See ``docs/allocation.md`` for the model, the scenario format and the guarantees.
"""

from __future__ import annotations

from pathlib import Path

from .compare import Comparison, Sensitivity, compare, sensitivity, with_driver_weight
from .divide import Division, divide
from .land_area import is_geo_measure
from .model import Allocation, UnitResult, allocate, assumption_lines
from .quantities import Quantities, gather_quantities, inline_quantities
from .scenario import Scenario, ScenarioError, load_scenario, parse_scenario


def run_scenario(
    scenario: Scenario | str | Path, warehouse: Path | str | None = None, wh=None
) -> Allocation:
    """Load (if a path), read the quantities and divide. ``wh``: an open warehouse to use;
    otherwise the one at ``warehouse`` (default location) is opened, and loaded with the
    shipped data when empty, only when the scenario needs measures."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if not needs_warehouse(scenario):
        return allocate(scenario, gather_quantities(scenario))
    if wh is not None:
        return allocate(scenario, gather_quantities(scenario, wh))
    from safetyplan.sources.bundled import open_with_data

    with open_with_data(warehouse) as opened:
        return allocate(scenario, gather_quantities(scenario, opened))


def needs_warehouse(scenario: Scenario) -> bool:
    return any(not is_geo_measure(m) for m in scenario.measures())


__all__ = [
    "Allocation",
    "Comparison",
    "Division",
    "Quantities",
    "Scenario",
    "ScenarioError",
    "Sensitivity",
    "UnitResult",
    "allocate",
    "assumption_lines",
    "compare",
    "divide",
    "gather_quantities",
    "inline_quantities",
    "load_scenario",
    "needs_warehouse",
    "parse_scenario",
    "run_scenario",
    "sensitivity",
    "with_driver_weight",
]
