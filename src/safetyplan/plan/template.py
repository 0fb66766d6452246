# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A CSV template for one goal's own figures, in the ``safetyplan ingest facts`` format.

One row per area, year and measure the monitor reads for the goal, with an empty ``value``:
the region fills in what it has, deletes the rows it has no figure for (an empty value is
rejected on loading, never read as zero) and loads the file with ``safetyplan ingest facts``.

The areas are where the monitor looks: the indicator's ``area`` when it has one (a survey
score or a unit-wide count), else the plan's municipalities as the plan lists them (the
monitor adds them up to the territory). A ratio indicator gets rows for its numerator and
denominator, so both come from the same registration.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from safetyplan.errors import PlanError
from safetyplan.i18n import _

from .models import IndicatorKind, Plan

COLUMNS = ("area", "period", "measure", "value", "provisional", "area_name")  # the last is
# for the person filling it in; `ingest facts` ignores columns it does not know


@dataclass(frozen=True)
class TemplateRow:
    area: str
    period: str
    measure: str
    area_name: str


def goal_measures(plan: Plan, goal_id: str) -> list[str]:
    """The warehouse measures the monitor reads for ``goal_id``."""
    indicator = plan.indicator(find_goal(plan, goal_id).indicator)
    if indicator.kind is IndicatorKind.ratio:
        return [indicator.numerator, indicator.denominator]
    return [indicator.measure]


def find_goal(plan: Plan, goal_id: str):
    for goal in plan.goals:
        if goal.id == goal_id:
            return goal
    known = ", ".join(g.id for g in plan.goals) or _("none")
    raise PlanError(
        _("--goal {goal}: unknown goal in plan '{plan}'; choose from: {known}").format(
            goal=goal_id, plan=plan.id, known=known
        )
    )


def template_rows(
    plan: Plan,
    goal_id: str,
    first_year: int | None = None,
    last_year: int | None = None,
    name: Callable[[str], str | None] = lambda code: None,
) -> list[TemplateRow]:
    """The template's rows for ``goal_id``: every year from ``first_year`` (default the plan's
    start) to ``last_year`` (default its end), per measure and area."""
    goal = find_goal(plan, goal_id)
    indicator = plan.indicator(goal.indicator)
    first = plan.period.start if first_year is None else first_year
    last = plan.period.end if last_year is None else last_year
    if last < first:
        raise PlanError(
            _("--from-year {first} is after --to-year {last}").format(first=first, last=last)
        )
    if last - first > 50:
        raise PlanError(
            _("--from-year {first} .. --to-year {last}: more than 50 years").format(
                first=first, last=last
            )
        )
    if indicator.kind is IndicatorKind.survey and not indicator.area:
        # the monitor never adds percentages over municipalities, so such rows would not count
        raise PlanError(
            _(
                "--goal {goal}: indicator '{indicator}' is a survey share without 'area'; set "
                "'area:' on the indicator in the plan (e.g. the police unit, RE07) so that the "
                "monitor reads that area, then make the template"
            ).format(goal=goal_id, indicator=indicator.id)
        )
    areas = [indicator.area] if indicator.area else list(plan.region.municipalities)
    return [
        TemplateRow(area, str(year), measure, name(area) or "")
        for measure in goal_measures(plan, goal_id)
        for year in range(first, last + 1)
        for area in areas
    ]


def template_csv(rows: list[TemplateRow]) -> str:
    """The rows as CSV text (comma-separated, header first, value and provisional empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.area, row.period, row.measure, "", "", row.area_name])
    return out.getvalue()
