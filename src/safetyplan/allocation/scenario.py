# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
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

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _
from safetyplan.yamlfile import FileKind, describe, load_mapping, located, read_text

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

    def shown(self, field: str, lang: str | None = None):
        """The scenario's text *field* in *lang* (default: the active language): ``name_en``
        in English where the file gives it, else ``name``, the file's own words (Safetyplan
        does not translate a region's texts)."""
        from safetyplan import i18n

        name = f"{field}_{lang or i18n.active()}"
        # a field lookup, not getattr(): a missing attribute costs pydantic an exception
        own = getattr(self, name) if name in type(self).model_fields else None
        return own or getattr(self, field)


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
    note_en: str | None = None


class FixedPart(Strict):
    """A part of the strength taken off the total before the division (regional services)."""

    id: Identifier
    name: str
    name_en: str | None = None
    fte: NonNegative
    basis: Basis
    note: str = Field(min_length=1)
    note_en: str | None = None

    @property
    def shown_name(self) -> str:
        return self.shown("name")


class AreaShare(Strict):
    """Part of an area that belongs to a unit (e.g. a municipality only partly in the unit).

    ``by_measure`` gives another share for particular measures (a part of a municipality can
    hold more of its people than of its crime)."""

    code: AreaCode
    share: float = Field(gt=0, le=1)
    by_measure: dict[str, Annotated[float, Field(gt=0, le=1)]] = {}
    note: str = Field(min_length=1, description="why this share; an assumption unless sourced")


class Unit(Strict):
    id: Identifier
    name: str
    areas: list[AreaCode | AreaShare] = Field(default=[], description="CBS codes of its areas")
    min_fte: NonNegative = 0
    max_fte: NonNegative | None = None
    current_fte: NonNegative | None = Field(default=None, description="today's strength")

    def area_shares(self, measure: str | None = None) -> list[tuple[str, float]]:
        """(code, share) of each area; the share for ``measure`` where one is given."""
        return [
            (a, 1.0) if isinstance(a, str) else (a.code, a.by_measure.get(measure, a.share))
            for a in self.areas
        ]

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Unit:
        if self.max_fte is not None and self.min_fte > self.max_fte:
            raise ValueError(
                _("minimum {min} is above the maximum {max}").format(
                    min=_num(self.min_fte), max=_num(self.max_fte)
                )
            )
        return self


class Item(Strict):
    """One quantity that makes work, e.g. registered burglaries, weighted by a handling time.

    Exactly one of ``measure`` (a warehouse measure summed over the unit's areas),
    ``values`` (a figure per unit stated in the scenario, with its ``source``) or
    ``per_unit`` (one per unit: a base load every unit carries regardless of its size).
    """

    id: Identifier
    label: str
    label_en: str | None = None
    measure: str | None = Field(default=None, pattern=r"^[a-z0-9_]+(:[a-z0-9_.]+)*$")
    values: dict[Identifier, NonNegative] | None = None
    per_unit: bool = False
    hours: NonNegative = Field(default=1.0, description="handling hours per counted item")
    hours_basis: Basis = Basis.assumption
    hours_note: str | None = None
    theme: Identifier | None = Field(default=None, description="plan theme: its priority applies")
    years: list[Year] | None = Field(
        default=None,
        description="years to average (measure items); default the scenario's 'data: years'",
    )
    source: str | None = Field(default=None, description="where 'values' come from")

    @model_validator(mode="after")
    def _one_quantity(self) -> Item:
        given = [self.measure is not None, self.values is not None, self.per_unit]
        if sum(given) != 1:
            raise ValueError(_("give exactly one of 'measure', 'values' or 'per_unit: true'"))
        if self.values is not None and not self.source:
            raise ValueError(_("'values' need a 'source' saying where the figures come from"))
        if self.years is not None and self.measure is None:
            raise ValueError(_("'years' only apply to a 'measure' item"))
        return self


class Driver(Strict):
    id: Identifier
    name: str
    name_en: str | None = None
    weight: NonNegative = Field(
        default=1.0, description="hours model: multiplier; shares model: percent (sum 100)"
    )
    weight_note: str | None = None
    items: list[Item] = Field(min_length=1)


class DataSelection(Strict):
    """Which years of the warehouse to use: the mean over these years per measure."""

    years: list[Year] = Field(default=[], description="default years of the measure items")
    allow_provisional: bool = True


class Scenario(Strict):
    id: Identifier
    extends: str | None = Field(default=None, description="base scenario file this one varies")
    title: str
    title_en: str | None = None
    description: str | None = None
    description_en: str | None = None

    @property
    def shown_title(self) -> str:
        """The title in the active language (``title_en`` in English where given)."""
        return self.shown("title")

    assumptions: list[str] = Field(default=[], description="the scenario's assumptions in words")
    assumptions_en: list[str] = Field(default=[], description="the same in English")
    plan: str | None = Field(default=None, description="plan file whose themes 'priorities' use")
    total_fte: Figure
    step: Literal[1, 0.1] = Field(default=1, description="whole FTE (1) or tenths (0.1)")
    fixed: list[FixedPart] = []
    model: Model = Model.hours
    data: DataSelection | None = None
    drivers: list[Driver] = Field(min_length=1)
    priorities: dict[Identifier, NonNegative] = Field(
        default={}, description="theme -> multiplier of the items of that theme (default 1)"
    )
    priorities_note: str | None = None
    weights: dict[Identifier, NonNegative] = Field(
        default={}, description="driver id -> weight, replacing the driver's own (what-if)"
    )
    units: list[Unit] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _apply_weights(cls, data):
        """``weights: {driver: w}`` replaces those drivers' weights (a what-if on a base)."""
        if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
            return data
        drivers = data.get("drivers")
        if not isinstance(drivers, list):
            return data
        weights = data["weights"]
        data = dict(data)
        # Only sound numbers are applied; a bad one is reported at 'weights' by its own field.
        usable = {
            k: v
            for k, v in weights.items()
            if isinstance(v, int | float) and not isinstance(v, bool) and v >= 0
        }
        data["drivers"] = [
            {**d, "weight": usable[d["id"]]}
            if isinstance(d, dict) and isinstance(d.get("id"), str) and d["id"] in usable
            else d
            for d in drivers
        ]
        return data

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
        drivers = [
            d.model_copy(update={"weight": weight}) if d.id == driver_id else d
            for d in self.drivers
        ]
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
        for name, items in (
            ("units", self.units),
            ("fixed", self.fixed),
            ("drivers", self.drivers),
        ):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    out.append(
                        (
                            (name, i, "id"),
                            _("duplicate id '{id}' in {key}").format(id=item.id, key=name),
                        )
                    )
                seen.add(item.id)
        seen_items: set[str] = set()
        for d, driver in enumerate(self.drivers):
            for i, item in enumerate(driver.items):
                if item.id in seen_items:
                    out.append(
                        (
                            ("drivers", d, "items", i, "id"),
                            _(
                                "duplicate item id '{id}' (item ids are unique over all drivers)"
                            ).format(id=item.id),
                        )
                    )
                seen_items.add(item.id)
        return out

    def _step_problems(self) -> list[tuple[tuple, str]]:
        out = []
        step = _("whole FTE") if self.step == 1 else _("tenths of an FTE")

        def check(loc: tuple, value: float | None) -> None:
            if value is not None and not _is_multiple(value, self.steps_per_fte):
                out.append(
                    (
                        loc,
                        _("{value} is not a multiple of the step ({step})").format(
                            value=_num(value), step=step
                        ),
                    )
                )

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
            return [
                (
                    ("fixed",),
                    _("the fixed parts ({fixed} FTE) exceed the total ({total} FTE)").format(
                        fixed=_num(fixed), total=_num(total)
                    ),
                )
            ]
        mins = sum(u.min_fte for u in self.units)
        if mins > available + 1e-9:
            return [
                (
                    ("units",),
                    _(
                        "the minimums add up to {mins} FTE, more than the {available} FTE to "
                        "divide (total {total} minus fixed {fixed})"
                    ).format(
                        mins=_num(mins),
                        available=_num(available),
                        total=_num(total),
                        fixed=_num(fixed),
                    ),
                )
            ]
        if all(u.max_fte is not None for u in self.units):
            maxs = sum(u.max_fte for u in self.units)
            if maxs < available - 1e-9:
                return [
                    (
                        ("units",),
                        _(
                            "the maximums add up to {maxs} FTE, less than the {available} FTE "
                            "to divide"
                        ).format(maxs=_num(maxs), available=_num(available)),
                    )
                ]
        return []

    def _weight_problems(self) -> list[tuple[tuple, str]]:
        if self.model is not Model.shares:
            return []
        total = sum(d.weight for d in self.drivers)
        if abs(total - SHARES_TOTAL) > SHARES_TOLERANCE:
            parts = " + ".join(f"{d.id} {_num(d.weight)}" for d in self.drivers)
            where = ("weights",) if self.weights else ("drivers",)
            return [
                (
                    where,
                    _(
                        "in a 'shares' scenario the driver weights must add up to 100; they "
                        "add up to {total} ({parts})"
                    ).format(total=_num(total), parts=parts),
                )
            ]
        return []

    def _reference_problems(self, plan_themes: set[str] | None) -> list[tuple[tuple, str]]:
        out = []
        drivers = {d.id for d in self.drivers}
        for driver_id in self.weights:
            if driver_id not in drivers:
                out.append(
                    (
                        ("weights", driver_id),
                        _("unknown driver '{driver}' (drivers: {known})").format(
                            driver=driver_id, known=", ".join(sorted(drivers))
                        ),
                    )
                )
        units = {u.id for u in self.units}
        for d, driver in enumerate(self.drivers):
            for i, item in enumerate(driver.items):
                for unit_id in item.values or {}:
                    if unit_id not in units:
                        out.append(
                            (
                                ("drivers", d, "items", i, "values", unit_id),
                                _("unknown unit '{unit}'").format(unit=unit_id),
                            )
                        )
                if item.values is not None:
                    missing = sorted(units - set(item.values))
                    if missing:
                        out.append(
                            (
                                ("drivers", d, "items", i, "values"),
                                _("no value for unit(s) {units}").format(units=", ".join(missing)),
                            )
                        )
        used = set(self.themes())
        known = plan_themes if plan_themes is not None else used
        for theme in self.priorities:
            if theme not in known:
                message = (
                    _("unknown theme '{theme}' (not among the plan's themes: {known})")
                    if plan_themes is not None
                    else _("unknown theme '{theme}' (not among any item's theme: {known})")
                )
                out.append(
                    (
                        ("priorities", theme),
                        message.format(theme=theme, known=", ".join(sorted(known)) or _("none")),
                    )
                )
        if plan_themes is not None:
            for d, driver in enumerate(self.drivers):
                for i, item in enumerate(driver.items):
                    if item.theme and item.theme not in plan_themes:
                        out.append(
                            (
                                ("drivers", d, "items", i, "theme"),
                                _("unknown theme '{theme}' (not in the plan)").format(
                                    theme=item.theme
                                ),
                            )
                        )
        out.extend(self._area_overlaps())
        return out

    def _area_overlaps(self) -> list[tuple[tuple, str]]:
        """An area may be split over units, but never more than wholly (no double counting)."""
        measures = sorted(
            {m for u in self.units for a in u.areas if not isinstance(a, str) for m in a.by_measure}
        )
        for measure in [None, *measures]:
            given: dict[str, float] = {}
            for u, unit in enumerate(self.units):
                for a, (code, share) in enumerate(unit.area_shares(measure)):
                    given[code] = given.get(code, 0.0) + share
                    if given[code] > 1 + 1e-9:
                        message = (
                            _(
                                "area {code} is given out more than once for {measure} "
                                "(shares add up to {sum})"
                            )
                            if measure
                            else _(
                                "area {code} is given out more than once (shares add up to {sum})"
                            )
                        )
                        return [
                            (
                                ("units", u, "areas", a),
                                message.format(code=code, measure=measure, sum=_num(given[code])),
                            )
                        ]
        return []


MAX_EXTENDS = 5  # a chain of base scenarios longer than this is surely a loop


@dataclass(frozen=True)
class _Layer:
    """One file of a scenario: its keys, their lines, and where relative paths start."""

    source: str
    data: dict
    lines: dict
    base_dir: Path | None


def load_scenario(path: str | Path) -> Scenario:
    return parse_scenario(
        read_text(path, SCENARIO_FILE), source=str(path), base_dir=Path(path).parent
    )


def parse_scenario(text: str, source: str = "<scenario>", base_dir: Path | None = None) -> Scenario:
    """A scenario from YAML text. With ``extends: BASE.yaml`` the keys this file gives replace
    the base's keys (whole keys: a ``drivers`` list replaces the base's list); ``weights`` and
    ``priorities`` then state only what changes. Errors name the file the key came from."""
    data, lines = load_mapping(text, source, SCENARIO_FILE)
    layers = _layers(_Layer(source, data, lines, base_dir))
    merged, origin = {}, {}
    for layer in reversed(layers):  # base first, this file last
        for key, value in layer.data.items():
            merged[key] = value
            origin[key] = layer
    merged["extends"] = data.get("extends")
    if isinstance(merged.get("plan"), str):
        plan_layer = origin["plan"]
        plan_path = Path(merged["plan"])
        if not plan_path.is_absolute() and plan_layer.base_dir is not None:
            merged["plan"] = str(plan_layer.base_dir / plan_path)
    top = layers[0]

    def where(loc: tuple) -> _Layer:
        return origin.get(loc[0], top) if loc else top

    try:
        scenario = Scenario.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        layer = where(loc)
        raise ScenarioError(
            located(layer.source, layer.lines, loc, describe(err, len(exc.errors()), SCENARIO_FILE))
        ) from None
    plan_themes = _plan_themes(scenario, where(("plan",)))
    problems = scenario.problems(plan_themes)
    if problems:
        loc, message = problems[0]
        more = " " + _("(+{n} more)").format(n=len(problems) - 1) if len(problems) > 1 else ""
        layer = where(loc)
        raise ScenarioError(located(layer.source, layer.lines, loc, message + more))
    return scenario


def _layers(layer: _Layer) -> list[_Layer]:
    """This file and its chain of base scenarios, this file first."""
    chain = [layer]
    while isinstance(chain[-1].data.get("extends"), str):
        child = chain[-1]
        if len(chain) > MAX_EXTENDS:
            raise ScenarioError(
                located(
                    child.source,
                    child.lines,
                    ("extends",),
                    _("more than {n} base scenarios: a loop?").format(n=MAX_EXTENDS),
                )
            )
        path = Path(child.data["extends"])
        if not path.is_absolute() and child.base_dir is not None:
            path = child.base_dir / path
        try:
            text = read_text(path, SCENARIO_FILE)
        except ScenarioError as exc:
            raise ScenarioError(
                located(
                    child.source,
                    child.lines,
                    ("extends",),
                    _("base scenario: {error}").format(error=exc),
                )
            ) from None
        data, lines = load_mapping(text, str(path), SCENARIO_FILE)
        chain.append(_Layer(str(path), data, lines, path.parent))
    return chain


def _plan_themes(scenario: Scenario, layer: _Layer) -> set[str] | None:
    """The theme ids of the plan the scenario names (its priorities must use them)."""
    if scenario.plan is None:
        return None
    from safetyplan.errors import PlanError
    from safetyplan.plan import load_plan

    source, lines = layer.source, layer.lines
    path = Path(scenario.plan)
    try:
        plan = load_plan(path)
    except PlanError as exc:
        raise ScenarioError(
            located(
                source, lines, ("plan",), _("the plan cannot be read: {error}").format(error=exc)
            )
        ) from None
    return {t.id for t in plan.themes}


def _is_multiple(value: float, steps_per_fte: int) -> bool:
    scaled = Decimal(repr(value)) * steps_per_fte
    return scaled == scaled.to_integral_value()


def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)
