# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Theme, Strategy and Objective share one abstract base; their code is unique per plan
through a named UniqueConstraint, and the migration that brought it keeps every row."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from safetyplan.web.plans.models import Objective, Plan, PlanPart, Strategy, Theme

PARTS = (Theme, Strategy, Objective)


def _plan(code="p"):
    return Plan.objects.create(
        code=code, title="t", region="r", period_start=2015, period_end=2018,
        reference_year=2014, document={},
    )  # fmt: skip


def test_the_three_share_one_base_with_their_own_related_names():
    assert all(issubclass(m, PlanPart) for m in PARTS)
    related = {m: m._meta.get_field("plan").remote_field.related_name for m in PARTS}
    assert related == {Theme: "themes", Strategy: "strategies", Objective: "objectives"}
    assert Objective._meta.get_field("name").max_length == 300
    assert Theme._meta.get_field("name").max_length == 200
    assert [f.name for f in Theme._meta.fields if f.name == "description"] == ["description"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", PARTS)
def test_code_is_unique_per_plan(model):
    names = [c.name for c in model._meta.constraints]
    assert names == [f"plans_{model._meta.model_name}_plan_code"]
    one, other = _plan("one"), _plan("other")
    model.objects.create(plan=one, code="x", name="a")
    model.objects.create(plan=other, code="x", name="b")  # another plan: allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(plan=one, code="x", name="c")


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_rows():
    """Back to 0001 (unique_together), rows in, forward to 0002: the same rows, and the
    constraint holds afterwards."""
    executor = MigrationExecutor(connection)
    before = [("plans", "0001_initial")]
    latest = executor.loader.graph.leaf_nodes("plans")
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        plan = old.get_model("plans", "Plan").objects.create(
            code="m", title="t", region="r", period_start=2015, period_end=2018,
            reference_year=2014, document={},
        )  # fmt: skip
        for name in ("Theme", "Strategy", "Objective"):
            old.get_model("plans", name).objects.create(plan=plan, code="c", name=name, order=3)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
        for model in PARTS:
            rows = list(model.objects.values_list("plan__code", "code", "name", "order"))
            assert rows == [("m", "c", model.__name__, 3)]
            with pytest.raises(IntegrityError), transaction.atomic():
                model.objects.create(plan_id=plan.pk, code="c", name="again")
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
