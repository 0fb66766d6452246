"""Detector benchmark after Noufaily et al. (2013): POD and FPR in the last year of seven
years of weekly data, Safetyplan's engines beside R's ``surveillance::farringtonFlexible``.

    python benchmarks/signals/run.py --per-scenario 200 --r-per-scenario 8 \
        --out benchmarks/signals/results

R is slow (about a second per series per judged year), so it runs on the first
``--r-per-scenario`` series of every scenario (half of them with an outbreak); the Python
engines run on all series and, for the side-by-side comparison, on that same subset.
R's alarms at other levels than the one it ran at are derived from its own p-values
(``P(Y >= y)`` under its negative-binomial plug-in, alarm when at most alpha; the same rule
as its threshold) together with its 5-cases-in-4-weeks rule.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from simulate import LAST_YEAR, WEEKS, evaluate, simulate  # noqa: E402

from safetyplan.signals import cusum  # noqa: E402
from safetyplan.signals.ears import ears as ears_c  # noqa: E402
from safetyplan.signals.farrington import FarringtonSettings, farrington_flexible  # noqa: E402

HERE = Path(__file__).resolve().parent
ALPHAS = (0.001, 0.002, 0.005, 0.01)


def python_methods(counts: np.ndarray) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """Alarms (S, 52) per method label and seconds spent per engine."""
    alarms, seconds = {}, {}
    t0 = time.perf_counter()
    res = farrington_flexible(counts, LAST_YEAR, FarringtonSettings.noufaily(52, alpha=0.5))
    seconds["farrington"] = time.perf_counter() - t0
    y = counts[:, LAST_YEAR]
    for a in ALPHAS:  # the plug-in alarm at level a: P(Y >= y) <= a (same rule as R)
        alarms[f"farrington a={a}"] = res.enough_cases & (res.pvalue <= a) & (y > 0)
    t0 = time.perf_counter()
    for a in ALPHAS:
        c = cusum.nb_cusum(y, res.expected, res.phi, h=cusum.h_for_alpha(a),
                           allowed=res.enough_cases)
        alarms[f"nbcusum a={a}"] = c.alarm
    seconds["nbcusum"] = seconds["farrington"] + (time.perf_counter() - t0) / len(ALPHAS)
    t0 = time.perf_counter()
    e = ears_c(counts, "c3", 0.01)
    seconds["ears-c3"] = time.perf_counter() - t0
    alarms["ears-c3 a=0.01"] = e.alarm[:, LAST_YEAR]
    return alarms, seconds


def r_farrington(counts: np.ndarray, alpha: float = 0.005) -> tuple[pd.DataFrame, float]:
    S = counts.shape[0]
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "counts.csv", Path(tmp) / "r.csv"
        pd.DataFrame({"series": np.repeat(np.arange(S), WEEKS),
                      "t": np.tile(np.arange(1, WEEKS + 1), S),
                      "count": counts.astype(int).ravel()}).to_csv(src, index=False)
        run = subprocess.run(["Rscript", str(HERE / "farrington_r.R"), str(src), str(dst),
                              str(alpha)], capture_output=True, text=True, check=True)
        seconds = float(run.stderr.strip().split()[-1])
        return pd.read_csv(dst), seconds


def r_alarms(r: pd.DataFrame, counts: np.ndarray) -> dict[str, np.ndarray]:
    pv = r.pivot(index="series", columns="t", values="pvalue").to_numpy(float)
    enough = ~np.isnan(r.pivot(index="series", columns="t", values="expected").to_numpy(float))
    y = counts[:, LAST_YEAR]
    return {f"R farringtonFlexible a={a}": enough & (pv <= a) & (y > 0) for a in ALPHAS}


def summarise(alarms: dict[str, np.ndarray], sim, rows=None) -> pd.DataFrame:
    out = []
    for label, alarm in alarms.items():
        ev = evaluate(alarm, sim)
        if rows is not None:
            ev = ev.iloc[rows]
        for scenario, part in [("total", ev), *ev.groupby("scenario")]:
            out.append({"method": label, "scenario": scenario,
                        "pod": part.detected.sum() / max(part.outbreak.sum(), 1),
                        "fpr": part.false_alarms.sum() / part.free_weeks.sum(),
                        "outbreaks": int(part.outbreak.sum())})
    return pd.DataFrame(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-scenario", type=int, default=200)
    ap.add_argument("--r-per-scenario", type=int, default=8)
    ap.add_argument("--seed", type=int, default=2013)
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--no-r", action="store_true")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sim = simulate(args.per_scenario, args.seed)
    S = sim.counts.shape[0]
    counts = sim.counts.astype(float)
    alarms, seconds = python_methods(counts)
    speed = {m: S * len(LAST_YEAR) / s for m, s in seconds.items()}
    print(f"{S} series x {len(LAST_YEAR)} judged weeks")
    for m, s in seconds.items():
        print(f"  {m}: {s:.2f} s, {speed[m]:,.0f} series-periods/s")
    full = summarise(alarms, sim)
    full.to_csv(args.out / "python_all.csv", index=False)

    rows = np.flatnonzero(sim.meta.groupby("scenario").cumcount() < args.r_per_scenario)
    sub_alarms = {k: v[rows] for k, v in alarms.items()}
    if not args.no_r:
        r, r_seconds = r_farrington(sim.counts[rows])
        sub_alarms.update(r_alarms(r, counts[rows]))
        speed["R farringtonFlexible"] = len(rows) * len(LAST_YEAR) / r_seconds
        print(f"  R farringtonFlexible: {r_seconds:.1f} s on {len(rows)} series, "
              f"{speed['R farringtonFlexible']:,.1f} series-periods/s")
        same = (sub_alarms["farrington a=0.005"] == sub_alarms["R farringtonFlexible a=0.005"])
        print(f"  Python Farrington = R's alarms in {same.mean():.4%} of series-weeks")
    sub = summarise(sub_alarms, _subset(sim, rows))
    sub.to_csv(args.out / "subset.csv", index=False)
    pd.Series(speed, name="series_periods_per_second").to_csv(args.out / "speed.csv")
    for name, frame in (("all series", full), ("R subset", sub)):
        total = frame[frame.scenario == "total"].set_index("method")[["pod", "fpr", "outbreaks"]]
        print(f"\n{name}:\n{total.to_string(float_format=lambda v: f'{v:.4f}')}")


def _subset(sim, rows):
    from simulate import Simulation

    return Simulation(sim.counts[rows], sim.outbreak_cases[rows],
                      sim.meta.iloc[rows].reset_index(drop=True))


if __name__ == "__main__":
    main()
