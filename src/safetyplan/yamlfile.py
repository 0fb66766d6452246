# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Read a YAML file into a Pydantic model, with errors that name the place.

Shared by every file format Safetyplan reads (plans, allocation scenarios). Every problem
becomes one error whose message reads like
``plans/x.yaml, line 41 (goals[3].target.year): target year 2010 is before the baseline
year 2011``: the file, the line, the path inside the document and the problem.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import N_, _

M = TypeVar("M", bound=BaseModel)
LineIndex = dict[tuple, int]

# Pydantic's messages for the usual mistakes in a YAML file, in the active language; others
# stay as Pydantic words them. Placeholders are the error's ``ctx``.
PYDANTIC_MESSAGES = {
    "int_parsing": N_("must be a whole number"),
    "int_type": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_parsing": N_("must be a number"),
    "float_type": N_("must be a number"),
    "bool_parsing": N_("must be true or false"),
    "bool_type": N_("must be true or false"),
    "string_type": N_("must be text"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be a mapping (key: value)"),
    "literal_error": N_("must be one of {expected}"),
    "greater_than": N_("must be greater than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than": N_("must be less than {lt}"),
    "less_than_equal": N_("must be at most {le}"),
}


@dataclass(frozen=True)
class FileKind:
    """How to name a file format in messages, and which error to raise for it."""

    name: str  # English, e.g. "plan" -> "plan file", "the plan format"
    name_nl: str  # Dutch, e.g. "planbestand"
    error: type[SafetyplanError] = SafetyplanError

    def file_label(self) -> str:
        """The kind of file in the active language: 'plan file' or 'planbestand' (a compound
        in Dutch, so not one template with the name in it)."""
        return self.name_nl if i18n.active() == "nl" else f"{self.name} file"

    def format_label(self) -> str:
        """The file's format: 'the plan format', 'het formaat van een planbestand'."""
        return _("the format of a {file}").format(file=self.file_label())


def read_text(path: str | Path, kind: FileKind) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise kind.error(
            _("{path}: {file} not found").format(path=path, file=kind.file_label())
        ) from None
    except IsADirectoryError:
        raise kind.error(
            _("{path}: is a folder, not a {file}").format(path=path, file=kind.file_label())
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise kind.error(
            _("{path}: cannot read the {file}: {error}").format(
                path=path, file=kind.file_label(), error=exc
            )
        ) from None


def load_mapping(text: str, source: str, kind: FileKind) -> tuple[dict, LineIndex]:
    """The document as a dict, and the line of every path in it (for located messages)."""
    lines = line_index(text, source, kind.error)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:  # pragma: no cover - compose above already caught syntax
        raise kind.error(
            _("{file}: invalid YAML: {error}").format(file=source, error=exc)
        ) from None
    if not isinstance(data, dict):
        raise kind.error(
            _("{source}, line 1: a {file} must be a mapping (key: value), found {found}").format(
                source=source, file=kind.file_label(), found=type(data).__name__
            )
        )
    return data, lines


def validate_model(model: type[M], data: dict, source: str, lines: LineIndex, kind: FileKind) -> M:
    """``model.model_validate(data)``; the first validation error becomes a located message."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        message = describe(err, len(exc.errors()), kind)
        raise kind.error(located(source, lines, loc, message)) from None


def describe(err: dict, count: int, kind: FileKind) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "missing":
        msg = _("required field is missing")
    elif err["type"] == "extra_forbidden":
        msg = _("unknown field (not part of {format})").format(format=kind.format_label())
    elif err["type"] in PYDANTIC_MESSAGES:  # Pydantic's own texts are English only
        ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
        if "expected" in ctx:  # "'day' or 'month'": Pydantic's "or"
            ctx["expected"] = ctx["expected"].replace(" or ", _(" or "))
        msg = _(PYDANTIC_MESSAGES[err["type"]]).format(**ctx)
    more = _(" (+{n} more)").format(n=count - 1) if count > 1 else ""
    return msg + more


def located(source: str, lines: LineIndex, loc: tuple, message: str) -> str:
    path = format_path(loc)
    line = nearest_line(lines, loc)
    where = _("{file}, line {line}").format(file=source, line=line) if line else source
    return f"{where} ({path}): {message}" if path else f"{where}: {message}"


def format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def nearest_line(lines: LineIndex, loc: tuple) -> int | None:
    """The line of the deepest part of ``loc`` present in the document."""
    # Pydantic adds tags for union members (e.g. 'dict[...]', 'literal[...]'): skip them.
    clean = tuple(p for p in loc if isinstance(p, int) or "[" not in str(p))
    for depth in range(len(clean), -1, -1):
        if clean[:depth] in lines:
            return lines[clean[:depth]]
    return None


def line_index(text: str, source: str, error: type[SafetyplanError] = SafetyplanError) -> LineIndex:
    """Map each path in the YAML document to its 1-based line number."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _("{file}, line {line}").format(file=source, line=mark.line + 1) if mark else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(_("{file}: invalid YAML: {error}").format(file=where, error=problem)) from None
    index: LineIndex = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        index[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key, value in node.value:
                # A complex key (a list or mapping) cannot be a field name: keep it as text.
                k = key.value if isinstance(key, yaml.ScalarNode) else f"<{key.tag}>"
                if k in seen:  # PyYAML would silently keep the last one
                    raise error(
                        _(
                            "{file}, line {line}: duplicate key '{key}' (it would hide the "
                            "earlier one)"
                        ).format(file=source, line=key.start_mark.line + 1, key=k)
                    )
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
