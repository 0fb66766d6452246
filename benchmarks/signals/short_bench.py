# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Short series: POD and FPR of the EARS fallback of ``--method auto`` (issue 16).

    python benchmarks/signals/short_bench.py --series 4000 --seed 2017 \
        --out benchmarks/signals/results

Series too short for the five-year baseline are judged with EARS C2. Sets (realseries.py):

- ``weekly-11m-poisson``: 120 series x 48 weeks of Poisson(3) counts, no outbreaks (the
  simulated 11-month export of docs/signals.md): only FPR;
- ``weekly-11m-real-like``: ``--series`` x 48 weeks with the level and dispersion of the
  real short monthly series, season, trend breaks and outbreaks in half of them;
- ``monthly-11m-real-like``: the first 11 months of the real-like monthly set
  (``realdata_bench.py``; outbreak-free there): only FPR, months 10-11 judged;
- ``monthly-24m-real-like``: its last 24 months (outbreaks in the last year): the last 12
  months judged, the 3 months before them (with C2's 9 months of history) the window.

Methods: ``ears-c2`` (what ``detect`` does now: the limit calibrated on the file's own
statistics, ADR 7), ``ears-c2-nominal`` (the published normal limit, the old fallback),
``ears-c2-small-sample`` (the t prediction-interval limit everywhere, the calibration's
last resort) and ``ears-c3-nominal``. POD: share of outbreaks with an alarm from their first
to their last added case; FPR: share of the other judged periods with an alarm.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realseries  # noqa: E402
from realdata_bench import outbreak_periods  # noqa: E402

from safetyplan.earlywarning import DetectOptions, detect  # noqa: E402
from safetyplan.earlywarning.ears import ears, small_sample_limit  # noqa: E402
from safetyplan.earlywarning.series import MONTH, WEEK, CountPanel  # noqa: E402

ALPHAS = (0.005, 0.01, 0.02)


def _panel(counts: np.ndarray, freq: str) -> CountPanel:
    start = pd.Timestamp("2025-01-06") if freq == WEEK else pd.Timestamp("2011-01-01")
    step = "7D" if freq == WEEK else "MS"
    periods = pd.date_range(start, periods=counts.shape[1], freq=step)
    return CountPanel([f"s{i}" for i in range(len(counts))], periods, freq, counts.astype(float))


def alarms_for(counts: np.ndarray, freq: str) -> tuple[dict, np.ndarray]:
    """(alarms, judged) (S, K) per method label over the judged columns (the last year)."""
    panel = _panel(counts, freq)
    K = min(counts.shape[1], panel.periods_per_year)
    cols = np.arange(counts.shape[1] - K, counts.shape[1])
    out = {}
    for a in ALPHAS:
        table = detect(panel, DetectOptions(method="ears-c2", alpha=a))
        flag = table.alarm.to_numpy(dtype=float, na_value=np.nan).reshape(len(counts), K)
        out[f"ears-c2 a={a}"] = (flag == 1, np.isfinite(flag))
        c2 = ears(counts.astype(float), "c2", a)
        judged = c2.judged[:, cols]
        out[f"ears-c2-nominal a={a}"] = (c2.alarm[:, cols], judged)
        small = c2.judged & (c2.statistic > small_sample_limit("c2", a))
        out[f"ears-c2-small-sample a={a}"] = (small[:, cols], judged)
        c3 = ears(counts.astype(float), "c3", a)
        out[f"ears-c3-nominal a={a}"] = (c3.alarm[:, cols], c3.judged[:, cols])
    return out, cols


def score(alarms, inside, name) -> pd.DataFrame:
    rows = []
    for label, (alarm, judged) in alarms.items():
        method, level = label.split(" a=")
        detectable = inside.any(axis=1)
        free = judged & ~inside
        rows.append(
            {
                "dataset": name,
                "method": method,
                "alpha": float(level),
                "pod": (alarm & inside).any(axis=1)[detectable].mean()
                if detectable.any()
                else np.nan,
                "fpr": alarm[free].mean() if free.any() else np.nan,  # NaN: nothing judged
                "outbreaks": int(detectable.sum()),
                "free_periods": int(free.sum()),
            }
        )
    return pd.DataFrame(rows)


def run(name: str, counts, inside_full, freq: str) -> pd.DataFrame:
    alarms, cols = alarms_for(counts, freq)
    return score(alarms, inside_full[:, cols], name)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument(
        "--sets",
        default="weekly-11m-poisson,weekly-11m-real-like,monthly-11m-real-like,"
        "monthly-24m-real-like",
    )
    args = ap.parse_args()
    wanted = args.sets.split(",")
    frames = []
    t0 = time.perf_counter()
    if "weekly-11m-poisson" in wanted:
        y = np.random.default_rng(3).poisson(3, (120, 48))
        frames.append(run("weekly-11m-poisson", y, np.zeros(y.shape, bool), WEEK))
    if "weekly-11m-real-like" in wanted:
        sim = realseries.simulate_weekly_short(args.series, args.seed)
        inside = outbreak_periods(sim.outbreak_cases, sim.meta)
        frames.append(run("weekly-11m-real-like", sim.counts, inside, WEEK))
    if {"monthly-11m-real-like", "monthly-24m-real-like"} & set(wanted):
        sim = realseries.simulate_monthly(args.series, args.seed)
        inside = outbreak_periods(sim.outbreak_cases, sim.meta)
        if "monthly-11m-real-like" in wanted:
            frames.append(run("monthly-11m-real-like", sim.counts[:, :11], inside[:, :11], MONTH))
        if "monthly-24m-real-like" in wanted:
            frames.append(run("monthly-24m-real-like", sim.counts[:, -24:], inside[:, -24:], MONTH))
    print(f"{time.perf_counter() - t0:.1f} s", flush=True)
    table = pd.concat(frames, ignore_index=True)
    with pd.option_context("display.width", 200):
        print(table.to_string(float_format=lambda v: f"{v:.4f}"))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.out / "short_series.csv", index=False)


if __name__ == "__main__":
    main()
