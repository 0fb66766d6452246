"""An allocation scenario as data: what to divide, over which units, by which workload.

A scenario file (YAML) states the total strength (FTE), the fixed parts taken off first, the
units with their areas and bounds, the workload drivers with their weights and handling
times, and the weights of the plan's themes. Every figure that is not read from data carries
a ``basis`` (``assumption`` or ``decision`` or ``fact``) and a ``note`` saying where it
comes from, so that the output can label illustrative assumptions as such.

Validation is strict (unknown fields are errors) and problems are reported with the file,
the line and the field, e.g. ``s.yaml, line 12 (units[3].min_fte): minimum 40 is above the
maximum 30``.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyplan.errors import SafetyplanError
from safetyplan.yamlfile import FileKind, load_mapping, located, read_text, validate_model

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
AreaCode = Annotated[str, Field(pattern=r"^(NL\d\d|PV\d\d|GM\d{4}|WK\d{6}|BU\d{8}|RE\d\d)$")]
Year = Annotated[int, Field(ge=1990, le=2100)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]

# Weights of the drivers in a 'shares' scenario must add up to this, within rounding.
SHARES_TOTAL = 100.0
SHARES_TOLERANCE = 1e-6


class ScenarioError(SafetyplanError):
    """The scenario file is broken (YAML, schema, bounds or references)."""


SCENARIO_FILE = FileKind(name="scenario", name_nl="scenariobestand", error=ScenarioError)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Basis(StrEnum):
    """Where a figure that is not read from data comes from."""

    fact = "fact"  # a published figure; the note names the source
    decision = "decision"  # a decision of the RVO or the unit; the note names it
    assumption = "assumption"  # illustrative: an assumption of this scenario, not a fact


class Model(StrEnum):
    """How drivers combine into one workload per unit.

    ``hours``: workload = sum of weight x handling hours x quantity (hours of work per year);
    a weight is a multiplier (1 = as the handling times say).
    ``shares``: each driver is first turned into the unit's share of the region's total for
    that driver; workload = sum of weight% x share. The weights must add up to 100.
    """

    hours = "hours"
    shares = "shares"


class Figure(Strict):
    """A number stated by the scenario (not read from data), with its basis."""

    value: NonNegative
    basis: Basis
    note: str = Field(min_length=1, description="where the figure comes from, or why assumed")


class FixedPart(Strict):
    """A part of the strength taken off the total before the division (regional services)."""

    id: Identifier
    name: str
    fte: NonNegative
    basis: Basis
    note: str = Field(min_length=1)


class AreaShare(Strict):
    """Part of an area that belongs to a unit (e.g. a municipality only partly in the unit)."""

    code: AreaCode
    share: float = Field(gt=0, le=1)
    note: str = Field(min_length=1, description="why this share; an assumption unless sourced")


class Unit(Strict):
    id: Identifier
    name: str
    areas: list[AreaCode | AreaShare] = Field(default=[], description="CBS codes of its areas")
    min_fte: NonNegative = 0
    max_fte: NonNegative | None = None
    current_fte: NonNegative | None = Field(default=None, description="today's strength")

    def area_shares(self) -> list[tuple[str, float]]:
        return [(a, 1.0) if isinstance(a, str) else (a.code, a.share) for a in self.areas]

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Unit:
        if self.max_fte is not None and self.min_fte > self.max_fte:
            raise ValueError(f"minimum {_num(self.min_fte)} is above the maximum "
                             f"{_num(self.max_fte)} / minimum boven maximum")
        return self


class Item(Strict):
    """One quantity that makes work, e.g. registered burglaries, weighted by a handling time.

    Exactly one of ``measure`` (a warehouse measure summed over the unit's areas),
    ``values`` (a figure per unit stated in the scenario, with its ``source``) or
    ``per_unit`` (one per unit: a base load every unit carries regardless of its size).
    """

    id: Identifier
    label: str
    measure: str | None = Field(default=None, pattern=r"^[a-z0-9_]+(:[a-z0-9_.]+)*$")
    values: dict[Identifier, NonNegative] | None = None
    per_unit: bool = False
    hours: NonNegative = Field(default=1.0, description="handling hours per counted item")
    hours_basis: Basis = Basis.assumption
    hours_note: str | None = None
    theme: Identifier | None = Field(default=None, description="plan theme: its priority applies")
    source: str | None = Field(default=None, description="where 'values' come from")

    @model_validator(mode="after")
    def _one_quantity(self) -> Item:
        given = [self.measure is not None, self.values is not None, self.per_unit]
        if sum(given) != 1:
            raise ValueError("give exactly one of 'measure', 'values' or 'per_unit: true'")
        if self.values is not None and not self.source:
            raise ValueError("'values' need a 'source' saying where the figures come from")
        return self


class Driver(Strict):
    id: Identifier
    name: str
    weight: NonNegative = Field(
        default=1.0, description="hours model: multiplier; shares model: percent (sum 100)")
    weight_note: str | None = None
    items: list[Item] = Field(min_length=1)


class DataSelection(Strict):
    """Which years of the warehouse to use: the mean over these years per measure."""

    years: list[Year] = Field(min_length=1)
    allow_provisional: bool = True


class Scenario(Strict):
    id: Identifier
    title: str
    title_en: str | None = None
    description: str | None = None
    assumptions: list[str] = Field(default=[], description="the scenario's assumptions in words")
    plan: str | None = Field(default=None, description="plan file whose themes 'priorities' use")
    total_fte: Figure
    step: Literal[1, 0.1] = Field(default=1, description="whole FTE (1) or tenths (0.1)")
    fixed: list[FixedPart] = []
    model: Model = Model.hours
    data: DataSelection | None = None
    drivers: list[Driver] = Field(min_length=1)
    priorities: dict[Identifier, NonNegative] = Field(
        default={}, description="theme -> multiplier of the items of that theme (default 1)")
    priorities_note: str | None = None
    units: list[Unit] = Field(min_length=1)

    @property
    def steps_per_fte(self) -> int:
        return 1 if self.step == 1 else 10

    @property
    def fixed_fte(self) -> float:
        return sum(f.fte for f in self.fixed)

    @property
    def available_fte(self) -> float:
        return self.total_fte.value - self.fixed_fte

    def unit(self, unit_id: str) -> Unit:
        return next(u for u in self.units if u.id == unit_id)

    def measures(self) -> list[str]:
        return sorted({i.measure for d in self.drivers for i in d.items if i.measure})

    def themes(self) -> list[str]:
        return sorted({i.theme for d in self.drivers for i in d.items if i.theme})

    def with_weight(self, driver_id: str, weight: float) -> Scenario:
        """A copy with one driver's weight changed (for sensitivity and what-if)."""
        drivers = [d.model_copy(update={"weight": weight}) if d.id == driver_id else d
                   for d in self.drivers]
        return self.model_copy(update={"drivers": drivers})

    def with_priority(self, theme: str, weight: float) -> Scenario:
        return self.model_copy(update={"priorities": {**self.priorities, theme: weight}})

    def problems(self, plan_themes: set[str] | None = None) -> list[tuple[tuple, str]]:
        """Cross-field problems as (location, message); empty when the scenario is sound."""
        return [
            *self._duplicate_ids(),
            *self._step_problems(),
            *self._total_problems(),
            *self._weight_problems(),
            *self._reference_problems(plan_themes),
        ]

    def _duplicate_ids(self) -> list[tuple[tuple, str]]:
        out = []
        for name, items in (("units", self.units), ("fixed", self.fixed),
                            ("drivers", self.drivers)):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    out.append(((name, i, "id"), f"duplicate id '{item.id}' in {name}"))
                seen.add(item.id)
        seen_items: set[str] = set()
        for d, driver in enumerate(self.drivers):
            for i, item in enumerate(driver.items):
                if item.id in seen_items:
                    out.append((("drivers", d, "items", i, "id"),
                                f"duplicate item id '{item.id}' (item ids are unique over all "
                                "drivers)"))
                seen_items.add(item.id)
        return out

    def _step_problems(self) -> list[tuple[tuple, str]]:
        out = []
        step = "whole FTE / hele fte" if self.step == 1 else "tenths of an FTE / tienden"

        def check(loc: tuple, value: float | None) -> None:
            if value is not None and not _is_multiple(value, self.steps_per_fte):
                out.append((loc, f"{_num(value)} is not a multiple of the step ({step})"))

        check(("total_fte", "value"), self.total_fte.value)
        for i, part in enumerate(self.fixed):
            check(("fixed", i, "fte"), part.fte)
        for i, unit in enumerate(self.units):
            check(("units", i, "min_fte"), unit.min_fte)
            check(("units", i, "max_fte"), unit.max_fte)
        return out

    def _total_problems(self) -> list[tuple[tuple, str]]:
        total, fixed, available = self.total_fte.value, self.fixed_fte, self.available_fte
        if fixed > total:
            return [(("fixed",), f"the fixed parts ({_num(fixed)} FTE) exceed the total "
                     f"({_num(total)} FTE) / vaste delen groter dan het totaal")]
        mins = sum(u.min_fte for u in self.units)
        if mins > available + 1e-9:
            return [(("units",), f"the minimums add up to {_num(mins)} FTE, more than the "
                     f"{_num(available)} FTE to divide (total {_num(total)} minus fixed "
                     f"{_num(fixed)}) / minima samen boven de te verdelen sterkte")]
        if all(u.max_fte is not None for u in self.units):
            maxs = sum(u.max_fte for u in self.units)
            if maxs < available - 1e-9:
                return [(("units",), f"the maximums add up to {_num(maxs)} FTE, less than the "
                         f"{_num(available)} FTE to divide / maxima samen onder de te "
                         "verdelen sterkte")]
        return []

    def _weight_problems(self) -> list[tuple[tuple, str]]:
        if self.model is not Model.shares:
            return []
        total = sum(d.weight for d in self.drivers)
        if abs(total - SHARES_TOTAL) > SHARES_TOLERANCE:
            parts = " + ".join(f"{d.id} {_num(d.weight)}" for d in self.drivers)
            return [(("drivers",), f"in a 'shares' scenario the driver weights must add up to "
                     f"100; they add up to {_num(total)} ({parts}) / gewichten tellen niet op "
                     "tot 100")]
        return []

    def _reference_problems(self, plan_themes: set[str] | None) -> list[tuple[tuple, str]]:
        out = []
        units = {u.id for u in self.units}
        for d, driver in enumerate(self.drivers):
            for i, item in enumerate(driver.items):
                for unit_id in (item.values or {}):
                    if unit_id not in units:
                        out.append((("drivers", d, "items", i, "values", unit_id),
                                    f"unknown unit '{unit_id}' / onbekende eenheid"))
                if item.values is not None:
                    missing = sorted(units - set(item.values))
                    if missing:
                        out.append((("drivers", d, "items", i, "values"),
                                    f"no value for unit(s) {', '.join(missing)} / geen waarde"))
        used = set(self.themes())
        known = plan_themes if plan_themes is not None else used
        for theme in self.priorities:
            if theme not in known:
                where = "the plan's themes" if plan_themes is not None else "any item's theme"
                out.append((("priorities", theme), f"unknown theme '{theme}' (not among "
                            f"{where}: {', '.join(sorted(known)) or 'none'})"))
        if plan_themes is not None:
            for d, driver in enumerate(self.drivers):
                for i, item in enumerate(driver.items):
                    if item.theme and item.theme not in plan_themes:
                        out.append((("drivers", d, "items", i, "theme"),
                                    f"unknown theme '{item.theme}' (not in the plan)"))
        out.extend(self._area_overlaps())
        return out

    def _area_overlaps(self) -> list[tuple[tuple, str]]:
        """An area may be split over units, but never more than wholly (no double counting)."""
        given: dict[str, float] = {}
        out = []
        for u, unit in enumerate(self.units):
            for a, (code, share) in enumerate(unit.area_shares()):
                given[code] = given.get(code, 0.0) + share
                if given[code] > 1 + 1e-9:
                    out.append((("units", u, "areas", a),
                                f"area {code} is given out more than once (shares add up to "
                                f"{_num(given[code])}) / gebied dubbel geteld"))
        return out


def load_scenario(path: str | Path) -> Scenario:
    return parse_scenario(read_text(path, SCENARIO_FILE), source=str(path),
                          base_dir=Path(path).parent)


def parse_scenario(text: str, source: str = "<scenario>",
                   base_dir: Path | None = None) -> Scenario:
    data, lines = load_mapping(text, source, SCENARIO_FILE)
    scenario = validate_model(Scenario, data, source, lines, SCENARIO_FILE)
    plan_themes = _plan_themes(scenario, base_dir, source, lines)
    problems = scenario.problems(plan_themes)
    if problems:
        loc, message = problems[0]
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ScenarioError(located(source, lines, loc, message + more))
    return scenario


def _plan_themes(scenario: Scenario, base_dir: Path | None, source: str,
                 lines: dict) -> set[str] | None:
    """The theme ids of the plan the scenario names (its priorities must use them)."""
    if scenario.plan is None:
        return None
    from safetyplan.errors import PlanError
    from safetyplan.plan import load_plan

    path = Path(scenario.plan)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    try:
        plan = load_plan(path)
    except PlanError as exc:
        raise ScenarioError(located(source, lines, ("plan",), f"the plan cannot be read: {exc}"))\
            from None
    return {t.id for t in plan.themes}


def _is_multiple(value: float, steps_per_fte: int) -> bool:
    scaled = Decimal(repr(value)) * steps_per_fte
    return scaled == scaled.to_integral_value()


def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)
