# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Farrington-flexible with the settings of Noufaily et al. (2013), vectorised over series.

For every judged period ``k`` of every series:

1. Baseline: all periods from ``b`` years back (minus a ``w``-period window) up to ``k``
   minus ``past_excluded`` periods (26 weeks / 6 months), so that a current outbreak does
   not raise its own baseline.
2. A seasonal factor with ``periods`` levels: the windows of ``2w+1`` periods around the
   same calendar position in each past year form one level, the rest of each year is cut
   into ``periods - 1`` equal blocks (Noufaily's 10-level factor).
3. A quasi-Poisson GLM (log link) with a linear trend, fitted by batched IRLS; outbreaks in
   the baseline are down-weighted (Anscombe residuals above 2.58 get weight ``s^-2``) and
   the model is refitted.
4. The trend is kept only when it is significant (``p < 0.05``), at least 3 years are used
   and the prediction does not exceed the largest baseline count (no extrapolation);
   otherwise steps 3-4 are redone without trend.
5. Threshold: the ``1 - alpha`` quantile of a negative binomial with the predicted mean and
   the estimated dispersion (plug-in). ``pvalue = P(Y >= y)`` under that distribution.
6. No alarm when fewer than 5 cases fell in the last 4 periods (Farrington's rule).

Every judged period is handled for all series at once: the design matrix depends only on
the calendar position, so one matrix product builds the normal equations of all series.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from ._dist import nbinom_ppf, nbinom_sf, poisson_ppf, poisson_sf, t_sf
from .glm import GLMFit, LevelDesign, fit_level_glm, hat_values

WEEKLY = 52
MONTHLY = 12
YEARLY = 1


@dataclass(frozen=True)
class FarringtonSettings:
    """Control settings; the defaults are Noufaily et al.'s for weekly data."""

    freq: int = WEEKLY
    years_back: int = 5  # b
    window: int = 3  # w: half-width of the window around the same period in past years
    periods: int = 10  # levels of the seasonal factor (1 = the original Farrington design)
    past_excluded: int = 26  # most recent periods left out of the baseline
    reweight: bool = True
    reweight_threshold: float = 2.58
    trend: bool = True
    trend_p: float = 0.05
    alpha: float = 0.005
    limit_cases: int = 5
    limit_periods: int = 4
    maxit: int = 25
    # R's farringtonFlexible tests the trend with a dispersion computed after it replaced the
    # GLM's working weights by the reweighting weights (sum omega*((y-mu)/mu)^2/df); True
    # reproduces that, False uses the Pearson dispersion of the weighted fit.
    r_trend_test: bool = True

    @classmethod
    def noufaily(cls, freq: int = WEEKLY, **overrides) -> FarringtonSettings:
        """Noufaily's settings; for monthly data the same idea on a coarser calendar: a
        3-month window, 4 seasonal levels (quarters of the remaining year) and 6 months
        left out; for yearly figures the b previous years, no season, nothing left out."""
        base = cls(freq=freq)
        if freq == MONTHLY:
            base = replace(
                base, window=1, periods=4, past_excluded=6, limit_periods=1, limit_cases=0
            )
        elif freq == YEARLY:  # the original Farrington design on yearly figures
            base = replace(
                base, window=0, periods=1, past_excluded=0, limit_periods=1, limit_cases=0
            )
        return replace(base, **overrides)

    @property
    def history_needed(self) -> int:
        """Periods of history before the first judged period."""
        return self.years_back * self.freq + self.window

    def check(self) -> None:
        if self.years_back < 1 or self.window < 0 or self.periods < 1:
            raise ValueError("years_back >= 1, window >= 0 and periods >= 1 required")
        gap = self.freq - 2 * self.window - 1
        if self.periods > 1 and gap < self.periods - 1:
            raise ValueError(
                f"{self.periods} seasonal levels do not fit in a year of "
                f"{self.freq} periods with a window of {self.window}"
            )
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must lie between 0 and 1")


@dataclass
class FarringtonResult:
    """Arrays of shape (series, judged periods). ``judged`` marks the cells where a baseline
    could be fitted; elsewhere the numbers are NaN and the reason is in ``reason``."""

    expected: np.ndarray
    threshold: np.ndarray
    pvalue: np.ndarray
    alarm: np.ndarray
    phi: np.ndarray
    trend: np.ndarray
    enough_cases: np.ndarray
    judged: np.ndarray
    reason: np.ndarray  # '' or a short code: 'history', 'fit'


def seasonal_levels(k: int, s: FarringtonSettings) -> tuple[np.ndarray, np.ndarray]:
    """Baseline indices for judged index ``k`` and their seasonal level (1..periods).

    Level ``periods`` is the window around the same calendar position in each past year
    (and the current window); the gaps between windows are split into ``periods - 1``
    blocks, the first blocks one period longer when the gap does not divide evenly.
    """
    lo = k - s.years_back * s.freq - s.window
    hi = k - s.past_excluded - 1
    idx = np.arange(lo, hi + 1)
    level = np.full(idx.shape, s.periods, dtype=int)
    if s.periods > 1:
        gap = s.freq - 2 * s.window - 1
        base, rest = divmod(gap, s.periods - 1)
        lengths = np.full(s.periods - 1, base)
        lengths[:rest] += 1
        block_of_gap_position = np.repeat(np.arange(1, s.periods), lengths)
        after_ref = (idx - k) % s.freq  # periods since the same calendar position
        in_gap = (after_ref > s.window) & (after_ref < s.freq - s.window)
        level[in_gap] = block_of_gap_position[after_ref[in_gap] - s.window - 1]
    else:
        after_ref = (idx - k) % s.freq
        keep = (after_ref <= s.window) | (after_ref >= s.freq - s.window)
        idx, level = idx[keep], level[keep]
    return idx, level


def design(k: int, s: FarringtonSettings) -> tuple[np.ndarray, LevelDesign]:
    """Baseline indices and the shared design for judged index ``k``: the seasonal level
    (0-based; the last level is the current window, where the prediction is made) and the
    trend variable in years relative to ``k`` (so the prediction is at t = 0)."""
    idx, level = seasonal_levels(k, s)
    return idx, LevelDesign(level - 1, (idx - k) / s.freq, s.periods)


def _anscombe_weights(des: LevelDesign, data: _Baseline, fit: GLMFit, threshold):
    """Weights that shrink past outbreaks: Anscombe residuals s above the threshold get
    weight s^-2, the rest 1, then all are scaled to sum to the number of observations."""
    phi = np.maximum(np.nan_to_num(fit.dispersion, nan=1.0), 1.0)
    h = hat_values(des, fit, data.pw)
    mu = fit.mu
    root6 = np.sqrt(np.cbrt(mu))  # mu^(1/6); general powers are slow, roots are fast
    # over: a huge residual (a baseline near 0) squares to inf and gets weight 0, as it should
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        num = 1.5 * (data.y23 / root6 - root6 * root6 * root6)
        num = np.where(mu > 0, num, 0.0)
        s = num / np.sqrt(phi[:, None] * np.maximum(1.0 - h, 1e-12))
        raw = np.where(s > threshold, 1.0 / (s * s), 1.0)
    raw *= data.pw > 0
    with np.errstate(divide="ignore", invalid="ignore"):  # a row without data stays NaN
        gamma = data.n_obs / raw.sum(axis=1)
    return raw * gamma[:, None]


def _fit_reweighted(des: LevelDesign, data: _Baseline, s: FarringtonSettings, trend: bool):
    first = fit_level_glm(des, data.y, data.pw, trend=trend, maxit=s.maxit, ylogy=data.ylogy)
    if not s.reweight:
        return first, first.converged, data.pw
    omega = _anscombe_weights(des, data, first, s.reweight_threshold)
    second = fit_level_glm(
        des, data.y, data.pw * omega, trend=trend, maxit=s.maxit, ylogy=data.ylogy
    )
    return second, first.converged, omega


def _r_summary_dispersion(Y, omega, fit: GLMFit):
    """The dispersion R's summary.glm reports once ``model$weights`` holds the reweighting
    weights: sum(omega * ((y - mu) / mu)^2) / df (a row fitted at ~0 adds omega, as in R)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(fit.mu > 0, ((Y - fit.mu) / fit.mu) ** 2, 1.0)
        total = np.sum(np.where(omega > 0, omega * rel, 0.0), axis=1)
        return total / fit.df_residual


@dataclass
class _Baseline:
    """The baseline counts of some series for one judged period, with the pieces the fits
    reuse: prior weights (0 = missing), y^(2/3) and y*log(y)."""

    y: np.ndarray
    pw: np.ndarray
    y23: np.ndarray
    ylogy: np.ndarray

    @property
    def n_obs(self) -> np.ndarray:
        return self.pw.sum(axis=1)

    def subset(self, rows: np.ndarray) -> _Baseline:
        return _Baseline(self.y[rows], self.pw[rows], self.y23[rows], self.ylogy[rows])


def _fit_at(des: LevelDesign, data: _Baseline, s: FarringtonSettings):
    """Fit the baseline of one judged period for all series in ``data``; return the
    predicted mean, the dispersion, the trend flag and a success flag per series."""
    S = data.y.shape[0]
    mu0 = np.full(S, np.nan)
    phi = np.full(S, np.nan)
    trend = np.zeros(S, dtype=bool)
    ok = np.zeros(S, dtype=bool)
    now = s.periods - 1  # the level of the current window
    need_plain = np.ones(S, dtype=bool)
    if s.trend and s.years_back >= 3:
        fit, conv, omega = _fit_reweighted(des, data, s, trend=True)
        dispersion = fit.dispersion
        if s.r_trend_test and s.reweight:
            dispersion = _r_summary_dispersion(data.y, omega, fit)
        with np.errstate(invalid="ignore", divide="ignore"):
            tstat = fit.beta_t / np.sqrt(dispersion * fit.var_t)
        p_trend = 2 * t_sf(np.abs(tstat), np.maximum(fit.df_residual, 1))
        pred = np.exp(fit.predict_eta(now))
        max_y = np.max(np.where(data.pw > 0, data.y, -np.inf), axis=1)
        keep = conv & (p_trend < s.trend_p) & (pred <= max_y)
        mu0[keep] = pred[keep]
        phi[keep] = np.maximum(fit.dispersion[keep], 1.0)
        trend[keep] = True
        ok[keep] = True
        need_plain = ~keep
    rows = np.flatnonzero(need_plain)
    if rows.size:
        # Copying a large subset costs more than fitting the few extra rows (cheap here).
        whole = rows.size > 0.7 * S
        fit, _, _ = _fit_reweighted(des, data if whole else data.subset(rows), s, trend=False)
        eta = fit.predict_eta(now)
        if whole:
            eta, fit.dispersion = eta[rows], fit.dispersion[rows]
        with np.errstate(invalid="ignore"):
            mu0[rows] = np.where(np.isnan(eta), np.nan, np.exp(eta))
        phi[rows] = np.maximum(fit.dispersion, 1.0)
        ok[rows] = np.isfinite(fit.dispersion) & ~np.isnan(eta)
    return mu0, phi, trend, ok


def nb_threshold_and_pvalue(mu0, phi, y, alpha):
    """Upper ``1-alpha`` quantile and ``P(Y >= y)`` of a negative binomial with mean mu0 and
    variance ``phi * mu0`` (Poisson when phi == 1)."""
    mu0 = np.asarray(mu0, float)
    phi = np.asarray(phi, float)
    y = np.asarray(y, float)
    upper = np.full(mu0.shape, np.nan)
    pval = np.full(mu0.shape, np.nan)
    good = np.isfinite(mu0) & np.isfinite(phi)
    pois = good & (phi <= 1.0)
    nb = good & (phi > 1.0)
    if pois.any():
        upper[pois] = poisson_ppf(1 - alpha, mu0[pois])
        pval[pois] = poisson_sf(y[pois] - 1, mu0[pois])
    if nb.any():
        size = mu0[nb] / (phi[nb] - 1.0)
        prob = 1.0 / phi[nb]
        upper[nb] = nbinom_ppf(1 - alpha, size, prob)
        pval[nb] = nbinom_sf(y[nb] - 1, size, prob)
    pval = np.where(np.isfinite(y) & (y <= 0) & good, 1.0, pval)
    return upper, pval


def _blas_single_thread():
    """Limit BLAS to one thread while our own threads split the series (the products here
    are small; BLAS threads on top of ours only contend)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def farrington_flexible(
    counts: np.ndarray,
    judged: np.ndarray,
    settings: FarringtonSettings | None = None,
    *,
    chunk: int = 256,
    workers: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> FarringtonResult:
    """Judge the periods ``judged`` (indices into the time axis) of every series.

    ``counts`` is (series, periods) with NaN where a series has no value (before its start
    or missing). A series needs values from ``years_back`` years plus ``window`` periods
    before a judged period; otherwise that cell is left unjudged with reason 'history'.
    Series are processed in chunks (small arrays stay in the CPU cache) spread over
    ``workers`` threads (default: the number of CPUs); ``on_progress(n)`` is called with the
    number of series-periods done.
    """
    s = settings or FarringtonSettings()
    s.check()
    counts = np.asarray(counts, dtype=float)
    judged = np.asarray(judged, dtype=int)
    S, K = counts.shape[0], judged.size
    res = FarringtonResult(
        expected=np.full((S, K), np.nan),
        threshold=np.full((S, K), np.nan),
        pvalue=np.full((S, K), np.nan),
        alarm=np.zeros((S, K), dtype=bool),
        phi=np.full((S, K), np.nan),
        trend=np.zeros((S, K), dtype=bool),
        enough_cases=np.zeros((S, K), dtype=bool),
        judged=np.zeros((S, K), dtype=bool),
        reason=np.full((S, K), "history", dtype=object),
    )
    designs = {int(k): design(int(k), s) for k in judged if k - s.history_needed >= 0}

    def run_chunk(rows: np.ndarray) -> None:
        c = counts[rows]
        observed = ~np.isnan(c)
        first = np.where(observed.any(axis=1), observed.argmax(axis=1), c.shape[1])
        filled = np.nan_to_num(c)
        y23 = np.cbrt(filled) ** 2
        with np.errstate(divide="ignore", invalid="ignore"):
            ylogy = np.where(filled > 0, filled * np.log(filled), 0.0)
        for j, k in enumerate(judged):
            if int(k) not in designs:
                continue
            idx, des = designs[int(k)]
            ready = (first <= idx[0]) & observed[:, k]
            if not ready.any():
                continue
            sel = np.flatnonzero(ready)
            data = _Baseline(
                filled[sel][:, idx],
                observed[sel][:, idx].astype(float),
                y23[sel][:, idx],
                ylogy[sel][:, idx],
            )
            mu0, phi, tr, ok = _fit_at(des, data, s)
            y = filled[sel, k]
            upper, pval = nb_threshold_and_pvalue(mu0, phi, y, s.alpha)
            recent = filled[sel, max(0, k - s.limit_periods + 1) : k + 1].sum(axis=1)
            cases_ok = recent >= s.limit_cases
            out = rows[sel]
            res.expected[out, j] = np.where(ok, mu0, np.nan)
            res.threshold[out, j] = np.where(ok, upper, np.nan)
            res.pvalue[out, j] = np.where(ok, pval, np.nan)
            res.phi[out, j] = np.where(ok, phi, np.nan)
            res.alarm[out, j] = ok & cases_ok & (y > upper) & (y > 0)
            res.trend[out, j] = tr & ok
            res.enough_cases[out, j] = cases_ok
            res.judged[out, j] = ok
            res.reason[out, j] = np.where(ok, "", "fit")
        if on_progress:
            on_progress(len(rows) * K)

    chunks = [np.arange(a, min(a + chunk, S)) for a in range(0, S, chunk)]
    n_workers = max(1, min(workers or os.cpu_count() or 1, len(chunks)))
    with _blas_single_thread():
        if n_workers == 1:
            for rows in chunks:
                run_chunk(rows)
        else:
            with ThreadPoolExecutor(max_workers=n_workers) as pool:
                for future in [pool.submit(run_chunk, rows) for rows in chunks]:
                    future.result()
    return res
