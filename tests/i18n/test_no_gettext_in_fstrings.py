# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A text marked inside an f-string (``f"{_('x')}"``) is not extracted by Babel: it would
stay untranslated in every language (it happened: a reject reason stayed English in a
Dutch load). Safetyplan's own catalogue only; Django's makemessages reads those itself."""

import ast
from pathlib import Path

SRC = Path(__file__).parents[2] / "src" / "safetyplan"
MARKERS = {"_", "N_", "ngettext", "pgettext"}


def marked_calls_in_fstrings(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in MARKERS
                    and inner.args
                    and isinstance(inner.args[0], ast.Constant)
                ):
                    lines.append(inner.lineno)
    return lines


def uses_safetyplan_i18n(source: str) -> bool:
    return "from safetyplan.i18n import" in source or "from ..i18n import" in source


def test_no_marked_text_inside_an_fstring():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if not uses_safetyplan_i18n(source):
            continue
        found += [
            f"{path.relative_to(SRC)}:{line}"
            for line in marked_calls_in_fstrings(ast.parse(source))
        ]
    assert found == []


def test_the_check_finds_one():
    tree = ast.parse("x = f\"{literal(_('missing'))} and {n}\"")
    assert marked_calls_in_fstrings(tree) == [1]
