# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Target review: at the plan's start, was each target ambitious?

Per goal, from the data before the plan only: the forecast for the target year on the
region's pre-plan trend (quasi-Poisson log-linear, negative-binomial noise, as the monitor)
and on the national trend (the region's last pre-plan level moved by the national trend), the
probability of reaching the target without any change, flags for targets already met or more
than 90% likely ("weinig ambitieus") and for those under 10% likely ("weinig kans"), and a
suggested target reached with probability ``ambition`` on the trend.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from safetyplan import formatting as fmt
from safetyplan.i18n import N_, _, ngettext
from safetyplan.monitor.forecast import (
    MIN_YEARS_FOR_TREND,
    _negbin_draws,
    _quasi_poisson_predict,
)
from safetyplan.plan import Direction, IndicatorKind, Plan

LEVEL = 0.80
LITTLE_AMBITION = 0.90
LITTLE_CHANCE = 0.10
_DRAWS = 20_000
_SEED = 20150101
NATIONAL = "NL01"

FLAG_MET = "already met"
FLAG_LITTLE_AMBITION = "little ambition"
FLAG_LITTLE_CHANCE = "little chance"
FLAG_LABELS = {
    FLAG_MET: N_("already met"),
    FLAG_LITTLE_AMBITION: N_("little ambition"),
    FLAG_LITTLE_CHANCE: N_("little chance"),
}


@dataclass
class GoalReview:
    goal: str
    name: str
    target_year: int
    target: float | None
    pre_years: list[int] = field(default_factory=list)
    last_value: float | None = None
    trend_forecast: float | None = None
    trend_low: float | None = None
    trend_high: float | None = None
    national_forecast: float | None = None
    national_low: float | None = None
    national_high: float | None = None
    probability: float | None = None
    flag: str | None = None
    flag_label: str | None = None  # the flag in the language active at the review
    suggested_target: float | None = None
    ambition: float | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def review_plan(plan: Plan, facts, ambition: float = 0.25, registry=None) -> list[GoalReview]:
    if registry is None:
        from safetyplan.areas import load_registry

        registry = load_registry()
    return [_review(plan, facts, goal, ambition, registry) for goal in plan.goals]


def _meets(direction: Direction, value, bar):
    return value <= bar if direction is Direction.lower else value >= bar


def _review(plan, facts, goal, ambition, registry) -> GoalReview:
    from safetyplan.monitor.evaluate import territory_series

    ind = plan.indicator(goal.indicator)
    out = GoalReview(
        goal=goal.id,
        name=ind.text("name") or ind.name,
        target_year=goal.target.year,
        target=goal.target_value,
        ambition=ambition,
    )
    start = plan.period.start
    if out.target is None:
        out.note = _("The plan sets no target.")
        return out
    if ind.kind is IndicatorKind.survey:
        known = [(h.year, h.value) for h in goal.history] if goal.history else []
        if goal.baseline:
            known.append((goal.baseline.year, goal.baseline.value))
        known = sorted(k for k in known if k[0] < start)
        gap = (out.target - known[-1][1]) if known else None
        out.pre_years = [y for y, _value in known]
        out.last_value = known[-1][1] if known else None
        measured = ", ".join(f"{y}: {fmt.percent(v, 1)}" for y, v in known) or _("none")
        out.note = ngettext(
            "Survey goal: {n} measurement before the plan ({measured}) and no yearly figures "
            "for the territory in the warehouse: too few for a trend or a probability.",
            "Survey goal: {n} measurements before the plan ({measured}) and no yearly figures "
            "for the territory in the warehouse: too few for a trend or a probability.",
            len(known),
        ).format(n=len(known), measured=measured)
        if gap is not None:
            out.note += " " + _("The target asks {gap} percentage points by {year}.").format(
                gap=fmt.change_abs(gap, 1), year=out.target_year
            )
        return out
    if ind.kind is not IndicatorKind.count:
        out.note = _("Ratio goal: no ambition review yet.")
        return out
    series = {
        y: c.value
        for y, c in territory_series(plan, facts, ind, registry).items()
        if c.value is not None and y < start
    }
    years = sorted(series)
    out.pre_years = years
    if len(years) < MIN_YEARS_FOR_TREND:
        out.note = _("Too few years before the plan ({n}; at least {minimum}).").format(
            n=len(years), minimum=MIN_YEARS_FOR_TREND
        )
        return out
    counts = np.array([series[y] for y in years], dtype=float)
    out.last_value = float(counts[-1])
    rng = np.random.default_rng(_SEED)
    eta, se, phi = _quasi_poisson_predict(np.array(years, float), counts, out.target_year)
    draws = _negbin_draws(rng, np.exp(rng.normal(eta, se, _DRAWS)), phi)
    tail = (1 - LEVEL) / 2
    out.trend_forecast = float(np.exp(eta))
    out.trend_low, out.trend_high = (float(q) for q in np.quantile(draws, [tail, 1 - tail]))
    lower = ind.direction is Direction.lower
    out.probability = float(np.mean(_meets(ind.direction, draws, out.target)))
    out.suggested_target = float(np.quantile(draws, ambition if lower else 1 - ambition))
    _national(out, facts, ind, years, rng, tail, phi)
    if _meets(ind.direction, out.last_value, out.target):
        out.flag = FLAG_MET
    elif out.probability >= LITTLE_AMBITION:
        out.flag = FLAG_LITTLE_AMBITION
    elif out.probability < LITTLE_CHANCE:
        out.flag = FLAG_LITTLE_CHANCE
    out.flag_label = _(FLAG_LABELS[out.flag]) if out.flag else None
    return out


def _national(out, facts, ind, years, rng, tail, phi) -> None:
    rows = facts.facts(measures=[ind.measure])
    rows = rows[(rows["area"] == NATIONAL) & rows["period"].astype(str).isin(map(str, years))]
    if rows.empty:
        return
    nat = rows.sort_values("source").groupby("period")["value"].first()
    if len(nat) < MIN_YEARS_FOR_TREND:
        return
    x = np.array([int(p) for p in nat.index], float)
    eta, se, _phi = _quasi_poisson_predict(x, nat.to_numpy(float), out.target_year)
    eta_last, _se, _phi = _quasi_poisson_predict(x, nat.to_numpy(float), int(x.max()))
    ratio = np.exp(rng.normal(eta, se, _DRAWS) - eta_last)
    draws = _negbin_draws(rng, out.last_value * ratio, phi)
    out.national_forecast = float(out.last_value * np.exp(eta - eta_last))
    out.national_low, out.national_high = (float(q) for q in np.quantile(draws, [tail, 1 - tail]))
