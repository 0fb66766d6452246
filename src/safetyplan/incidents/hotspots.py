# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Hot spots on a square grid: counts, kernel density, Getis-Ord Gi*, and the forecast test.

Coordinates are metres: RD New (EPSG:28992) for Dutch points, otherwise the WGS84 degrees are
projected to the UTM zone of the data's median longitude (e.g. Essex: EPSG:32631), whose
scale error over a county is far below a cell.

The forecast (``hotspots evaluate``) ranks the cells of the study area (the cells holding at
least one incident in the training window) and selects the top ``coverage`` share:

- model: either a Poisson regression on cell features (the target type's past counts and,
  with covariates, those of the other crime types of the training window; see
  ``hotspot_model``) or a Gaussian kernel density of the training incidents at the cell
  centres with a bandwidth and time decay. Which one, and its settings, is chosen inside the
  training window only (forecast its own last periods from the ones before them, keep the
  candidate with the most hits), so the test window is never looked at; ``prepare`` hands
  the model the training window's incidents only;
- naive: the counts of the last period before the test window, of the test window's length.

Hit rate = test incidents in the selected cells / all test incidents with a location (those
outside the study area count as misses). PAI (predictive accuracy index, Chainey et al. 2008)
= hit rate / (selected cells / study-area cells). Ties at the cut-off are shared out: a tied
cell counts with the chance that random tie-breaking picks it, so the figures do not depend
on cell order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from safetyplan.errors import DataError
from safetyplan.i18n import _

from . import hotspot_model, locator

MIN_CELL, MAX_CELL = 50.0, 2000.0
BANDWIDTH_FACTORS = (0.5, 1.0, 1.5, 2.0, 3.0)
DECAY_MONTHS = (None, 1.0, 2.0, 4.0)
VALIDATION_FOLDS = 3
KERNEL_REACH = 3.0  # bandwidths: beyond this a kernel adds nothing of weight


def metric_coordinates(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, str]:
    """(x, y, crs) in metres for rows with RD ``x,y`` or WGS84 ``lat,lon``; NaN otherwise."""
    x = frame["x"].to_numpy(dtype=float, copy=True) if "x" in frame else np.full(len(frame), np.nan)
    y = frame["y"].to_numpy(dtype=float, copy=True) if "y" in frame else np.full(len(frame), np.nan)
    rd = np.isfinite(x) & np.isfinite(y)
    if rd.any() or "lat" not in frame:
        return x, y, locator.RD_NEW
    lat = frame["lat"].to_numpy(dtype=float)
    lon = frame["lon"].to_numpy(dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon)
    if not ok.any():
        return x, y, locator.RD_NEW
    zone = int((np.median(lon[ok]) + 180) // 6) + 1
    crs = f"EPSG:{32600 + zone if np.median(lat[ok]) >= 0 else 32700 + zone}"
    x[ok], y[ok] = locator._transformer(locator.WGS84, crs).transform(lon[ok], lat[ok])
    return x, y, crs


@dataclass(frozen=True)
class Grid:
    """Square cells of ``size`` metres; cell (col, row) spans x0 + col*size ... ."""

    size: float
    x0: float
    y0: float

    @classmethod
    def covering(cls, x: np.ndarray, y: np.ndarray, size: float) -> Grid:
        check_cell_size(size)
        ok = np.isfinite(x) & np.isfinite(y)
        if not ok.any():
            raise DataError(_("No incidents with coordinates"))
        return cls(
            size, math.floor(x[ok].min() / size) * size, math.floor(y[ok].min() / size) * size
        )

    def cells(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """(n, 2) integer (col, row) per point."""
        return np.column_stack(
            [np.floor((x - self.x0) / self.size), np.floor((y - self.y0) / self.size)]
        ).astype(np.int64)

    def centres(self, cells: np.ndarray) -> np.ndarray:
        return np.column_stack(
            [self.x0 + (cells[:, 0] + 0.5) * self.size, self.y0 + (cells[:, 1] + 0.5) * self.size]
        )


def check_cell_size(size: float) -> None:
    if not MIN_CELL <= size <= MAX_CELL:
        raise DataError(
            _("Cell size {size} m: choose {low}-{high} m (CAS: 125 m; usual 125-250 m)").format(
                size=f"{size:g}", low=f"{MIN_CELL:g}", high=f"{MAX_CELL:g}"
            )
        )


def kernel_density(
    points: np.ndarray, at: np.ndarray, bandwidth: float, weights: np.ndarray | None = None
) -> np.ndarray:
    """Gaussian kernel density (incidents per km²) of ``points`` evaluated at ``at``."""
    if len(points) == 0 or len(at) == 0:
        return np.zeros(len(at))
    unique, inverse = np.unique(points, axis=0, return_inverse=True)
    w = np.bincount(inverse.ravel(), weights=weights, minlength=len(unique))
    tree_at, tree_pts = cKDTree(at), cKDTree(unique)
    pairs = tree_at.sparse_distance_matrix(
        tree_pts, KERNEL_REACH * bandwidth, output_type="ndarray"
    )  # zero distances included
    kernel = np.exp(-0.5 * (pairs["v"] / bandwidth) ** 2) / (2 * math.pi * bandwidth**2)
    density = np.bincount(pairs["i"], weights=kernel * w[pairs["j"]], minlength=len(at))
    return density * 1e6


# -- Getis-Ord Gi* ---------------------------------------------------------------------------


def gi_star(values: np.ndarray, neighbours) -> np.ndarray:
    """Getis-Ord Gi* z-scores with binary weights that include each unit itself
    (``neighbours``: a square scipy sparse 0/1 matrix with a full diagonal). The same figures
    as ``esda.G_Local(values, w, star=True, transform="B").Zs`` (checked in the tests),
    without building a libpysal W (too slow for a county-wide grid of 10^5 cells). NaN where
    the variance is zero."""
    x = np.asarray(values, dtype=float)
    n = len(x)
    local = np.asarray(neighbours @ x).ravel()
    size = np.asarray(neighbours.sum(axis=1)).ravel()
    return _z(x, local, size, n)


def gi_star_grid(counts: np.ndarray, inside: np.ndarray | None = None) -> np.ndarray:
    """Gi* on a rectangular lattice (rows x cols) with queen neighbours plus the cell itself:
    window sums by convolution. ``inside`` (same shape, bool) limits the study region to
    those cells (e.g. the cells of a municipality); cells outside get NaN."""
    from scipy.ndimage import convolve

    inside = np.ones(counts.shape, dtype=bool) if inside is None else inside
    kernel = np.ones((3, 3))
    values = np.where(inside, counts, 0.0).astype(float)
    local = convolve(values, kernel, mode="constant", cval=0.0)
    size = convolve(inside.astype(float), kernel, mode="constant", cval=0.0)
    z = np.full(counts.size, np.nan)
    keep = inside.ravel()
    if keep.sum() >= 3:
        z[keep] = _z(values.ravel()[keep], local.ravel()[keep], size.ravel()[keep], int(keep.sum()))
    return z


def _z(x: np.ndarray, local: np.ndarray, size: np.ndarray, n: int) -> np.ndarray:
    mean = x.mean()
    spread = math.sqrt(max((x**2).mean() - mean**2, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (local - mean * size) / (spread * np.sqrt((n * size - size**2) / (n - 1)))
    z[~np.isfinite(z)] = np.nan
    return z


# -- the forecast test ---------------------------------------------------------------------


def top_share(scores: np.ndarray, k: int) -> np.ndarray:
    """Weight 0..1 per cell of being among the top ``k``: 1 above the cut-off, the shared
    chance for cells tied at it (the expectation under random tie-breaking)."""
    n = len(scores)
    if k >= n:
        return np.ones(n)
    if k <= 0:
        return np.zeros(n)
    cut = np.sort(scores)[::-1][k - 1]
    above = scores > cut
    tied = scores == cut
    share = np.where(above, 1.0, 0.0)
    share[tied] = (k - above.sum()) / tied.sum()
    return share


def hit_rate_and_pai(
    scores: np.ndarray, test_counts: np.ndarray, test_total: int, coverage: float
) -> dict:
    """Hit rate and PAI of selecting the top ``coverage`` share of the cells by ``scores``."""
    n = len(scores)
    k = selected_cells(n, coverage)
    share = top_share(scores, k)
    hits = float((share * test_counts).sum())
    rate = hits / test_total if test_total else float("nan")
    return {"hit_rate": rate, "pai": rate / (k / n) if n else float("nan"), "hits": hits}


def selected_cells(n: int, coverage: float) -> int:
    return max(1, int(math.floor(coverage * n + 0.5)))


@dataclass
class Windows:
    """Training incidents (date <= train_until), test (train_until < date <= test_until) and
    the naive forecast's last period (the test window's length, just before it)."""

    train: np.ndarray
    test: np.ndarray
    last: np.ndarray


def window_ends(train_until, test_until) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Exclusive ends of the training and test windows (the days after the given dates)."""
    try:
        train_end = pd.Timestamp(train_until).normalize() + pd.Timedelta(days=1)
        test_end = pd.Timestamp(test_until).normalize() + pd.Timedelta(days=1)
    except ValueError as exc:
        raise DataError(_("Unreadable date: {error}").format(error=exc)) from None
    if test_end <= train_end:
        raise DataError(
            _("--test-until {test_until} must be after --train-until {train_until}").format(
                test_until=test_until, train_until=train_until
            )
        )
    return train_end, test_end


def windows(when: pd.Series, train_until, test_until) -> Windows:
    train_end, test_end = window_ends(train_until, test_until)
    stamps = pd.to_datetime(when).to_numpy()
    train = stamps < train_end.to_datetime64()
    test = (stamps >= train_end.to_datetime64()) & (stamps < test_end.to_datetime64())
    last = train & (stamps >= last_period_start(train_end, test_end).to_datetime64())
    return Windows(train, test, last)


def last_period_start(train_end: pd.Timestamp, test_end: pd.Timestamp) -> pd.Timestamp:
    """Start of the naive forecast's period: as many whole months before the test window as
    it has, when it runs from a first of the month to a first of the month (so that data
    known to the month only is counted whole); otherwise as many days."""
    if train_end.day == 1 and test_end.day == 1:
        months = (test_end.year - train_end.year) * 12 + test_end.month - train_end.month
        return train_end - pd.DateOffset(months=months)
    return train_end - (test_end - train_end)


METHODS = ("auto", "kde")


def evaluate(
    frame: pd.DataFrame,
    train_until,
    test_until,
    cell_size: float = 250.0,
    coverage: float = 0.05,
    crime_type: str | None = None,
    covariates: bool = True,
    method: str = "auto",
) -> dict:
    """Hit rate and PAI of the model and the naive forecast (module docstring).

    ``crime_type`` selects the target type: the test counts, the naive forecast and the study
    area use it alone; with ``covariates`` the model also sees the other types of the
    training window. ``method``: "auto" (the learned model or kernel density, whichever
    forecasts the training window's own last periods best, see ``hotspot_model``) or "kde"
    (kernel density only)."""
    if not 0 < coverage < 1:
        raise DataError(
            _("--coverage {coverage}: between 0 and 1 (e.g. 0.05)").format(coverage=coverage)
        )
    if method not in METHODS:
        raise DataError(
            _("--model {model}: choose {choices}").format(model=method, choices=", ".join(METHODS))
        )
    case = prepare(frame, train_until, test_until, cell_size, coverage, crime_type, covariates)
    scores, model_info = forecast(case.data, method)
    model = hit_rate_and_pai(scores, case.test_counts, case.test_total, coverage)
    naive = hit_rate_and_pai(case.naive_scores, case.test_counts, case.test_total, coverage)
    study, test_counts, test_total, w, crs = (
        case.data.study,
        case.test_counts,
        case.test_total,
        case.windows,
        case.crs,
    )
    return {
        "model": {"hit_rate": _r(model["hit_rate"]), "pai": _r(model["pai"]), **model_info},
        "naive": {
            "hit_rate": _r(naive["hit_rate"]),
            "pai": _r(naive["pai"]),
            "method": "counts of the last period",
        },
        "ratio": _r(model["hit_rate"] / naive["hit_rate"]) if naive["hit_rate"] else None,
        "cell_size_m": cell_size,
        "coverage": coverage,
        "crs": crs,
        "crime_type": crime_type,
        "study_cells": int(len(study)),
        "selected_cells": selected_cells(len(study), coverage),
        "train_incidents": int(w.train.sum()),
        "test_incidents": test_total,
        "test_in_study_area": int(test_counts.sum()),
        "last_period_incidents": int(w.last.sum()),
    }


@dataclass
class Case:
    """One forecast test: the training data the model may see, and the test's truth."""

    data: TrainingData
    test_counts: np.ndarray  # test incidents per study cell
    test_total: int  # all test incidents with a location (outside the study area too)
    naive_scores: np.ndarray  # the last period's counts per study cell
    windows: Windows  # of the target type's incidents
    crs: str


def prepare(
    frame: pd.DataFrame,
    train_until,
    test_until,
    cell_size: float,
    coverage: float,
    crime_type: str | None = None,
    covariates: bool = True,
) -> Case:
    """Grid, study area, test counts and naive forecast of the target type; the training
    window's incidents of every type for the model."""
    x, y, crs = metric_coordinates(frame)
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        raise DataError(
            _(
                "No incidents with coordinates (x, y in RD New or lat, lon) among {rows} "
                "rows: hot spots need points"
            ).format(rows=len(frame))
        )
    frame, x, y = frame[ok], x[ok], y[ok]
    is_target = (
        (frame["crime_type"].astype(str).str.lower() == crime_type.lower()).to_numpy()
        if crime_type
        else np.ones(len(frame), dtype=bool)
    )
    when = pd.to_datetime(frame["occurred_at"]).to_numpy().astype("datetime64[s]")
    w = windows(pd.Series(when[is_target]), train_until, test_until)
    if not w.train.any():
        raise DataError(
            _("No incidents up to --train-until {train_until}").format(train_until=train_until)
        )
    if not w.test.any():
        raise DataError(
            _("No incidents in the test window ({train_until} .. {test_until})").format(
                train_until=train_until, test_until=test_until
            )
        )
    tx, ty = x[is_target], y[is_target]
    grid = Grid.covering(tx, ty, cell_size)  # cells at whole multiples of the cell size
    cells = grid.cells(tx, ty)
    study = np.unique(cells[w.train], axis=0)
    lookup = {tuple(c): i for i, c in enumerate(study)}
    test_idx = np.array([lookup.get(tuple(c), -1) for c in cells[w.test]], dtype=np.int64)
    test_counts = np.bincount(test_idx[test_idx >= 0], minlength=len(study)).astype(float)
    last_idx = np.array([lookup[tuple(c)] for c in cells[w.last]], dtype=np.int64)
    naive_scores = np.bincount(last_idx, minlength=len(study)).astype(float)
    train_end, test_end = window_ends(train_until, test_until)
    training = when < train_end.to_datetime64()
    data = TrainingData(
        points=np.column_stack([x, y])[training],
        cells=grid.cells(x, y)[training],
        when=when[training],
        types=frame["crime_type"].astype(str).to_numpy()[training],
        target=is_target[training],
        grid=grid,
        study=study,
        train_end=train_end,
        test_end=test_end,
        coverage=coverage,
        covariates=covariates and bool(crime_type),
    )
    return Case(data, test_counts, int(w.test.sum()), naive_scores, w, crs)


@dataclass
class TrainingData:
    """The training window's incidents of all types (``target``: of the forecast type) and
    the evaluation's grid and study area. Nothing of the test window."""

    points: np.ndarray
    cells: np.ndarray
    when: np.ndarray
    types: np.ndarray
    target: np.ndarray
    grid: Grid
    study: np.ndarray
    train_end: pd.Timestamp
    test_end: pd.Timestamp
    coverage: float
    covariates: bool


def forecast(data: TrainingData, method: str = "auto") -> tuple[np.ndarray, dict]:
    """Scores for the study cells and a description of the model (method, settings, how they
    were chosen). Falls back to kernel density, with a note, when the learned model cannot
    be fitted."""
    note = None
    if method == "auto":
        try:
            return _learned_or_kde(data)
        except hotspot_model.TooLittleHistory as exc:
            note = _("{reason}; kernel density used").format(reason=exc)
    points, when = data.points[data.target], data.when[data.target]
    settings, folds = choose_settings(
        points,
        when,
        np.ones(len(points), dtype=bool),
        data.grid,
        data.train_end,
        data.test_end,
        data.coverage,
    )
    scores = model_scores(
        points, when, data.train_end.to_datetime64(), data.grid.centres(data.study), settings
    )
    info = {
        "method": "kernel density",
        "bandwidth_m": settings.bandwidth,
        "decay_months": settings.decay_months,
        "validation_folds": folds,
    }
    if folds == 0:
        note = ((note + "; ") if note else "") + _(
            "too little history to choose settings: defaults used"
        )
    if note:
        info["note"] = note
    return scores, info


def _learned_or_kde(data: TrainingData) -> tuple[np.ndarray, dict]:
    """Candidates (the kernel-density settings and the regressions) scored on the validation
    folds inside the training window; the one with the most hits forecasts the test."""
    first = pd.Timestamp(data.when.min())
    starts = hotspot_model.period_starts(data.train_end, data.test_end, first)
    hotspot_model.check_periods(starts)
    history = hotspot_model.build_history(
        data.cells, data.when, data.types, data.target, data.study, starts, data.covariates
    )
    hotspot_model.check_history(history)
    folds = hotspot_model.validation_folds(history)
    specs = hotspot_model.usable_specs(history)
    kde = [KernelSettings(f * data.grid.size, d) for f in BANDWIDTH_FACTORS for d in DECAY_MONTHS]
    hits = np.zeros(len(kde) + len(specs))
    points, when = data.points[data.target], data.when[data.target]
    for k in folds:
        origin = history.origins[k]
        cut = starts[k].to_datetime64()
        before = when < cut
        centres = data.grid.centres(origin.cells)
        for i, settings in enumerate(kde):
            scores = model_scores(points[before], when[before], cut, centres, settings)
            hits[i] += hit_rate_and_pai(scores, origin.counts, origin.total, data.coverage)["hits"]
        for j, spec in enumerate(specs):
            names = hotspot_model.feature_names(spec, history)
            fit = hotspot_model.fit_on(history, names, range(k + 1, history.periods))
            scores = fit.linear_predictor(origin.matrix(names))
            hits[len(kde) + j] += hit_rate_and_pai(
                scores, origin.counts, origin.total, data.coverage
            )["hits"]
    best_kde = int(np.argmax(hits[: len(kde)]))
    best_spec = int(np.argmax(hits[len(kde) :]))
    validation = {
        "folds": [str(starts[k].date()) for k in folds],
        "hits": {
            "kernel density (best setting)": round(float(hits[best_kde]), 2),
            **{s.name: round(float(hits[len(kde) + j]), 2) for j, s in enumerate(specs)},
        },
    }
    common = {
        "validation_folds": len(folds),
        "validation": validation,
        "kernel_density_best": {
            "bandwidth_m": kde[best_kde].bandwidth,
            "decay_months": kde[best_kde].decay_months,
        },
    }
    if hits[best_kde] >= hits[len(kde) + best_spec]:  # a tie keeps the simpler model
        settings = kde[best_kde]
        scores = model_scores(
            points, when, data.train_end.to_datetime64(), data.grid.centres(data.study), settings
        )
        return scores, {
            "method": "kernel density",
            "bandwidth_m": settings.bandwidth,
            "decay_months": settings.decay_months,
            **common,
        }
    spec = specs[best_spec]
    names = hotspot_model.feature_names(spec, history)
    fit = hotspot_model.fit_on(history, names, range(1, history.periods))
    scores = fit.linear_predictor(history.origins[0].matrix(names))
    return scores, {
        "method": "poisson regression on cell features",
        "features": spec.name,
        "feature_names": names,
        "coefficients": [round(float(c), 4) for c in fit.coef],
        "covariate_types": history.covariate_types,
        "fit_periods": history.periods - 1,
        **common,
    }


def every_candidate(data: TrainingData) -> dict[str, np.ndarray]:
    """Test-window scores of every candidate, each fitted on the whole training window (for
    the benchmark's context rows: scoring them all on the test shows what any choice could
    have won; the forecast itself never does this)."""
    points, when = data.points[data.target], data.when[data.target]
    out = {}
    for f in BANDWIDTH_FACTORS:
        for d in DECAY_MONTHS:
            settings = KernelSettings(f * data.grid.size, d)
            out[f"kernel density {settings.bandwidth:g} m, decay {d}"] = model_scores(
                points,
                when,
                data.train_end.to_datetime64(),
                data.grid.centres(data.study),
                settings,
            )
    starts = hotspot_model.period_starts(
        data.train_end, data.test_end, pd.Timestamp(data.when.min())
    )
    history = hotspot_model.build_history(
        data.cells, data.when, data.types, data.target, data.study, starts, data.covariates
    )
    for spec in hotspot_model.usable_specs(history):
        names = hotspot_model.feature_names(spec, history)
        fit = hotspot_model.fit_on(history, names, range(1, history.periods))
        out[f"regression: {spec.name}"] = fit.linear_predictor(history.origins[0].matrix(names))
    return out


@dataclass(frozen=True)
class KernelSettings:
    bandwidth: float  # metres
    decay_months: float | None  # weight exp(-age / decay) of an incident; None: all equal

    def weights(self, age_days: np.ndarray) -> np.ndarray | None:
        if self.decay_months is None:
            return None
        return np.exp(-age_days / (30.44 * self.decay_months))


def model_scores(
    points: np.ndarray,
    when: np.ndarray,
    until: np.datetime64,
    centres: np.ndarray,
    settings: KernelSettings,
) -> np.ndarray:
    age = (until - when).astype("timedelta64[s]").astype(np.float64) / 86_400
    return kernel_density(points, centres, settings.bandwidth, settings.weights(age))


def choose_settings(
    points: np.ndarray,
    when: np.ndarray,
    train: np.ndarray,
    grid: Grid,
    train_end: pd.Timestamp,
    test_end: pd.Timestamp,
    coverage: float,
) -> tuple[KernelSettings, int]:
    """Bandwidth and time decay chosen inside the training window only: for up to
    ``VALIDATION_FOLDS`` rolling origins, forecast a period of the test window's length from
    what came before it; keep the settings with the most hits summed over the folds.
    Returns the settings and the number of folds used (0: defaults, too little history)."""
    candidates = [KernelSettings(f * grid.size, d) for f in BANDWIDTH_FACTORS for d in DECAY_MONTHS]
    hits = np.zeros(len(candidates))
    folds = 0
    end = train_end
    for _fold in range(VALIDATION_FOLDS):
        start = last_period_start(end, _shifted_end(end, train_end, test_end))
        fit = train & (when < start.to_datetime64())
        target = train & (when >= start.to_datetime64()) & (when < end.to_datetime64())
        if not fit.any() or not target.any():
            break
        cells = grid.cells(points[:, 0], points[:, 1])
        study = np.unique(cells[fit], axis=0)
        lookup = {tuple(c): i for i, c in enumerate(study)}
        idx = np.array([lookup.get(tuple(c), -1) for c in cells[target]], dtype=np.int64)
        counts = np.bincount(idx[idx >= 0], minlength=len(study)).astype(float)
        centres = grid.centres(study)
        for i, settings in enumerate(candidates):
            scores = model_scores(points[fit], when[fit], start.to_datetime64(), centres, settings)
            hits[i] += hit_rate_and_pai(scores, counts, int(target.sum()), coverage)["hits"]
        folds += 1
        end = start
    if folds == 0:
        return KernelSettings(grid.size, None), 0
    return candidates[int(np.argmax(hits))], folds


def _shifted_end(
    end: pd.Timestamp, train_end: pd.Timestamp, test_end: pd.Timestamp
) -> pd.Timestamp:
    """The end of a window of the test window's length that starts at ``end``."""
    if train_end.day == 1 and test_end.day == 1:
        months = (test_end.year - train_end.year) * 12 + test_end.month - train_end.month
        return end + pd.DateOffset(months=months)
    return end + (test_end - train_end)


def _r(value: float | None) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), 4)
