# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Forecasts to the target year with an 80% interval that is honest for small numbers.

Three kinds of figure, three models:

- counts (crimes per year) are Poisson-like: a log-linear trend fitted as a quasi-Poisson GLM;
  the interval adds the trend's uncertainty to the year-to-year noise (negative binomial with
  the fitted over-dispersion), so 12 robberies get a wide interval and 8,000 burglaries a
  narrow one;
- ratios (clearance = cleared / registered) are binomial: a logistic trend (quasi-binomial),
  with binomial noise for the forecast number of registered crimes;
- survey percentages come with a sampling margin: a weighted linear trend, with the margin
  added to the interval.

Intervals are simulated with a fixed seed, so the same inputs always give the same figures.
With fewer than three years no trend is fitted: the forecast is the last level with its noise,
and the result says so.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import stats

from safetyplan import formatting as fmt
from safetyplan.i18n import _

LEVEL = 0.80
MIN_YEARS_FOR_TREND = 3
_DRAWS = 20_000
_SEED = 20150101


@dataclass(frozen=True)
class Forecast:
    year: int
    value: float
    low: float
    high: float
    method: str  # a short description for the notes

    def as_tuple(self) -> tuple[float, float, float]:
        return self.value, self.low, self.high


def _quantiles(draws: np.ndarray) -> tuple[float, float]:
    tail = (1 - LEVEL) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return float(low), float(high)


def _rng() -> np.random.Generator:
    return np.random.default_rng(_SEED)


def forecast_count(years: list[int], counts: list[float], target_year: int) -> Forecast | None:
    """Forecast a yearly count to ``target_year`` (quasi-Poisson log-linear trend)."""
    if not years:
        return None
    x = np.asarray(years, dtype=float)
    y = np.asarray(counts, dtype=float)
    rng = _rng()
    if len(x) < MIN_YEARS_FOR_TREND:
        level = max(float(y[-1]), 0.0)
        draws = rng.poisson(level, _DRAWS) if level > 0 else np.zeros(_DRAWS)
        low, high = _quantiles(draws)
        return Forecast(
            target_year,
            level,
            low,
            high,
            _("last level, no trend (fewer than 3 years)"),
        )
    eta, se_eta, phi = _quasi_poisson_predict(x, y, target_year)
    mu_draws = np.exp(rng.normal(eta, se_eta, _DRAWS))
    counts_draws = _negbin_draws(rng, mu_draws, phi)
    low, high = _quantiles(counts_draws)
    return Forecast(
        target_year,
        float(np.exp(eta)),
        low,
        high,
        _("log-linear trend (quasi-Poisson, dispersion {phi})").format(phi=fmt.number(phi, 1)),
    )


def _quasi_poisson_predict(x: np.ndarray, y: np.ndarray, at: int) -> tuple[float, float, float]:
    """Linear predictor at ``at``, its standard error and the dispersion (>= 1)."""
    import statsmodels.api as sm

    centre = x.mean()
    design = sm.add_constant(x - centre)
    if np.all(y == 0):
        return -np.inf, 0.0, 1.0
    with warnings.catch_warnings():  # an exact fit (perfect trend) is fine here
        warnings.simplefilter("ignore")
        fit = sm.GLM(y, design, family=sm.families.Poisson()).fit()
    dof = max(len(x) - 2, 1)
    phi = max(float(np.sum(fit.resid_pearson**2) / dof), 1.0)
    point = np.array([1.0, at - centre])
    eta = float(point @ fit.params)
    se = float(np.sqrt(point @ (fit.cov_params() * phi) @ point))
    return eta, se, phi


def _negbin_draws(rng: np.random.Generator, mu: np.ndarray, phi: float) -> np.ndarray:
    """Counts with mean ``mu`` and variance ``phi * mu`` (Poisson when phi == 1)."""
    if phi <= 1.0001:
        return rng.poisson(mu)
    # NB with variance mu + mu^2/r  ==  phi*mu  =>  r = mu / (phi - 1)
    r = mu / (phi - 1)
    p = r / (r + mu)
    return rng.negative_binomial(np.maximum(r, 1e-9), p)


def forecast_ratio(
    years: list[int], cleared: list[float], registered: list[float], target_year: int
) -> Forecast | None:
    """Forecast a share (percent) such as a clearance rate (quasi-binomial logistic trend)."""
    pairs = [(yr, c, n) for yr, c, n in zip(years, cleared, registered, strict=True) if n > 0]
    if not pairs:
        return None
    x = np.array([p[0] for p in pairs], dtype=float)
    c = np.array([p[1] for p in pairs], dtype=float)
    n = np.array([p[2] for p in pairs], dtype=float)
    rng = _rng()
    n_future = int(round(n[-1]))
    if len(x) < MIN_YEARS_FOR_TREND:
        share = float(c[-1] / n[-1])
        draws = rng.binomial(n_future, share, _DRAWS) / n_future
        low, high = _quantiles(100 * draws)
        return Forecast(
            target_year,
            100 * share,
            low,
            high,
            _("last level, no trend (fewer than 3 years)"),
        )
    import statsmodels.api as sm

    centre = x.mean()
    design = sm.add_constant(x - centre)
    endog = np.column_stack([c, n - c])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.GLM(endog, design, family=sm.families.Binomial()).fit()
    dof = max(len(x) - 2, 1)
    phi = max(float(np.sum(fit.resid_pearson**2) / dof), 1.0)
    point = np.array([1.0, target_year - centre])
    eta = float(point @ fit.params)
    se = float(np.sqrt(point @ (fit.cov_params() * phi) @ point))
    p_draws = 1 / (1 + np.exp(-rng.normal(eta, se, _DRAWS)))
    # Over-dispersion shrinks the effective number of cases.
    n_eff = max(int(round(n_future / phi)), 1)
    share_draws = rng.binomial(n_eff, p_draws) / n_eff
    low, high = _quantiles(100 * share_draws)
    return Forecast(
        target_year,
        100 / (1 + np.exp(-eta)),
        low,
        high,
        _("logistic trend (quasi-binomial)"),
    )


def forecast_share(
    years: list[int], values: list[float], margins: list[float | None], target_year: int
) -> Forecast | None:
    """Forecast a survey percentage; ``margins`` are 95% half-widths (None when unknown)."""
    if not years:
        return None
    x = np.asarray(years, dtype=float)
    y = np.asarray(values, dtype=float)
    known = [m for m in margins if m is not None]
    margin = float(np.mean(known)) if known else None
    sampling_sd = margin / 1.96 if margin is not None else 0.0
    z = stats.norm.ppf(0.5 + LEVEL / 2)
    if len(x) < MIN_YEARS_FOR_TREND:
        level = float(y[-1])
        half = z * sampling_sd
        return Forecast(
            target_year,
            level,
            level - half,
            level + half,
            _("last level, no trend (fewer than 3 years)"),
        )
    slope, intercept = np.polyfit(x, y, 1)
    value = float(intercept + slope * target_year)
    resid = y - (intercept + slope * x)
    dof = len(x) - 2
    s2 = float(np.sum(resid**2) / dof) if dof > 0 else 0.0
    s2 = max(s2, sampling_sd**2)
    leverage = 1 / len(x) + (target_year - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2)
    t = stats.t.ppf(0.5 + LEVEL / 2, max(dof, 1))
    half = float(t * np.sqrt(s2 * (1 + leverage)))
    return Forecast(
        target_year,
        value,
        value - half,
        value + half,
        _("linear trend with sampling margin"),
    )
