# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The few distribution functions the detectors need, on ``scipy.special`` alone.

``import scipy.stats`` costs about half a second of CPU at start-up (measured in
docs/signals.md), more than judging a few hundred series. These are the same special
functions ``scipy.stats`` calls (``poisson``, ``nbinom``, ``norm``, ``t``; scipy 1.17) with
the same handling of the edges (invalid parameters give NaN, counts below 0 a tail of 1),
so the results are identical; tests/earlywarning/test_engine.py compares them with scipy.stats.
"""

from __future__ import annotations

import numpy as np
from scipy import special
from scipy.special import _ufuncs as scu


def norm_isf(q):
    return -special.ndtri(q)


def norm_sf(x):
    return special.ndtr(-np.asarray(x, float))


def t_sf(x, df):
    """Student t upper tail (df > 0)."""
    x, df = np.broadcast_arrays(np.asarray(x, float), np.asarray(df, float))
    return np.where(df > 0, special.stdtr(df, -x), np.nan)


def t_isf(q, df):
    """Student t upper quantile: the x with P(T > x) = q."""
    return special.stdtrit(df, 1.0 - np.asarray(q, float))


def _discrete_sf(k, ok, sf):
    """rv_discrete.sf on the support 0..inf: NaN for bad parameters or k, 1 below 0."""
    k = np.asarray(k, float)
    out = np.zeros(k.shape)
    inside = ok & (k >= 0) & np.isfinite(k)
    with np.errstate(invalid="ignore"):
        out[inside] = np.clip(sf(np.floor(k[inside]), inside), 0, 1)
    out[ok & ((k < 0) | np.isneginf(k))] = 1.0
    out[~ok | np.isnan(k)] = np.nan
    return out


def _discrete_ppf(q, ok, ppf):
    """rv_discrete.ppf for 0 < q < 1 (NaN for bad parameters)."""
    q = np.asarray(q, float)
    out = np.full(np.broadcast(q, ok).shape, np.nan)
    good = ok & (q > 0) & (q < 1)
    out[good] = ppf(good)
    return out


def poisson_sf(k, mu):
    k, mu = np.broadcast_arrays(np.asarray(k, float), np.asarray(mu, float))
    return _discrete_sf(k, mu >= 0, lambda kk, m: special.pdtrc(kk, mu[m]))


def poisson_ppf(q, mu):
    q, mu = np.broadcast_arrays(np.asarray(q, float), np.asarray(mu, float))

    def ppf(m):
        vals = np.ceil(special.pdtrik(q[m], mu[m]))
        vals1 = np.maximum(vals - 1, 0)
        return np.where(special.pdtr(vals1, mu[m]) >= q[m], vals1, vals)

    return _discrete_ppf(q, mu >= 0, ppf)


def nbinom_sf(k, n, p):
    k, n, p = np.broadcast_arrays(*(np.asarray(a, float) for a in (k, n, p)))
    ok = (n > 0) & (p > 0) & (p <= 1)
    return _discrete_sf(k, ok, lambda kk, m: scu._nbinom_sf(kk, n[m], p[m]))


def nbinom_ppf(q, n, p):
    q, n, p = np.broadcast_arrays(*(np.asarray(a, float) for a in (q, n, p)))
    ok = (n > 0) & (p > 0) & (p <= 1)

    def ppf(m):
        with np.errstate(over="ignore"):
            return scu._nbinom_ppf(q[m], n[m], p[m])

    return _discrete_ppf(q, ok, ppf)
