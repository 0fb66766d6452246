# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The learned hot-spot forecast: a Poisson regression on cell features (``hotspots evaluate``).

Time is cut into *periods* of the test window's length, stepping back from the end of the
training window (whole months when the windows run from a first to a first of the month,
otherwise days). Period 1 is the last training period, period K the earliest whole one.

For an *origin* k (forecast period k from periods k+1..K only) every cell of the study area
(cells with a target incident in periods k+1..K) gets features, all ``log(value + EPS)``:

- the target type's mean count per period over its history, smoothed on the cell lattice
  with Gaussian kernels of 0, 1, 2 and 4 cells (0: the cell alone);
- the target type's count in the last period (period k+1), 0 and 1 cell;
- optional covariates from the *other* crime types of the training window (a proxy for
  where people live, park and go out: where burglary can happen): their summed mean count per
  period at 0, 1, 2 and 4 cells, and each of the most frequent ones alone at 1 cell.

A Poisson regression (log link, a small ridge penalty on standardised features) is fitted on
the stacked origins 1..K-1 (forecast each training period from the ones before it) and
applied to origin 0: the test window from the whole training window. Only the ranking of its
linear predictor is used.

Which model is used is chosen inside the training window only: for up to
``VALIDATION_FOLDS`` validation periods k = 1, 2, 3, every candidate forecasts period k from
what came before it (the regressions fitted on origins k+1..K-1 only) and the candidate with
the most hits at the evaluated coverage, summed over the folds, wins. The candidates are the
kernel-density settings of ``hotspots`` and the regressions with and without covariates.
The test window is never looked at. The feature set, EPS, the kernels and the penalty are
fixed a priori (module constants below), not tuned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.ndimage import gaussian_filter
from scipy.optimize import minimize

from safetyplan.i18n import N_, _

EPS = 0.05  # added before the log: a cell without incidents is "a twentieth per period"
TARGET_SCALES = (0, 1, 2, 4)  # kernel standard deviations in cells
LAST_SCALES = (0, 1)
OTHER_SCALES = (0, 1, 2, 4)
EACH_TYPE_SCALE = 1
MAX_EACH_TYPES = 12  # the most frequent other types get a feature of their own
RIDGE = 1.0  # penalty on standardised coefficients (numerical stability, hardly shrinks)
MAX_PERIODS = 24  # periods of history used for features (older incidents: study area only)
MIN_PERIODS = 4  # K: needed for one validation fold fitted on two origins
MIN_FIT_ORIGINS = 2
MIN_FIT_ROWS = 100  # stacked cell-origin rows below this: too little to fit
VALIDATION_FOLDS = 3
MAX_RASTER_CELLS = 6_000_000  # the lattice box around the study area: ~16 rasters of it
# are held at once (8 bytes a cell: ~0.8 GB at the limit; the Netherlands at 250 m fits)
TRUNCATE = 3.0  # kernels cut at 3 standard deviations


class TooLittleHistory(Exception):
    """The learned model cannot be fitted; the message says why (shown in the output)."""


def period_starts(
    train_end: pd.Timestamp, test_end: pd.Timestamp, first: pd.Timestamp
) -> list[pd.Timestamp]:
    """[b_0 = train_end, b_1, ..., b_K]: the starts of the whole periods of the test window's
    length that fit between ``first`` (the earliest incident) and the end of the training
    window, newest first, at most ``MAX_PERIODS``."""
    monthly = train_end.day == 1 and test_end.day == 1
    months = (test_end.year - train_end.year) * 12 + test_end.month - train_end.month
    starts = [train_end]
    while len(starts) <= MAX_PERIODS:
        step = (
            starts[-1] - pd.DateOffset(months=months)
            if monthly
            else starts[-1] - (test_end - train_end)
        )
        if step < first:
            break
        starts.append(step)
    return starts


@dataclass
class Lattice:
    """Incident counts on the grid's cells inside a box around the study area, by period."""

    offset: np.ndarray  # (col, row) of the box's lower-left cell
    shape: tuple[int, int]
    margin: int

    @classmethod
    def around(cls, study: np.ndarray) -> Lattice:
        margin = int(np.ceil(TRUNCATE * max(TARGET_SCALES + OTHER_SCALES))) + 1
        low = study.min(axis=0) - margin
        shape = tuple(int(v) for v in study.max(axis=0) - low + margin + 1)
        if shape[0] * shape[1] > MAX_RASTER_CELLS:
            raise TooLittleHistory(
                _(
                    "the area is too large for the learned model "
                    "({rows} x {cols} cells around the study area)"
                ).format(rows=shape[0], cols=shape[1])
            )
        return cls(low, shape, margin)

    def raster(self, cells: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        local = cells - self.offset
        inside = ((local >= 0) & (local < np.array(self.shape))).all(axis=1)
        out = np.zeros(self.shape)
        np.add.at(
            out, (local[inside, 0], local[inside, 1]), 1.0 if weights is None else weights[inside]
        )
        return out

    def at(self, raster: np.ndarray, cells: np.ndarray) -> np.ndarray:
        local = cells - self.offset
        return raster[local[:, 0], local[:, 1]]


def smooth(raster: np.ndarray, scale: float) -> np.ndarray:
    """Gaussian smoothing on the lattice (``scale`` in cells; 0: unchanged). The discrete
    kernel sums to 1, so a smoothed count is a weighted mean of neighbouring counts' total."""
    if scale == 0:
        return raster
    return gaussian_filter(raster, scale, mode="constant", cval=0.0, truncate=TRUNCATE)


@dataclass(frozen=True)
class RegressionSpec:
    """Which feature groups a regression uses."""

    name: str
    others: bool  # the other types summed
    each: bool  # each frequent other type alone


SPECS = (
    # names are codes in the JSON output, marked for the catalogue: shown as _(name)
    RegressionSpec(N_("target type only"), others=False, each=False),
    RegressionSpec(N_("target type + other types"), others=True, each=False),
    RegressionSpec(N_("target type + other types + each type"), others=True, each=True),
)


@dataclass
class Origin:
    """Features and the outcome of one origin: forecast period k from periods k+1..K."""

    cells: np.ndarray  # (n, 2) study cells of this origin
    features: dict[str, np.ndarray]  # name -> (n,) values
    counts: np.ndarray | None  # target incidents of period k per cell (None for origin 0)
    total: int  # all target incidents of period k with a location (misses included)

    def matrix(self, names: list[str]) -> np.ndarray:
        return np.column_stack([self.features[n] for n in names])


@dataclass
class CellHistory:
    """Everything the regression needs: period per incident, lattice, origins."""

    starts: list[pd.Timestamp]
    covariate_types: list[str]
    each_types: list[str]
    origins: dict[int, Origin] = field(default_factory=dict)

    @property
    def periods(self) -> int:
        return len(self.starts) - 1


def build_history(
    cells: np.ndarray,
    when: np.ndarray,
    types: np.ndarray,
    target: np.ndarray,
    study: np.ndarray,
    starts: list[pd.Timestamp],
    covariates: bool,
) -> CellHistory:
    """Features for origins 0..K-1. ``cells`` (n, 2), ``when`` datetime64, ``types`` the crime
    type per incident, ``target`` bool (the forecast type) for the *training* incidents only;
    ``study`` the evaluation's study cells (origin 0)."""
    period = _period_of(when, starts)
    others = ~target if covariates else np.zeros(len(target), dtype=bool)
    names, frequency = np.unique(types[others], return_counts=True)
    each = [str(t) for t in names[np.argsort(-frequency, kind="stable")][:MAX_EACH_TYPES]]
    history = CellHistory(starts, [str(t) for t in names], each)
    lattice = Lattice.around(study)
    groups = {"target": target, "others": others}
    groups.update({f"type:{t}": others & (types == t) for t in each})
    K = history.periods
    # History sums are built from the oldest period on: before origin k is handled they
    # hold periods k+1..K, and ``last`` holds period k+1.
    sums = {g: np.zeros(lattice.shape) for g in groups}
    last = np.zeros(lattice.shape)
    for k in range(K, -1, -1):
        if k < K:
            origin_cells = study if k == 0 else _cells_with(sums["target"], lattice)
            history.origins[k] = _origin(
                k, origin_cells, sums, last, lattice, K, cells, period, target, groups
            )
        if k >= 1:
            for g, mask in groups.items():
                sums[g] += lattice.raster(cells[(period == k) & mask])
            last = lattice.raster(cells[(period == k) & target])
    return history


def _period_of(when: np.ndarray, starts: list[pd.Timestamp]) -> np.ndarray:
    """Period number 1..K per incident; 0 on or after starts[0], -1 before starts[K]."""
    edges = np.array([s.to_datetime64() for s in starts[::-1]], dtype="datetime64[s]")
    pos = np.searchsorted(edges, when.astype("datetime64[s]"), side="right")
    period = len(starts) - pos  # pos = len: after the end -> 0
    period[pos == 0] = -1
    return period


def _cells_with(raster: np.ndarray, lattice: Lattice) -> np.ndarray:
    return np.argwhere(raster > 0) + lattice.offset


def _origin(k, origin_cells, sums, last, lattice, K, cells, period, target, groups) -> Origin:
    span = K - k  # periods of history
    features = {}
    for scale in TARGET_SCALES:
        features[f"target mean, {scale} cells"] = smooth(sums["target"], scale) / span
    for scale in LAST_SCALES:
        features[f"target last period, {scale} cells"] = smooth(last, scale)
    for scale in OTHER_SCALES:
        features[f"other types mean, {scale} cells"] = smooth(sums["others"], scale) / span
    for g in groups:
        if g.startswith("type:"):
            features[f"{g[5:]} mean, {EACH_TYPE_SCALE} cells"] = (
                smooth(sums[g], EACH_TYPE_SCALE) / span
            )
    values = {n: np.log(lattice.at(r, origin_cells) + EPS) for n, r in features.items()}
    if k == 0:
        return Origin(origin_cells, values, None, 0)
    mine = (period == k) & target
    counts = lattice.raster(cells[mine])
    return Origin(origin_cells, values, lattice.at(counts, origin_cells), int(mine.sum()))


def feature_names(spec: RegressionSpec, history: CellHistory) -> list[str]:
    names = [f"target mean, {s} cells" for s in TARGET_SCALES]
    names += [f"target last period, {s} cells" for s in LAST_SCALES]
    if spec.others:
        names += [f"other types mean, {s} cells" for s in OTHER_SCALES]
    if spec.each:
        names += [f"{t} mean, {EACH_TYPE_SCALE} cells" for t in history.each_types]
    return names


def usable_specs(history: CellHistory) -> list[RegressionSpec]:
    """Without other types the covariate regressions are the same as the plain one."""
    if not history.covariate_types:
        return [SPECS[0]]
    return [s for s in SPECS if not s.each or history.each_types]


@dataclass
class PoissonFit:
    """log mu = intercept + coef . (x - mean) / sd."""

    mean: np.ndarray
    sd: np.ndarray
    intercept: float
    coef: np.ndarray

    def linear_predictor(self, x: np.ndarray) -> np.ndarray:
        return self.intercept + ((x - self.mean) / self.sd) @ self.coef


def fit_poisson(x: np.ndarray, y: np.ndarray, ridge: float = RIDGE) -> PoissonFit:
    """Poisson regression with log link by L-BFGS; the penalty ``ridge/2 * |coef|^2`` (not on
    the intercept) is added to the summed negative log-likelihood."""
    mean, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    z = np.column_stack([np.ones(len(x)), (x - mean) / sd])
    n = len(y)

    def loss(beta):
        eta = np.clip(z @ beta, -50, 50)
        mu = np.exp(eta)
        value = (mu - y * eta).sum() + 0.5 * ridge * (beta[1:] ** 2).sum()
        grad = z.T @ (mu - y)
        grad[1:] += ridge * beta[1:]
        return value / n, grad / n

    start = np.zeros(z.shape[1])
    start[0] = np.log(max(y.mean(), 1e-9))
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return PoissonFit(mean, sd, float(result.x[0]), result.x[1:])


def fit_on(history: CellHistory, names: list[str], origins: range) -> PoissonFit:
    """The regression fitted on the stacked ``origins`` (each a training period forecast from
    the ones before it)."""
    used = [history.origins[k] for k in origins]
    rows = sum(len(o.cells) for o in used)
    if len(used) < MIN_FIT_ORIGINS or rows < MIN_FIT_ROWS:
        raise TooLittleHistory(
            _(
                "too little to fit the learned model on: {periods} period(s), {rows} "
                "cell-periods (at least {min_periods} and {min_rows} needed)"
            ).format(
                periods=len(used), rows=rows, min_periods=MIN_FIT_ORIGINS, min_rows=MIN_FIT_ROWS
            )
        )
    x = np.vstack([o.matrix(names) for o in used])
    y = np.concatenate([o.counts for o in used])
    return fit_poisson(x, y)


def check_periods(starts: list[pd.Timestamp]) -> None:
    if len(starts) - 1 < MIN_PERIODS:
        raise TooLittleHistory(
            _(
                "too little history for the learned model: {periods} whole period(s) of the "
                "test window's length in the training window, at least {needed} needed"
            ).format(periods=len(starts) - 1, needed=MIN_PERIODS)
        )


def check_history(history: CellHistory) -> None:
    K = history.periods
    check_periods(history.starts)
    rows = sum(len(history.origins[k].cells) for k in range(1, K))
    if rows < MIN_FIT_ROWS:
        raise TooLittleHistory(
            _(
                "too few cells for the learned model: {rows} cell-periods to fit on, "
                "at least {needed} needed"
            ).format(rows=rows, needed=MIN_FIT_ROWS)
        )


def validation_folds(history: CellHistory) -> list[int]:
    """Validation periods k: each leaves at least ``MIN_FIT_ORIGINS`` origins (k+1..K-1)."""
    return [k for k in range(1, VALIDATION_FOLDS + 1) if history.periods - 1 - k >= MIN_FIT_ORIGINS]
