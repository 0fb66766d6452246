# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""View models for the dashboard and the goal page, built from the monitor's results."""

from __future__ import annotations

from collections import Counter

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from safetyplan.web.plans.services import effective_plan

from . import app_settings, charts, monitor


def _status_order() -> list[str]:
    from safetyplan.monitor import STATUSES

    return list(STATUSES)


def trajectory_points(model_goal) -> list[dict]:
    """The expected value per year from the baseline to the target year."""
    if model_goal is None or model_goal.baseline is None:
        return []
    points = []
    for year in range(model_goal.baseline.year, model_goal.target.year + 1):
        value = model_goal.expected(year)
        if value is not None:
            points.append({"year": year, "value": value})
    return points


def _status_counts(cards) -> list[tuple[str, int]]:
    counts = Counter(c["result"]["status"] for c in cards)
    return [(s, counts[s]) for s in _status_order() if counts[s]]


def overview_html(plan, year: int) -> str:
    """The rendered overview (objectives and goal cards), cached per plan version, warehouse
    version, year and language. It holds nothing that depends on the user, so every
    visitor shares one rendering: the dashboard then costs little more than its frame."""
    key = f"overview-html:{monitor._key(plan, year)}:{get_language()}"
    html = cache.get(key)
    if html is not None:
        return mark_safe(html)  # noqa: S308 - our own template's output
    try:
        context = {"overview": overview(plan, year)}
    except monitor.MonitorUnavailable as exc:
        return _unavailable_html(str(exc))  # not cached: the next request tries again
    html = render_to_string("dashboard/_overview.html", context)
    cache.set(key, str(html), app_settings.MONITOR_CACHE_SECONDS)
    return html


def _unavailable_html(reason: str) -> str:
    return render_to_string("dashboard/_overview.html", {"unavailable": reason})


def overview(plan, year: int) -> dict:
    """Objectives on top, then the goal cards grouped by theme (``overview_html`` caches the
    rendering, under the same key)."""
    results = monitor.goal_results(plan, year)
    model = effective_plan(plan)
    model_goals = {g.id: g for g in model.goals}
    rows = {g.code: g for g in plan.goals.select_related("theme", "objective")}
    cards = []
    for result in results:
        row = rows.get(result["goal"])
        if row is None:
            continue
        trajectory = trajectory_points(model_goals.get(result["goal"]))
        cards.append(
            {
                "goal": row,
                "result": result,
                "chart_id": f"spark-{row.code}",
                "spark": charts.sparkline(result, trajectory),
            }
        )
    by_theme = []
    for theme in plan.themes.all():
        theme_cards = [c for c in cards if c["goal"].theme_id == theme.pk]
        if theme_cards:
            by_theme.append({"theme": theme, "cards": theme_cards})
    loose = [c for c in cards if c["goal"].theme_id is None]
    if loose:
        by_theme.append({"theme": None, "cards": loose})
    objectives = []
    for objective in plan.objectives.all():
        obj_cards = [c for c in cards if c["goal"].objective_id == objective.pk]
        objectives.append(
            {"objective": objective, "cards": obj_cards, "counts": _status_counts(obj_cards)}
        )
    return {
        "year": year,
        "objectives": objectives,
        "themes": by_theme,
        "counts": _status_counts(cards),
        "total": len(cards),
    }


def goal_detail(plan, year: int, goal) -> dict:
    result = monitor.goal_result(plan, year, goal.code)
    model = effective_plan(plan)
    model_goal = next((g for g in model.goals if g.id == goal.code), None)
    indicator = next(
        (i for i in model.indicators if model_goal and i.id == model_goal.indicator), None
    )
    trajectory = trajectory_points(model_goal)
    breakdown = (result or {}).get("breakdown") or []
    definition = indicator.text("definition_note") if indicator else None
    if result and indicator and indicator.definition_note:
        # the page shows the definition once, below the notes, in the page's language
        plan_texts = {indicator.definition_note, indicator.text("definition_note", "en")}
        result = {**result, "notes": [n for n in result.get("notes", []) if n not in plan_texts]}
    pending = model_goal.target if model_goal else None
    # the monitor gives the plan's reason for an open target as the file has it
    if (
        result
        and pending is not None
        and pending.pending
        and result.get("reason") in {pending.pending, pending.pending_en, pending.pending_nl}
    ):
        result = {**result, "reason": pending.text("pending")}
    return {
        "result": result,
        "indicator": indicator,
        "definition_note": definition,
        "model_goal": model_goal,
        "trajectory": trajectory,
        "chart": charts.goal_chart(result, trajectory) if result else None,
        "breakdown": breakdown,
        "breakdown_chart": charts.breakdown_chart(breakdown, goal.display_name)
        if breakdown
        else None,
        "series_rows": sorted(((int(y), v) for y, v in (result or {}).get("series", {}).items())),
    }
