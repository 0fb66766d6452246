# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Evaluate a plan's count goals: the plan period's effect on the region against a
counterfactual from municipalities outside it (synthetic difference-in-differences, see
``sdid``). Goals the method cannot judge get a note that says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import N_, _, ngettext
from safetyplan.plan import IndicatorKind, Plan

from . import sdid

METHOD = "sdid"
METHOD_LABEL = N_(
    "synthetic difference-in-differences on log counts, 90% interval from placebos in space"
)
MIN_WEIGHT_SHOWN = 0.005
UNASSIGNED = "GM0000"  # crimes 47018NED cannot place in a municipality


class UnknownGoalError(SafetyplanError):
    """A goal id that the plan does not have."""


class NoDataError(SafetyplanError):
    """None of the goals has any figure in the warehouse."""


@dataclass
class GoalEvaluation:
    goal: str
    indicator: str
    name: str
    name_en: str | None
    method: str | None
    years: list[dict]
    effect_pct: float | None = None
    effect_low_pct: float | None = None
    effect_high_pct: float | None = None
    placebo_p: float | None = None
    pre_rmspe: float | None = None
    donors: list[dict] = field(default_factory=list)
    note: str | None = None
    level: float = sdid.LEVEL
    pre_years: list[int] = field(default_factory=list)
    post_years: list[int] = field(default_factory=list)
    pre_rmspe_pct: float | None = None
    donor_count: int = 0
    placebos: int = 0
    source: str | None = None
    caveats: list[str] = field(default_factory=list)
    has_data: bool = False

    @property
    def estimated(self) -> bool:
        return self.effect_pct is not None

    def to_dict(self) -> dict:
        out = asdict(self)
        out.pop("has_data")
        return out


def evaluate_goals(
    plan: Plan, facts, goal_id: str | None = None, registry=None, until: int | None = None
) -> list[GoalEvaluation]:
    """Evaluate every goal of ``plan`` (or the one ``goal_id``) against the warehouse ``facts``.

    ``until`` ends the plan years at that year (a mid-term evaluation uses only the plan
    years up to it); default: the plan's last year.

    Raises :class:`UnknownGoalError` for a goal id the plan lacks and :class:`NoDataError`
    when no chosen goal has a single figure in the warehouse.
    """
    if registry is None:
        from safetyplan.areas import load_registry

        registry = load_registry()
    goals = plan.goals
    if goal_id is not None:
        goals = [g for g in plan.goals if g.id == goal_id]
        if not goals:
            known = ", ".join(g.id for g in plan.goals)
            raise UnknownGoalError(
                _("Unknown goal '{goal}' in plan '{plan}'. Goals: {known}.").format(
                    goal=goal_id, plan=plan.id, known=known
                )
            )
    evaluator = _Evaluator(plan, facts, registry, until)
    results = [evaluator.evaluate(goal) for goal in goals]
    if not any(r.has_data for r in results):
        message = (
            _(
                "No data: the warehouse holds no figures for this goal of plan '{plan}'. "
                "Load data first (safetyplan ingest)."
            )
            if goal_id
            else _(
                "No data: the warehouse holds no figures for any goal of plan '{plan}'. "
                "Load data first (safetyplan ingest)."
            )
        )
        raise NoDataError(message.format(plan=plan.id))
    return results


class Texts(str):
    """A note in the active language (what it reads as, in JSON too) that also holds its
    text in every language (``translations``), for a caller that shows another language than
    the one the results were made in: the web caches them for every visitor, the report is
    written in its own ``--lang``. :func:`in_language` picks one; a copy or a pickle keeps
    them."""

    translations: dict[str, str]

    def __new__(cls, text: str, translations: dict[str, str] | None = None) -> Texts:
        obj = super().__new__(cls, text)
        obj.translations = dict(translations or {})
        return obj


def in_every_language(make: Callable[[str], str]) -> Texts:
    """``make(lang)`` for every language, read as the active one's."""
    texts = {lang: make(lang) for lang in i18n.LANGUAGES}
    return Texts(texts.get(i18n.active()) or make(i18n.active()), texts)


def split_languages(text: str | None) -> tuple[str, str]:
    """The Dutch and the English text of a note or caveat (a :class:`Texts`); other text is
    returned as both."""
    if not text:
        return "", ""
    translations = getattr(text, "translations", None)
    if translations:
        return translations.get("nl", str(text)), translations.get("en", str(text))
    return text, text


def in_language(text: str | None, lang: str) -> str:
    """A note or caveat in ``lang`` ("nl" or "en") where it carries that language."""
    nl, en = split_languages(text)
    return en if lang.startswith("en") else nl


class _Evaluator:
    def __init__(self, plan: Plan, facts, registry, until: int | None = None):
        self.plan = plan
        self.end = plan.period.end if until is None else min(until, plan.period.end)
        self.facts = facts
        self.registry = registry

    def evaluate(self, goal) -> GoalEvaluation:
        indicator = self.plan.indicator(goal.indicator)
        base = GoalEvaluation(
            goal=goal.id,
            indicator=indicator.id,
            name=indicator.text("name") or indicator.name,
            name_en=indicator.name_en,
            method=None,
            years=[],
        )
        if indicator.kind is IndicatorKind.survey:
            base.has_data = self._has_any(indicator.measure)
            base.note = in_every_language(
                lambda lang: _(
                    "No estimate: a survey goal (Veiligheidsmonitor) has no figures per "
                    "municipality outside the region to build a counterfactual from.",
                    lang,
                )
            )
            return base
        if indicator.kind is IndicatorKind.ratio:
            base.has_data = self._has_any(indicator.numerator) or self._has_any(
                indicator.denominator
            )
            base.note = in_every_language(
                lambda lang: _(
                    "No estimate: ratio goals (clearance) are not evaluated yet; that needs "
                    "cleared and registered counts per municipality over several years.",
                    lang,
                )
            )
            return base
        return self._count_goal(goal, indicator, base)

    # --- data ----------------------------------------------------------------------------

    def _has_any(self, measure: str | None) -> bool:
        return bool(measure) and not self.facts.facts(measures=[measure]).empty

    def _count_goal(self, goal, indicator, out: GoalEvaluation) -> GoalEvaluation:
        from safetyplan.monitor.evaluate import territory_series

        series = {
            y: c
            for y, c in territory_series(self.plan, self.facts, indicator, self.registry).items()
            if c.value is not None
        }
        out.has_data = bool(series) or self._has_any(indicator.measure)
        start, end = self.plan.period.start, self.end
        if not series:
            out.note = in_every_language(
                lambda lang: _(
                    "No estimate: measure '{measure}' has no figures for the plan's territory.",
                    lang,
                ).format(measure=indicator.measure)
            )
            return out
        series = {y: c for y, c in series.items() if y <= end}  # nothing after ``until``
        pre = sorted(y for y in series if y < start)
        post = sorted(y for y in series if start <= y <= end)
        if len(pre) < sdid.MIN_PRE_YEARS:
            out.note = in_every_language(
                lambda lang: ngettext(
                    "No estimate: {n} year with figures before the plan ({have}); at least "
                    "{minimum} are needed.",
                    "No estimate: {n} years with figures before the plan ({have}); at least "
                    "{minimum} are needed.",
                    len(pre),
                    lang,
                ).format(
                    n=len(pre),
                    have=", ".join(map(str, pre)) or _("none", lang),
                    minimum=sdid.MIN_PRE_YEARS,
                )
            )
            return out
        if not post:
            span = f"{start}-{end}" if end > start else str(start)
            out.note = in_every_language(
                lambda lang: _(
                    "No estimate: no figures from the plan period ({span}) yet.", lang
                ).format(span=span)
            )
            return out
        years = pre + post
        source = Counter(series[y].source for y in years).most_common(1)[0][0]
        inside = set().union(*(series[y].parts for y in years))
        donors = self._donor_panel(indicator.measure, source, years, inside)
        if len(donors) < sdid.MIN_DONORS:
            out.note = in_every_language(
                lambda lang: ngettext(
                    "No estimate: {n} municipality outside the region has measure '{measure}' "
                    "for {first}-{last} (at least {minimum} needed).",
                    "No estimate: {n} municipalities outside the region have measure "
                    "'{measure}' for {first}-{last} (at least {minimum} needed).",
                    len(donors),
                    lang,
                ).format(
                    n=len(donors),
                    measure=indicator.measure,
                    first=years[0],
                    last=years[-1],
                    minimum=sdid.MIN_DONORS,
                )
            )
            return out
        y = np.array([series[yr].value for yr in years], dtype=float)
        if np.any(y <= 0):
            out.note = in_every_language(
                lambda lang: _("No estimate: a year with zero crimes on the territory.", lang)
            )
            return out
        result = sdid.estimate(y, donors.to_numpy(dtype=float), len(pre))
        return self._fill(out, result, years, pre, post, y, donors, source, series)

    def _donor_panel(
        self, measure: str, source: str, years: list[int], inside: set[str]
    ) -> pd.DataFrame:
        rows = self.facts.facts(measures=[measure])
        rows = rows[(rows["source"] == source) & rows["area"].str.startswith("GM")]
        rows = rows[rows["period"].astype(str).isin([str(y) for y in years])]
        rows = rows[~rows["area"].isin(inside | {UNASSIGNED})]
        wide = rows.pivot_table(index="area", columns="period", values="value", aggfunc="first")
        wide.columns = [int(c) for c in wide.columns]
        wide = wide.reindex(columns=years).dropna()
        return wide[(wide > 0).all(axis=1)].sort_index()

    def _fill(self, out, result, years, pre, post, y, donors, source, series):
        fit = result.fit
        synth = np.exp(fit.synthetic)
        out.method = METHOD
        out.source = source
        out.pre_years, out.post_years = pre, post
        out.effect_pct = result.overall.pct
        out.effect_low_pct = result.overall.low_pct
        out.effect_high_pct = result.overall.high_pct
        out.placebo_p = result.overall.p_value
        t0 = len(pre)
        out.pre_rmspe = float(np.sqrt(np.mean((y[:t0] - synth[:t0]) ** 2)))
        out.pre_rmspe_pct = 100.0 * fit.pre_rmspe
        out.donor_count = len(donors)
        out.placebos = result.placebos
        for i, yr in enumerate(years):
            row = {
                "year": yr,
                "period": "pre" if i < t0 else "plan",
                "actual": float(y[i]),
                "counterfactual": float(synth[i]),
            }
            if i >= t0:
                eff = result.per_year[i - t0]
                row.update(
                    effect_pct=eff.pct,
                    effect_low_pct=eff.low_pct,
                    effect_high_pct=eff.high_pct,
                    placebo_p=eff.p_value,
                )
            row["provisional"] = bool(series[yr].provisional)
            out.years.append(row)
        order = np.argsort(-fit.omega)
        out.donors = [
            {
                "area": donors.index[i],
                "name": self.registry.name(donors.index[i]) or "",
                "weight": float(fit.omega[i]),
            }
            for i in order
            if fit.omega[i] >= MIN_WEIGHT_SHOWN
        ]
        out.caveats = self._caveats(pre, series)
        return out

    def _caveats(self, pre: list[int], series) -> list[Texts]:
        notes = [
            in_every_language(
                lambda lang: _(
                    "Only {n} years before the plan ({first}-{last}): the comparison rests on "
                    "few years; the interval allows for that, but a trend break just before the "
                    "plan can bias the estimate.",
                    lang,
                ).format(n=len(pre), first=pre[0], last=pre[-1])
            ),
            in_every_language(
                lambda lang: _(
                    "The effect is that of the whole plan period in the region, not of one "
                    "measure: other policy that held only here counts, national policy does "
                    "not. Crime displaced to municipalities outside the region makes the effect "
                    "look larger than it is.",
                    lang,
                )
            ),
        ]
        if any(c.approximate for c in series.values()):
            notes.append(
                in_every_language(
                    lambda lang: _(
                        "The territory is approximated (a municipality lies partly inside it).",
                        lang,
                    )
                )
            )
        if any(c.provisional for c in series.values()):
            notes.append(in_every_language(lambda lang: _("Some figures are provisional.", lang)))
        return notes
