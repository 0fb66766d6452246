# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Load a plan file (YAML) into a :class:`Plan`, with errors that name the place.

Every problem becomes one :class:`PlanError` whose message reads like
``plans/x.yaml, line 41 (goals[3].target.year): target year 2010 is before the baseline
year 2011``: the file, the line, the path inside the document and the problem, in the active
language. The YAML and line machinery is shared with the other file formats in
:mod:`safetyplan.yamlfile`; the wording of Pydantic's validation errors is the plan's own here
(:data:`PROBLEMS`), so that a plan error reads in one language.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from safetyplan.errors import PlanError
from safetyplan.i18n import N_, _
from safetyplan.yamlfile import FileKind, load_mapping, located, read_text

from .models import Plan

PLAN_FILE = FileKind(name="plan", name_nl="planbestand", error=PlanError)

# Pydantic's error types in the plan's words; the placeholders are the error's context
# (``expected``, ``gt``...) and ``input``, the value found. Types not listed keep Pydantic's
# (English) text.
PROBLEMS = {
    "missing": N_("required field is missing"),
    "extra_forbidden": N_("unknown field (not part of the plan format)"),
    "int_parsing": N_("must be a whole number, found {input}"),
    "int_type": N_("must be a whole number, found {input}"),
    "int_from_float": N_("must be a whole number, found {input}"),
    "float_parsing": N_("must be a number, found {input}"),
    "float_type": N_("must be a number, found {input}"),
    "string_type": N_("must be text, found {input}"),
    "bool_parsing": N_("must be true or false, found {input}"),
    "bool_type": N_("must be true or false, found {input}"),
    "list_type": N_("must be a list, found {input}"),
    "dict_type": N_("must be a mapping (key: value), found {input}"),
    "model_type": N_("must be a mapping (key: value), found {input}"),
    "model_attributes_type": N_("must be a mapping (key: value), found {input}"),
    "enum": N_("must be one of {expected}, found {input}"),
    "literal_error": N_("must be one of {expected}, found {input}"),
    "greater_than": N_("must be greater than {gt}, found {input}"),
    "greater_than_equal": N_("must be at least {ge}, found {input}"),
    "less_than": N_("must be less than {lt}, found {input}"),
    "less_than_equal": N_("must be at most {le}, found {input}"),
    "string_too_short": N_("must have at least {min_length} characters, found {input}"),
    "string_pattern_mismatch": N_("does not have the required form ({pattern}), found {input}"),
}


def load_plan(path: str | Path) -> Plan:
    return parse_plan(read_text(path, PLAN_FILE), source=str(path))


def parse_plan(text: str, source: str = "<plan>") -> Plan:
    data, lines = load_mapping(text, source, PLAN_FILE)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        err = errors[0]
        message = describe(err, len(errors))
        raise PlanError(located(source, lines, tuple(err["loc"]), message)) from None
    problems = plan.reference_problems()
    if problems:
        loc, message = problems[0]
        raise PlanError(located(source, lines, loc, message + _more(len(problems))))
    return plan


def _more(count: int) -> str:
    return " " + _("(+{n} more)").format(n=count - 1) if count > 1 else ""


def describe(err: Mapping[str, Any], count: int) -> str:
    """One Pydantic error in the plan's words, with how many more there are."""
    template = PROBLEMS.get(err["type"])
    if template is None:  # a validator's own message, or a rare type: Pydantic's text
        return err["msg"].removeprefix("Value error, ") + _more(count)
    found = repr(err.get("input"))
    context = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    found = found if len(found) <= 60 else found[:57] + "..."
    return _(template).format_map(_Context(context, input=found)) + _more(count)


class _Context(dict):
    """An error context that a translation may use only part of, or a key it lacks."""

    def __missing__(self, key: str) -> str:
        return "?"
