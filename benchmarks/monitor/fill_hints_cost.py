# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What the "no data" fill hints cost the monitor (issue 19).

Times ``evaluate_plan`` on the Rotterdam plan for 2018 against a warehouse with the shipped
data, with the hints and with ``hints_for`` replaced by a no-op, and prints the medians.

    PYTHONPATH=src python benchmarks/monitor/fill_hints_cost.py [WAREHOUSE] [--runs 7]

Without WAREHOUSE the shipped data are loaded into a temporary one first. Write the machine
load (``uptime``) next to any figure you copy into the docs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import safetyplan.monitor.evaluate as evaluate
from safetyplan.areas import load_registry
from safetyplan.plan import load_plan
from safetyplan.sources.bundled import load_bundled
from safetyplan.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]


def timed(plan, path: Path, registry, runs: int) -> tuple[float, int]:
    times, with_fill = [], 0
    for _ in range(runs):
        with Warehouse.open(path, read_only=True) as wh:
            start = time.perf_counter()
            results = evaluate.evaluate_plan(plan, wh, 2018, registry=registry)
            times.append(time.perf_counter() - start)
        with_fill = sum(bool(r.fill) for r in results)
    return statistics.median(times), with_fill


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = args.warehouse
    if path is None:
        path = Path(tempfile.mkdtemp()) / "warehouse.duckdb"
        with Warehouse.open(path) as wh:
            load_bundled(wh)
    plan = load_plan(ROOT / "plans" / "rotterdam-2015-2018.yaml")
    registry = load_registry()
    original = evaluate.hints_for
    on, goals = timed(plan, path, registry, args.runs)
    evaluate.hints_for = lambda *a, **k: []
    try:
        off, _ = timed(plan, path, registry, args.runs)
    finally:
        evaluate.hints_for = original
    print(
        f"with hints: median {on:.3f} s ({goals} goals with hints); without: median "
        f"{off:.3f} s; {args.runs} runs each"
    )


if __name__ == "__main__":
    main()
