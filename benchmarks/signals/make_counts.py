# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Write a large COUNTS.csv (series,period,count) of simulated weekly series, to time the
``safetyplan signals detect`` command on tens of thousands of series.

    python benchmarks/signals/make_counts.py --per-scenario 420 --seed 99 --out /tmp/counts.csv
    /usr/bin/time -v safetyplan signals detect /tmp/counts.csv --out /tmp/alarms.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from simulate import simulate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-scenario", type=int, default=420)
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    sim = simulate(args.per_scenario, seed=args.seed)
    S, T = sim.counts.shape
    periods = pd.date_range("2018-01-01", periods=T, freq="7D").strftime("%Y-%m-%d")
    pd.DataFrame(
        {
            "series": np.repeat([f"GM{i:05d} | type" for i in range(S)], T),
            "period": np.tile(periods, S),
            "count": sim.counts.ravel(),
        }
    ).to_csv(args.out, index=False)
    print(f"{args.out}: {S} series x {T} weeks")


if __name__ == "__main__":
    main()
