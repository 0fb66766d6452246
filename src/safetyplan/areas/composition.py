# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The result of mapping a territory onto the codes that have data."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Composition:
    """How to add up figures of ``available`` codes to the territory.

    ``weights``: available code -> share of its figure that belongs to the territory (1.0 when
    the code lies wholly inside; 0 < w < 1 when only part of it does). Codes outside the
    territory are absent. ``weight_ranges``: for partial codes, a plausible (low, high) share.
    ``missing``: territory codes that no available code (fully) covers, so a sum is incomplete.
    ``notes``: human-readable explanations, in the language active when composed.
    """

    weights: dict[str, float] = field(default_factory=dict)
    weight_ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    territory_year: int | None = None
    data_year: int | None = None

    @property
    def approximate(self) -> bool:
        return any(w < 1.0 for w in self.weights.values())

    @property
    def complete(self) -> bool:
        return not self.missing

    def total(self, values: dict[str, float]) -> tuple[float, float, float]:
        """The territory's total of ``values`` (per available code) with its low/high bounds.

        Codes in ``weights`` without a value raise KeyError: a total over part of the
        territory is not a total.
        """
        value = low = high = 0.0
        for code, weight in self.weights.items():
            figure = float(values[code])
            w_low, w_high = self.weight_ranges.get(code, (weight, weight))
            value += weight * figure
            low += w_low * figure
            high += w_high * figure
        return value, low, high


@dataclass(frozen=True)
class TerritoryPart:
    """One municipality of a region's territory on some year's boundaries."""

    code: str
    name: str
    share: float  # share of the municipality that belongs to the territory
    share_range: tuple[float, float]
