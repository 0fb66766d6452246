# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Synthetic difference-in-differences (SDID) for one treated unit, with a size-aware placebo
interval.

The estimator is the one of Arkhangelsky, Athey, Hirshberg, Imbens and Wager (2021, AER),
applied to log counts so that the effect is a share of the counterfactual:

- unit weights ``omega`` (non-negative, summing to 1, ridge-penalised, with an intercept) make
  the donors' pre-period path parallel to the treated unit's;
- time weights ``lambda`` (non-negative, summing to 1, with an intercept) make the weighted
  pre-period years predictive of the donors' post-period level;
- the effect in post year t is ``(y_t - lambda'y_pre) - omega'(Y_t - Y_pre lambda)``, over the
  period the mean over post years; in % of the counterfactual ``100 (exp(tau) - 1)``.

Inference (the 90% interval and the p-value) comes from placebos in space (Abadie, Diamond and
Hainmueller 2010; Arkhangelsky et al. 2021, algorithm 4): every donor in turn is treated as if
it had had the plan, with the other donors as its pool. Donors are single municipalities, most
much smaller than a region, and a small municipality's log count is far noisier; so the
placebo effects are first put on one scale: their variance is modelled as
``a + c / sqrt(n) + b / n`` (n: the unit's mean pre-period count; ``b / n`` is the
Poisson-like part, ``a`` the part every unit has, whatever its size), fitted to the squared
placebo effects by weighted non-negative least squares.
The standardised placebo effects give the critical value (their 90% quantile in absolute
value); the treated unit's interval is its estimate plus and minus that critical value times
its own modelled standard deviation. The p-value is the share of standardised placebos at
least as large (in absolute value) as the treated unit's.

Everything is plain numpy: the weight problems are small (a few pre-period years, a few hundred
donors) and solved for all placebos at once by accelerated projected gradient on the simplex.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

LEVEL = 0.90
MIN_PRE_YEARS = 3
MIN_DONORS = 20
_ITERATIONS = 400


@dataclass
class Fit:
    """The SDID fit for one treated unit (log scale)."""

    omega: np.ndarray  # (N,) unit weights over donors
    lam: np.ndarray  # (T0,) time weights over pre-period years
    tau: float  # mean effect over the post period (log scale)
    tau_t: np.ndarray  # (T1,) effect per post year (log scale)
    synthetic: np.ndarray  # (T,) the synthetic path: pre-period fit, post-period counterfactual
    pre_rmspe: float  # root mean squared pre-period error (log scale)


@dataclass
class Effect:
    """An effect with its interval, on the log scale and in % of the counterfactual."""

    tau: float
    low: float
    high: float
    p_value: float
    se: float

    @property
    def pct(self) -> float:
        return 100.0 * float(np.expm1(self.tau))

    @property
    def low_pct(self) -> float:
        return 100.0 * float(np.expm1(self.low))

    @property
    def high_pct(self) -> float:
        return 100.0 * float(np.expm1(self.high))


@dataclass
class Result:
    fit: Fit
    overall: Effect
    per_year: list[Effect]
    placebos: int
    variance_model: np.ndarray  # (a, c, b) of var = a + c / sqrt(n) + b / n
    notes: list[str] = field(default_factory=list)


# --- the weight problems --------------------------------------------------------------------


def _project_simplex(v: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Euclidean projection of every row of ``v`` onto the simplex over its ``mask``ed entries."""
    v = np.where(mask, v, -1e12)
    u = -np.sort(-v, axis=1)
    css = np.cumsum(u, axis=1) - 1.0
    k = np.arange(1, v.shape[1] + 1)
    cond = u - css / k > 0
    rho = v.shape[1] - 1 - np.argmax(cond[:, ::-1], axis=1)
    theta = css[np.arange(v.shape[0]), rho] / (rho + 1)
    return np.maximum(v - theta[:, None], 0.0)


def _simplex_ridge(
    A: np.ndarray, b: np.ndarray, mask: np.ndarray, eta: np.ndarray, iterations: int = _ITERATIONS
) -> np.ndarray:
    """Solve ``min ||A_p w - b_p||^2 + eta_p ||w||^2`` over the simplex on ``mask_p``, for every
    problem p at once. A: (P, M, K), b: (P, M), mask: (P, K), eta: (P,)."""
    P, _, K = A.shape
    lipschitz = 2.0 * (np.einsum("pmk,pmk->p", A, A) + eta) + 1e-12
    step = 1.0 / lipschitz
    counts = mask.sum(axis=1, keepdims=True)
    w = np.where(mask, 1.0 / np.maximum(counts, 1), 0.0)
    z, t = w.copy(), 1.0
    for _ in range(iterations):
        resid = np.einsum("pmk,pk->pm", A, z) - b
        grad = 2.0 * np.einsum("pmk,pm->pk", A, resid) + 2.0 * eta[:, None] * z
        w_new = _project_simplex(z - step[:, None] * grad, mask)
        t_new = (1.0 + np.sqrt(1.0 + 4.0 * t * t)) / 2.0
        z = w_new + ((t - 1.0) / t_new) * (w_new - w)
        w, t = w_new, t_new
    return w


def _noise_level(Y_pre: np.ndarray) -> float:
    """The standard deviation of the donors' first differences before treatment (synthdid)."""
    if Y_pre.shape[1] < 2:
        return float(np.std(Y_pre)) or 1.0
    return float(np.std(np.diff(Y_pre, axis=1), ddof=1)) or 1e-6


def fit_batch(Y: np.ndarray, treated: np.ndarray, donors: np.ndarray, t0: int) -> list[Fit]:
    """SDID fits for several treated series at once.

    ``Y``: (U, T) log outcomes of all units. ``treated``: (P,) row index of each problem's
    treated unit. ``donors``: (P, U) boolean, the donor pool of each problem (never containing
    its treated unit). ``t0``: the number of pre-period years (the first ``t0`` columns).
    """
    P = len(treated)
    T = Y.shape[1]
    t1 = T - t0
    pre, post = Y[:, :t0], Y[:, t0:]
    sigma = _noise_level(pre[donors.any(axis=0)])
    zeta = (1.0 * t1) ** 0.25 * sigma  # one treated unit, t1 post years
    # unit weights: centre over pre years (the intercept), fit the treated pre path
    pre_c = pre - pre.mean(axis=1, keepdims=True)  # (U, T0)
    A = np.broadcast_to(pre_c.T[None, :, :], (P, t0, Y.shape[0]))
    b = pre_c[treated]  # (P, T0)
    eta = np.full(P, zeta**2 * t0)
    omega = _simplex_ridge(A, b, donors, eta)
    # time weights: over donors, the pre years that predict the post mean (intercept: centre
    # over the donors of each problem)
    post_mean = post.mean(axis=1)  # (U,)
    n_don = donors.sum(axis=1)
    mean_pre = (donors @ pre) / n_don[:, None]  # (P, T0)
    mean_post = (donors @ post_mean) / n_don  # (P,)
    A_t = (pre[None, :, :] - mean_pre[:, None, :]) * donors[:, :, None]  # (P, U, T0)
    b_t = (post_mean[None, :] - mean_post[:, None]) * donors  # (P, U)
    eta_t = (1e-6 * sigma) ** 2 * n_don
    lam = _simplex_ridge(A_t, b_t, np.ones((P, t0), dtype=bool), eta_t)
    fits = []
    for p in range(P):
        y = Y[treated[p]]
        w, lw = omega[p], lam[p]
        synth_path = w @ Y  # (T,)
        diff = y - synth_path
        tau_t = (y[t0:] - y[:t0] @ lw) - (synth_path[t0:] - synth_path[:t0] @ lw)
        # the pre-period fit: the synthetic path shifted by the pre-period mean difference
        pre_fit = synth_path[:t0] + diff[:t0].mean()
        synthetic = np.concatenate([pre_fit, y[t0:] - tau_t])
        rmspe = float(np.sqrt(np.mean((y[:t0] - pre_fit) ** 2)))
        fits.append(
            Fit(
                omega=w,
                lam=lw,
                tau=float(tau_t.mean()),
                tau_t=tau_t,
                synthetic=synthetic,
                pre_rmspe=rmspe,
            )
        )
    return fits


# --- inference -------------------------------------------------------------------------------


def _design(sizes: np.ndarray) -> np.ndarray:
    sizes = np.asarray(sizes, dtype=float)
    return np.column_stack([np.ones_like(sizes), 1.0 / np.sqrt(sizes), 1.0 / sizes])


def _variance_model(effects: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Fit ``E[effect^2] = a + c / sqrt(n) + b / n`` (a, b, c >= 0) to placebo effects.

    ``b / n`` is the Poisson-like noise of a count of size n; ``c / sqrt(n)`` lets the
    idiosyncratic part shrink more slowly with size (a large municipality is itself an
    aggregate of neighbourhoods with their own trends); ``a`` is what no size removes.
    Squared effects have a spread proportional to their variance, so the fit is weighted
    least squares with weights ``1 / v``, iterated from the unweighted fit (the gamma-GLM way
    of fitting a variance function); otherwise the many small, noisy municipalities alone
    decide the variance of a large unit.
    """
    from scipy.optimize import nnls

    X = _design(sizes)
    sq = effects**2
    coef = nnls(X, sq)[0]
    for _ in range(25):
        v = np.maximum(X @ coef, 1e-12)
        w = 1.0 / v
        new = nnls(X * w[:, None], sq * w)[0]
        done = np.allclose(new, coef, rtol=1e-6, atol=1e-14)
        coef = new
        if done:
            break
    if not np.any(coef > 0):
        coef = np.array([float(np.mean(sq)) or 1e-12, 0.0, 0.0])
    return coef


def _variance(coef: np.ndarray, sizes) -> np.ndarray:
    return np.maximum(_design(np.atleast_1d(sizes)) @ coef, 1e-12)


def _interval(
    tau: float, placebo: np.ndarray, sizes: np.ndarray, size: float, level: float
) -> tuple[Effect, np.ndarray]:
    coef = _variance_model(placebo, sizes)
    z = np.abs(placebo) / np.sqrt(_variance(coef, sizes))
    k = int(np.ceil(level * (len(z) + 1)))  # the finite-sample (conformal-style) order statistic
    crit = float(np.sort(z)[min(k, len(z)) - 1])
    # no extrapolation beyond the largest placebo: a larger unit counts as that one
    se = float(np.sqrt(_variance(coef, min(size, float(np.max(sizes))))[0]))
    z_tr = abs(tau) / se
    p = (1 + int(np.sum(z >= z_tr))) / (len(z) + 1)
    return Effect(tau=tau, low=tau - crit * se, high=tau + crit * se, p_value=p, se=se), coef


def estimate(
    y: np.ndarray,
    Y_donors: np.ndarray,
    t0: int,
    *,
    y_size: float | None = None,
    donor_sizes: np.ndarray | None = None,
    level: float = LEVEL,
    max_placebos: int | None = None,
    rng: np.random.Generator | None = None,
) -> Result:
    """SDID on log counts with the size-aware placebo interval.

    ``y``: (T,) counts of the treated unit; ``Y_donors``: (N, T) counts of the donors; the
    first ``t0`` years are the pre-period. All counts must be positive. ``y_size`` and
    ``donor_sizes``: the size of each unit for the variance model (default: mean pre-period
    count). ``max_placebos``: use a random subset of donors as placebos (for simulations).
    """
    y = np.asarray(y, dtype=float)
    Yd = np.asarray(Y_donors, dtype=float)
    if np.any(y <= 0) or np.any(Yd <= 0):
        raise ValueError("counts must be positive")
    if t0 < 1 or t0 >= len(y):
        raise ValueError("need pre- and post-period years")
    N = Yd.shape[0]
    logs = np.log(np.vstack([Yd, y[None, :]]))  # donors first, treated last
    sizes = Yd[:, :t0].mean(axis=1) if donor_sizes is None else np.asarray(donor_sizes, float)
    size = float(y[:t0].mean()) if y_size is None else float(y_size)

    placebo_units = np.arange(N)
    if max_placebos is not None and max_placebos < N:
        rng = rng or np.random.default_rng(0)
        placebo_units = np.sort(rng.choice(N, size=max_placebos, replace=False))
    P = len(placebo_units)
    treated = np.concatenate([[N], placebo_units])
    donors = np.zeros((P + 1, N + 1), dtype=bool)
    donors[:, :N] = True
    donors[np.arange(1, P + 1), placebo_units] = False
    fits = fit_batch(logs, treated, donors, t0)
    main, placebo_fits = fits[0], fits[1:]
    p_sizes = sizes[placebo_units]
    overall, model = _interval(
        main.tau, np.array([f.tau for f in placebo_fits]), p_sizes, size, level
    )
    per_year = [
        _interval(
            float(main.tau_t[j]), np.array([f.tau_t[j] for f in placebo_fits]), p_sizes, size, level
        )[0]
        for j in range(len(y) - t0)
    ]
    return Result(fit=main, overall=overall, per_year=per_year, placebos=P, variance_model=model)
