# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""docs/configuration.md's tables name every environment variable the code reads, and only
those: the code (src/, deploy/, and the developers' tests/, benchmarks/, scripts/, .ci/run)
is parsed, the tables are parsed, the two must agree."""

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "configuration.md"
NAME = re.compile(r"^[A-Z][A-Z0-9_]+$")


def _is_environ(node) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _env_read(call: ast.Call) -> bool:
    """os.environ.get(...), os.environ.setdefault(...), os.getenv(...)"""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in {"get", "setdefault", "pop"} and _is_environ(func.value):
        return True
    return func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os"


def _helpers(tree) -> set[str]:
    """Functions that read the variable named by one of their parameters (_env_flag, ...)."""
    found = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef):
            params = {a.arg for a in fn.args.args}
            for call in ast.walk(fn):
                if (
                    isinstance(call, ast.Call)
                    and _env_read(call)
                    and call.args
                    and isinstance(call.args[0], ast.Name)
                    and call.args[0].id in params
                ):
                    found.add(fn.name)
    return found


def _python_names(path: Path, helpers: set[str]) -> set[str]:
    tree = ast.parse(path.read_text())
    constants = {
        t.id: n.value.value
        for n in tree.body
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Constant)
        and isinstance(n.value.value, str)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    names = set()
    for node in ast.walk(tree):
        arg = None
        if (
            isinstance(node, ast.Call)
            and node.args
            and (_env_read(node) or getattr(node.func, "id", None) in helpers)
        ):
            arg = node.args[0]
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            arg = node.slice
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            names.add(arg.value)
        elif isinstance(arg, ast.Name) and arg.id in constants:
            names.add(constants[arg.id])
    return {n for n in names if NAME.match(n)}


def _shell_names(path: Path) -> set[str]:
    """Variables a shell script reads, less those it sets itself (PGDATA=... in .ci/run)."""
    text = path.read_text()
    read = set(re.findall(r"\$\{?([A-Z][A-Z0-9_]+)", text))
    own = set(re.findall(r"^\s*(?:export\s+|local\s+)?([A-Z][A-Z0-9_]+)=", text, re.M))
    return read - own


def code_names() -> set[str]:
    files = [
        *(REPO / "src").rglob("*.py"),
        *(REPO / "deploy").glob("*.py"),
        *(REPO / "tests").rglob("*.py"),
        *(REPO / "benchmarks").rglob("*.py"),
        *(REPO / "scripts").rglob("*.py"),
    ]
    helpers = set().union(*(_helpers(ast.parse(p.read_text())) for p in files))
    names = set().union(*(_python_names(p, helpers) for p in files))
    scripts = [
        REPO / "deploy" / "start.sh",
        REPO / "deploy" / "compose.yaml",
        *(REPO / "scripts").glob("*.sh"),
        REPO / ".ci" / "run",
    ]
    for script in scripts:
        names |= _shell_names(script)
    return names


def doc_names() -> set[str]:
    rows = re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", DOC.read_text(), re.M)
    assert len(rows) == len(set(rows)), "a variable is in the table twice"
    return set(rows)


def test_every_variable_the_code_reads_is_documented():
    missing = code_names() - doc_names()
    assert not missing, f"add to docs/configuration.md: {sorted(missing)}"


def test_every_documented_variable_is_read_by_the_code():
    stale = doc_names() - code_names()
    assert not stale, f"docs/configuration.md names variables nothing reads: {sorted(stale)}"


def test_the_example_environment_uses_documented_variables_only():
    text = (REPO / "deploy" / "env.example").read_text()
    used = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, re.M))
    assert used and used <= doc_names(), sorted(used - doc_names())


def test_the_scan_finds_indirect_reads():
    """Through helpers (_env_flag) and module constants (WAIT_ENV), not only literals."""
    names = code_names()
    assert {
        "SAFETYPLAN_HTTPS",
        "SAFETYPLAN_LOAD_WAIT",
        "SAFETYPLAN_DISCLOSURE_MIN_COUNT",
        "SAFETYPLAN_REPORTER_RETENTION_DAYS",
        "SAFETYPLAN_BIND",
    } <= names
    # the developers' side too: tests, shell scripts; but not what a script sets itself
    assert {"SAFETYPLAN_CHROMIUM", "SAFETYPLAN_TEST_PGCTL", "UV"} <= names
    assert not {"PGBIN", "PGDATA"} & names
