# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual report's evaluation chapter: did the plan period make a difference?

Only the annual reports of the plan's ``evaluation_years`` carry it (the Rotterdam plan:
2017, mid-term, and 2018, the end). Per count goal the region against its counterfactual
(synthetic difference-in-differences, :mod:`safetyplan.evaluation`) over the plan years up to
the report's year; goals the method cannot judge get the reason. The chapter has its own
partial template, ``_evaluation.html.j2``; its words come from the catalogues.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

from safetyplan import charts, i18n
from safetyplan.evaluation import NoDataError, evaluate_goals
from safetyplan.evaluation.plan_eval import in_language
from safetyplan.i18n import _
from safetyplan.plan import Plan

from .disclosure import DisclosurePolicy
from .i18n import NONE, Formatter

log = logging.getLogger(__name__)
TOP_DONORS = 5


def evaluation_chapter(
    plan: Plan,
    facts: Any,
    year: int,
    fmt: Formatter,
    policy: DisclosurePolicy,
    registry: Any = None,
) -> dict | None:
    """The chapter's content, or None when ``year`` is not one of the plan's evaluation
    years."""
    if year not in plan.evaluation_years:
        return None
    with i18n.override(fmt.lang):
        return _chapter(plan, facts, year, fmt, policy, registry)


def _chapter(
    plan: Plan, facts: Any, year: int, fmt: Formatter, policy: DisclosurePolicy, registry: Any
) -> dict:
    until = min(year, plan.period.end)
    span = _span(list(range(plan.period.start, until + 1)))
    intro = (
        _(
            "{year} is the plan's last year and an evaluation year: this evaluation uses "
            "the plan years {span}."
        )
        if until == plan.period.end
        else _(
            "{year} is an evaluation year of the plan (mid-term): this evaluation uses the "
            "plan years {span}."
        )
    )
    chapter: dict[str, Any] = {
        "intro": intro.format(year=year, span=span),
        # texts with a '%' in them: the template's _() would read it as a format character
        "method": _(
            "For every goal measured in counts, the region's figures are set against a "
            "synthetic comparison: a weighted mix of municipalities outside the region whose "
            "course before the plan matched the region's (synthetic difference-in-differences). "
            "The difference is the plan period's effect, in % of the counterfactual, with a 90% "
            "interval from placebo runs: every comparison municipality is evaluated as if it "
            "had had the plan."
        ),
        "col_interval": _("90% interval"),
        "goals": [],
        "not_estimated": [],
        "caveats": [
            _(
                "The comparison assumes that, without the plan, the region would have followed "
                "the weighted mix of comparison municipalities. Events that struck only the "
                "region in the plan period count as effect."
            ),
            _(
                "If the 90% interval includes 0, there is no demonstrable effect; that is not "
                "proof of no effect."
            ),
        ],
        "note": None,
    }
    try:
        results = evaluate_goals(plan, facts, registry=registry, until=until)
    except NoDataError:
        chapter["note"] = _(
            "No data: the warehouse holds no figures for the goals of this plan, so there is "
            "nothing to evaluate."
        )
        return chapter
    caveats: list[str] = []
    for r in results:
        name = plan.indicator(r.indicator).text("name", fmt.lang) or r.name
        if not r.estimated:
            chapter["not_estimated"].append({"name": name, "reason": in_language(r.note, fmt.lang)})
            continue
        chapter["goals"].append(_goal(plan, r, name, fmt, policy))
        caveats += [in_language(c, fmt.lang) for c in r.caveats]
    chapter["caveats"] += [c for i, c in enumerate(caveats) if c not in caveats[:i]]
    return chapter


def _goal(plan: Plan, r, name: str, fmt: Formatter, policy: DisclosurePolicy) -> dict:
    direction = plan.indicator(r.indicator).direction.value
    rows = []
    any_hidden = False
    for y in r.years:
        hidden = policy.is_small_count(y["actual"])  # the counterfactual would reveal it too
        any_hidden = any_hidden or hidden
        plan_year = y["period"] == "plan"
        rows.append(
            {
                "year": y["year"],
                "pre": not plan_year,
                "actual": policy.small_label if hidden else fmt.number(y["actual"]),
                "provisional": "*" if y.get("provisional") else "",
                "counterfactual": policy.small_label if hidden else fmt.number(y["counterfactual"]),
                "effect": _pct(y["effect_pct"], fmt) if plan_year else "",
                "interval": (
                    f"{_pct(y['effect_low_pct'], fmt)} – {_pct(y['effect_high_pct'], fmt)}"
                    if plan_year
                    else ""
                ),
                "p": fmt.number(y["placebo_p"], 2) if plan_year else "",
            }
        )
    low, high = r.effect_low_pct, r.effect_high_pct
    if low <= 0 <= high:
        verdict = _(
            "No demonstrable effect: the interval includes 0. That is not proof that the plan "
            "had no effect; the figures cannot tell it apart from the differences between "
            "municipalities."
        )
    elif (direction == "lower") == (high < 0):
        verdict = _(
            "The interval lies entirely on the favourable side of 0: the region moved further "
            "in the plan's direction than expected without the plan."
        )
    else:
        verdict = _(
            "The interval lies entirely on the unfavourable side of 0: the region moved "
            "against the plan's direction."
        )
    donors = [
        f"{d['name'] or d['area']} {fmt.number(d['weight'], 3)}" for d in r.donors[:TOP_DONORS]
    ]
    # the chart would show what the table hides
    chart = None if any_hidden else charts.evaluation_chart(r.years, lang=fmt.lang)
    return {
        "id": r.goal,
        "name": name,
        "sentence": _(
            "Over {span} the region had {effect} against its counterfactual (90% interval "
            "{low} to {high}; placebo p = {p}), compared with {donors} municipalities outside "
            "the region; before the plan ({pre}) the comparison missed the region by {rmspe} a "
            "year on average."
        ).format(
            span=_span(r.post_years),
            effect=_pct(r.effect_pct, fmt),
            low=_pct(low, fmt),
            high=_pct(high, fmt),
            p=fmt.number(r.placebo_p, 2),
            donors=r.donor_count,
            pre=_span(r.pre_years),
            rmspe=fmt.number(r.pre_rmspe),
        ),
        "verdict": verdict,
        "rows": rows,
        "donors": (
            _("Largest weights: {names}.").format(names=", ".join(donors))
            if donors
            else _(
                "No municipality has a weight of {weight} or more: the weights are spread thinly."
            ).format(weight=fmt.number(0.005, 3))
        ),
        "source": r.source,
        "chart": (
            {
                "src": _svg_data_uri(charts.to_svg(chart, fmt.lang)),
                "alt": _(
                    "{name}: the region and its counterfactual per year; the figures are in the "
                    "table."
                ).format(name=name),
            }
            if chart is not None
            else None
        ),
    }


def _pct(value: float | None, fmt: Formatter) -> str:
    """+4,5% / -19,6%: one decimal, always signed (an effect, not a level)."""
    if value is None:
        return NONE
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{fmt.number(abs(value), 1)}%"


def _span(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
