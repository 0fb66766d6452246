# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""EARS C1, C2 and C3 (Hutwagner et al., 2003): detectors for short histories.

They compare the current count with the mean and standard deviation of the 7 periods before
it (C1) or of the 7 periods before a 2-period gap (C2); C3 adds up the excess of the last
three C2 statistics. They need only 7-11 periods of history, so they work where Farrington
(b years back) cannot, at the price of ignoring seasonality and trend.

Counts are discrete and often flat: a baseline of seven equal counts would give a standard
deviation of 0 and make every extra case an alarm. The standard deviation is therefore
floored at the Poisson value ``sqrt(mean)`` and at 0.5 ("at least Poisson noise").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._dist import norm_isf, norm_sf

BASELINE = 7
SD_FLOOR = 0.5
C3_LIMIT = 2.0  # Hutwagner's C3 limit on the sum of the last three (C2 - 1)^+


@dataclass
class EarsResult:
    expected: np.ndarray
    threshold: np.ndarray
    statistic: np.ndarray
    pvalue: np.ndarray
    alarm: np.ndarray
    judged: np.ndarray


def history_needed(variant: str) -> int:
    return {"c1": BASELINE, "c2": BASELINE + 2, "c3": BASELINE + 4}[variant]


def _moving_baseline(counts: np.ndarray, lag: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sd of counts[t-lag-7 .. t-lag-1] for every t (NaN where not available or
    where a value in the window is missing)."""
    S, T = counts.shape
    mean = np.full((S, T), np.nan)
    sd = np.full((S, T), np.nan)
    start = BASELINE + lag
    if start < T:
        windows = np.lib.stride_tricks.sliding_window_view(counts, BASELINE, axis=1)
        w = windows[:, : T - start]  # window ending at t-lag-1 for t = start..T-1
        mean[:, start:] = w.mean(axis=2)
        sd[:, start:] = w.std(axis=2, ddof=1)
    return mean, sd


def ears(counts: np.ndarray, variant: str = "c2", alpha: float = 0.01) -> EarsResult:
    """Judge every period of ``counts`` (S, T; NaN = missing) that has enough history.

    C1/C2: alarm when the count exceeds ``mean + z * sd`` with ``z`` the upper ``alpha``
    quantile of the standard normal; the p-value is the normal tail of the statistic.
    C3: alarm when ``sum over the last three periods of max(0, C2 - 1)`` exceeds
    ``2 * z / 3`` (Hutwagner's 2 at z = 3); its threshold is the count that would reach it.
    """
    variant = variant.lower()
    if variant not in ("c1", "c2", "c3"):
        raise ValueError(f"unknown EARS variant {variant!r}")
    counts = np.asarray(counts, float)
    z = norm_isf(alpha)
    lag = 0 if variant == "c1" else 2
    mean, sd = _moving_baseline(counts, lag)
    sd = np.maximum(sd, np.maximum(np.sqrt(np.maximum(mean, 0.0)), SD_FLOOR))
    stat = (counts - mean) / sd
    if variant in ("c1", "c2"):
        threshold = mean + z * sd
        judged = np.isfinite(stat)
        alarm = judged & (counts > threshold)
        pvalue = np.where(judged, norm_sf(stat), np.nan)
        return EarsResult(mean, threshold, stat, pvalue, alarm, judged)

    excess = np.maximum(stat - 1.0, 0.0)
    prev = np.full(counts.shape, np.nan)
    prev[:, 2:] = excess[:, 1:-1] + excess[:, :-2]
    c3 = prev + excess
    limit = C3_LIMIT * z / 3.0
    judged = np.isfinite(c3)
    alarm = judged & (c3 > limit)
    # count at which this period's (C2 - 1)^+ would lift C3 over the limit
    threshold = mean + sd * (1.0 + np.maximum(limit - prev, 0.0))
    pvalue = np.where(judged, norm_sf(stat), np.nan)
    return EarsResult(mean, threshold, c3, pvalue, alarm, judged)


# Aliases for sibling modules: the package exports the function ``ears``, which shadows this
# module's name as an attribute of ``safetyplan.earlywarning``.
run_ears = ears
ears_history_needed = history_needed
