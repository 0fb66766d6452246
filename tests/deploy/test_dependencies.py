# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""pyproject.toml declares what the code imports, where it imports it: every third-party
module that src/ imports unguarded is a run-time dependency, and nothing only the tests use
is one (issue 20, item 4)."""

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
# imported by the tests only: must not weigh on the server image
TEST_ONLY = {"esda", "libpysal", "pytest", "hypothesis", "playwright", "schemathesis", "pypdf"}


def _names(specs) -> set[str]:
    return {canonicalize_name(Requirement(s).name) for s in specs}


def _guarded(node, parents) -> bool:
    """An import inside ``try: ... except ImportError`` is optional by design."""
    for parent in parents.get(node, ()):
        if isinstance(parent, ast.Try):
            for handler in parent.handlers:
                caught = ast.unparse(handler.type) if handler.type else ""
                if "ImportError" in caught or "ModuleNotFoundError" in caught:
                    return True
    return False


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    parents: dict[ast.AST, list[ast.AST]] = {}

    def walk(node, chain):
        for child in ast.iter_child_nodes(node):
            parents[child] = [*chain, node]
            walk(child, parents[child])

    walk(tree, [])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and not _guarded(node, parents):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and not _guarded(node, parents)
        ):
            found.add(node.module.split(".")[0])
    return found


def _third_party(modules: set[str]) -> dict[str, set[str]]:
    dists = packages_distributions()
    out = {}
    for module in modules - set(sys.stdlib_module_names) - {"safetyplan", "__future__"}:
        assert module in dists, f"{module} is imported by src/ but no installed package has it"
        out[module] = {canonicalize_name(d) for d in dists[module]}
    return out


def test_every_module_src_imports_is_a_declared_runtime_dependency():
    runtime = _names(PROJECT["dependencies"])
    # extras whose code paths src/ reaches only on request (live StatLine, Spark)
    optional = _names(
        PROJECT["optional-dependencies"]["live"] + PROJECT["optional-dependencies"]["spark"]
    )
    modules = set().union(*(_imports(p) for p in (REPO / "src").rglob("*.py")))
    undeclared = {m: d for m, d in _third_party(modules).items() if not d & (runtime | optional)}
    assert not undeclared, f"imported at run time, not in [project] dependencies: {undeclared}"


def test_test_only_packages_are_not_runtime_dependencies():
    assert not _names(PROJECT["dependencies"]) & TEST_ONLY
    assert {"esda", "libpysal"} <= _names(PROJECT["optional-dependencies"]["dev"])


def test_the_package_says_it_is_typed():
    assert (REPO / "src" / "safetyplan" / "py.typed").is_file()
    data = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["safetyplan"]
