# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Negative-binomial CUSUM on the Farrington baseline (after Höhle and Paul, 2008).

The Farrington-flexible fit gives, for every judged period, the expected count ``mu0`` and the
dispersion ``phi`` of a baseline that leaves out the last 26 weeks; so a rise that started
recently does not hide itself. The CUSUM accumulates the log-likelihood ratio of "the mean
has risen by ``shift`` baseline standard deviations" against "baseline":

    S_t = max(0, S_{t-1} + log f(y_t | mu1_t) - log f(y_t | mu0_t)),  mu1 = mu0 + shift*sd0

and raises an alarm when ``S_t > h`` (then restarts at 0). A single large count crosses at
once; a run of moderately raised counts crosses after a few periods, which the single-period
test misses: that is why it finds slow rises and spread-out outbreaks more often at the same
false-alarm rate (see docs/signals.md).

Both distributions are negative binomials with variance ``phi * mean`` (Poisson for phi = 1).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from scipy import special

DEFAULT_SHIFT = 2.0
log = logging.getLogger(__name__)

# h per false-alarm level, calibrated on 9,600 outbreak-free series of the Noufaily-design
# simulation with shift 2 and the R-compatible Farrington baseline
# (benchmarks/signals/calibrate_cusum.py --per-scenario 400 --seed 1; docs/signals.md): the
# pooled share of weeks with an alarm is at most the level.
H_BY_ALPHA: tuple[tuple[float, float], ...] = (
    (0.001, 7.0),
    (0.002, 5.9),
    (0.005, 4.55),
    (0.01, 3.65),
    (0.02, 2.8),
    (0.05, 1.75),
)


def h_for_alpha(alpha: float) -> float:
    """The CUSUM limit for a false-alarm level per period, interpolated on log(alpha)."""
    a = np.log([x for x, _ in H_BY_ALPHA])
    h = np.array([y for _, y in H_BY_ALPHA])
    return float(np.interp(np.log(alpha), a, h))


def _nb_loglik_ratio(y, mu0, mu1, phi):
    """log f(y | mu1) - log f(y | mu0) for negative binomials with variance phi*mean."""
    y = np.asarray(y, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pois = y * np.log(mu1 / mu0) - (mu1 - mu0)
        ph = np.where(phi > 1.0, phi, 2.0)
        r0, r1 = mu0 / (ph - 1.0), mu1 / (ph - 1.0)
        nb = (
            special.gammaln(y + r1)
            - special.gammaln(r1)
            - special.gammaln(y + r0)
            + special.gammaln(r0)
            - (r1 - r0) * np.log(ph)
        )
    return np.where(phi > 1.0, nb, pois)


def shifted_mean(mu0, phi, shift):
    return mu0 + shift * np.sqrt(np.maximum(phi, 1.0) * mu0)


def log_likelihood_ratio(y, mu0, phi, shift=DEFAULT_SHIFT):
    """The CUSUM increment; 0 where the baseline is unknown (NaN) or the count is missing.
    A baseline of exactly 0 is treated as 0.1 cases per period (one case in ten periods) so
    that a first case is unusual but not infinitely so."""
    mu0 = np.maximum(np.asarray(mu0, float), 0.1)
    phi = np.asarray(phi, float)
    mu1 = shifted_mean(mu0, phi, shift)
    llr = _nb_loglik_ratio(y, mu0, mu1, phi)
    return np.where(np.isfinite(llr) & np.isfinite(y), llr, 0.0)


def _count_needed(c, mu0, phi, shift):
    """Smallest whole count y with LLR(y) > c (LLR rises with y), by bisection."""
    mu0 = np.maximum(mu0, 0.1)
    lo = np.zeros_like(mu0)
    hi = np.ceil(shifted_mean(mu0, phi, shift) * 4 + 20)
    llr_hi = log_likelihood_ratio(hi, mu0, phi, shift)
    for _ in range(60):  # grow the bracket where needed
        short = llr_hi <= c
        if not short.any():
            break
        hi = np.where(short, hi * 2, hi)
        llr_hi = log_likelihood_ratio(hi, mu0, phi, shift)
    zero_ok = log_likelihood_ratio(lo, mu0, phi, shift) > c
    for _ in range(64):
        if np.all(hi - lo <= 1):
            break
        mid = np.floor((lo + hi) / 2)
        above = log_likelihood_ratio(mid, mu0, phi, shift) > c
        hi = np.where(above, mid, hi)
        lo = np.where(above, lo, mid)
    return np.where(zero_ok, 0.0, hi)


@dataclass
class CusumResult:
    statistic: np.ndarray  # S_t (S, K)
    alarm: np.ndarray
    count_needed: np.ndarray  # the smallest count that would have raised an alarm


def nb_cusum(
    counts: np.ndarray,
    mu0: np.ndarray,
    phi: np.ndarray,
    *,
    h: float | np.ndarray,
    shift: float | np.ndarray = DEFAULT_SHIFT,
    allowed: np.ndarray | None = None,
) -> CusumResult:
    """Run the CUSUM over the columns (periods) of ``counts`` (S, K) with baseline ``mu0`` and
    dispersion ``phi`` (NaN = not judged: the statistic is carried over). ``allowed`` (S, K)
    may veto alarms (e.g. fewer than 5 cases in 4 periods); the statistic then keeps growing.
    ``h`` is one limit for all series, one per series (S,) or one per series and period
    (S, K); ``shift`` one for all periods or one per period (K,)."""
    S, K = counts.shape
    shifts = np.broadcast_to(np.asarray(shift, float), (K,))  # one, or one per period
    h = np.asarray(h, float)
    # one limit, one per series (S,), or one per series and period (S, K)
    h = np.broadcast_to(h if h.ndim == 2 else h.reshape(-1, 1) if h.ndim == 1 else h, (S, K))
    stat = np.full((S, K), np.nan)
    alarm = np.zeros((S, K), dtype=bool)
    needed = np.full((S, K), np.nan)
    current = np.zeros(S)
    for j in range(K):
        judged = np.isfinite(mu0[:, j]) & np.isfinite(counts[:, j])
        llr = log_likelihood_ratio(counts[:, j], mu0[:, j], phi[:, j], shifts[j])
        value = np.where(judged, np.maximum(0.0, current + llr), current)
        fire = judged & (value > h[:, j])
        if allowed is not None:
            fire &= allowed[:, j]
        if judged.any():
            rows = np.flatnonzero(judged)
            needed[rows, j] = _count_needed(
                h[rows, j] - current[rows], mu0[rows, j], phi[rows, j], shifts[j]
            )
        stat[:, j] = np.where(judged, value, np.nan)
        alarm[:, j] = fire
        current = np.where(fire, 0.0, value)
    return CusumResult(stat, alarm, needed)


# Monthly and yearly limits calibrated on the file's own data
# (docs/adr/0007-signals-calibration-real-data.md).
CALIBRATED_SHIFT = 4.0  # a month holds most of an outbreak: look for a larger, shorter rise
TARGET_SHARE = 0.8  # aim below alpha: the year before is not the judged year
MIN_EXPECTED_ALARMS = 5  # fewer calibration periods than 5 / alpha: keep the table's h
H_MAX = 60.0
# Without a period of full history before the judged ones (yearly figures judged from the
# first year with five years back), the window before them is judged on shorter baselines,
# down to MIN_YEARS_BACK years (Farrington's trend test needs 3), over at least
# MIN_WINDOW periods: one yearly period would rest the first limit on one year per series.
MIN_YEARS_BACK = 3
MIN_WINDOW = 2


@dataclass
class Calibration:
    h: float  # the limit of the first judged year (of every judged period without h_blocks)
    shift: float
    source: str  # 'data', or 'table' (the weekly simulation's h with the default shift)
    periods: int  # judged series-periods in the calibration window before the judged ones
    rate_at_table_h: float  # their share with an alarm at the table's h and shift (NaN: none)
    # More than one judged year (yearly figures, or --since): a limit per year of `block`
    # judged periods, each calibrated on everything judged before it (empty: h throughout).
    # A judged year without enough periods before it keeps the table's h and shift.
    block: int = 0
    h_blocks: tuple[float, ...] = ()
    shift_blocks: tuple[float, ...] = ()

    def _per_period(self, k: int, values: tuple[float, ...], one: float) -> np.ndarray:
        if not values:
            return np.full(k, one)
        year = np.minimum(np.arange(k) // self.block, len(values) - 1)
        return np.asarray(values, float)[year]

    def column_limits(self, k: int) -> np.ndarray:
        """The limit of each of ``k`` judged periods (K,)."""
        return self._per_period(k, self.h_blocks, self.h)

    def column_shifts(self, k: int) -> np.ndarray:
        """The shift of each of ``k`` judged periods (K,)."""
        return self._per_period(k, self.shift_blocks, self.shift)


@dataclass
class CalibrationCells:
    """The per-series part of the calibration: the periods before the judged ones, judged
    out of sample, then (with more than one judged year) the judged periods before the last
    judged year. Rows are series and independent of each other, so the cells of groups of
    series (e.g. Spark buckets) can be joined with :meth:`concat` and give the same limits
    as the whole file (:func:`limit_from_cells`)."""

    llr: np.ndarray  # (S, P + judged_width) CUSUM increments at ``shift``; 0 where not judged
    allowed: np.ndarray  # an alarm may fire (enough cases, or not judged)
    judged: np.ndarray  # a baseline was fitted
    table_alarms: int  # judged cells before the judged periods alarming at the table's h
    alpha: float
    shift: float
    judged_width: int = 0  # the last columns are judged periods (all judged years but the last)
    block: int = 1  # judged periods per judged year

    @property
    def window(self) -> int:
        """Columns before the judged periods."""
        return self.llr.shape[1] - self.judged_width

    @property
    def periods(self) -> int:
        return int(self.judged[:, : self.window].sum())

    @classmethod
    def empty(cls, alpha: float, shift: float, rows: int = 0) -> CalibrationCells:
        return cls(
            np.zeros((rows, 0)),
            np.ones((rows, 0), bool),
            np.zeros((rows, 0), bool),
            0,
            alpha,
            shift,
        )

    @classmethod
    def concat(cls, parts: list[CalibrationCells]) -> CalibrationCells:
        """The cells of all parts as one file. Windows of different width are aligned on
        their last period (the one before the first judged period, or the judged periods'
        last); the padding is not judged and has increment 0, so the CUSUM stays at 0 there."""
        if not parts:
            raise ValueError("no calibration cells to join")
        alpha, shift = parts[0].alpha, parts[0].shift
        if any((p.alpha, p.shift) != (alpha, shift) for p in parts):
            raise ValueError("calibration cells computed with different alpha or shift")
        judged_width, block = parts[0].judged_width, parts[0].block
        if any(p.judged_width != judged_width for p in parts) or (
            judged_width and any(p.block != block for p in parts)
        ):
            raise ValueError("calibration cells computed for different judged periods")
        width = max(p.llr.shape[1] for p in parts)

        def pad(a, value):
            return np.pad(a, ((0, 0), (width - a.shape[1], 0)), constant_values=value)

        return cls(
            np.concatenate([pad(p.llr, 0.0) for p in parts]),
            np.concatenate([pad(p.allowed, True) for p in parts]),
            np.concatenate([pad(p.judged, False) for p in parts]),
            sum(int(p.table_alarms) for p in parts),
            alpha,
            shift,
            judged_width,
            block,
        )


def _window_fits(counts: np.ndarray, first: int, settings) -> list[tuple[np.ndarray, object]]:
    """(columns, Farrington result) for the calibration window before column ``first``: the
    up to one year of periods with the full baseline's history; where there is none, the up
    to one year (at least ``MIN_WINDOW`` periods) before ``first``, each on the longest
    baseline its history allows down to ``MIN_YEARS_BACK`` years (shorter baselines are
    noisier, so the limit errs on the high side)."""
    from dataclasses import replace

    from .farrington import farrington_flexible

    pre = np.arange(max(settings.history_needed, first - settings.freq), first)
    if pre.size:
        return [(pre, farrington_flexible(counts, pre, settings))]
    out = []
    cols = np.arange(max(0, first - max(settings.freq, MIN_WINDOW)), first)
    for years in range(settings.years_back - 1, MIN_YEARS_BACK - 1, -1):
        shorter = replace(settings, years_back=years)
        mine = cols[cols >= shorter.history_needed]
        cols = cols[cols < shorter.history_needed]
        if mine.size:
            out.append((mine, farrington_flexible(counts, mine, shorter)))
    return sorted(out, key=lambda part: part[0][0])


def calibration_cells(
    counts: np.ndarray,
    judged_cols: np.ndarray,
    settings,
    alpha: float,
    shift: float | None = None,
    judged_fit=None,
) -> CalibrationCells:
    """Per series: the calibration window before the first judged column (``_window_fits``),
    judged out of sample exactly like the judged ones (CUSUM from 0), and, when more than one
    year of periods is judged, the judged periods before the last judged year
    (``judged_fit``: the Farrington result of ``judged_cols``, fitted here when None): the
    increments at ``shift`` (default ``CALIBRATED_SHIFT``), where an alarm is allowed, which
    cells are judged, and how many window cells alarm at the simulation table's limit (for
    the log line)."""
    from .farrington import farrington_flexible

    shift = CALIBRATED_SHIFT if shift is None else shift
    judged_cols = np.asarray(judged_cols)
    y_all = np.asarray(counts, float)
    parts = _window_fits(counts, int(np.min(judged_cols)), settings)
    years = -(-judged_cols.size // settings.freq)
    judged_width = (years - 1) * settings.freq
    if judged_width:  # the judged years before the last calibrate the years after them
        fit = judged_fit
        if fit is None:
            fit = farrington_flexible(counts, judged_cols[:judged_width], settings)
        parts.append((judged_cols[:judged_width], _first_columns(fit, judged_width)))
    if not parts:
        return CalibrationCells.empty(alpha, shift, counts.shape[0])

    def stack(name):
        return np.concatenate([getattr(res, name) for _, res in parts], axis=1)

    cols = np.concatenate([c for c, _ in parts])
    y = y_all[:, cols]
    expected, phi = stack("expected").copy(), stack("phi").copy()
    judged, enough = stack("judged").copy(), stack("enough_cases").copy()
    missing = (stack("reason") == "history") & np.isfinite(y)  # not a failed fit
    _shorter_where_missing(counts, cols, settings, missing, expected, phi, judged, enough)
    allowed = enough | ~judged

    def increments(s):
        return np.where(judged, log_likelihood_ratio(y, expected, phi, s), 0.0)

    window = y.shape[1] - judged_width
    at_table = _alarms(increments(DEFAULT_SHIFT), h_for_alpha(alpha), allowed)[:, :window]
    table_alarms = int(at_table[judged[:, :window]].sum())
    return CalibrationCells(
        increments(shift),
        allowed,
        judged,
        table_alarms,
        alpha,
        shift,
        judged_width,
        settings.freq,
    )


def _shorter_where_missing(counts, cols, settings, missing, expected, phi, judged, enough):
    """A series that starts later than others lacks the full baseline in some calibration
    periods (yearly figures of a municipality that came later into the data); judge such
    cells (``missing``: observed, but without the history) on the longest shorter baseline
    its history allows, down to ``MIN_YEARS_BACK`` years, so that they count too (in place).
    Only the rows and periods concerned are fitted: none where every series has the
    history."""
    from dataclasses import replace

    from .farrington import farrington_flexible

    missing = missing.copy()
    for years in range(settings.years_back - 1, MIN_YEARS_BACK - 1, -1):
        if not missing.any():
            return
        shorter = replace(settings, years_back=years)
        at = np.flatnonzero(missing.any(axis=0) & (cols >= shorter.history_needed))
        rows = np.flatnonzero(missing[:, at].any(axis=1))
        if at.size == 0 or rows.size == 0:
            continue
        res = farrington_flexible(np.asarray(counts)[rows], cols[at], shorter)
        cell = np.ix_(rows, at)
        fill = missing[cell] & res.judged
        for target, part in ((expected, res.expected), (phi, res.phi)):
            target[cell] = np.where(fill, part, target[cell])
        enough[cell] = np.where(fill, res.enough_cases, enough[cell])
        judged[cell] |= fill
        missing[cell] &= ~fill


def _first_columns(res, width: int):
    from dataclasses import fields

    return type(res)(**{f.name: getattr(res, f.name)[:, :width] for f in fields(res)})


def _smallest_limit(llr, allowed, judged, target: float) -> float:
    lo, hi = 0.0, H_MAX
    while hi - lo > 0.01:  # the share falls (nearly monotonically) as h rises
        mid = (lo + hi) / 2
        ok = _alarms(llr, mid, allowed)[judged].mean() <= target
        lo, hi = (lo, mid) if ok else (mid, hi)
    return float(np.ceil(hi * 100) / 100)


def limit_from_cells(cells: CalibrationCells) -> Calibration:
    """The pooled part: ``h`` is the smallest limit at which at most ``TARGET_SHARE * alpha``
    of the judged cells of the window before the judged periods raise an alarm; each later
    judged year gets the smallest limit that meets the target on the window and all judged
    years before it (rolling, out of sample: a year is never calibrated on itself). A judged
    year with fewer than ``MIN_EXPECTED_ALARMS / alpha`` judged cells before it (a small
    file, or the first judged year without a window) keeps the simulation table's ``h``
    with ``DEFAULT_SHIFT``; when every judged year does, the result is the table's."""
    alpha, shift = cells.alpha, cells.shift
    table = h_for_alpha(alpha)
    n = cells.periods
    at_table = cells.table_alarms / n if n else float("nan")
    target = TARGET_SHARE * alpha
    limits, shifts = [], []
    for end in range(cells.window, cells.window + cells.judged_width + 1, cells.block):
        judged = cells.judged[:, :end]
        if judged.sum() * alpha < MIN_EXPECTED_ALARMS:  # too little before this judged year
            limits.append(table)
            shifts.append(DEFAULT_SHIFT)
            continue
        limits.append(_smallest_limit(cells.llr[:, :end], cells.allowed[:, :end], judged, target))
        shifts.append(shift)
    if all(s == DEFAULT_SHIFT and h == table for h, s in zip(limits, shifts, strict=True)):
        return Calibration(table, DEFAULT_SHIFT, "table", n, at_table)
    log.info(
        "CUSUM limit for alpha %g: %s (shift %s) from %d series-periods before the judged "
        "ones%s (alarm share %.4f at the table's %.2f, shift %g)",
        alpha,
        ", ".join(f"{h:.2f}" for h in limits),
        ", ".join(f"{s:g}" for s in shifts),
        n,
        " and each judged year from the ones before it" if len(limits) > 1 else "",
        at_table,
        table,
        DEFAULT_SHIFT,
    )
    if len(limits) == 1:
        return Calibration(limits[0], shift, "data", n, at_table)
    return Calibration(
        limits[0], shifts[0], "data", n, at_table, cells.block, tuple(limits), tuple(shifts)
    )


def calibrated_limit(
    counts: np.ndarray,
    judged_cols: np.ndarray,
    settings,
    alpha: float,
    shift: float | None = None,
    judged_fit=None,
) -> Calibration:
    """The CUSUM limit (and shift) for ``alpha`` from the periods before the judged ones.

    The up to one year of periods before the first judged column is judged out of sample
    exactly like the judged ones (same baseline, CUSUM from 0; without a period of full
    history there, on shorter baselines, see ``_window_fits``); ``h`` is the smallest limit
    at which at most ``TARGET_SHARE * alpha`` of those series-periods raise an alarm. When
    more than a year is judged, every later judged year gets its own limit from the window
    and the judged years before it (``Calibration.h_blocks``). This takes in what the
    negative-binomial model misses in real series (trend breaks, extra dispersion, runs of
    raised periods), so the limit depends on the file. ``shift`` (default
    ``CALIBRATED_SHIFT``) is the rise the CUSUM looks for, in baseline standard deviations.
    A judged year with fewer than ``MIN_EXPECTED_ALARMS / alpha`` series-periods before it
    (or none) keeps the simulation table's ``h`` with ``DEFAULT_SHIFT``
    (``Calibration.shift_blocks``).

    The same as :func:`limit_from_cells` of :func:`calibration_cells`; the two parts are
    apart so that groups of series computed elsewhere (Spark) pool into one limit.
    """
    return limit_from_cells(
        calibration_cells(counts, judged_cols, settings, alpha, shift, judged_fit)
    )


def _alarms(llr, h, allowed):
    """CUSUM alarms (restart after each) for increments ``llr`` (S, K) and limit ``h``."""
    current = np.zeros(llr.shape[0])
    out = np.zeros(llr.shape, dtype=bool)
    for j in range(llr.shape[1]):
        current = np.maximum(0.0, current + llr[:, j])
        fire = (current > h) & allowed[:, j]
        out[:, j] = fire
        current = np.where(fire, 0.0, current)
    return out
