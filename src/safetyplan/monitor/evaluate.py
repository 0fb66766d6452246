# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The goal monitor: for every goal of a plan, where do we stand in a given year?

Per goal: the plan's baseline and target, the trajectory value for the year (``expected``),
the actual on the plan's territory from the warehouse (or ``None`` with the reason), a forecast
to the target year with an 80% interval, the national comparison where the data allow, and a
status. The status rule (also in docs/monitor.md):

- ``target pending``: the plan gives no target figure;
- ``no data``: there is no actual for the year (the reason says why);
- ``achieved``: the actual already meets the target;
- ``on track``: the actual meets the trajectory value, or the forecast for the target year
  meets the target;
- ``off track``: neither, and even the favourable end of the 80% forecast interval misses the
  target (or the target year has passed);
- ``at risk``: neither, but the favourable end of the interval still meets the target.

"Meets" respects the indicator's direction (lower is better for crime, higher for clearance).

A goal without an actual carries ``fill``: per missing measure the public table and command
that would fill it, or that none exists (``safetyplan.sources.catalogue``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

import pandas as pd

from safetyplan.i18n import _
from safetyplan.labels import status_label
from safetyplan.plan import Direction, Goal, Indicator, IndicatorKind, Plan
from safetyplan.sources.catalogue import DEFAULT_PLAN_FILE, hints_for

from .forecast import Forecast, forecast_count, forecast_ratio, forecast_share

NATIONAL = "NL01"

STATUS_ACHIEVED = "achieved"
STATUS_ON_TRACK = "on track"
STATUS_AT_RISK = "at risk"
STATUS_OFF_TRACK = "off track"
STATUS_NO_DATA = "no data"
STATUS_PENDING = "target pending"
STATUSES = (
    STATUS_ACHIEVED,
    STATUS_ON_TRACK,
    STATUS_AT_RISK,
    STATUS_OFF_TRACK,
    STATUS_NO_DATA,
    STATUS_PENDING,
)


class FactSource(Protocol):
    """What the monitor needs from the warehouse."""

    def facts(self, measures=None, areas=None, periods=None, sources=None) -> pd.DataFrame: ...


@dataclass
class Composite:
    """A figure on the plan's territory, composed from per-area facts."""

    value: float | None
    low: float | None = None  # range from partial areas (territory approximation)
    high: float | None = None
    source: str | None = None
    provisional: bool = False
    approximate: bool = False
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    parts: dict[str, float] = field(default_factory=dict)  # area -> weighted contribution


@dataclass
class GoalResult:
    goal: str
    indicator: str
    name: str
    name_en: str | None
    theme: str | None
    objective: str | None
    unit: str
    direction: str
    baseline_year: int | None
    baseline: float | None
    target_year: int
    target: float | None
    year: int
    actual: float | None
    actual_low: float | None
    actual_high: float | None
    expected: float | None
    forecast: float | None
    forecast_low: float | None
    forecast_high: float | None
    status: str  # a stable code (STATUSES), for machines
    status_label: str  # the status in the language active at evaluation, for people
    reason: str | None
    provisional: bool
    approximate: bool
    source: str | None
    national: float | None
    national_change_pct: float | None
    territory_change_pct: float | None
    comparison_since: int | None
    notes: list[str]
    series: dict[int, float]
    breakdown: list[dict]
    # Goals without an actual: where the missing figures come from (FillHint.to_dict()).
    fill: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["series"] = {str(k): v for k, v in self.series.items()}
        return out


def evaluate_plan(
    plan: Plan, facts: FactSource, year: int, registry=None, plan_file: str = DEFAULT_PLAN_FILE
) -> list[GoalResult]:
    """Evaluate every goal of ``plan`` for ``year`` against the figures in ``facts``.
    ``plan_file`` is the plan's path as the fill hints' commands name it."""
    if registry is None:
        from safetyplan.areas import load_registry

        registry = load_registry()
    monitor = _Monitor(plan, facts, registry, plan_file)
    return [monitor.evaluate(goal, year) for goal in plan.goals]


class _Monitor:
    def __init__(self, plan: Plan, facts: FactSource, registry, plan_file: str = DEFAULT_PLAN_FILE):
        self.plan = plan
        self.plan_file = plan_file
        self.facts = facts
        self.registry = registry
        self._cache: dict[str, pd.DataFrame] = {}
        self._series_cache: dict[tuple, dict[int, Composite]] = {}
        self._compositions: dict[tuple, object] = {}

    # --- data access ---------------------------------------------------------------------

    def _rows(self, measure: str) -> pd.DataFrame:
        """All yearly facts of one measure (cached)."""
        if measure not in self._cache:
            df = self.facts.facts(measures=[measure])
            df = df[df["period"].astype(str).str.fullmatch(r"\d{4}")].copy()
            df["year"] = df["period"].astype(int)
            self._cache[measure] = df
        return self._cache[measure]

    def _territory_series(self, measure: str, indicator: Indicator) -> dict[int, Composite]:
        key = (measure, indicator.area, tuple(indicator.sources))
        if key not in self._series_cache:
            self._series_cache[key] = self._build_territory_series(measure, indicator)
        return self._series_cache[key]

    def _build_territory_series(self, measure: str, indicator: Indicator):
        rows = self._rows(measure)
        if indicator.area:
            return self._single_area_series(rows, indicator.area)
        out: dict[int, Composite] = {}
        for year, per_year in rows.groupby("year"):
            comp = self._compose_year(per_year, int(year), indicator.sources)
            if comp is not None:
                out[int(year)] = comp
        return out

    def _single_area_series(self, rows: pd.DataFrame, area: str) -> dict[int, Composite]:
        out = {}
        for year, grp in rows[rows["area"] == area].groupby("year"):
            row = grp.sort_values("source").iloc[0]
            out[int(year)] = Composite(
                float(row["value"]), source=row["source"], provisional=bool(row["provisional"])
            )
        return out

    def _compose_year(self, rows: pd.DataFrame, year: int, preferred: list[str]):
        municipal = rows[rows["area"].str.startswith("GM")]
        if municipal.empty:
            return None
        source = _choose_source(municipal, preferred)
        chosen = municipal[municipal["source"] == source]
        values = dict(zip(chosen["area"], chosen["value"].astype(float), strict=True))
        comp = self._compose(frozenset(values), year)
        if not comp.weights:
            return None
        parts = {a: w * values[a] for a, w in comp.weights.items()}
        total = sum(parts.values())
        low = high = total
        for area, (w_low, w_high) in getattr(comp, "weight_ranges", {}).items():
            base = comp.weights[area] * values[area]
            low += w_low * values[area] - base
            high += w_high * values[area] - base
        provisional = bool(chosen[chosen["area"].isin(list(comp.weights))]["provisional"].any())
        return Composite(
            value=None if comp.missing else total,
            low=low,
            high=high,
            source=source,
            provisional=provisional,
            approximate=bool(comp.approximate),
            notes=list(comp.notes),
            missing=list(comp.missing),
            parts=parts,
        )

    def _compose(self, available: frozenset, year: int):
        """The territory composition for one set of available areas (cached: many measures
        share the same areas)."""
        key = (available, year)
        if key not in self._compositions:
            self._compositions[key] = self.registry.compose(
                territory=list(self.plan.region.municipalities), available=set(available), year=year
            )
        return self._compositions[key]

    # --- evaluation ----------------------------------------------------------------------

    def evaluate(self, goal: Goal, year: int) -> GoalResult:
        indicator = self.plan.indicator(goal.indicator)
        target = goal.target_value
        notes: list[str] = []
        if goal.target.year_assumed:
            notes.append(
                _(
                    "The plan names no target year; the end of the plan period ({year}) is assumed."
                ).format(year=goal.target.year)
            )
        definition_note = indicator.text("definition_note")
        if definition_note:
            notes.append(definition_note)
        series, comp, reason = self._series(indicator, year)
        actual = comp.value if comp else None
        notes.extend(comp.notes if comp else [])
        fc = self._forecast(indicator, series, goal.target.year, year)
        if fc is not None:
            notes.append(_("Forecast: {method}.").format(method=fc.method))
        if goal.baseline and series and goal.baseline.year not in series:
            first = min(series)
            notes.append(
                _(
                    "The {baseline_year} baseline is the plan's figure; the data start in "
                    "{first}, so the change since the baseline year compares two sources."
                ).format(baseline_year=goal.baseline.year, first=first)
            )
        national, nat_change, terr_change, since = self._national(indicator, series, year)
        status, status_reason = judge(
            indicator.direction, year, actual, goal.expected(year), target, goal.target.year, fc
        )
        if status == STATUS_PENDING:
            reason = goal.target.text("pending") or status_reason
        elif status != STATUS_NO_DATA:
            reason = None
        has_actual = comp is not None and actual is not None
        return GoalResult(
            goal=goal.id,
            indicator=indicator.id,
            name=indicator.name,
            name_en=indicator.name_en,
            theme=goal.theme,
            objective=goal.objective,
            unit=indicator.unit,
            direction=indicator.direction.value,
            baseline_year=goal.baseline.year if goal.baseline else None,
            baseline=goal.baseline.value if goal.baseline else None,
            target_year=goal.target.year,
            target=target,
            year=year,
            actual=actual,
            actual_low=comp.low if has_actual and comp.approximate else None,
            actual_high=comp.high if has_actual and comp.approximate else None,
            expected=goal.expected(year),
            forecast=fc.value if fc else None,
            forecast_low=fc.low if fc else None,
            forecast_high=fc.high if fc else None,
            status=status,
            status_label=status_label(status),
            reason=reason,
            provisional=has_actual and comp.provisional,
            approximate=has_actual and comp.approximate,
            source=comp.source if has_actual else None,
            national=national,
            national_change_pct=nat_change,
            territory_change_pct=terr_change,
            comparison_since=since,
            notes=notes,
            series={y: c.value for y, c in sorted(series.items()) if c.value is not None},
            breakdown=self._breakdown(comp),
            fill=[] if has_actual else self._fill(goal, indicator, year),
        )

    def _fill(self, goal: Goal, indicator: Indicator, year: int) -> list[dict]:
        """The fill hints of a goal without an actual; a proxy whose figures are loaded gets
        its value for the year (context only: it never becomes the goal's actual)."""
        hints = [
            h.to_dict()
            for h in hints_for(self._missing_measures(indicator, year), goal.id, self.plan_file)
        ]
        for hint in hints:
            proxy = hint.get("proxy")
            if proxy and len(proxy["measures"]) == 2:
                proxy["figure"] = self._proxy_figure(indicator, proxy["measures"], year)
        return hints

    def _proxy_figure(self, indicator: Indicator, measures: list[str], year: int) -> dict | None:
        """cleared / registered of a proxy's measures on the indicator's area, or None."""
        stand_in = indicator.model_copy(
            update={"numerator": measures[0], "denominator": measures[1], "sources": []}
        )
        comp = self._ratio_series(stand_in).get(year)
        if comp is None:
            return None
        return {
            "year": year,
            "value": comp.value,
            "cleared": comp.parts["cleared"],
            "registered": comp.parts["registered"],
            "source": comp.source,
            "approximate": comp.approximate,
            "provisional": comp.provisional,
        }

    def _missing_measures(self, indicator: Indicator, year: int) -> list[str]:
        """The indicator's measures without a figure for ``year`` on the plan's territory;
        all of them when each has one (e.g. a ratio over zero)."""
        if indicator.kind is IndicatorKind.ratio:
            measures = [indicator.numerator, indicator.denominator]
        else:
            measures = [indicator.measure]
        missing = []
        for measure in measures:
            comp = self._territory_series(measure, indicator).get(year)
            if comp is None or comp.value is None:
                missing.append(measure)
        return missing or measures

    def _series(self, indicator: Indicator, year: int):
        """(series by year, the composite for ``year`` or None, reason when None)."""
        if indicator.kind is IndicatorKind.ratio:
            series = self._ratio_series(indicator)
            missing_reason = _(
                "No data: a clearance rate needs both cleared and registered counts on the "
                "plan's territory, which the data lack for {year}."
            ).format(year=year)
        else:
            if indicator.kind is IndicatorKind.survey and not indicator.area:
                return (
                    {},
                    None,
                    _(
                        "No data: no survey figures for the plan's area (only national and "
                        "provincial ones)."
                    ),
                )
            series = self._territory_series(indicator.measure, indicator)
            missing_reason = _(
                "No data for {year}: measure '{measure}' is not in the warehouse for the "
                "plan's territory."
            ).format(year=year, measure=indicator.measure)
        comp = series.get(year)
        if comp is None:
            return series, None, missing_reason
        if comp.value is None:
            return series, comp, self._incomplete_reason(comp, year)
        return series, comp, None

    def _incomplete_reason(self, comp: Composite, year: int) -> str:
        total = len(self.plan.region.municipalities)
        if len(comp.missing) * 2 > total:  # name what is there rather than a long missing list
            have = ", ".join(sorted(self.registry.name(a) or a for a in comp.parts))
            return _(
                "No figures for the whole territory in {year}: only for {have} ({count} of "
                "{total} municipalities)."
            ).format(year=year, have=have, count=total - len(comp.missing), total=total)
        names = ", ".join(self.registry.name(a) or a for a in comp.missing)
        return _("Incomplete data for {year}: missing for {names}.").format(year=year, names=names)

    def _ratio_series(self, indicator: Indicator) -> dict[int, Composite]:
        nums = self._territory_series(indicator.numerator, indicator)
        dens = self._territory_series(indicator.denominator, indicator)
        out = {}
        for year in sorted(set(nums) & set(dens)):
            num, den = nums[year], dens[year]
            if num.value is None or den.value is None or not den.value:
                continue
            out[year] = Composite(
                value=100 * num.value / den.value,
                source=num.source,
                provisional=num.provisional or den.provisional,
                approximate=num.approximate or den.approximate,
                notes=num.notes,
                parts={"cleared": num.value, "registered": den.value},
            )
        return out

    def _forecast(self, indicator, series, target_year, year) -> Forecast | None:
        known = {y: c for y, c in series.items() if c.value is not None and y <= year}
        if not known:
            return None
        if target_year <= year and target_year in known:
            v = known[target_year].value
            return Forecast(target_year, v, v, v, _("measured value"))
        years = sorted(known)
        if indicator.kind is IndicatorKind.ratio:
            return forecast_ratio(
                years,
                [known[y].parts["cleared"] for y in years],
                [known[y].parts["registered"] for y in years],
                target_year,
            )
        if indicator.kind is IndicatorKind.survey:
            margins = self._margins(indicator, years)
            return forecast_share(years, [known[y].value for y in years], margins, target_year)
        return forecast_count(years, [known[y].value for y in years], target_year)

    def _margins(self, indicator: Indicator, years: list[int]) -> list[float | None]:
        rows = self._rows(f"{indicator.measure}:margin")
        rows = rows[rows["area"] == indicator.area]
        by_year = dict(zip(rows["year"], rows["value"].astype(float), strict=True))
        return [by_year.get(y) for y in years]

    def _national(self, indicator: Indicator, series: dict[int, Composite], year: int):
        """National value for ``year`` and, for counts, the change since the first common year."""
        if indicator.kind is IndicatorKind.ratio:
            nums = self._single_area_series(self._rows(indicator.numerator), NATIONAL)
            dens = self._single_area_series(self._rows(indicator.denominator), NATIONAL)
            if year in nums and year in dens and dens[year].value:
                return 100 * nums[year].value / dens[year].value, None, None, None
            return None, None, None, None
        nat = self._single_area_series(self._rows(indicator.measure), NATIONAL)
        value = nat[year].value if year in nat else None
        if indicator.kind is not IndicatorKind.count:
            return value, None, None, None
        common = sorted(
            y for y in set(nat) & set(series) if series[y].value is not None and y <= year
        )
        if value is None or year not in common or len(common) < 2:
            return value, None, None, None
        since = common[0]
        nat_change = 100 * (value / nat[since].value - 1) if nat[since].value else None
        terr = series[year].value / series[since].value - 1 if series[since].value else None
        return value, nat_change, (100 * terr if terr is not None else None), since

    def _breakdown(self, comp: Composite | None) -> list[dict]:
        if comp is None or not comp.parts or "cleared" in comp.parts:
            return []
        return [
            {"area": area, "name": self.registry.name(area) or area, "value": value}
            for area, value in sorted(comp.parts.items(), key=lambda kv: -kv[1])
        ]


def _choose_source(rows: pd.DataFrame, preferred: list[str]) -> str:
    present = set(rows["source"])
    for name in preferred:
        if name in present:
            return name
    counts = rows.groupby("source")["area"].nunique()
    return sorted(counts.index, key=lambda s: (-counts[s], s))[0]


def _meets(direction: Direction, value: float, bar: float) -> bool:
    return value <= bar if direction is Direction.lower else value >= bar


def judge(
    direction: Direction,
    year: int,
    actual: float | None,
    expected: float | None,
    target: float | None,
    target_year: int,
    fc: Forecast | None,
) -> tuple[str, str | None]:
    """The status rule (see the module docstring); returns (status, reason)."""
    if target is None:
        return STATUS_PENDING, _("The plan sets no target (yet).")
    if actual is None:
        return STATUS_NO_DATA, None
    if _meets(direction, actual, target):
        return STATUS_ACHIEVED, None
    if year >= target_year:
        return STATUS_OFF_TRACK, None
    if (expected is not None and _meets(direction, actual, expected)) or (
        fc is not None and _meets(direction, fc.value, target)
    ):
        return STATUS_ON_TRACK, None
    if fc is None:
        return STATUS_AT_RISK, None
    favourable = fc.low if direction is Direction.lower else fc.high
    if _meets(direction, favourable, target):
        return STATUS_AT_RISK, None
    return STATUS_OFF_TRACK, None


def territory_series(
    plan: Plan, facts: FactSource, indicator: Indicator, registry=None
) -> dict[int, Composite]:
    """The yearly figures of a count or survey ``indicator`` on the plan's territory, composed
    as the monitor composes them (per year: value, source, the areas used in ``parts``)."""
    if registry is None:
        from safetyplan.areas import load_registry

        registry = load_registry()
    return _Monitor(plan, facts, registry)._territory_series(indicator.measure, indicator)
