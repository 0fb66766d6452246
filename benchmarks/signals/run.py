# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
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

from safetyplan.earlywarning import cusum  # noqa: E402
from safetyplan.earlywarning.ears import ears as ears_c  # noqa: E402
from safetyplan.earlywarning.farrington import FarringtonSettings, farrington_flexible  # noqa: E402

HERE = Path(__file__).resolve().parent
ALPHAS = (0.001, 0.002, 0.005, 0.01)


class Clock:
    """Wall and CPU seconds (all threads of this process) of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def python_methods(counts: np.ndarray) -> tuple[dict[str, np.ndarray], dict[str, Clock]]:
    """Alarms (S, 52) per method label and the time spent per engine."""
    alarms, seconds = {}, {}
    with Clock() as clock:
        res = farrington_flexible(counts, LAST_YEAR, FarringtonSettings.noufaily(52, alpha=0.5))
    seconds["farrington"] = clock
    y = counts[:, LAST_YEAR]
    for a in ALPHAS:  # the plug-in alarm at level a: P(Y >= y) <= a (same rule as R)
        alarms[f"farrington a={a}"] = res.enough_cases & (res.pvalue <= a) & (y > 0)
    with Clock() as clock:
        for a in ALPHAS:
            c = cusum.nb_cusum(
                y, res.expected, res.phi, h=cusum.h_for_alpha(a), allowed=res.enough_cases
            )
            alarms[f"nbcusum a={a}"] = c.alarm
    # the CUSUM runs on the Farrington baseline: its time is the fit plus one CUSUM pass
    clock.wall = seconds["farrington"].wall + clock.wall / len(ALPHAS)
    clock.cpu = seconds["farrington"].cpu + clock.cpu / len(ALPHAS)
    seconds["nbcusum"] = clock
    with Clock() as clock:
        e = ears_c(counts, "c3", 0.01)
    seconds["ears-c3"] = clock
    alarms["ears-c3 a=0.01"] = e.alarm[:, LAST_YEAR]
    return alarms, seconds


def r_farrington(counts: np.ndarray, alpha: float = 0.005) -> tuple[pd.DataFrame, Clock]:
    S = counts.shape[0]
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "counts.csv", Path(tmp) / "r.csv"
        pd.DataFrame(
            {
                "series": np.repeat(np.arange(S), WEEKS),
                "t": np.tile(np.arange(1, WEEKS + 1), S),
                "count": counts.astype(int).ravel(),
            }
        ).to_csv(src, index=False)
        run = subprocess.run(
            ["Rscript", str(HERE / "farrington_r.R"), str(src), str(dst), str(alpha)],
            capture_output=True,
            text=True,
            check=True,
        )
        lines = run.stderr.strip().splitlines()
        clock = Clock()
        clock.cpu = float(lines[-2].split()[-1])
        clock.wall = float(lines[-1].split()[-1])
        return pd.read_csv(dst), clock


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
            out.append(
                {
                    "method": label,
                    "scenario": scenario,
                    "pod": part.detected.sum() / max(part.outbreak.sum(), 1),
                    "fpr": part.false_alarms.sum() / part.free_weeks.sum(),
                    "outbreaks": int(part.outbreak.sum()),
                }
            )
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
    work = S * len(LAST_YEAR)
    speed = {m: (work / c.wall, work / c.cpu) for m, c in seconds.items()}
    print(f"{S} series x {len(LAST_YEAR)} judged weeks")
    for m, c in seconds.items():
        print(
            f"  {m}: {c.wall:.2f} s wall, {c.cpu:.2f} s CPU; {speed[m][0]:,.0f} "
            f"series-periods per wall second, {speed[m][1]:,.0f} per CPU second"
        )
    full = summarise(alarms, sim)
    full.to_csv(args.out / "python_all.csv", index=False)

    rows = np.flatnonzero(sim.meta.groupby("scenario").cumcount() < args.r_per_scenario)
    sub_alarms = {k: v[rows] for k, v in alarms.items()}
    if not args.no_r:
        r, r_clock = r_farrington(sim.counts[rows])
        sub_alarms.update(r_alarms(r, counts[rows]))
        r_work = len(rows) * len(LAST_YEAR)
        speed["R farringtonFlexible"] = (r_work / r_clock.wall, r_work / r_clock.cpu)
        print(
            f"  R farringtonFlexible: {r_clock.wall:.1f} s wall, {r_clock.cpu:.1f} s CPU on "
            f"{len(rows)} series; {speed['R farringtonFlexible'][0]:,.1f} series-periods "
            f"per wall second, {speed['R farringtonFlexible'][1]:,.1f} per CPU second"
        )
        same = sub_alarms["farrington a=0.005"] == sub_alarms["R farringtonFlexible a=0.005"]
        print(f"  Python Farrington = R's alarms in {same.mean():.4%} of series-weeks")
    sub = summarise(sub_alarms, _subset(sim, rows))
    sub.to_csv(args.out / "subset.csv", index=False)
    pd.DataFrame(speed, index=["per_wall_second", "per_cpu_second"]).T.to_csv(
        args.out / "speed.csv"
    )
    for name, frame in (("all series", full), ("R subset", sub)):
        total = frame[frame.scenario == "total"].set_index("method")[["pod", "fpr", "outbreaks"]]
        print(f"\n{name}:\n{total.to_string(float_format=lambda v: f'{v:.4f}')}")


def _subset(sim, rows):
    from simulate import Simulation

    return Simulation(
        sim.counts[rows], sim.outbreak_cases[rows], sim.meta.iloc[rows].reset_index(drop=True)
    )


if __name__ == "__main__":
    main()
