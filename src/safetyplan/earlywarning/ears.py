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

The normal limit (``z`` of ``alpha``) assumes a normal count and a known mean and sd; with
seven periods of small, skewed, overdispersed counts C2 alarms in 2.7-4.6% of periods at alpha
0.01 (docs/signals.md). ``detect`` therefore calibrates the limit on the file's own
statistics (:func:`calibrated_limits`, ADR 7); ``ears`` itself stays the published method
unless a ``limit`` is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._dist import norm_isf, norm_sf, t_isf

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


def ears(counts: np.ndarray, variant: str = "c2", alpha: float = 0.01, limit=None) -> EarsResult:
    """Judge every period of ``counts`` (S, T; NaN = missing) that has enough history.

    C1/C2: alarm when the count exceeds ``mean + z * sd`` with ``z`` the upper ``alpha``
    quantile of the standard normal; the p-value is the normal tail of the statistic.
    C3: alarm when ``sum over the last three periods of max(0, C2 - 1)`` exceeds
    ``2 * z / 3`` (Hutwagner's 2 at z = 3); its threshold is the count that would reach it.
    ``limit`` (one value, or one per period (T,)) replaces that limit on the statistic
    (``z`` for C1/C2, ``2 * z / 3`` for C3), e.g. a calibrated one.
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
    if limit is not None:
        limit = np.broadcast_to(np.asarray(limit, float), (counts.shape[1],))
    if variant in ("c1", "c2"):
        if limit is not None:
            z = limit
        threshold = mean + z * sd
        judged = np.isfinite(stat)
        alarm = judged & (counts > threshold)
        pvalue = np.where(judged, norm_sf(stat), np.nan)
        return EarsResult(mean, threshold, stat, pvalue, alarm, judged)

    excess = np.maximum(stat - 1.0, 0.0)
    prev = np.full(counts.shape, np.nan)
    prev[:, 2:] = excess[:, 1:-1] + excess[:, :-2]
    c3 = prev + excess
    if limit is None:
        limit = C3_LIMIT * z / 3.0
    judged = np.isfinite(c3)
    alarm = judged & (c3 > limit)
    # count at which this period's (C2 - 1)^+ would lift C3 over the limit
    threshold = mean + sd * (1.0 + np.maximum(limit - prev, 0.0))
    pvalue = np.where(judged, norm_sf(stat), np.nan)
    return EarsResult(mean, threshold, c3, pvalue, alarm, judged)


def nominal_limit(variant: str, alpha: float) -> float:
    """The published limit on the statistic: ``z`` (C1, C2), ``2 * z / 3`` (C3)."""
    z = float(norm_isf(alpha))
    return z if variant != "c3" else C3_LIMIT * z / 3.0


def small_sample_limit(variant: str, alpha: float) -> float:
    """The limit where a file has too few judged periods to calibrate on: the upper
    ``alpha`` point of a t distribution with 6 degrees of freedom times ``sqrt(1 + 1/7)``,
    the prediction interval for one more value of a normal sample of 7 (the baseline's
    mean and sd are estimates, not the truth); C3's limit scaled alike. At alpha 0.01: 3.36
    against the normal 2.33."""
    q = float(t_isf(alpha, BASELINE - 1)) * np.sqrt(1.0 + 1.0 / BASELINE)
    return q if variant != "c3" else C3_LIMIT * q / 3.0


@dataclass
class EarsCalibration:
    limits: np.ndarray  # (K,) the limit on the statistic per judged period
    source: np.ndarray  # (K,) 'pooled', 'rolling', 'rolling-c1' or 'small-sample'
    periods: int  # judged series-periods in the window before the judged ones


def calibrated_limits(
    statistic: np.ndarray,
    judged: np.ndarray,
    window: int,
    freq: int,
    variant: str,
    alpha: float,
    target: float = 0.8,
    min_alarms: int = 5,
    standin: np.ndarray | None = None,
) -> EarsCalibration:
    """The limit on the EARS statistic per judged period from the file's own statistics.

    ``statistic`` and ``judged`` (S, window + K): the first ``window`` columns are the up to
    one year before the judged periods, the other K the judged periods, of all series the
    method judges. The limit is the smallest value at which at most ``target * alpha`` of a
    pool of earlier statistics exceed it (the quantile of what was seen; ties stay below):

    - for the judged periods of year ``b`` (``freq`` periods each), the pool is everything
      before that year: the window and the judged years before it (as the CUSUM, ADR 7);
    - where that pool has fewer than ``min_alarms / alpha`` cells (a short export: no
      window), all judged cells before the period itself (rolling, out of sample);
    - where that is too small too, the same with ``standin`` (S, window + K; NaN = none)
      added: for C2 the C1 statistic of the periods where C1 judges and C2 cannot yet (the
      first two of a series), which gives the first C2 periods of a short export a pool;
    - where even that is too small, :func:`small_sample_limit`.
    """
    S, width = statistic.shape
    K = width - window
    need = min_alarms / alpha
    limits = np.full(K, small_sample_limit(variant, alpha))
    source = np.full(K, "small-sample", dtype=object)
    ok = judged & np.isfinite(statistic)
    per_column = [statistic[ok[:, j], j] for j in range(width)]
    cells = np.cumsum([0] + [c.size for c in per_column])  # judged cells before column j
    found: dict[int, float] = {}

    def quantile(upto: int) -> float:
        if upto not in found:
            pool = np.concatenate(per_column[:upto])
            m = pool.size - 1 - int(np.floor(target * alpha * pool.size))
            found[upto] = float(np.partition(pool, m)[m])
        return found[upto]

    extra = [np.empty(0)] * width
    if standin is not None:
        extra = [standin[np.isfinite(standin[:, j]), j] for j in range(width)]
    extra_cells = np.cumsum([0] + [e.size for e in extra])

    def quantile_with_standin(upto: int) -> float:
        pool = np.concatenate(per_column[:upto] + extra[:upto])
        m = pool.size - 1 - int(np.floor(target * alpha * pool.size))
        return float(np.partition(pool, m)[m])

    for k in range(K):
        year_start = window + (k // freq) * freq
        if cells[year_start] >= need:
            limits[k], source[k] = quantile(year_start), "pooled"
        elif cells[window + k] >= need:
            limits[k], source[k] = quantile(window + k), "rolling"
        elif cells[window + k] + extra_cells[window + k] >= need:
            limits[k], source[k] = quantile_with_standin(window + k), "rolling-c1"
    return EarsCalibration(limits, source, int(cells[window]))


# Aliases for sibling modules: the package exports the function ``ears``, which shadows this
# module's name as an attribute of ``safetyplan.earlywarning``.
run_ears = ears
ears_history_needed = history_needed
