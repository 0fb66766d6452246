# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual report's evaluation chapter: did the plan period make a difference?

Only the annual reports of the plan's ``evaluation_years`` carry it (the Rotterdam plan:
2017, mid-term, and 2018, the end). Per count goal the region against its counterfactual
(synthetic difference-in-differences, :mod:`safetyplan.evaluation`) over the plan years up to
the report's year; goals the method cannot judge get the reason. The chapter keeps its own
words here (Dutch and English) and its own partial template, ``_evaluation.html.j2``.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

from safetyplan import charts
from safetyplan.evaluation import NoDataError, evaluate_goals, in_language
from safetyplan.plan import Plan

from .disclosure import DisclosurePolicy
from .i18n import Formatter

log = logging.getLogger(__name__)
TOP_DONORS = 5

TEXTS = {
    "nl": {
        "title": "Evaluatie: heeft de planperiode verschil gemaakt?",
        "toc": "Evaluatie",
        "intro_mid": "{year} is een evaluatiejaar van het plan (tussentijds): deze evaluatie "
        "gebruikt de planjaren {span}.",
        "intro_end": "{year} is het laatste jaar van het plan en een evaluatiejaar: deze "
        "evaluatie gebruikt de planjaren {span}.",
        "method": "Per doel dat in aantallen wordt gemeten staan de cijfers van het gebied "
        "naast een synthetische vergelijking: een gewogen mix van gemeenten buiten "
        "het gebied waarvan het verloop vóór het plan dat van het gebied volgde "
        "(synthetische difference-in-differences). Het verschil is het effect van de "
        "planperiode, in % van de situatie zonder plan, met een 90%-interval uit "
        "placeboberekeningen: elke vergelijkingsgemeente wordt berekend alsof zij het "
        "plan had gehad.",
        "sentence": "Over {span} had het gebied {effect} ten opzichte van de situatie zonder "
        "plan (90%-interval {low} tot {high}; placebo-p = {p}), vergeleken met "
        "{donors} gemeenten buiten het gebied; vóór het plan ({pre}) zat de "
        "vergelijking gemiddeld {rmspe} per jaar naast het gebied.",
        "no_effect": "Geen aantoonbaar effect: het interval omvat 0. Dat bewijst niet dat het "
        "plan geen effect had; de cijfers kunnen het alleen niet onderscheiden van "
        "de verschillen tussen gemeenten.",
        "favourable": "Het interval ligt helemaal aan de gunstige kant van 0: het gebied "
        "bewoog meer in de richting van het plan dan zonder plan te verwachten "
        "was.",
        "unfavourable": "Het interval ligt helemaal aan de ongunstige kant van 0: het gebied "
        "bewoog tegen de richting van het plan in.",
        "col_year": "Jaar",
        "col_actual": "Werkelijk",
        "col_counterfactual": "Zonder plan",
        "col_effect": "Effect",
        "col_interval": "90%-interval",
        "col_p": "placebo-p",
        "pre": "vóór plan",
        "donors": "Grootste gewichten: {names}.",
        "donors_thin": "Geen gemeente heeft een gewicht van 0,005 of meer: de gewichten zijn "
        "dun verspreid.",
        "chart_alt": "{name}: het gebied en de situatie zonder plan per jaar; de cijfers "
        "staan in de tabel.",
        "not_estimated": "Doelen zonder schatting",
        "col_goal": "Doel",
        "col_reason": "Waarom niet",
        "caveats": "Zo leest u deze evaluatie",
        "caveat_assumption": "De vergelijking gaat ervan uit dat het gebied zonder het plan "
        "de gewogen mix van vergelijkingsgemeenten zou hebben gevolgd. "
        "Wat in de planperiode alleen het gebied trof, telt als effect "
        "mee.",
        "caveat_interval": "Omvat het 90%-interval 0, dan is er geen aantoonbaar effect; dat is "
        "geen bewijs dat er geen effect is.",
        "no_data": "Geen gegevens: het datawarehouse heeft geen cijfers voor de doelen van "
        "dit plan, dus er is niets te evalueren.",
    },
    "en": {
        "title": "Evaluation: did the plan period make a difference?",
        "toc": "Evaluation",
        "intro_mid": "{year} is an evaluation year of the plan (mid-term): this evaluation uses "
        "the plan years {span}.",
        "intro_end": "{year} is the plan's last year and an evaluation year: this evaluation "
        "uses the plan years {span}.",
        "method": "For every goal measured in counts, the region's figures are set against a "
        "synthetic comparison: a weighted mix of municipalities outside the region "
        "whose course before the plan matched the region's (synthetic "
        "difference-in-differences). The difference is the plan period's effect, in % "
        "of the counterfactual, with a 90% interval from placebo runs: every "
        "comparison municipality is evaluated as if it had had the plan.",
        "sentence": "Over {span} the region had {effect} against its counterfactual (90% "
        "interval {low} to {high}; placebo p = {p}), compared with {donors} "
        "municipalities outside the region; before the plan ({pre}) the comparison "
        "missed the region by {rmspe} a year on average.",
        "no_effect": "No demonstrable effect: the interval includes 0. That is not proof that "
        "the plan had no effect; the figures cannot tell it apart from the "
        "differences between municipalities.",
        "favourable": "The interval lies entirely on the favourable side of 0: the region moved "
        "further in the plan's direction than expected without the plan.",
        "unfavourable": "The interval lies entirely on the unfavourable side of 0: the region "
        "moved against the plan's direction.",
        "col_year": "Year",
        "col_actual": "Actual",
        "col_counterfactual": "Without the plan",
        "col_effect": "Effect",
        "col_interval": "90% interval",
        "col_p": "placebo p",
        "pre": "before the plan",
        "donors": "Largest weights: {names}.",
        "donors_thin": "No municipality has a weight of 0.005 or more: the weights are spread "
        "thinly.",
        "chart_alt": "{name}: the region and its counterfactual per year; the figures are in "
        "the table.",
        "not_estimated": "Goals without an estimate",
        "col_goal": "Goal",
        "col_reason": "Why not",
        "caveats": "How to read this evaluation",
        "caveat_assumption": "The comparison assumes that, without the plan, the region would "
        "have followed the weighted mix of comparison municipalities. "
        "Events that struck only the region in the plan period count as "
        "effect.",
        "caveat_interval": "If the 90% interval includes 0, there is no demonstrable effect; "
        "that is not proof of no effect.",
        "no_data": "No data: the warehouse holds no figures for the goals of this plan, so "
        "there is nothing to evaluate.",
    },
}


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
    text = TEXTS[fmt.lang]
    until = min(year, plan.period.end)
    span = _span(list(range(plan.period.start, until + 1)))
    chapter = {
        "t": text,
        "intro": text["intro_end" if until == plan.period.end else "intro_mid"].format(
            year=year, span=span
        ),
        "goals": [],
        "not_estimated": [],
        "caveats": [text["caveat_assumption"], text["caveat_interval"]],
        "note": None,
    }
    try:
        results = evaluate_goals(plan, facts, registry=registry, until=until)
    except NoDataError:
        chapter["note"] = text["no_data"]
        return chapter
    caveats: list[str] = []
    for r in results:
        name = r.name if fmt.lang == "nl" else (r.name_en or r.name)
        if not r.estimated:
            chapter["not_estimated"].append({"name": name, "reason": in_language(r.note, fmt.lang)})
            continue
        chapter["goals"].append(_goal(plan, r, name, fmt, policy, text))
        caveats += [in_language(c, fmt.lang) for c in r.caveats]
    chapter["caveats"] += [c for i, c in enumerate(caveats) if c not in caveats[:i]]
    return chapter


def _goal(plan: Plan, r, name: str, fmt: Formatter, policy: DisclosurePolicy, text: dict) -> dict:
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
        verdict = text["no_effect"]
    else:
        verdict = text["favourable" if (direction == "lower") == (high < 0) else "unfavourable"]
    donors = [
        f"{d['name'] or d['area']} {fmt.number(d['weight'], 3)}" for d in r.donors[:TOP_DONORS]
    ]
    # the chart would show what the table hides
    chart = None if any_hidden else charts.evaluation_chart(r.years, lang=fmt.lang)
    return {
        "id": r.goal,
        "name": name,
        "sentence": text["sentence"].format(
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
        "donors": text["donors"].format(names=", ".join(donors)) if donors else text["donors_thin"],
        "source": r.source,
        "chart": (
            {
                "src": _svg_data_uri(charts.to_svg(chart, fmt.lang)),
                "alt": text["chart_alt"].format(name=name),
            }
            if chart is not None
            else None
        ),
    }


def _pct(value: float | None, fmt: Formatter) -> str:
    """+4,5% / -19,6%: one decimal, always signed (an effect, not a level)."""
    if value is None:
        return fmt.t("none")
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{fmt.number(abs(value), 1)}%"


def _span(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
