# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Scenario files for the page, and their divisions computed once and cached.

Scenario files are looked up in ``settings.SAFETYPLAN_SCENARIOS_DIRS`` (a list of folders),
else ``$SAFETYPLAN_SCENARIOS`` (folders separated by the path separator), else ``scenarios/``
in the working folder and in the source checkout. A page names a scenario by its file name
without ``.yaml``; only files in those folders can be named (no paths from the request).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from safetyplan.errors import SafetyplanError

CACHE_SECONDS = 600
log = logging.getLogger(__name__)
SOURCE_CHECKOUT = Path(__file__).resolve().parents[4]  # src/safetyplan/web/allocation -> repo


class AllocationUnavailable(Exception):
    """The division cannot be shown (no scenario, no warehouse, a broken file)."""


@dataclass(frozen=True)
class ScenarioFile:
    name: str  # file name without .yaml: what the page's query names
    path: Path
    title: str
    problem: str | None = None  # the loader's message when the file is broken


def scenario_dirs() -> list[Path]:
    configured = getattr(settings, "SAFETYPLAN_SCENARIOS_DIRS", None)
    if configured:
        return [Path(p) for p in configured]
    env = os.environ.get("SAFETYPLAN_SCENARIOS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    return [Path.cwd() / "scenarios", SOURCE_CHECKOUT / "scenarios"]


def scenario_files() -> list[ScenarioFile]:
    """Every scenario file found (first folder wins a name), with its title or its problem."""
    from safetyplan.allocation import load_scenario

    found: dict[str, ScenarioFile] = {}
    for folder in scenario_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            if path.stem in found:
                continue
            try:
                title = load_scenario(path).shown_title
                found[path.stem] = ScenarioFile(path.stem, path, title)
            except SafetyplanError as exc:
                log.warning("scenario %s cannot be used: %s", path, exc)
                found[path.stem] = ScenarioFile(path.stem, path, path.stem, str(exc))
    return sorted(found.values(), key=lambda f: (f.problem is not None, f.name))


def warehouse_file() -> Path:
    """The current plan's warehouse (as the dashboard uses), else the configured default."""
    from safetyplan.web.plans.seeding import current_plan

    plan = current_plan()
    if plan is not None:
        from safetyplan.web.dashboard.monitor import warehouse_file as plan_warehouse

        return plan_warehouse(plan)
    from safetyplan.settings import warehouse_path

    return Path(warehouse_path()).absolute()


def divisions(files: list[ScenarioFile]) -> list:
    """The :class:`Allocation` of each file (cached on the files' and warehouse's times)."""
    from safetyplan.allocation import load_scenario, needs_warehouse, run_scenario

    for f in files:
        if f.problem:
            raise AllocationUnavailable(f.problem)
    path = warehouse_file()
    key = _key(files, path)
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        scenarios = [load_scenario(f.path) for f in files]
        if any(needs_warehouse(s) for s in scenarios):
            if not path.exists():
                log.warning("no warehouse at %s", path)
                raise AllocationUnavailable(
                    _(
                        "There are no figures yet: the warehouse has not been built. Run "
                        "'safetyplan demo' or load data."
                    )
                )
            from safetyplan.warehouse import Warehouse

            with Warehouse.open(path, read_only=True) as wh:
                result = [run_scenario(s, wh=wh) for s in scenarios]
        else:
            result = [run_scenario(s) for s in scenarios]
    except SafetyplanError as exc:  # the log has the details (paths, a lock's process id)
        log.warning("division unavailable (warehouse %s): %s", path, exc)
        raise AllocationUnavailable(
            _("The figures cannot be read right now; please try again in a moment.")
        ) from exc
    cache.set(key, result, CACHE_SECONDS)
    return result


def _key(files: list[ScenarioFile], warehouse: Path) -> str:
    stamps = [f"{f.path}:{f.path.stat().st_mtime_ns}" for f in files]
    # a variant's base file can change too: every scenario folder's newest time counts
    for folder in {f.path.parent for f in files}:
        stamps.append(str(max((p.stat().st_mtime_ns for p in folder.glob("*.yaml")), default=0)))
    from safetyplan.warehouse import version_of

    stamps.append(f"{warehouse}:{version_of(warehouse)}")  # changes with every load
    from safetyplan import i18n

    stamps.append(i18n.active())  # a division's notes are in the language of its request
    return "allocation:" + hashlib.sha1("|".join(stamps).encode()).hexdigest()
