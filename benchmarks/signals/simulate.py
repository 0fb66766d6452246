# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Simulated surveillance series after Noufaily et al. (2013), for the detector benchmark.

Baseline: negative binomial counts with mean ``exp(theta + beta*t + seasonal harmonics)`` and
variance ``phi * mean`` (the quasi-Poisson dispersion the Farrington model assumes), seven
years of weekly data (364 weeks). In half of the series one outbreak starts in the last year:
its number of cases is Poisson with mean ``k`` times the baseline standard deviation at the
start week, ``k`` in {2, 3, 5, 10}; the cases are spread over the following weeks by a
discretised lognormal(0, 0.5) delay (as in surveillance's ``sts_creation``: about 50% in the
first week, 42% in the second, the rest later).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

WEEKS = 364  # seven years of 52 weeks
LAST_YEAR = np.arange(WEEKS - 52, WEEKS)  # judged weeks (0-based indices)
GAMMA1, GAMMA2 = 0.4, 0.5  # amplitudes of the harmonics (surveillance's sts_creation example)
K_VALUES = (2, 3, 5, 10)


@dataclass(frozen=True)
class Scenario:
    sid: int
    theta: float
    beta: float
    harmonics: int
    phi: float

    def mean(self, t: np.ndarray) -> np.ndarray:
        season = np.zeros_like(t, dtype=float)
        for j in range(1, self.harmonics + 1):
            angle = 2 * np.pi * j * t / 52
            season += GAMMA1 * np.cos(angle) + GAMMA2 * np.sin(angle)
        return np.exp(self.theta + self.beta * t + season)

    def label(self) -> str:
        return f"θ={self.theta} β={self.beta} m={self.harmonics} φ={self.phi}"


def scenarios() -> list[Scenario]:
    """48 scenarios: theta x trend x harmonics x dispersion."""
    grid = itertools.product((0.5, 1.5, 2.5, 3.5), (0.0, 0.002), (0, 1, 2), (1.5, 3.0))
    return [Scenario(i + 1, th, be, m, ph) for i, (th, be, m, ph) in enumerate(grid)]


def lognormal_delay(dmax: int = 20) -> np.ndarray:
    cdf = stats.lognorm.cdf(np.arange(dmax + 1), s=0.5, scale=1.0)
    return np.diff(cdf) / cdf[-1]


@dataclass
class Simulation:
    counts: np.ndarray  # (S, WEEKS) int
    outbreak_cases: np.ndarray  # (S, WEEKS) int: cases added by the outbreak
    meta: pd.DataFrame  # per series: scenario, outbreak (bool), k, start


def simulate(per_scenario: int, seed: int, which: list[Scenario] | None = None) -> Simulation:
    rng = np.random.default_rng(seed)
    t = np.arange(1, WEEKS + 1)
    delay = lognormal_delay()
    counts, added, rows = [], [], []
    for sc in which or scenarios():
        mu = sc.mean(t)
        size = mu / (sc.phi - 1.0)
        base = rng.negative_binomial(size, 1.0 / sc.phi, size=(per_scenario, WEEKS))
        extra = np.zeros_like(base)
        for i in range(per_scenario):
            has = i % 2 == 0
            k, start = 0, -1
            if has:
                k = K_VALUES[(i // 2) % len(K_VALUES)]
                start = int(rng.integers(LAST_YEAR[0], LAST_YEAR[-1] - 2))
                sd = np.sqrt(sc.phi * mu[start])
                n_cases = rng.poisson(k * sd)
                offsets = rng.choice(len(delay), size=n_cases, p=delay)
                weeks = start + offsets
                weeks = weeks[weeks < WEEKS]
                np.add.at(extra[i], weeks, 1)
            rows.append({"scenario": sc.sid, "outbreak": has, "k": k, "start": start})
        counts.append(base + extra)
        added.append(extra)
    return Simulation(np.vstack(counts), np.vstack(added), pd.DataFrame(rows))


def outbreak_weeks(sim: Simulation) -> np.ndarray:
    """(S, WEEKS) bool: the weeks from the outbreak's start to its last added case."""
    out = np.zeros(sim.counts.shape, dtype=bool)
    for i, row in sim.meta.iterrows():
        if row.outbreak:
            hit = np.flatnonzero(sim.outbreak_cases[i])
            if hit.size:
                out[i, row.start : hit.max() + 1] = True
    return out


def evaluate(alarm: np.ndarray, sim: Simulation) -> pd.DataFrame:
    """POD and FPR per series over the last year; ``alarm`` is (S, 52) over LAST_YEAR.

    POD: an outbreak (with at least one case added) is detected when some week of it has an
    alarm. FPR: alarms in weeks without outbreak cases, over all such weeks."""
    in_outbreak = outbreak_weeks(sim)[:, LAST_YEAR]
    free = ~in_outbreak
    detectable = sim.meta.outbreak.to_numpy() & in_outbreak.any(axis=1)
    detected = (alarm & in_outbreak).any(axis=1)
    return pd.DataFrame(
        {
            "scenario": sim.meta.scenario,
            "k": sim.meta.k,
            "outbreak": detectable,
            "detected": detected & detectable,
            "false_alarms": (alarm & free).sum(axis=1),
            "free_weeks": free.sum(axis=1),
        }
    )
