# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Load a plan file (YAML) into a :class:`Plan`, with errors that name the place.

Every problem becomes one :class:`PlanError` whose message reads like
``plans/x.yaml, line 41 (goals[3].target.year): target year 2010 is before the baseline
year 2011``: the file, the line, the path inside the document and the problem. The YAML and
location machinery is shared with the other file formats in :mod:`safetyplan.yamlfile`.
"""

from __future__ import annotations

from pathlib import Path

from safetyplan.errors import PlanError
from safetyplan.yamlfile import FileKind, load_mapping, located, read_text, validate_model

from .models import Plan

PLAN_FILE = FileKind(name="plan", name_nl="planbestand", error=PlanError)


def load_plan(path: str | Path) -> Plan:
    return parse_plan(read_text(path, PLAN_FILE), source=str(path))


def parse_plan(text: str, source: str = "<plan>") -> Plan:
    data, lines = load_mapping(text, source, PLAN_FILE)
    plan = validate_model(Plan, data, source, lines, PLAN_FILE)
    problems = plan.reference_problems()
    if problems:
        loc, message = problems[0]
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PlanError(located(source, lines, loc, message + more))
    return plan
