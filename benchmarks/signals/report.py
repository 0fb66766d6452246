# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Markdown tables for docs/signals.md from the results of run.py.

python benchmarks/signals/report.py benchmarks/signals/results
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from simulate import scenarios  # noqa: E402

COMPARED = [
    ("farrington a=0.005", "Farrington-flexible α=0.005"),
    ("nbcusum a=0.01", "NB-CUSUM α=0.01 (default)"),
    ("nbcusum a=0.005", "NB-CUSUM α=0.005"),
]


def _cell(frame, method, scenario):
    row = frame[(frame.method == method) & (frame.scenario == scenario)].iloc[0]
    return f"{row.pod:.3f} / {100 * row.fpr:.2f}%"


def main(folder: Path) -> None:
    full = pd.read_csv(folder / "python_all.csv")
    sub = pd.read_csv(folder / "subset.csv")
    speed = pd.read_csv(folder / "speed.csv", index_col=0)
    print("| method | POD all | FPR all | POD R subset | FPR R subset |")
    print("|---|---:|---:|---:|---:|")
    for method in sub.method.unique():
        s = sub[(sub.method == method) & (sub.scenario == "total")].iloc[0]
        f = full[(full.method == method) & (full.scenario == "total")]
        pod, fpr = (f"{f.pod.iloc[0]:.3f}", f"{100 * f.fpr.iloc[0]:.2f}%") if len(f) else ("", "")
        print(f"| {method} | {pod} | {fpr} | {s.pod:.3f} | {100 * s.fpr:.2f}% |")
    print("\n| engine | series-periods per wall second | per CPU second |\n|---|---:|---:|")
    for name, row in speed.iterrows():
        print(f"| {name} | {row.iloc[0]:,.1f} | {row.iloc[-1]:,.1f} |")
    print("\nPer scenario, all series (POD / FPR):\n")
    labels = {str(sc.sid): sc for sc in scenarios()}
    head = " | ".join(label for _, label in COMPARED)
    print(f"| # | θ | β | harmonics | φ | {head} |")
    print("|---:|---:|---:|---:|---:|" + "---:|" * len(COMPARED))
    for sid in sorted(labels, key=int):
        sc = labels[sid]
        cells = " | ".join(_cell(full, m, sid) for m, _ in COMPARED)
        print(f"| {sid} | {sc.theta} | {sc.beta} | {sc.harmonics} | {sc.phi} | {cells} |")
    cells = " | ".join(_cell(full, m, "total") for m, _ in COMPARED)
    print(f"| **total** | | | | | {cells} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
