# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What-if: two divisions side by side, and how much each weight matters.

:func:`compare` puts two allocations (e.g. today's weights and proposed ones, or two
scenarios) next to each other unit by unit: the shift in FTE and why, split into what each
driver moves, what the bounds move and what rounding moves (the parts add up to the shift).

:func:`sensitivity` raises each driver's weight and each theme's priority by 10% in turn and
reports how much strength moves between units, and where to. In a 'shares' scenario the
other weights shrink in proportion so that they still add up to 100.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from safetyplan import formatting as fmt
from safetyplan.i18n import _

from .model import Allocation, UnitResult, allocate
from .quantities import Quantities
from .scenario import Model, Scenario

FACTOR = 1.10  # the sensitivity step: +10% on one weight
MIN_REASON = 0.05  # FTE: smaller parts are not named in a reason
BOUNDS = "bounds"
ROUNDING = "rounding"


@dataclass(frozen=True)
class ShiftRow:
    unit: str
    name: str
    fte_a: float | None
    fte_b: float | None
    parts: dict[str, float]  # driver id / "bounds" / "rounding" -> FTE moved (sum = shift)

    @property
    def shift(self) -> float | None:
        if self.fte_a is None or self.fte_b is None:
            return None
        return round(self.fte_b - self.fte_a, 6)

    def reason(self, labels: dict[str, str]) -> str:
        """The main parts of the shift in words, largest first."""
        if self.fte_a is None:
            return _("only in B")
        if self.fte_b is None:
            return _("only in A")
        parts = sorted(
            ((k, v) for k, v in self.parts.items() if abs(v) >= MIN_REASON),
            key=lambda kv: (-abs(kv[1]), kv[0]),
        )
        if not parts:
            return _("no shift") if not self.shift else _("rounding")
        return "; ".join(f"{labels.get(k, k)} {_signed(v)}" for k, v in parts[:3])

    def to_dict(self, labels: dict[str, str]) -> dict:
        return {
            "unit": self.unit,
            "name": self.name,
            "fte_a": self.fte_a,
            "fte_b": self.fte_b,
            "shift": self.shift,
            "parts": self.parts,
            "reason": self.reason(labels),
        }


@dataclass(frozen=True)
class Comparison:
    a: Allocation
    b: Allocation
    rows: tuple[ShiftRow, ...]

    @property
    def fte_moved(self) -> float:
        """Strength that changes unit: half the sum of the absolute shifts."""
        return round(sum(abs(r.shift) for r in self.rows if r.shift is not None) / 2, 6)

    def labels(self) -> dict[str, str]:
        labels = {BOUNDS: _("min/max bounds"), ROUNDING: _("rounding")}
        for alloc in (self.b, self.a):  # A's names win where both name a driver
            labels.update({d.id: d.shown("name") for d in alloc.scenario.drivers})
        return labels

    def to_dict(self) -> dict:
        labels = self.labels()
        return {
            "a": {
                "scenario": self.a.scenario.id,
                "title": self.a.scenario.title,
                "available_fte": self.a.available_fte,
            },
            "b": {
                "scenario": self.b.scenario.id,
                "title": self.b.scenario.title,
                "available_fte": self.b.available_fte,
            },
            "fte_moved": self.fte_moved,
            "labels": labels,
            "units": [r.to_dict(labels) for r in self.rows],
        }


def compare(a: Allocation, b: Allocation) -> Comparison:
    """Unit by unit B minus A, with the shift split into its parts."""
    ids = [u.id for u in a.units] + [u.id for u in b.units if u.id not in {x.id for x in a.units}]
    in_a = {u.id: u for u in a.units}
    in_b = {u.id: u for u in b.units}
    rows = []
    for uid in ids:
        ua, ub = in_a.get(uid), in_b.get(uid)
        name = (ua or ub).name
        parts = _shift_parts(ua, ub) if ua and ub else {}
        rows.append(ShiftRow(uid, name, ua.fte if ua else None, ub.fte if ub else None, parts))
    return Comparison(a, b, tuple(rows))


def _shift_parts(ua: UnitResult, ub: UnitResult) -> dict[str, float]:
    parts: dict[str, float] = {}
    for d in dict.fromkeys([*ua.drivers, *ub.drivers]):
        parts[d] = ub.drivers.get(d, 0.0) - ua.drivers.get(d, 0.0)
    parts[BOUNDS] = ub.bounds_effect - ua.bounds_effect
    parts[ROUNDING] = ub.rounding - ua.rounding
    return {k: round(v, 6) for k, v in parts.items()}


@dataclass(frozen=True)
class Sensitivity:
    kind: str  # "driver" or "priority"
    id: str
    name: str
    weight: float
    new_weight: float
    fte_moved: float  # whole division: half the sum of absolute changes
    quota_moved: float  # the same before rounding (smooth)
    changes: dict[str, float]  # unit id -> change in FTE (division)

    def largest(self, sign: int) -> tuple[str, float] | None:
        moved = [(u, c) for u, c in self.changes.items() if c * sign > 0]
        if not moved:
            return None
        return max(moved, key=lambda uc: (abs(uc[1]), uc[0]))

    def to_dict(self) -> dict:
        gain, loss = self.largest(1), self.largest(-1)
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "weight": self.weight,
            "new_weight": self.new_weight,
            "fte_moved": self.fte_moved,
            "quota_moved": self.quota_moved,
            "largest_gain": {"unit": gain[0], "fte": gain[1]} if gain else None,
            "largest_loss": {"unit": loss[0], "fte": loss[1]} if loss else None,
            "changes": self.changes,
        }


def sensitivity(
    base: Allocation,
    factor: float = FACTOR,
    run: Callable[[Scenario, Quantities], Allocation] = allocate,
) -> list[Sensitivity]:
    """+10% on each driver weight and each theme priority in turn, against ``base``."""
    s, q = base.scenario, base.quantities
    out = []
    for d in s.drivers:
        changed = with_driver_weight(s, d.id, d.weight * factor)
        out.append(
            _measure(
                "driver",
                d.id,
                d.shown("name"),
                d.weight,
                changed.drivers[[x.id for x in s.drivers].index(d.id)].weight,
                base,
                run(changed, q),
            )
        )
    for theme in s.themes():
        old = s.priorities.get(theme, 1.0)
        changed = s.with_priority(theme, old * factor)
        out.append(
            _measure(
                "priority",
                theme,
                _("priority {theme}").format(theme=theme),
                old,
                old * factor,
                base,
                run(changed, q),
            )
        )
    return out


def with_driver_weight(s: Scenario, driver_id: str, weight: float) -> Scenario:
    """One driver's weight changed; in a 'shares' scenario the others keep summing to 100."""
    if s.model is Model.hours:
        return s.with_weight(driver_id, weight)
    weight = min(weight, 100.0)
    old = next(d.weight for d in s.drivers if d.id == driver_id)
    rest_old = 100.0 - old
    scale = (100.0 - weight) / rest_old if rest_old > 0 else 0.0
    drivers = [
        d.model_copy(update={"weight": weight if d.id == driver_id else d.weight * scale})
        for d in s.drivers
    ]
    return s.model_copy(update={"drivers": drivers})


def _measure(
    kind: str, id_: str, name: str, old: float, new: float, base: Allocation, other: Allocation
) -> Sensitivity:
    changes = {u.id: round(other.unit(u.id).fte - u.fte, 6) for u in base.units}
    quota = sum(abs(other.unit(u.id).quota_fte - u.quota_fte) for u in base.units) / 2
    moved = sum(abs(c) for c in changes.values()) / 2
    return Sensitivity(kind, id_, name, old, new, round(moved, 6), round(quota, 6), changes)


def _signed(value: float) -> str:
    text = fmt.number(abs(value), 1)
    return f"+{text}" if value > 0 else f"−{text}"
