# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""No "Dutch / English" pairs in the code's string literals: every text is written once, in
English, and translated from the catalogues (issue 15).

A pair is a string literal (not a docstring) with two runs of words around a " / ", such as
"Fout / error" or "Doel / goal". Migrations are history and not counted."""

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "safetyplan"
PAIR = re.compile(r"[A-Za-zÀ-ÿ]{2,}[^/\n]{0,80} / [^/\n]{0,80}[A-Za-zÀ-ÿ]{2,}")


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr):
            found.add(id(node.body[0].value))
    return found


def pairs_in(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and PAIR.search(node.value)
    ]


def all_pairs() -> dict[str, list[tuple[int, str]]]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:  # history: what the models said then
            continue
        pairs = pairs_in(path.read_text(encoding="utf-8"))
        if pairs:
            found[path.relative_to(SRC).as_posix()] = pairs
    return found


def test_the_detector_finds_pairs_and_nothing_else():
    source = '''
"""Module docstring: a / b is fine here."""
x = "Fout / error: bestand ontbreekt / file missing"
y = "Doel / goal"
z = "per 1.000 inwoners"
w = "src/safetyplan/plan"
v = f"{n} / {total}"
'''
    assert [line for line, _ in pairs_in(source)] == [3, 4]


def test_no_pairs_are_left():
    found = all_pairs()
    detail = "\n".join(
        f"{path}:{line}: {text[:90]!r}" for path, pairs in found.items() for line, text in pairs
    )
    assert not found, f"'Dutch / English' pairs in string literals:\n{detail}"
