# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The evaluation's simulation benchmark (issue 18): 200 panels with a -25% effect and 200
without; the 90% interval must cover the truth in >= 85% of runs and exclude 0 for the -25%
effect in >= 80%. Writes benchmarks/evaluation/results/simulation.json; the figures are copied
into docs/evaluation.md.

    PYTHONPATH=src python benchmarks/evaluation/run.py [--runs 200] [--donors 150]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

from safetyplan.evaluation.simulate import run_simulation

OUT = Path(__file__).parent / "results" / "simulation.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--donors", type=int, default=150)
    parser.add_argument("--seed", type=int, default=2015)
    args = parser.parse_args()
    rows = []
    for effect in (-0.25, 0.0):
        start = time.perf_counter()
        summary = run_simulation(effect, args.runs, seed=args.seed, donors=args.donors)
        row = asdict(summary) | {
            "seconds": round(time.perf_counter() - start, 1),
            "donors": args.donors,
            "seed": args.seed,
        }
        rows.append(row)
        print(json.dumps(row))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    ok = (
        all(r["coverage"] >= 0.85 for r in rows)
        and next(r for r in rows if r["effect"] < 0)["detection"] >= 0.80
    )
    print("PASS" if ok else "FAIL")


if __name__ == "__main__":
    main()
