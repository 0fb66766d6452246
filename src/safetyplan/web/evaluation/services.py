# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The goal page's "Evaluatie" section: the plan period's effect against a counterfactual
(:mod:`safetyplan.evaluation`), computed once and cached.

One synthetic control run for all goals takes seconds (placebos over hundreds of donor
municipalities), so the results are cached under the plan's version, the published warehouse
snapshot and the last year evaluated: any edited goal or new load makes a new key, and a page
view afterwards reads the cache. A warehouse that cannot be read gives a message, never a 500.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from safetyplan.web.dashboard import app_settings, monitor
from safetyplan.web.plans.services import effective_plan, plan_version

log = logging.getLogger(__name__)
_compute_lock = threading.Lock()
TOP_DONORS = 10


def evaluation_until(plan, year: int) -> int:
    """The last plan year the evaluation uses: the monitor year, at most the plan's end."""
    return min(year, plan.period_end)


def _key(plan, until: int) -> str:
    from safetyplan import i18n

    # the results hold notes and caveats in the language they were computed in
    raw = f"{plan_version(plan)}|{until}|{monitor.warehouse_version(plan)}|{i18n.active()}"
    return "evaluation:" + hashlib.sha1(raw.encode()).hexdigest()


def evaluation_results(plan, until: int, key: str | None = None) -> list[dict]:
    """``GoalEvaluation.to_dict()`` for every goal, the plan years ending at ``until``
    (cached). Empty when no goal has any figure. Raises ``MonitorUnavailable``."""
    key = key or _key(plan, until)
    results = cache.get(key)
    if results is not None:
        return results
    with _compute_lock:  # one computation per process; the others wait for it
        results = cache.get(key)
        if results is None:
            results = _compute(plan, until)
            cache.set(key, results, app_settings.MONITOR_CACHE_SECONDS)
    return results


def _compute(plan, until: int) -> list[dict]:
    path = monitor.warehouse_file(plan)
    if not path.exists():
        raise monitor.no_warehouse(path)
    from safetyplan.evaluation import NoDataError, evaluate_goals
    from safetyplan.warehouse import Warehouse

    try:
        with Warehouse.open(path, read_only=True) as warehouse:
            results = evaluate_goals(effective_plan(plan), warehouse, until=until)
    except NoDataError:
        log.info("evaluation: no figures for any goal of plan %s (warehouse %s)", plan.pk, path)
        return []
    except Exception as exc:  # a broken warehouse: the page says so, the log has the details
        log.exception("evaluation unavailable for plan %s (warehouse %s)", plan.pk, path)
        raise monitor.MonitorUnavailable(
            _("The figures cannot be read right now; please try again in a moment.")
        ) from exc
    return [json.loads(json.dumps(r.to_dict(), default=monitor._json_default)) for r in results]


def _pct(value) -> str:
    """+4,5% / -19,6% in the page's number format."""
    if value is None:
        return _("no data")
    sign = "+" if value > 0 else ""
    return f"{sign}{number_format(round(value, 1), 1, use_l10n=True)}%"


def _span(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _verdict(result: dict, direction: str | None) -> str:
    """The estimate in plain words; only an interval that excludes 0 counts as an effect."""
    low, high = result["effect_low_pct"], result["effect_high_pct"]
    if low <= 0 <= high:
        return _(
            "No demonstrable effect: the 90% interval includes 0, so the data cannot tell "
            "the plan period apart from what comparable municipalities saw. That is not "
            "proof that the plan had no effect."
        )
    lower = high < 0
    if (direction == "lower") == lower:
        return _(
            "The 90% interval lies entirely on the favourable side of 0: the region moved "
            "more in the plan's direction than its counterfactual, by more than chance "
            "differences between municipalities explain."
        )
    return _(
        "The 90% interval lies entirely on the unfavourable side of 0: the region moved "
        "against the plan's direction compared with its counterfactual."
    )


def goal_evaluation(plan, year: int, goal) -> dict:
    """The template context of the section (``evaluation`` or ``evaluation_unavailable``);
    never raises for a warehouse problem."""
    from safetyplan import charts
    from safetyplan.evaluation import in_language

    lang = "en" if (get_language() or "nl").startswith("en") else "nl"
    until = evaluation_until(plan, year)
    try:
        key = _key(plan, until)
        results = evaluation_results(plan, until, key)
    except monitor.MonitorUnavailable as exc:
        return {"evaluation_unavailable": str(exc)}
    result = next((r for r in results if r["goal"] == goal.code), None)
    if result is None:
        return {
            "evaluation": {
                "estimated": False,
                "until": until,
                "note": _(
                    "No estimate: the warehouse holds no figures for the goals of this plan."
                ),
            }
        }
    out = {
        "estimated": result["effect_pct"] is not None,
        "until": until,
        "note": in_language(result.get("note"), lang),
    }
    if not out["estimated"]:
        return {"evaluation": out}
    # the direction is the plan file's (not editable on the site): no need to rebuild the plan
    direction = next(
        (
            i.get("direction")
            for i in plan.document.get("indicators", [])
            if i.get("id") == result["indicator"]
        ),
        None,
    )
    rows = [
        {
            "year": r["year"],
            "plan": r["period"] == "plan",
            "actual": r["actual"],
            "counterfactual": r["counterfactual"],
            "provisional": r.get("provisional", False),
            "effect": _pct(r["effect_pct"]) if r["period"] == "plan" else None,
            "interval": (
                f"{_pct(r['effect_low_pct'])} – {_pct(r['effect_high_pct'])}"
                if r["period"] == "plan"
                else None
            ),
            "p": r.get("placebo_p"),
        }
        for r in result["years"]
    ]
    # building the spec with Altair costs more than the rest of the section: cache it too
    chart_key = f"{key}:chart:{goal.code}:{lang}"
    spec = cache.get(chart_key)
    if spec is None:
        chart = charts.evaluation_chart(result["years"], lang=lang)
        spec = chart.to_dict(validate=False) if chart is not None else {}
        cache.set(chart_key, spec, app_settings.MONITOR_CACHE_SECONDS)
    out.update(
        effect=_pct(result["effect_pct"]),
        low=_pct(result["effect_low_pct"]),
        high=_pct(result["effect_high_pct"]),
        p=result["placebo_p"],
        verdict=_verdict(result, direction),
        rows=rows,
        pre_span=_span(result["pre_years"]),
        post_span=_span(result["post_years"]),
        pre_rmspe=result["pre_rmspe"],
        pre_rmspe_pct=result["pre_rmspe_pct"],
        donor_count=result["donor_count"],
        placebos=result["placebos"],
        donors=result["donors"][:TOP_DONORS],
        source=result["source"],
        caveats=[in_language(c, lang) for c in result["caveats"]],
        chart=spec or None,
    )
    return {"evaluation": out}
