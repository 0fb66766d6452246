# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual plans' activities from ``<plan stem>.activities.yaml`` beside the plan file.

The file keeps the texts as data so that another region ships its own; each activity names
the plan's chapter or section it comes from (``source``). Status and progress are example
values (``example_status``): the pages label them "voorbeeldstatus".
"""

from __future__ import annotations

from pathlib import Path

import yaml

from safetyplan.web.annualplans.models import Activity, AnnualPlan
from safetyplan.web.organisations.models import Organisation
from safetyplan.web.plans.models import Goal, Strategy, Theme


def activities_file(plan) -> Path | None:
    source = Path(plan.source_path or "") if getattr(plan, "source_path", None) else None
    if source is None:
        return None
    path = source.with_name(f"{source.stem}.activities.yaml")
    return path if path.is_file() else None


def seed(plan) -> int:
    """Create or update the activities of the file (matched on year and title); their count."""
    path = activities_file(plan)
    if path is None:
        return 0
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for org in data.get("organisations") or []:
        # only parties the plan's own seeding lacks; an existing code is left as it is
        Organisation.objects.get_or_create(
            code=org["code"], defaults={"name": org["name"], "kind": Organisation.Kind.PARTNER}
        )
    count = 0
    for item in data.get("activities") or []:
        for year in item["years"]:
            _activity(plan, year, item)
            count += 1
    return count


def _activity(plan, year: int, item: dict) -> Activity:
    annual, _ = AnnualPlan.objects.get_or_create(plan=plan, year=year)
    owner = Organisation.objects.get(code=item["owner"])
    activity, _ = Activity.objects.update_or_create(
        annual_plan=annual,
        title=item["title"],
        defaults={
            "title_en": item.get("title_en", ""),
            "description": item.get("description", ""),
            "description_en": item.get("description_en", ""),
            "owner": owner,
            "source": item["source"],
            "status": item.get("status", "planned"),
            "progress": item.get("progress", 0),
            "example_status": True,
        },
    )
    activity.themes.set(Theme.objects.filter(plan=plan, code=item["theme"]))
    activity.strategies.set(
        Strategy.objects.filter(plan=plan, code__in=item.get("strategies") or [])
    )
    activity.goals.set(Goal.objects.filter(plan=plan, code__in=item.get("goals") or []))
    return activity
