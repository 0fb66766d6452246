# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan as data: Pydantic models of a regional safety plan.

A plan file (YAML) describes themes, strategies, overall objectives, indicators (what is
measured and how), goals (baseline, target, trajectory), service standards and the territory.
Validation is strict (unknown fields are errors) so that a typo never silently drops a goal.
Cross-references (a goal's indicator and theme, duplicate ids, year order) are checked in
:meth:`Plan.check_references`, which raises with the location of the problem.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
AreaCode = Annotated[str, Field(pattern=r"^(NL\d\d|PV\d\d|GM\d{4}|WK\d{6}|BU\d{8}|RE\d\d)$")]
Year = Annotated[int, Field(ge=1990, le=2100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def text(self, field: str, lang: str | None = None) -> str | None:
        """The plan's text *field* in *lang* (default: the active language): ``name_en`` in
        English where the plan gives it, else ``name``, the text in the plan's own language
        (``name_nl`` likewise for a plan written in English). A plan's texts are the
        region's words; Safetyplan does not translate them."""
        from safetyplan import i18n

        lang = lang or i18n.active()
        return getattr(self, f"{field}_{lang}", None) or getattr(self, field)


class Direction(StrEnum):
    lower = "lower"  # lower is better (crime counts)
    higher = "higher"  # higher is better (clearance, satisfaction)


class IndicatorKind(StrEnum):
    count = "count"  # a number of events (Poisson-like)
    ratio = "ratio"  # numerator / denominator counts as a percentage (clearance)
    survey = "survey"  # a survey percentage with a margin


class Theme(Strict):
    id: Identifier
    name: str
    name_en: str | None = None
    name_nl: str | None = None
    description: str | None = None
    description_en: str | None = None
    description_nl: str | None = None


class Strategy(Strict):
    id: Identifier
    name: str
    name_en: str | None = None
    name_nl: str | None = None
    description: str | None = None
    description_en: str | None = None
    description_nl: str | None = None


class Objective(Strict):
    """An overall objective of the plan (e.g. 'trust in safety equal to the national average')."""

    id: Identifier
    name: str
    name_en: str | None = None
    name_nl: str | None = None
    goals: list[Identifier] = []


class Indicator(Strict):
    id: Identifier
    name: str
    name_en: str | None = None
    name_nl: str | None = None
    unit: Literal["count", "percent", "eur"]
    kind: IndicatorKind
    direction: Direction
    measure: str | None = Field(
        default=None, description="warehouse measure for count and survey indicators"
    )
    numerator: str | None = Field(default=None, description="ratio: e.g. cleared:pol:1.4.7")
    denominator: str | None = Field(default=None, description="ratio: e.g. registered:pol:1.4.7")
    area: AreaCode | None = Field(
        default=None,
        description="measure the indicator on this one area (e.g. a police unit code) "
        "instead of composing it from the plan's municipalities",
    )
    sources: list[str] = Field(default=[], description="preferred warehouse sources, in order")
    source_note: str | None = Field(default=None, description="where the plan's figures come from")
    source_note_en: str | None = None
    source_note_nl: str | None = None
    definition_note: str | None = Field(
        default=None, description="known differences between the plan's and the data's definition"
    )
    definition_note_en: str | None = None
    definition_note_nl: str | None = None

    @model_validator(mode="after")
    def _measures_fit_kind(self) -> Indicator:
        if self.kind is IndicatorKind.ratio:
            if not (self.numerator and self.denominator):
                raise ValueError("a ratio indicator needs 'numerator' and 'denominator'")
            if self.unit != "percent":
                raise ValueError("a ratio indicator has unit 'percent'")
        elif self.measure is None and self.kind is not IndicatorKind.survey:
            raise ValueError(f"a {self.kind.value} indicator needs 'measure'")
        return self


class Baseline(Strict):
    year: Year
    value: float


class Benchmark(Strict):
    """A target set relative to another area, e.g. 'reach the national average of 2013'."""

    area: AreaCode
    year: Year
    measure: str | None = None


class Target(Strict):
    """The goal's target. Exactly one of ``value`` or ``change_pct`` (relative to the baseline);
    ``benchmark`` documents where a value comes from. ``value: null`` with ``pending`` means the
    plan leaves the figure open."""

    year: Year
    value: float | None = None
    change_pct: float | None = Field(default=None, description="relative to the baseline, in %")
    stated_change: str | None = Field(default=None, description="the change as the plan prints it")
    benchmark: Benchmark | None = None
    year_assumed: bool = Field(
        default=False, description="the plan names no target year; the plan period's end is used"
    )
    pending: str | None = Field(default=None, description="why the plan gives no figure yet")
    pending_en: str | None = None
    pending_nl: str | None = None

    @model_validator(mode="after")
    def _one_way_to_state_it(self) -> Target:
        if self.value is not None and self.change_pct is not None:
            raise ValueError("give either 'value' or 'change_pct', not both")
        if self.value is None and self.change_pct is None and not self.pending:
            raise ValueError("a target needs 'value', 'change_pct' or 'pending' (the reason)")
        return self


class Goal(Strict):
    id: Identifier
    indicator: Identifier
    theme: Identifier | None = None
    objective: Identifier | None = None
    strategies: list[Identifier] = []
    baseline: Baseline | None = None
    history: list[Baseline] = Field(default=[], description="earlier values the plan states")
    target: Target
    trajectory: dict[Year, float] | Literal["linear"] = "linear"
    note: str | None = None
    note_en: str | None = None
    note_nl: str | None = None

    @property
    def target_value(self) -> float | None:
        t = self.target
        if t.value is not None:
            return t.value
        if t.change_pct is not None and self.baseline is not None:
            return self.baseline.value * (1 + t.change_pct / 100)
        return None

    @property
    def is_pending(self) -> bool:
        return self.target_value is None

    def expected(self, year: int) -> float | None:
        """The trajectory value for ``year``: explicit yearly values, else linear."""
        if isinstance(self.trajectory, dict) and year in self.trajectory:
            return self.trajectory[year]
        target = self.target_value
        if target is None or self.baseline is None:
            return None
        b, t = self.baseline, self.target
        if year <= b.year:
            return b.value
        if year >= t.year:
            return target
        return b.value + (target - b.value) * (year - b.year) / (t.year - b.year)


class Deadline(Strict):
    amount: float = Field(gt=0)
    unit: Literal["hours", "working_hours", "days", "working_days"]
    holidays: Literal["NL", "none"] = "NL"


class ServiceStandard(Strict):
    id: Identifier
    name: str
    name_en: str | None = None
    name_nl: str | None = None
    promise: str = Field(description="the promise in the plan's words")
    promise_en: str | None = None
    promise_nl: str | None = None
    covers: str = Field(description="which reports it covers, e.g. 'melding' or 'aangifte:hic'")
    categories: list[str] = Field(default=[], description="report categories covered; [] = all")
    deadline: Deadline | None = None
    target_share: float = Field(ge=0, le=100, description="share of reports meeting the promise")
    source_note: str | None = None
    source_note_en: str | None = None
    source_note_nl: str | None = None


class Region(Strict):
    name: str
    name_en: str | None = None
    name_nl: str | None = None
    police_unit: AreaCode | None = None
    municipalities: list[AreaCode] = Field(min_length=1)
    boundaries_year: Year = Field(description="the year whose municipal boundaries the codes use")


class Period(Strict):
    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period end {self.end} is before its start {self.start}")
        return self


class Plan(Strict):
    id: Identifier
    title: str
    title_en: str | None = None
    title_nl: str | None = None
    source_document: str | None = None
    region: Region
    period: Period
    reference_year: Year
    # Years whose annual report carries the evaluation chapter (e.g. mid-term and end);
    # empty: the plan names none and no report gets the chapter.
    evaluation_years: list[Year] = []
    themes: list[Theme] = Field(min_length=1)
    strategies: list[Strategy] = []
    objectives: list[Objective] = []
    indicators: list[Indicator] = []
    goals: list[Goal] = []
    service_standards: list[ServiceStandard] = []

    @field_validator("region")
    @classmethod
    def _unique_municipalities(cls, region: Region) -> Region:
        dupes = _duplicates(region.municipalities)
        if dupes:
            raise ValueError(f"municipality listed twice: {', '.join(dupes)}")
        return region

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def goal(self, goal_id: str) -> Goal:
        return next(g for g in self.goals if g.id == goal_id)

    def service_standard(self, standard_id: str) -> ServiceStandard:
        return next(s for s in self.service_standards if s.id == standard_id)

    def reference_problems(self) -> list[tuple[tuple, str]]:
        """Cross-reference problems as (location path, message) pairs; empty when sound."""
        problems: list[tuple[tuple, str]] = []
        for name in (
            "themes",
            "strategies",
            "objectives",
            "indicators",
            "goals",
            "service_standards",
        ):
            items = getattr(self, name)
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    problems.append(((name, i, "id"), f"duplicate id '{item.id}' in {name}"))
                seen.add(item.id)
        themes = {t.id for t in self.themes}
        indicators = {i.id for i in self.indicators}
        strategies = {s.id for s in self.strategies}
        objectives = {o.id for o in self.objectives}
        goals = {g.id for g in self.goals}
        for i, goal in enumerate(self.goals):
            loc = ("goals", i)
            if goal.indicator not in indicators:
                problems.append(((*loc, "indicator"), f"unknown indicator '{goal.indicator}'"))
            if goal.theme is not None and goal.theme not in themes:
                problems.append(((*loc, "theme"), f"unknown theme '{goal.theme}'"))
            if goal.objective is not None and goal.objective not in objectives:
                problems.append(((*loc, "objective"), f"unknown objective '{goal.objective}'"))
            for j, s in enumerate(goal.strategies):
                if s not in strategies:
                    problems.append(((*loc, "strategies", j), f"unknown strategy '{s}'"))
            if goal.baseline and goal.target.year < goal.baseline.year:
                problems.append(
                    (
                        (*loc, "target", "year"),
                        f"target year {goal.target.year} is before the baseline year "
                        f"{goal.baseline.year}",
                    )
                )
            if goal.target.change_pct is not None and goal.baseline is None:
                problems.append(
                    (
                        (*loc, "target", "change_pct"),
                        "a relative target (change_pct) needs a baseline",
                    )
                )
        seen_years: set[int] = set()
        for i, year in enumerate(self.evaluation_years):
            if not self.period.start <= year <= self.period.end:
                problems.append(
                    (
                        ("evaluation_years", i),
                        f"evaluation year {year} lies outside the plan period "
                        f"{self.period.start}-{self.period.end}",
                    )
                )
            elif year in seen_years:
                problems.append((("evaluation_years", i), f"evaluation year {year} listed twice"))
            seen_years.add(year)
        for i, obj in enumerate(self.objectives):
            for j, gid in enumerate(obj.goals):
                if gid not in goals:
                    problems.append((("objectives", i, "goals", j), f"unknown goal '{gid}'"))
        return problems


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({v for v in values if v in seen or seen.add(v)})


MEASURE_PATTERN = re.compile(r"^[a-z0-9_]+(:[a-z0-9_.]+)*$")
