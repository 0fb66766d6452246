# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Disclosure control (onthullingsbeheersing) for published reports.

A public report must not let a reader point at individuals. Two rules, both settings:

- small counts: a count from 1 to ``min_count - 1`` is shown as ``"<5"`` (for the default
  ``min_count`` of 5); zero stays zero (it discloses no one);
- small populations: a rate (per 1,000 inhabitants) is not shown for an area with fewer than
  ``min_population`` inhabitants, nor where its count is suppressed (else the count could be
  recomputed from rate x population).

Secondary suppression: in a table whose total is shown, a single suppressed cell could be
recomputed as total minus the other cells, so the next smallest count is masked as well.

The defaults can be changed with ``SAFETYPLAN_DISCLOSURE_MIN_COUNT`` and
``SAFETYPLAN_DISCLOSURE_MIN_POPULATION`` or the CLI options ``--min-count`` and
``--min-population``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _

DEFAULT_MIN_COUNT = 5
DEFAULT_MIN_POPULATION = 1000

SUPPRESSED_SECONDARY = "•"  # masked only to protect another cell


@dataclass(frozen=True)
class DisclosurePolicy:
    """What a report may show. ``active=False`` (an internal report) shows everything."""

    active: bool = False
    min_count: int = DEFAULT_MIN_COUNT
    min_population: int = DEFAULT_MIN_POPULATION

    @classmethod
    def from_settings(
        cls, active: bool, min_count: int | None = None, min_population: int | None = None
    ) -> DisclosurePolicy:
        count = (
            min_count
            if min_count is not None
            else _env_int("SAFETYPLAN_DISCLOSURE_MIN_COUNT", DEFAULT_MIN_COUNT)
        )
        population = (
            min_population
            if min_population is not None
            else _env_int("SAFETYPLAN_DISCLOSURE_MIN_POPULATION", DEFAULT_MIN_POPULATION)
        )
        if count < 1:
            raise SafetyplanError(
                _(
                    "--min-count (or SAFETYPLAN_DISCLOSURE_MIN_COUNT) must be at least 1, not "
                    "{value}"
                ).format(value=count)
            )
        if population < 0:
            raise SafetyplanError(
                _(
                    "--min-population (or SAFETYPLAN_DISCLOSURE_MIN_POPULATION) must not be "
                    "negative, not {value}"
                ).format(value=population)
            )
        return cls(active=active, min_count=count, min_population=population)

    @property
    def small_label(self) -> str:
        return f"<{self.min_count}"

    def is_small_count(self, value: float | None) -> bool:
        """A count that would be suppressed: 0 < value < min_count."""
        return self.active and value is not None and 0 < round(value) < self.min_count

    def rate_allowed(self, count: float | None, population: float | None) -> bool:
        if not self.active:
            return True
        if population is None or population < self.min_population:
            return False
        return not self.is_small_count(count)


def suppress_column(
    values: Sequence[float | None], policy: DisclosurePolicy, total_shown: bool = True
) -> list[str | None]:
    """Per cell: None (show it), the small-count label, or the secondary-suppression mark.

    With ``total_shown``, a lone primary suppression would be recoverable from the total, so
    the smallest other positive count is masked too."""
    marks: list[str | None] = [
        policy.small_label if policy.is_small_count(v) else None for v in values
    ]
    primary = [i for i, m in enumerate(marks) if m]
    if policy.active and total_shown and len(primary) == 1:
        others = [
            (v, i) for i, v in enumerate(values) if marks[i] is None and v is not None and v > 0
        ]
        if others:
            marks[min(others)[1]] = SUPPRESSED_SECONDARY
    return marks


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SafetyplanError(
            _("{name}={value}: not a whole number").format(name=name, value=repr(raw))
        ) from exc
