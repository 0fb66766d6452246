# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Batched quasi-Poisson GLMs (log link) with a seasonal factor and an optional linear trend.

Farrington's baseline model is ``log E[y_i] = beta_level(i) [+ beta_t * t_i]``, fitted for
many series that share the same design (the same calendar positions). In the cell-means
parametrisation (one coefficient per level, no separate intercept; the same fit as R's
intercept + treatment dummies) the information matrix is an "arrow": diagonal in the levels
plus one row and column for the trend. Newton's method (IRLS; the log link is canonical) then
needs only per-level sums, computed for all series with a few matrix products, and solves in
closed form via the Schur complement of the trend. Without trend the maximum-likelihood
estimate is the weighted mean count of each level: no iteration at all.

The estimates converge to the same maximum as R's ``glm.fit`` (relative change in deviance
below ``tol``), so fitted values agree with R's ``glm(..., family = quasipoisson)`` to many
digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ETA_MIN, ETA_MAX = -700.0, 700.0


@dataclass
class LevelDesign:
    """Shared design of S series: ``level`` (n,) in 0..P-1 and ``t`` (n,) the trend variable."""

    level: np.ndarray
    t: np.ndarray
    n_levels: int

    def __post_init__(self):
        n = self.level.size
        self.L = np.zeros((n, self.n_levels))
        self.L[np.arange(n), self.level] = 1.0
        # columns for the per-level sums of w, w*t and w*t^2 in one product
        self.sums_basis = np.hstack([self.L, self.L * self.t[:, None], (self.t**2)[:, None]])
        self.score_basis = np.hstack([self.L, self.t[:, None]])


@dataclass
class GLMFit:
    """Per series: level coefficients (S, P; -inf for a level with only zeros, NaN for a level
    without data), trend coefficient (S,), fitted means (S, n), the unscaled variance of the
    trend coefficient, the Pearson dispersion (not clamped), residual df, convergence."""

    beta_level: np.ndarray
    beta_t: np.ndarray
    mu: np.ndarray
    var_t: np.ndarray
    dispersion: np.ndarray
    df_residual: np.ndarray
    converged: np.ndarray
    a0: np.ndarray  # per-level sum of working weights (S, P)
    tbar: np.ndarray  # per-level weighted mean of t (S, P)
    schur: np.ndarray  # Schur complement of the trend (S,) (inf without trend)

    def predict_eta(self, level: int) -> np.ndarray:
        """Linear predictor at trend variable 0 in ``level``."""
        return self.beta_level[:, level]


def _level_sums(u, design):
    P = design.n_levels
    sums = u @ design.sums_basis
    return sums[:, :P], sums[:, P : 2 * P], sums[:, 2 * P]


def _linear_predictor(beta_level, beta_t, design):
    """eta = beta_level[level] + beta_t * t as one matrix product; levels without data or
    with only zeros get a very negative eta (a fitted mean of 0)."""
    coef = np.where(np.isfinite(beta_level), beta_level, ETA_MIN)
    if beta_t is None:
        return coef @ design.L.T
    return np.hstack([coef, beta_t[:, None]]) @ design.score_basis.T


def fit_level_glm(
    design: LevelDesign,
    Y: np.ndarray,
    prior_weights: np.ndarray,
    *,
    trend: bool,
    maxit: int = 25,
    tol: float = 1e-8,
    ylogy: np.ndarray | None = None,
) -> GLMFit:
    """Fit all rows of ``Y`` (S, n); ``prior_weights`` (S, n) are R's ``weights`` and 0 marks
    a missing observation (Y there must be 0). ``ylogy`` may pass ``y*log(y)`` (0 at y=0)
    precomputed."""
    pw = prior_weights
    pwy = pw * Y
    wy_level = pwy @ design.L  # (S, P)
    w_level = pw @ design.L
    present = w_level > 0
    live = present & (wy_level > 0)  # a level with only zeros has MLE mean 0 (beta -inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        beta_level = np.where(present, np.log(wy_level / w_level), np.nan)
    with np.errstate(all="ignore"):
        return _fit(
            design, Y, pw, pwy, wy_level, present, live, beta_level, trend, maxit, tol, ylogy
        )


def _fit(design, Y, pw, pwy, wy_level, present, live, beta_level, trend, maxit, tol, ylogy):
    S = Y.shape[0]
    beta_t = np.zeros(S) if trend else None
    converged = np.ones(S, dtype=bool)
    if trend:
        if ylogy is None:
            with np.errstate(divide="ignore", invalid="ignore"):
                ylogy = np.where(Y > 0, Y * np.log(Y), 0.0)
        const = np.sum(pw * ylogy, axis=1) - pwy.sum(axis=1)
        xty_t = pwy @ design.t  # X'(w y) for the trend column; per level it is wy_level
        coef = np.where(live, beta_level, 0.0)
        converged = np.zeros(S, dtype=bool)
        dev_old = np.full(S, np.inf)
        for _ in range(maxit + 1):
            # a degenerate row (e.g. one level left, so no information on the trend) turns
            # NaN and never converges; the caller then fits it without trend
            eta = _linear_predictor(np.where(live, coef, -np.inf), beta_t, design)
            u = pw * np.exp(eta)
            a0, a1, a2 = _level_sums(u, design)
            lin = np.sum(coef * wy_level, axis=1) + beta_t * xty_t
            dev = 2.0 * (const - lin + a0.sum(axis=1))
            converged |= np.abs(dev - dev_old) / (np.abs(dev) + 0.1) < tol
            dev_old = dev
            if converged.all():
                break
            # Newton step on the arrow-shaped information matrix (Schur complement of t)
            a0s = np.where(live, a0, 1.0)
            ratio = np.where(live, a1 / a0s, 0.0)
            g_level = np.where(live, wy_level - a0, 0.0)
            g_t = xty_t - a1.sum(axis=1)
            schur = a2 - np.sum(ratio * a1, axis=1)
            step_t = (g_t - np.sum(ratio * g_level, axis=1)) / schur
            step_l = np.where(live, (g_level - a1 * step_t[:, None]) / a0s, 0.0)
            active = ~converged
            coef = np.where(active[:, None], coef + step_l, coef)
            beta_t = np.where(active, beta_t + step_t, beta_t)
        beta_level = np.where(live, coef, beta_level)
    else:
        with np.errstate(divide="ignore"):
            beta_level = np.where(present & ~live, -np.inf, beta_level)
    with np.errstate(over="ignore"):
        mu = np.exp(_linear_predictor(np.where(live, beta_level, -np.inf), beta_t, design))
    mu *= pw > 0

    u = pw * mu
    a0, a1, a2 = _level_sums(u, design)
    a0s = np.where(live, a0, 1.0)
    tbar = np.where(live, a1 / a0s, 0.0)
    if trend:
        schur = a2 - np.sum(tbar * a1, axis=1)
        with np.errstate(divide="ignore"):
            var_t = 1.0 / schur
    else:
        schur = np.full(S, np.inf)
        var_t = np.full(S, np.nan)
    observed = pw > 0
    rank = present.sum(axis=1) + (1 if trend else 0)
    df_residual = observed.sum(axis=1) - rank
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = np.sum(np.where(mu > 0, pw * (Y - mu) ** 2 / mu, 0.0), axis=1)
        dispersion = np.where(df_residual > 0, pearson / df_residual, np.nan)
    return GLMFit(
        beta_level,
        beta_t if trend else np.zeros(S),
        mu,
        var_t,
        dispersion,
        df_residual,
        converged,
        np.where(live, a0, 0.0),
        tbar,
        schur,
    )


def hat_values(design: LevelDesign, fit: GLMFit, prior_weights: np.ndarray) -> np.ndarray:
    """Diagonal of the hat matrix for every series (S, n):
    ``w_i * (1/a0_level + (t_i - tbar_level)^2 / schur)``."""
    a0 = fit.a0[:, design.level]
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_a0 = np.where(a0 > 0, 1.0 / a0, 0.0)
        h = inv_a0 + (design.t[None, :] - fit.tbar[:, design.level]) ** 2 / fit.schur[:, None]
    return prior_weights * fit.mu * h
