"""The monitor's figures for the web pages, computed once and cached.

The cache key holds the plan's version (any edited target changes it) and the warehouse
file's modification time (any load changes it), so cached figures are never stale. Results
are kept in the process cache and on disk, so every server worker reuses one computation.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from safetyplan.web.plans.services import effective_plan, plan_version

from . import app_settings

_compute_lock = threading.Lock()


class MonitorUnavailable(Exception):
    """The figures cannot be computed (no warehouse yet, or it cannot be read)."""


def warehouse_file(plan) -> Path:
    """The plan's warehouse (recorded by the demo), else the configured default."""
    if plan.warehouse_path:
        return Path(plan.warehouse_path)
    from safetyplan.settings import warehouse_path

    return Path(warehouse_path()).resolve()


def default_year(plan) -> int:
    return plan.period_end


def _key(plan, year: int) -> str:
    path = warehouse_file(plan)
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    raw = f"{plan_version(plan)}|{year}|{path}|{mtime}"
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
            results = _from_disk(key)
        if results is None:
            results = _compute(plan, year)
            _to_disk(key, results)
        cache.set(key, results, app_settings.MONITOR_CACHE_SECONDS)
    return results


def goal_result(plan, year: int, goal_code: str) -> dict | None:
    return next((r for r in goal_results(plan, year) if r["goal"] == goal_code), None)


def _compute(plan, year: int) -> list[dict]:
    path = warehouse_file(plan)
    if not path.exists():
        raise MonitorUnavailable(
            _("The warehouse %(path)s does not exist yet: run 'safetyplan demo' or load data.")
            % {"path": path}
        )
    from safetyplan.monitor import evaluate_plan
    from safetyplan.warehouse import Warehouse

    try:
        with Warehouse.open(path, read_only=True) as warehouse:
            results = evaluate_plan(effective_plan(plan), warehouse, year)
    except MonitorUnavailable:
        raise
    except Exception as exc:  # a locked or broken warehouse: the page says so
        raise MonitorUnavailable(
            _("The warehouse %(path)s cannot be read: %(error)s") % {"path": path, "error": exc}
        ) from exc
    return [json.loads(json.dumps(r.to_dict(), default=_json_default)) for r in results]


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _disk_path(key: str) -> Path:
    return Path(settings.BASE_CACHE_DIR) / "monitor" / f"{key.split(':', 1)[1]}.json"


def _from_disk(key: str):
    path = _disk_path(key)
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _to_disk(key: str, results) -> None:
    path = _disk_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(results))
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only loses the shared cache
