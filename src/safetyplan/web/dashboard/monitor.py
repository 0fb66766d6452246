# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The monitor's figures for the web pages, computed once and cached.

The cache key holds the plan's version (any edited target changes it) and the published
warehouse snapshot (any load publishes a new one), so cached figures are never stale. The
results live in Django's cache, which the settings share between all server workers.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from pathlib import Path

from django.core.cache import cache
from django.utils.translation import gettext as _

from safetyplan.web.plans.services import effective_plan, plan_version

from . import app_settings

log = logging.getLogger(__name__)
_compute_lock = threading.Lock()


class MonitorUnavailable(Exception):
    """The figures cannot be computed (no warehouse yet, or it cannot be read). The message
    is for users: no paths or process ids (those go to the log)."""


def no_warehouse(path: Path) -> MonitorUnavailable:
    """The plain message for a missing warehouse; the log names the file."""
    log.warning("no warehouse at %s", path)
    return MonitorUnavailable(
        _(
            "There are no figures yet: the warehouse has not been built. Run 'safetyplan demo' "
            "or load data."
        )
    )


def warehouse_file(plan) -> Path:
    """The plan's warehouse (recorded by the demo), else the configured default."""
    if plan.warehouse_path:
        return Path(plan.warehouse_path)
    from safetyplan.settings import warehouse_path

    return Path(warehouse_path()).absolute()


def default_year(plan) -> int:
    return plan.period_end


def warehouse_version(plan) -> str:
    """Which published warehouse snapshot the pages read now (changes with every load)."""
    from safetyplan.warehouse import version_of

    path = warehouse_file(plan)
    return f"{path}|{version_of(path)}"


def _key(plan, year: int) -> str:
    from safetyplan import i18n

    # the results hold texts (notes, reasons) in the language they were computed in
    raw = f"{plan_version(plan)}|{year}|{warehouse_version(plan)}|{i18n.active()}"
    return "monitor:" + hashlib.sha1(raw.encode()).hexdigest()


def goal_results(plan, year: int) -> list[dict]:
    """``GoalResult.to_dict()`` for every goal of the plan in ``year``."""
    key = _key(plan, year)
    results = cache.get(key)
    if results is not None:
        return results
    with _compute_lock:  # one computation per process; the others wait for it
        results = cache.get(key)
        if results is None:
            results = _compute(plan, year)
            cache.set(key, results, app_settings.MONITOR_CACHE_SECONDS)
    return results


def goal_result(plan, year: int, goal_code: str) -> dict | None:
    return next((r for r in goal_results(plan, year) if r["goal"] == goal_code), None)


def _compute(plan, year: int) -> list[dict]:
    path = warehouse_file(plan)
    if not path.exists():
        raise no_warehouse(path)
    from safetyplan.monitor import evaluate_plan
    from safetyplan.warehouse import Warehouse

    try:
        with Warehouse.open(path, read_only=True) as warehouse:
            results = evaluate_plan(effective_plan(plan), warehouse, year)
    except MonitorUnavailable:
        raise
    except Exception as exc:  # a broken warehouse: the page says so, the log has the details
        log.exception("monitor figures unavailable for plan %s (warehouse %s)", plan.pk, path)
        raise MonitorUnavailable(
            _("The figures cannot be read right now; please try again in a moment.")
        ) from exc
    return [json.loads(json.dumps(r.to_dict(), default=_json_default)) for r in results]


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
