# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Seed the database from a plan file. Idempotent: seeding again updates the structure
(names, themes, indicators) but keeps every baseline and target people have edited."""

from pathlib import Path

from django.db import transaction

from .models import Goal, Objective, Plan, Strategy, Theme


def _texts(item, field: str) -> dict:
    """*field* as the two columns the database keeps: the Dutch text in ``field``, the
    English in ``field_en`` (empty where the plan gives no second language). A plan written
    in English (``name`` plus ``name_nl``) lands in the same columns."""
    dutch = item.text(field, "nl") or ""
    english = item.text(field, "en") or ""
    return {field: dutch, f"{field}_en": english if english != dutch else ""}


def _plan_model(plan_or_path):
    from safetyplan.plan import load_plan

    if isinstance(plan_or_path, str | Path):
        return load_plan(plan_or_path), str(Path(plan_or_path).resolve())
    return plan_or_path, ""


@transaction.atomic
def seed_plan(plan_or_path, warehouse_path=None) -> Plan:
    """Create or update the plan's rows; returns the Plan row (made the current plan)."""
    model, source_path = _plan_model(plan_or_path)
    document = model.model_dump(mode="json")
    plan, _created = Plan.objects.update_or_create(
        code=model.id,
        defaults={
            **_texts(model, "title"),
            "region": model.region.text("name", "nl"),
            "region_en": _texts(model.region, "name")["name_en"],
            "period_start": model.period.start,
            "period_end": model.period.end,
            "reference_year": model.reference_year,
            "document": document,
            "is_current": True,
            **({"source_path": source_path} if source_path else {}),
            # the warehouse's name (absolute), not the snapshot it points to today
            **({"warehouse_path": str(Path(warehouse_path).absolute())} if warehouse_path else {}),
        },
    )
    Plan.objects.exclude(pk=plan.pk).update(is_current=False)
    themes = _seed_named(plan, Theme, model.themes, description=True)
    _seed_named(plan, Strategy, model.strategies)
    objectives = _seed_named(plan, Objective, model.objectives)
    goal_objective = {gid: obj.id for obj in model.objectives for gid in obj.goals}
    for order, goal in enumerate(model.goals):
        indicator = model.indicator(goal.indicator)
        structure = {
            **_texts(indicator, "name"),
            "theme": themes.get(goal.theme),
            "objective": objectives.get(goal.objective or goal_objective.get(goal.id)),
            "indicator": indicator.id,
            "unit": indicator.unit,
            "direction": indicator.direction.value,
            "order": order,
        }
        row = Goal.objects.filter(plan=plan, code=goal.id).first()
        if row is None:
            Goal.objects.create(plan=plan, code=goal.id, **structure, **_targets_from_file(goal))
        else:
            Goal.objects.filter(pk=row.pk).update(**structure)
            if not row.target_pending_en and row.target_pending == (
                goal.target.text("pending", "nl") or ""
            ):
                # a reason nobody edited gets the file's English text (new in the format)
                Goal.objects.filter(pk=row.pk).update(
                    target_pending_en=_texts(goal.target, "pending")["pending_en"]
                )
    return plan


def _seed_named(plan, model_class, items, description=False) -> dict:
    rows = {}
    for order, item in enumerate(items):
        defaults = {**_texts(item, "name"), "order": order}
        if description:
            defaults.update(_texts(item, "description"))
        rows[item.id], _ = model_class.objects.update_or_create(
            plan=plan, code=item.id, defaults=defaults
        )
    return rows


def _targets_from_file(goal) -> dict:
    return {
        "baseline_year": goal.baseline.year if goal.baseline else None,
        "baseline": goal.baseline.value if goal.baseline else None,
        "target_year": goal.target.year,
        "target": goal.target_value,
        "target_pending": goal.target.text("pending", "nl") or "",
        "target_pending_en": _texts(goal.target, "pending")["pending_en"],
        "note": goal.text("note", "nl") or "",
    }


def current_plan() -> Plan | None:
    """The plan the pages show. Every page asks, so this is one plain query (see
    ``core.rows``); the document (the whole plan file as JSON) is loaded only when a page
    needs it: most requests are served from cached figures."""
    from django.db import connection

    from safetyplan.web.core import rows

    fields = rows.columns(Plan, exclude=("document",))
    qn = connection.ops.quote_name
    sql = (
        f"SELECT {rows.select_list(fields, 'p')} FROM {rows.table(Plan)} p"
        f" WHERE p.{qn('is_current')} = %s ORDER BY p.{qn('period_start')} DESC, p.id LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True])
        row = cursor.fetchone()
    return rows.instance(Plan, fields, row) if row else None
