"""Load a plan file (YAML) into a :class:`Plan`, with errors that name the place.

Every problem becomes one :class:`PlanError` whose message reads like
``plans/x.yaml, line 41 (goals[3].target.year): target year 2010 is before the baseline
year 2011``: the file, the line, the path inside the document and the problem.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import yaml
from pydantic import ValidationError

from safetyplan.errors import PlanError

from .models import Plan


def load_plan(path: str | Path) -> Plan:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError(f"{path}: plan file not found / planbestand niet gevonden") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError(f"{path}: cannot read the plan file: {exc}") from None
    return parse_plan(text, source=str(path))


def parse_plan(text: str, source: str = "<plan>") -> Plan:
    lines = _line_index(text, source)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:  # pragma: no cover - compose above already caught syntax
        raise PlanError(f"{source}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PlanError(f"{source}, line 1: a plan file must be a mapping (key: value), "
                        f"found {type(data).__name__}")
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise PlanError(_located(source, lines, loc, _describe(err, len(exc.errors())))) from None
    problems = plan.reference_problems()
    if problems:
        loc, message = problems[0]
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PlanError(_located(source, lines, loc, message + more))
    return plan


def _describe(err: dict, count: int) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "missing":
        msg = "required field is missing"
    elif err["type"] == "extra_forbidden":
        msg = "unknown field (not part of the plan format)"
    more = f" (+{count - 1} more)" if count > 1 else ""
    return msg + more


def _located(source: str, lines: dict[tuple, int], loc: tuple, message: str) -> str:
    path = _format_path(loc)
    line = _nearest_line(lines, loc)
    where = f"{source}, line {line}" if line else source
    return f"{where} ({path}): {message}" if path else f"{where}: {message}"


def _format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _nearest_line(lines: dict[tuple, int], loc: tuple) -> int | None:
    """The line of the deepest part of ``loc`` present in the document."""
    # Pydantic adds tags for union members (e.g. 'dict[...]', 'literal[...]'): skip them.
    clean = tuple(p for p in loc if isinstance(p, int) or "[" not in str(p))
    for depth in range(len(clean), -1, -1):
        if clean[:depth] in lines:
            return lines[clean[:depth]]
    return None


def _line_index(text: str, source: str) -> dict[tuple, int]:
    """Map each path in the YAML document to its 1-based line number."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, line {mark.line + 1}" if mark else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlanError(f"{where}: invalid YAML: {problem}") from None
    index: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        index[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key, value in node.value:
                k = key.value
                if k in seen:  # PyYAML would silently keep the last one
                    raise PlanError(f"{source}, line {key.start_mark.line + 1}: duplicate key "
                                    f"'{k}' (it would hide the earlier one)")
                seen.add(k)
                with contextlib.suppress(TypeError, ValueError):
                    k = int(k)
                index[(*path, k)] = key.start_mark.line + 1
                walk(value, (*path, k))
                index[(*path, k)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    if root is not None:
        walk(root, ())
    return index
