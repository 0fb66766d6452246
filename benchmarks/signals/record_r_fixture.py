# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Record R's farringtonFlexible on a few fixed series, once, for the agreement tests.

    python benchmarks/signals/record_r_fixture.py

Writes tests/earlywarning/fixtures/farrington_r_weekly.csv and farrington_r_monthly.csv: the
counts (series, t, count) and R's outputs for the last year (expected_if_enough_cases: NA
under the 5-cases-in-4-weeks rule; mu0, upperbound, alarm, phi, trend, pvalue), so
tests/earlywarning/test_agreement_r.py needs no R. Weekly: six simulated series of the Noufaily
design (seed 11, some with an outbreak); monthly: two series of seven years.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from simulate import scenarios, simulate  # noqa: E402

OUT = HERE.parents[1] / "tests" / "signals" / "fixtures"


def record(counts: np.ndarray, freq: int, path: Path) -> None:
    S, T = counts.shape
    long = pd.DataFrame(
        {
            "series": np.repeat(np.arange(S), T),
            "t": np.tile(np.arange(1, T + 1), S),
            "count": counts.astype(int).ravel(),
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "c.csv", Path(tmp) / "r.csv"
        long.to_csv(src, index=False)
        subprocess.run(
            [
                "Rscript",
                str(HERE / "farrington_r.R"),
                str(src),
                str(dst),
                "0.005",
                str(T - freq + 1),
                str(freq),
            ],
            check=True,
        )
        r = pd.read_csv(dst)
    r = r.rename(columns={"expected": "expected_if_enough_cases"})
    merged = long.merge(r, on=["series", "t"], how="left")
    merged.to_csv(path, index=False, float_format="%.10g")
    print(f"{path}: {S} series x {T} periods")


def main() -> None:
    chosen = [sc for sc in scenarios() if sc.sid in (4, 11, 22, 30, 41, 47)]
    sim = simulate(2, seed=11, which=chosen)
    weekly = sim.counts[::2][:3].tolist() + sim.counts[1::2][:3].tolist()
    record(np.array(weekly), 52, OUT / "farrington_r_weekly.csv")
    rng = np.random.default_rng(5)
    t = np.arange(84)
    monthly = []
    for theta, phi in ((2.0, 1.5), (3.5, 2.5)):
        mu = np.exp(theta + 0.3 * np.cos(2 * np.pi * t / 12) + 0.002 * t)
        monthly.append(rng.negative_binomial(mu / (phi - 1), 1 / phi))
    record(np.array(monthly), 12, OUT / "farrington_r_monthly.csv")


if __name__ == "__main__":
    main()
