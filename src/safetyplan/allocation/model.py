# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""From quantities and weights to a workload per unit, and from workload to strength.

Workload of unit ``u`` (exact rational arithmetic; every part is kept for the trace)::

    item work   w(u, i) = hours_i x priority(theme_i) x quantity(u, i)
    driver raw  r(u, d) = sum of w(u, i) over the items of driver d
    hours  model: W(u) = sum_d weight_d x r(u, d)                       (hours a year)
    shares model: W(u) = sum_d weight_d / 100 x r(u, d) / sum_v r(v, d) (share of the region)

The strength to divide is the total minus the fixed parts. Each unit's FTE is then traced
back exactly::

    fte(u) = sum over drivers of  available x contribution(u, d) / sum_v W(v)   (proportional)
           + bounds effect   (what the minimums and maximums move)
           + rounding        (to whole or tenth FTE)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from safetyplan import formatting as fmt
from safetyplan.errors import DataError
from safetyplan.i18n import _

from .divide import divide
from .quantities import Quantities
from .scenario import Basis, Model, Scenario

HUNDRED = Fraction(100)


@dataclass(frozen=True)
class UnitResult:
    id: str
    name: str
    areas: tuple[tuple[str, float], ...]
    min_fte: float
    max_fte: float | None
    current_fte: float | None
    workload: float  # hours a year (hours model) or share of the region x 100 (shares model)
    workload_share: float  # percent of the region's workload
    proportional_fte: float  # the unit's share of the strength without bounds or rounding
    quota_fte: float  # with the bounds, before rounding
    fte: float  # the division
    bound: str | None  # "min" or "max" when a bound holds the unit, else None
    drivers: dict[str, float]  # driver id -> FTE it brings (sums to proportional_fte)
    items: dict[str, float]  # item id -> FTE it brings
    driver_workload: dict[str, float]  # driver id -> workload (same unit as `workload`)
    bounds_effect: float
    rounding: float

    @property
    def shift(self) -> float | None:
        """Model minus today's strength, when the scenario states it."""
        return None if self.current_fte is None else round(self.fte - self.current_fte, 6)

    def to_dict(self) -> dict:
        return {
            "unit": self.id,
            "name": self.name,
            "areas": [{"code": c, "share": s} for c, s in self.areas],
            "workload": self.workload,
            "workload_share": self.workload_share,
            "min_fte": self.min_fte,
            "max_fte": self.max_fte,
            "proportional_fte": self.proportional_fte,
            "quota_fte": self.quota_fte,
            "fte": self.fte,
            "bound": self.bound,
            "current_fte": self.current_fte,
            "shift": self.shift,
            "trace": {
                "drivers": self.drivers,
                "items": self.items,
                "bounds_effect": self.bounds_effect,
                "rounding": self.rounding,
            },
            "driver_workload": self.driver_workload,
        }


@dataclass(frozen=True)
class Allocation:
    scenario: Scenario
    quantities: Quantities
    units: tuple[UnitResult, ...]
    driver_totals: dict[str, float]  # driver id -> share of the region's workload, percent
    notes: tuple[str, ...] = field(default=())

    @property
    def total_fte(self) -> float:
        return self.scenario.total_fte.value

    @property
    def available_fte(self) -> float:
        return self.scenario.available_fte

    def unit(self, unit_id: str) -> UnitResult:
        return next(u for u in self.units if u.id == unit_id)

    def fte(self) -> dict[str, float]:
        return {u.id: u.fte for u in self.units}

    def workload_unit(self) -> str:
        return _("hours a year") if self.scenario.model is Model.hours else _("share x 100")

    def to_dict(self) -> dict:
        s = self.scenario
        return {
            "scenario": s.id,
            "title": s.title,
            "model": s.model.value,
            "step": s.step,
            "total_fte": s.total_fte.value,
            "total_fte_basis": s.total_fte.basis.value,
            "total_fte_note": s.total_fte.note,
            "fixed": [
                {"id": f.id, "name": f.name, "fte": f.fte, "basis": f.basis.value, "note": f.note}
                for f in s.fixed
            ],
            "available_fte": s.available_fte,
            "allocated_fte": round(sum(u.fte for u in self.units), 6),
            "workload_unit": self.workload_unit(),
            "years": list(self.quantities.years),
            "sources": list(self.quantities.sources),
            "provisional": list(self.quantities.provisional),
            "drivers": [_driver_dict(d, s, self.driver_totals[d.id]) for d in s.drivers],
            "priorities": dict(s.priorities),
            "assumptions": assumption_lines(s),
            "notes": list(self.notes),
            "units": [u.to_dict() for u in self.units],
        }


def allocate(scenario: Scenario, quantities: Quantities) -> Allocation:
    """The division of the scenario's strength over its units, traced per driver and item."""
    item_work = _item_work(scenario, quantities)
    contrib, notes = _contributions(scenario, item_work)
    units = scenario.units
    workload = {u.id: sum(contrib[u.id].values(), Fraction(0)) for u in units}
    total_work = sum(workload.values(), Fraction(0))
    if total_work == 0:
        raise DataError(
            _(
                "scenario {scenario}: no unit has any workload (all quantities or weights are zero)"
            ).format(scenario=scenario.id)
        )
    per = scenario.steps_per_fte
    available = available_steps(scenario)
    division = divide(
        available,
        [workload[u.id] for u in units],
        [round(Fraction(repr(u.min_fte)) * per) for u in units],
        [None if u.max_fte is None else round(Fraction(repr(u.max_fte)) * per) for u in units],
        keys=[u.id for u in units],
    )
    results = []
    for k, u in enumerate(units):
        share = workload[u.id] / total_work
        proportional = available * share
        item_fte = {
            i: _f(available * w / total_work / per)
            for i, w in item_work_of(scenario, contrib, u.id, item_work).items()
        }
        results.append(
            UnitResult(
                id=u.id,
                name=u.name,
                areas=tuple(u.area_shares()),
                min_fte=u.min_fte,
                max_fte=u.max_fte,
                current_fte=u.current_fte,
                workload=_f(workload[u.id] * (HUNDRED if scenario.model is Model.shares else 1)),
                workload_share=_f(share * HUNDRED),
                proportional_fte=_f(proportional / per),
                quota_fte=_f(division.quotas[k] / per),
                fte=division.seats[k] / per,
                bound=division.bound[k],
                drivers={d: _f(available * c / total_work / per) for d, c in contrib[u.id].items()},
                items=item_fte,
                driver_workload={
                    d: _f(c * (HUNDRED if scenario.model is Model.shares else 1))
                    for d, c in contrib[u.id].items()
                },
                bounds_effect=_f((division.quotas[k] - proportional) / per),
                rounding=_f((division.seats[k] - division.quotas[k]) / per),
            )
        )
    driver_totals = {
        d.id: _f(sum((contrib[u.id][d.id] for u in units), Fraction(0)) / total_work * HUNDRED)
        for d in scenario.drivers
    }
    return Allocation(
        scenario, quantities, tuple(results), driver_totals, tuple(notes) + quantities.notes
    )


def available_steps(s: Scenario) -> int:
    """The strength to divide in steps, computed from the stated decimals (no float drift)."""
    per = s.steps_per_fte
    steps = _decimal(s.total_fte.value) * per - sum(_decimal(f.fte) * per for f in s.fixed)
    return round(steps)


def _decimal(x: float) -> Fraction:
    return Fraction(repr(x))


def _item_work(scenario: Scenario, q: Quantities) -> dict[str, dict[str, Fraction]]:
    """w(u, i) = hours x priority x quantity, per item and unit."""
    out: dict[str, dict[str, Fraction]] = {}
    for driver in scenario.drivers:
        for item in driver.items:
            factor = Fraction(repr(item.hours))
            if item.theme is not None:
                factor *= Fraction(repr(scenario.priorities.get(item.theme, 1.0)))
            if item.id not in q.values:
                raise DataError(_("No quantities for item '{item}'.").format(item=item.id))
            out[item.id] = {u.id: factor * _frac(q.values[item.id][u.id]) for u in scenario.units}
    return out


def _contributions(scenario: Scenario, item_work: dict) -> tuple[dict, list[str]]:
    """contribution[unit][driver] to the unit's workload, and notes on empty drivers."""
    notes = []
    contrib: dict[str, dict[str, Fraction]] = {u.id: {} for u in scenario.units}
    for driver in scenario.drivers:
        weight = Fraction(repr(driver.weight))
        raw = {
            u.id: sum((item_work[i.id][u.id] for i in driver.items), Fraction(0))
            for u in scenario.units
        }
        region = sum(raw.values(), Fraction(0))
        for u in scenario.units:
            if scenario.model is Model.hours:
                contrib[u.id][driver.id] = weight * raw[u.id]
            elif region > 0:
                contrib[u.id][driver.id] = weight / HUNDRED * raw[u.id] / region
            else:
                contrib[u.id][driver.id] = Fraction(0)
        if region == 0 and driver.weight > 0:
            notes.append(
                _(
                    "driver '{driver}' has no workload in any unit; its weight divides nothing"
                ).format(driver=driver.id)
            )
    return contrib, notes


def item_work_of(
    scenario: Scenario, contrib: dict, unit_id: str, item_work: dict
) -> dict[str, Fraction]:
    """Split each driver's contribution to a unit over its items, in proportion to their work."""
    out = {}
    for driver in scenario.drivers:
        raw = sum((item_work[i.id][unit_id] for i in driver.items), Fraction(0))
        for item in driver.items:
            out[item.id] = (
                contrib[unit_id][driver.id] * item_work[item.id][unit_id] / raw
                if raw
                else Fraction(0)
            )
    return out


def assumption_lines(s: Scenario) -> list[str]:
    """Every figure of the scenario that is an assumption, in words (shown with the result)."""
    lines = list(s.shown("assumptions"))
    if s.total_fte.basis is Basis.assumption:
        lines.append(
            _("Total {fte} FTE: assumption — {note}").format(
                fte=fmt.number(s.total_fte.value, _dec(s.total_fte.value)),
                note=s.total_fte.shown("note"),
            )
        )
    for f in s.fixed:
        if f.basis is Basis.assumption:
            lines.append(
                _("Fixed part {name} {fte} FTE: assumption — {note}").format(
                    name=f.shown("name"), fte=fmt.number(f.fte, _dec(f.fte)), note=f.shown("note")
                )
            )
    assumed_hours = [i for d in s.drivers for i in d.items if i.hours_basis is Basis.assumption]
    if assumed_hours:
        listed = ", ".join(
            _("{item} {hours} h").format(
                item=i.shown("label"), hours=fmt.number(i.hours, _dec(i.hours))
            )
            for i in assumed_hours
        )
        lines.append(_("Handling times are assumptions: {items}").format(items=listed))
    return lines


def _driver_dict(d, s: Scenario, share: float) -> dict:
    return {
        "id": d.id,
        "name": d.name,
        "weight": d.weight,
        "weight_note": d.weight_note,
        "workload_share": share,
        "items": [
            {
                "id": i.id,
                "label": i.label,
                "measure": i.measure,
                "per_unit": i.per_unit,
                "values_source": i.source,
                "hours": i.hours,
                "hours_basis": i.hours_basis.value,
                "hours_note": i.hours_note,
                "theme": i.theme,
                "priority": s.priorities.get(i.theme, 1.0) if i.theme else None,
            }
            for i in d.items
        ],
    }


def _dec(x: float) -> int:
    """Decimals to show a stated figure as given (12 -> 0, 1.5 -> 1, 0.25 -> 2)."""
    return next((d for d in range(4) if round(x, d) == x), 4)


def _frac(x: float) -> Fraction:
    return Fraction(x)


def _f(x: Fraction) -> float:
    return float(x)
