# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan's service promises on the dashboard: this year's compliance per standard from
the meldingen register, next to the goals.

Computing compliance reads every report of the year, so the result is cached. The key holds
the register's version (reports and events: their highest id and count) and the minute,
because a report becomes overdue by the passing of time alone.
"""

from __future__ import annotations

import time
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

CACHE_SECONDS = 120


def register_version() -> str:
    from safetyplan.web.meldingen.models import Melding, MeldingEvent

    reports = connection.ops.quote_name(Melding._meta.db_table)
    events = connection.ops.quote_name(MeldingEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {reports}), (SELECT COUNT(*) FROM {reports}),"
            f" (SELECT MAX(id) FROM {events}), (SELECT COUNT(*) FROM {events})"
        )
        return ":".join(str(v) for v in cursor.fetchone())


def _key(plan) -> str:
    minute = int(time.time() // 60)
    return (
        f"promises:{plan.pk}:{plan.seeded_at.timestamp()}:{register_version()}:{minute}"
        f":{get_language()}"
    )


def promises_html(plan) -> str:
    """The dashboard's section on the service promises, rendered once per cache key."""
    key = "html:" + _key(plan)
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "dashboard/_promises.html",
            {"promises": service_promises(plan), "promises_year": timezone.localdate().year},
        )
        cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output


def service_promises(plan) -> list[dict]:
    """``[{"standard", "name", "compliance"}]`` for each standard of the plan, from 1 January
    of this year to today; empty when the plan makes no service promises."""
    key = _key(plan)
    cached = cache.get(key)
    if cached is not None:
        return cached
    from safetyplan.web.meldingen import services

    if not plan.document.get("service_standards"):
        cache.set(key, [], CACHE_SECONDS)
        return []
    today = timezone.localdate()
    english = (get_language() or "nl").startswith("en")
    rows = []
    for std in services.standards():
        total, _ = services.compliance(std, date(today.year, 1, 1), today)
        rows.append(
            {
                "standard": std.id,
                "name": (std.name_en or std.name) if english else std.name,
                "compliance": total,
            }
        )
    cache.set(key, rows, CACHE_SECONDS)
    return rows
