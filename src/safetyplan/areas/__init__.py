# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Areas: CBS codes, regions (police units), municipal mergers and territory mapping.

    from safetyplan.areas import load_registry
    reg = load_registry()                      # bundled data, cached
    reg.name("GM0599")                         # 'Rotterdam'
    reg.municipalities(year=2015)              # codes valid on 1 January 2015
    comp = reg.compose(territory=[...], available={...}, year=2018)
    comp.weights, comp.weight_ranges, comp.approximate, comp.notes, comp.missing

Plain Python (no Django); the data are files in ``safetyplan/datasets`` (see docs/data.md).
"""

from .composition import Composition, TerritoryPart
from .names import base_name, normalise_name
from .registry import AreaRegistry, District, Merger, Region, load_registry

__all__ = [
    "AreaRegistry",
    "Composition",
    "District",
    "Merger",
    "Region",
    "TerritoryPart",
    "base_name",
    "load_registry",
    "normalise_name",
]
