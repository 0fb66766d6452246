# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan as the monitor should see it: the file's structure with the database's targets."""

from django.db import connection

from .models import Goal, GoalYearTarget, Plan


def plan_version(plan: Plan) -> str:
    """Changes whenever a goal, a yearly target or the plan itself changes (cache key);
    the goal count catches a deleted goal that was not the latest one edited.

    One plain SQL round trip: every dashboard request asks, so the ORM's query building
    (three aggregates) was a noticeable share of the page (benchmarks/web/dashboard_load.py).
    """
    goals = connection.ops.quote_name(Goal._meta.db_table)
    targets = connection.ops.quote_name(GoalYearTarget._meta.db_table)
    sql = (
        f"SELECT (SELECT MAX(updated_at) FROM {goals} WHERE plan_id = %s),"
        f" (SELECT COUNT(*) FROM {goals} WHERE plan_id = %s),"
        f" (SELECT MAX(t.id) FROM {targets} t JOIN {goals} g ON g.id = t.goal_id"
        f" WHERE g.plan_id = %s),"
        f" (SELECT COUNT(*) FROM {targets} t JOIN {goals} g ON g.id = t.goal_id"
        f" WHERE g.plan_id = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk] * 4)
        latest_goal, goals_count, latest_target, targets_count = cursor.fetchone()
    parts = [
        plan.pk,
        plan.seeded_at.timestamp(),
        latest_goal,
        goals_count,
        latest_target,
        targets_count,
    ]
    return ":".join(str(p) for p in parts)


def effective_plan(plan: Plan):
    """A :class:`safetyplan.plan.Plan` whose goals carry the edited baselines and targets."""
    from safetyplan.plan.models import Baseline
    from safetyplan.plan.models import Plan as PlanModel

    model = PlanModel.model_validate(plan.document)
    rows = {g.code: g for g in Goal.objects.filter(plan=plan).prefetch_related("year_targets")}
    goals = []
    for goal in model.goals:
        row = rows.get(goal.id)
        if row is None:
            goals.append(goal)
            continue
        baseline = (
            Baseline(year=row.baseline_year, value=row.baseline)
            if row.baseline_year is not None and row.baseline is not None
            else None
        )
        target_update: dict[str, object] = {
            "year": row.target_year,
            "value": row.target,
            "change_pct": None,
        }
        if row.target is None:
            # the database keeps the Dutch reason and the English one (seeding.py)
            target_update["pending"] = (
                row.target_pending or goal.target.text("pending", "nl") or "-"
            )
            target_update["pending_en"] = row.target_pending_en or None
            target_update["pending_nl"] = None
        else:
            target_update["pending"] = target_update["pending_en"] = None
            target_update["pending_nl"] = None
        update = {
            "baseline": baseline,
            "target": goal.target.model_copy(update=target_update),
            "note": row.note or goal.note,
        }
        yearly = {yt.year: yt.value for yt in row.year_targets.all()}
        if yearly:
            base = goal.trajectory if isinstance(goal.trajectory, dict) else {}
            update["trajectory"] = {**base, **yearly}
        goals.append(goal.model_copy(update=update))
    return model.model_copy(update={"goals": goals})
