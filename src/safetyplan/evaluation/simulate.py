# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Simulated panels with a known effect, to check the evaluation's interval and power.

The panels look like yearly registered burglary per municipality: donors of very different
size (log-normal, from a handful to thousands of crimes a year), a common national trend,
two latent factors with unit-specific loadings (regional fashions that SDID must weigh away),
an idiosyncratic log-normal shock per unit and year, and Poisson counts on top. The treated
unit is a region (about 8,000 crimes a year) with its own loadings; from the first post year
its expected count is multiplied by ``1 + effect``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sdid import estimate


@dataclass
class Panel:
    y: np.ndarray  # (T,) treated counts
    Y: np.ndarray  # (N, T) donor counts
    t0: int
    effect: float  # the true effect as a fraction (-0.25 = -25%)


def simulate_panel(
    rng: np.random.Generator,
    *,
    donors: int = 150,
    t_pre: int = 3,
    t_post: int = 4,
    effect: float = -0.25,
    treated_size: float = 8000.0,
    shock_sd: float = 0.04,
    factor_sd: float = 0.05,
) -> Panel:
    T = t_pre + t_post
    sizes = np.clip(np.exp(rng.normal(np.log(150.0), 1.1, donors)), 8.0, 12000.0)
    trend = np.cumsum(rng.normal(-0.07, 0.05, T))
    factors = np.cumsum(rng.normal(0.0, factor_sd, (2, T)), axis=1)
    loadings = rng.normal(0.0, 1.0, (donors + 1, 2))
    shocks = rng.normal(0.0, shock_sd, (donors + 1, T))
    log_mu = (
        np.log(np.append(sizes, treated_size))[:, None]
        + trend[None, :]
        + loadings @ factors
        + shocks
    )
    log_mu[-1, t_pre:] += np.log1p(effect)
    counts = rng.poisson(np.exp(log_mu)).astype(float)
    counts = np.maximum(counts, 1.0)  # a zero year is rare at these sizes; keep logs finite
    return Panel(y=counts[-1], Y=counts[:-1], t0=t_pre, effect=effect)


@dataclass
class SimulationSummary:
    effect: float
    runs: int
    coverage: float  # share of runs whose 90% interval covers the true effect
    detection: float  # share of runs whose interval excludes 0
    mean_estimate_pct: float
    mean_width_pct: float


def run_simulation(
    effect: float,
    runs: int,
    *,
    seed: int = 2015,
    donors: int = 150,
    max_placebos: int | None = None,
    **panel_options,
) -> SimulationSummary:
    streams = np.random.SeedSequence(seed).spawn(runs)  # run i is the same panel for every effect
    covered = detected = 0
    estimates, widths = [], []
    truth_pct = 100.0 * effect
    for stream in streams:
        rng = np.random.default_rng(stream)
        panel = simulate_panel(rng, donors=donors, effect=effect, **panel_options)
        result = estimate(panel.y, panel.Y, panel.t0, max_placebos=max_placebos, rng=rng)
        eff = result.overall
        covered += eff.low_pct <= truth_pct <= eff.high_pct
        detected += not (eff.low_pct <= 0.0 <= eff.high_pct)
        estimates.append(eff.pct)
        widths.append(eff.high_pct - eff.low_pct)
    return SimulationSummary(
        effect=effect,
        runs=runs,
        coverage=covered / runs,
        detection=detected / runs,
        mean_estimate_pct=float(np.mean(estimates)),
        mean_width_pct=float(np.mean(widths)),
    )
