# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""No "Dutch / English" pairs in the code's string literals: every text is written once, in
English, and translated from the catalogues (issue 15).

A pair is a string literal (not a docstring) with two runs of words around a " / ", such as
"Fout / error" or "Doel / goal". While the code is being converted, PAIRS_LEFT lists the
files that still hold pairs and how many: a file may only go down, and a file not listed
may hold none."""

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "safetyplan"
PAIR = re.compile(r"[A-Za-zÀ-ÿ]{2,}[^/\n]{0,80} / [^/\n]{0,80}[A-Za-zÀ-ÿ]{2,}")

# Shrinks to nothing as the conversion goes on; then this dictionary goes.
PAIRS_LEFT: dict[str, int] = {
    "allocation/compare.py": 7,
    "allocation/divide.py": 1,
    "allocation/land_area.py": 1,
    "allocation/model.py": 7,
    "allocation/quantities.py": 5,
    "allocation/scenario.py": 4,
    "areas/registry.py": 16,
    "cli/_common.py": 2,
    "cli/_loading.py": 1,
    "cli/allocate_cmd.py": 32,
    "cli/backup_cmd.py": 6,
    "cli/demo_cmd.py": 16,
    "cli/evaluate_cmd.py": 12,
    "cli/events_cmd.py": 24,
    "cli/hotspots_cmd.py": 22,
    "cli/incidents_cmd.py": 26,
    "cli/ingest_cmd.py": 37,
    "cli/monitor_cmd.py": 9,
    "cli/plan_cmd.py": 19,
    "cli/report_cmd.py": 11,
    "cli/scan_cmd.py": 18,
    "cli/serve_cmd.py": 7,
    "cli/service_cmd.py": 43,
    "cli/signals_cmd.py": 50,
    "cli/unlock_cmd.py": 2,
    "csvread.py": 4,
    "csvsafe.py": 2,
    "evaluation/plan_eval.py": 16,
    "evaluation/review.py": 2,
    "events/clashes.py": 3,
    "events/exchange.py": 20,
    "events/model.py": 19,
    "events/risk_scan.py": 3,
    "incidents/hotspot_model.py": 4,
    "incidents/hotspots.py": 12,
    "incidents/ingest.py": 8,
    "incidents/mapping.py": 1,
    "incidents/parse.py": 17,
    "incidents/read.py": 11,
    "incidents/area_scan.py": 15,
    "incidents/area_scan_map.py": 5,
    "monitor/evaluate.py": 8,
    "monitor/forecast.py": 5,
    "plan/template.py": 4,
    "report/build.py": 3,
    "report/disclosure.py": 1,
    "report/i18n.py": 1,
    "report/render.py": 3,
    "earlywarning/compstat.py": 15,
    "earlywarning/detect.py": 14,
    "earlywarning/incidents.py": 10,
    "earlywarning/realdata.py": 12,
    "earlywarning/series.py": 21,
    "earlywarning/spark.py": 9,
    "sources/_progress.py": 1,
    "sources/bundled.py": 5,
    "sources/catalogue.py": 1,
    "sources/facts_csv.py": 6,
    "sources/statline.py": 11,
    "warehouse/snapshots.py": 3,
    "warehouse/store.py": 7,
    "warehouse/validate.py": 13,
    "web/api/pagination.py": 2,
    "web/api/views.py": 4,
    "web/backup.py": 8,
    "web/config/settings/base.py": 1,
    "web/core/fields.py": 1,
    "web/events/api.py": 7,
    "web/events/serializers.py": 5,
    "web/events/services.py": 7,
    "web/history/models.py": 2,
    "web/meldingen/api.py": 5,
    "web/meldingen/importer.py": 6,
    "web/meldingen/serializers.py": 9,
    "web/meldingen/services.py": 1,
    "web/runner.py": 5,
    "yamlfile.py": 1,
}


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


def test_no_new_pairs_and_none_where_converted():
    found = {path: len(pairs) for path, pairs in all_pairs().items()}
    over = {
        path: (count, PAIRS_LEFT.get(path, 0))
        for path, count in found.items()
        if count > PAIRS_LEFT.get(path, 0)
    }
    detail = "\n".join(
        f"{path}:{line}: {text[:90]!r}" for path in over for line, text in all_pairs()[path]
    )
    assert not over, f"'Dutch / English' pairs (found, allowed): {over}\n{detail}"
