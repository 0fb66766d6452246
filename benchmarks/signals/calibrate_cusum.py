# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Calibrate the NB-CUSUM limit h per false-alarm level on outbreak-free simulated series.

    python benchmarks/signals/calibrate_cusum.py --per-scenario 400 --seed 1

For every level alpha the smallest h (on a 0.05 grid) whose share of alarmed weeks in the last
year, pooled over the 48 Noufaily scenarios, is at most alpha. Uses a different seed from
the benchmark (run.py, seed 2013), so the benchmark does not judge the limit on the data it
was tuned on. The result goes into ``H_BY_ALPHA`` in src/safetyplan/earlywarning/cusum.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from simulate import LAST_YEAR, simulate  # noqa: E402

from safetyplan.earlywarning import cusum  # noqa: E402
from safetyplan.earlywarning.farrington import FarringtonSettings, farrington_flexible  # noqa: E402

ALPHAS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-scenario", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sim = simulate(args.per_scenario, args.seed)
    null = ~sim.meta.outbreak.to_numpy()
    counts = sim.counts[null].astype(float)
    res = farrington_flexible(counts, LAST_YEAR, FarringtonSettings.noufaily(52))
    y = counts[:, LAST_YEAR]
    grid = np.round(np.arange(1.0, 9.0, 0.05), 2)
    fpr = {}
    for h in grid:
        alarm = cusum.nb_cusum(y, res.expected, res.phi, h=h, allowed=res.enough_cases).alarm
        fpr[h] = alarm.mean()
    print(f"{counts.shape[0]} outbreak-free series, seed {args.seed}")
    for a in ALPHAS:
        h = min(h for h in grid if fpr[h] <= a)
        print(f"    ({a}, {h}),  # FPR {fpr[h]:.4f}")


if __name__ == "__main__":
    main()
