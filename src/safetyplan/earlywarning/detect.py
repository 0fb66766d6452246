# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Judge count series: one row per series and judged period with the count, the expected
value, the threshold, the alarm flag and how unusual the period is.

Methods (``METHODS``):

- ``auto`` (default): per series and period the strongest method its history allows:
  ``nbcusum`` where the Farrington baseline can be fitted (5 years back), else EARS C2
  (9 periods back); the ``method`` column names the one used in each row.
- ``nbcusum``: negative-binomial CUSUM on the Farrington-flexible baseline; the
  benchmark (docs/signals.md) shows it finds more outbreaks than Farrington-flexible at the
  same false-alarm rate.
- ``farrington``: Farrington-flexible with Noufaily's settings, as R's
  ``surveillance::farringtonFlexible`` (single-period negative-binomial threshold).
- ``ears-c1``, ``ears-c2``, ``ears-c3``: for short histories (7-11 periods), with the limit
  calibrated on the file's own statistics (ADR 7; the published normal limit alarms far
  more often than alpha on small counts).

Monthly and yearly NB-CUSUM limits are calibrated on the file too (``cusum``, ADR 7).

A period that cannot be judged because the series is too short gets a row with the note
"not enough history" and no alarm flag: never a silent pass. The note column is
machine-readable output: stable English texts in every language, the same from the pandas
and the Spark engine (whose workers do not share the driver's language).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from safetyplan.errors import DataError
from safetyplan.i18n import _

from . import cusum as cusum_mod
from .ears import (
    EarsCalibration,
    calibrated_limits,
    ears_history_needed,
    nominal_limit,
    run_ears,
)
from .farrington import FarringtonSettings, farrington_flexible
from .series import MONTH, PERIODS_PER_YEAR, WEEK, YEAR, CountPanel

log = logging.getLogger(__name__)

AUTO = "auto"
BASELINE_METHOD = "nbcusum"  # the strongest method (benchmark, ADR 3), where history allows
SHORT_METHOD = "ears-c2"  # auto's fallback for short histories (as `signals run`)
METHODS = (AUTO, "nbcusum", "farrington", "ears-c1", "ears-c2", "ears-c3")
DEFAULT_METHOD = AUTO
DEFAULT_ALPHA = 0.01
COLUMNS = [
    "series",
    "period",
    "count",
    "expected",
    "threshold",
    "alarm",
    "pvalue",
    "score",
    "method",
    "note",
]

# the CSV's note column: stable English, not translated (see the module's docstring)
UNITS = {WEEK: "weeks", MONTH: "months", YEAR: "years"}
NOTE_HISTORY = "not enough history"
NOTE_FEW = "too few cases for an alarm"
NOTE_FIT = "baseline could not be fitted"


@dataclass(frozen=True)
class DetectOptions:
    method: str = DEFAULT_METHOD
    alpha: float = DEFAULT_ALPHA
    since: pd.Timestamp | None = None
    years_back: int | None = None  # Farrington's b (default 5)
    min_cases: int | None = None  # no alarm below this many cases in the recent window
    shift: float = cusum_mod.DEFAULT_SHIFT
    # monthly/yearly NB-CUSUM: use this limit and shift instead of calibrating on the panel
    # (Spark pools the calibration over all groups, see calibration_cells); weekly ignore it
    calibration: cusum_mod.Calibration | None = None
    # EARS: these limits on the statistic, one per judged period, instead of calibrating on
    # the panel (Spark pools them over all groups, see ears_statistics)
    ears_limits: tuple[float, ...] | None = None

    def check(self) -> None:
        if self.method not in METHODS:
            raise DataError(
                _("unknown method {method!r}; choose from {choices}").format(
                    method=self.method, choices=", ".join(METHODS)
                )
            )
        if not 0 < self.alpha < 0.5:
            raise DataError(_("alpha must lie between 0 and 0.5: {alpha}").format(alpha=self.alpha))
        if self.years_back is not None and self.years_back < 1:
            raise DataError(
                _("years-back must be at least 1: {years_back}").format(years_back=self.years_back)
            )

    def farrington_settings(self, freq: str) -> FarringtonSettings:
        s = FarringtonSettings.noufaily(PERIODS_PER_YEAR[freq], alpha=self.alpha)
        if self.years_back is not None:
            s = replace(s, years_back=self.years_back)
        if self.min_cases is not None:
            s = replace(s, limit_cases=self.min_cases)
        return s

    def history_text(self, freq: str) -> str:
        unit = UNITS[freq]
        if self.method == AUTO:
            n = ears_history_needed(SHORT_METHOD.split("-")[1])
            full = self.farrington_settings(freq).history_needed
            return (
                f"{NOTE_HISTORY} (needs {n} {unit} for {SHORT_METHOD}, {full} for "
                f"{BASELINE_METHOD})"
            )
        if self.method.startswith("ears"):
            n = ears_history_needed(self.method.split("-")[1])
        else:
            n = self.farrington_settings(freq).history_needed
        return f"{NOTE_HISTORY} (needs {n} {unit})"


def judged_columns(panel: CountPanel, since: pd.Timestamp | None) -> np.ndarray:
    """Indices of the judged periods: from ``since`` (the first period starting on or after
    it), by default the last year of the panel."""
    T = len(panel.periods)
    if since is None:
        return np.arange(max(0, T - panel.periods_per_year), T)
    cols = np.flatnonzero(panel.periods >= pd.Timestamp(since))
    if cols.size == 0:
        raise DataError(
            _("no periods on or after {since} (last period {last})").format(
                since=pd.Timestamp(since).date(), last=panel.periods[-1].date()
            )
        )
    return cols


def detect(
    panels: CountPanel | Iterable[CountPanel],
    options: DetectOptions | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Judge every series of every panel; returns a frame with ``COLUMNS``."""
    opts = options or DetectOptions()
    opts.check()
    if isinstance(panels, CountPanel):
        panels = [panels]
    panels = list(panels)
    if opts.since is not None:
        # a file may hold series that end before --since next to ones that do not; only when
        # no series reaches it is that an error
        reaching = [p for p in panels if p.periods[-1] >= opts.since]
        if not reaching and panels:
            judged_columns(panels[0], opts.since)  # raises the located message
        panels = reaching
    frames = [_detect_panel(p, opts, on_progress) for p in panels]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(frames, ignore_index=True)


def work_size(panels: Iterable[CountPanel], options: DetectOptions) -> int:
    """Series-periods to judge, for a progress bar."""
    since = options.since
    return sum(
        len(p) * judged_columns(p, since).size
        for p in panels
        if since is None or p.periods[-1] >= since
    )


@dataclass
class _Judgement:
    expected: np.ndarray
    threshold: np.ndarray
    alarm: np.ndarray
    pvalue: np.ndarray
    score: np.ndarray
    judged: np.ndarray
    note: np.ndarray


def _detect_panel(panel: CountPanel, opts: DetectOptions, on_progress) -> pd.DataFrame:
    cols = judged_columns(panel, opts.since)
    method = np.full((len(panel), cols.size), opts.method, dtype=object)
    if opts.method == AUTO:
        j, method = _run_auto(panel, cols, opts, on_progress)
    elif opts.method.startswith("ears"):
        j = _run_ears(panel, cols, opts)
        if on_progress:
            on_progress(len(panel) * cols.size)
    else:
        j = _run_farrington(panel, cols, opts, on_progress)
    counts = panel.counts[:, cols]
    present = ~np.isnan(counts)  # periods outside a series' span are not part of it
    s_idx, c_idx = np.nonzero(present)
    alarm = np.where(j.judged, j.alarm.astype(int), -1)[s_idx, c_idx]
    frame = pd.DataFrame(
        {
            "series": np.asarray(panel.names, dtype=object)[s_idx],
            "period": panel.periods[cols][c_idx].strftime("%Y-%m-%d"),
            "count": counts[s_idx, c_idx].astype(int),
            "expected": _round(j.expected[s_idx, c_idx], 3),
            "threshold": _round(j.threshold[s_idx, c_idx], 3),
            "alarm": pd.array(np.where(alarm < 0, None, alarm), dtype="Int64"),
            "pvalue": _round(j.pvalue[s_idx, c_idx], 6),
            "score": _round(j.score[s_idx, c_idx], 3),
            "method": method[s_idx, c_idx],
            "note": j.note[s_idx, c_idx],
        }
    )
    frame.loc[frame.note.isin(["history"]), "note"] = opts.history_text(panel.freq)
    return frame


def _round(a, digits):
    return np.round(np.asarray(a, float), digits)


def _run_auto(
    panel: CountPanel, cols: np.ndarray, opts: DetectOptions, on_progress
) -> tuple[_Judgement, np.ndarray]:
    """NB-CUSUM where the baseline's history is there, EARS C2 in the other periods,
    unjudged (note: not enough history) where even C2 lacks history. Each engine runs only
    on the series that need it: at national scale nearly all series are long."""
    S, K = len(panel), cols.size
    nan = np.full((S, K), np.nan)
    j = _Judgement(
        nan,
        nan.copy(),
        np.zeros((S, K), bool),
        nan.copy(),
        nan.copy(),
        np.zeros((S, K), bool),
        np.full((S, K), "history", dtype=object),
    )
    method = np.full((S, K), AUTO, dtype=object)
    long_rows = _long_rows(panel, cols, opts)
    short_rows = _short_rows(panel, cols, opts)
    if short_rows.size:
        e = _run_ears(_rows(panel, short_rows), cols, replace(opts, method=SHORT_METHOD))
        _put(j, short_rows, e, np.ones(e.judged.shape, bool))
        method[short_rows] = np.where(e.judged, SHORT_METHOD, AUTO)
        if on_progress:  # the rows Farrington also runs on report there
            on_progress(np.setdiff1d(short_rows, long_rows).size * K)
    if long_rows.size:
        f = _run_farrington(
            _rows(panel, long_rows), cols, replace(opts, method=BASELINE_METHOD), on_progress
        )
        # a baseline that was tried but could not be fitted keeps its 'fit' note
        use = f.judged | (f.note != "history")
        _put(j, long_rows, f, use)
        method[long_rows] = np.where(use, BASELINE_METHOD, method[long_rows])
    return j, method


def _short_rows(panel: CountPanel, cols: np.ndarray, opts: DetectOptions) -> np.ndarray:
    """The rows where some judged cell lacks the history of Farrington's baseline."""
    need = opts.farrington_settings(panel.freq).history_needed
    observed = ~np.isnan(panel.counts)
    first = np.where(observed.any(axis=1), observed.argmax(axis=1), panel.counts.shape[1])
    return np.flatnonzero(first + need > cols[0])


def _long_rows(panel: CountPanel, cols: np.ndarray, opts: DetectOptions) -> np.ndarray:
    """The rows where some judged cell has the history of Farrington's baseline."""
    need = opts.farrington_settings(panel.freq).history_needed
    observed = ~np.isnan(panel.counts)
    first = np.where(observed.any(axis=1), observed.argmax(axis=1), panel.counts.shape[1])
    # a cell (s, k) has Farrington's history when first[s] + need <= k
    return np.flatnonzero(first + need <= cols[-1])


def _calibration_shift(opts: DetectOptions) -> float | None:
    return None if opts.shift == cusum_mod.DEFAULT_SHIFT else opts.shift


def calibration_cells(
    panel: CountPanel, options: DetectOptions
) -> cusum_mod.CalibrationCells | None:
    """The per-series part of the CUSUM calibration ``detect`` does on ``panel`` (the same
    rows, periods and settings), or None where ``detect`` does not calibrate (weekly panels,
    methods other than nbcusum and auto). Cells of panels on one calendar that together hold
    a file's series, joined with ``CalibrationCells.concat``, give through
    ``cusum.limit_from_cells`` the limit ``detect`` finds on the whole file; pass it back as
    ``DetectOptions.calibration``."""
    opts = options
    if panel.freq == WEEK or opts.method not in (AUTO, BASELINE_METHOD):
        return None
    cols = judged_columns(panel, opts.since)
    rows = _long_rows(panel, cols, opts) if opts.method == AUTO else np.arange(len(panel))
    return cusum_mod.calibration_cells(
        panel.counts[rows],
        cols,
        opts.farrington_settings(panel.freq),
        opts.alpha,
        _calibration_shift(opts),
    )


def _rows(panel: CountPanel, rows: np.ndarray) -> CountPanel:
    if rows.size == len(panel):
        return panel
    return replace(panel, names=[panel.names[i] for i in rows], counts=panel.counts[rows])


def _put(j: _Judgement, rows: np.ndarray, part: _Judgement, use: np.ndarray) -> None:
    """Copy ``part`` into rows ``rows`` of ``j`` where ``use`` (same shape as ``part``)."""
    for name in ("expected", "threshold", "alarm", "pvalue", "score", "judged", "note"):
        target = getattr(j, name)
        target[rows] = np.where(use, getattr(part, name), target[rows])


def ears_statistics(
    panel: CountPanel, options: DetectOptions
) -> tuple[np.ndarray, np.ndarray, int, np.ndarray | None] | None:
    """What the EARS calibration of ``detect`` pools (ADR 7): the statistic and where it is
    judged, (S, window + K), over the up to one year before the judged periods (``window``
    columns) and the judged periods, and for C2 the C1 statistic where C1 judges and C2 not
    yet (NaN elsewhere), for the rows ``detect`` judges with EARS (under
    ``auto``: the rows that lack the baseline's history somewhere); None where ``detect``
    does not use EARS. Rows of panels on one calendar stack into the file's pool."""
    opts = options
    if opts.method == AUTO:
        variant = SHORT_METHOD
        cols = judged_columns(panel, opts.since)
        rows = _short_rows(panel, cols, opts)
    elif opts.method.startswith("ears"):
        variant = opts.method
        cols = judged_columns(panel, opts.since)
        rows = np.arange(len(panel))
    else:
        return None
    return _ears_pool(panel.counts[rows], cols, panel.periods_per_year, variant, opts.alpha)


def _ears_pool(
    counts: np.ndarray, cols: np.ndarray, freq: int, variant: str, alpha: float
) -> tuple[np.ndarray, np.ndarray, int, np.ndarray | None]:
    """(statistic, judged, window) over the up to one year before the judged columns and
    the judged columns themselves."""
    variant = variant.split("-")[-1]
    r = run_ears(counts, variant, alpha)
    lo = max(0, int(cols[0]) - freq)
    span = slice(lo, int(cols[-1]) + 1)
    standin = None
    if variant == "c2":
        # C1 (the same statistic without the 2-period gap) judges 2 periods earlier: where C2
        # has no history yet its values may stand in (calibrated_limits)
        c1 = run_ears(counts, "c1", alpha)
        standin = np.where(r.judged | ~c1.judged, np.nan, c1.statistic)[:, span]
    return r.statistic[:, span], r.judged[:, span], int(cols[0]) - lo, standin


def ears_limits(panel: CountPanel, options: DetectOptions) -> EarsCalibration | None:
    """The calibrated EARS limits ``detect`` uses on ``panel`` (one per judged period)."""
    found = ears_statistics(panel, options)
    if found is None:
        return None
    variant = (SHORT_METHOD if options.method == AUTO else options.method).split("-")[1]
    statistic, judged, window, standin = found
    return limits_from_statistics(
        statistic, judged, window, standin, panel.periods_per_year, variant, options.alpha
    )


def limits_from_statistics(
    statistic: np.ndarray,
    judged: np.ndarray,
    window: int,
    standin: np.ndarray | None,
    freq: int,
    variant: str,
    alpha: float,
) -> EarsCalibration:
    cal = calibrated_limits(
        statistic,
        judged,
        window,
        freq,
        variant,
        alpha,
        cusum_mod.TARGET_SHARE,
        cusum_mod.MIN_EXPECTED_ALARMS,
        standin,
    )
    used = dict(zip(*np.unique(cal.source, return_counts=True), strict=True))
    log.info(
        "EARS %s limit for alpha %g: %s (nominal %.2f; judged periods per source %s, %d "
        "series-periods before the judged ones)",
        variant,
        alpha,
        ", ".join(f"{v:.2f}" for v in np.unique(cal.limits)),
        nominal_limit(variant, alpha),
        used,
        cal.periods,
    )
    return cal


def _run_ears(panel: CountPanel, cols: np.ndarray, opts: DetectOptions) -> _Judgement:
    variant = opts.method.split("-")[1]
    if opts.ears_limits is not None:  # pooled over a whole file elsewhere (Spark)
        limits = np.asarray(opts.ears_limits, float)
    else:  # calibrated on the file's own statistics (ADR 7)
        freq = panel.periods_per_year
        statistic, judged_pool, window, standin = _ears_pool(
            panel.counts, cols, freq, variant, opts.alpha
        )
        limits = limits_from_statistics(
            statistic, judged_pool, window, standin, freq, variant, opts.alpha
        ).limits
    per_period = np.full(panel.counts.shape[1], np.nan)
    per_period[cols] = limits
    r = run_ears(panel.counts, variant, opts.alpha, limit=per_period)
    sel = (slice(None), cols)
    judged = r.judged[sel]
    note = np.where(judged, "", "history").astype(object)
    return _Judgement(
        r.expected[sel],
        r.threshold[sel],
        r.alarm[sel],
        r.pvalue[sel],
        r.statistic[sel] / limits,
        judged,
        note,
    )


def _run_farrington(
    panel: CountPanel, cols: np.ndarray, opts: DetectOptions, on_progress
) -> _Judgement:
    settings = opts.farrington_settings(panel.freq)
    res = farrington_flexible(panel.counts, cols, settings, on_progress=on_progress)
    counts = panel.counts[:, cols]
    note = np.where(res.reason == "fit", NOTE_FIT, res.reason).astype(object)
    few = res.judged & ~res.enough_cases
    if opts.method == "farrington":
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(
                res.threshold > res.expected,
                (counts - res.expected) / (res.threshold - res.expected),
                np.nan,
            )
        alarm = res.alarm
        note = np.where(few & (counts > res.threshold), NOTE_FEW, note)
        return _Judgement(res.expected, res.threshold, alarm, res.pvalue, score, res.judged, note)
    h = np.full(cols.size, cusum_mod.h_for_alpha(opts.alpha))
    shift = np.full(cols.size, opts.shift)
    if panel.freq != WEEK:  # monthly/yearly: h (and shift) from the file's year before, ADR 7
        cal = opts.calibration or cusum_mod.calibrated_limit(
            panel.counts, cols, settings, opts.alpha, _calibration_shift(opts), judged_fit=res
        )
        h, shift = cal.column_limits(cols.size), cal.column_shifts(cols.size)  # per year
    h = np.broadcast_to(h, counts.shape)
    c = cusum_mod.nb_cusum(
        counts, res.expected, res.phi, h=h, shift=shift, allowed=res.enough_cases
    )
    vetoed = few & (c.statistic > h)
    note = np.where(vetoed, NOTE_FEW, note)
    return _Judgement(
        res.expected, c.count_needed, c.alarm, res.pvalue, c.statistic / h, res.judged, note
    )


def summarise(result: pd.DataFrame) -> dict:
    """Counts for a short report: series, judged periods, alarms, not judged."""
    judged = result.alarm.notna()
    short = result[~judged].series.unique()
    return {
        "series": int(result.series.nunique()),
        "periods": int(len(result)),
        "judged": int(judged.sum()),
        "alarms": int(result.alarm.fillna(0).sum()),
        "series_with_alarm": int(result[result.alarm.fillna(0) == 1].series.nunique()),
        "series_not_enough_history": int(len(set(short) - set(result[judged].series.unique()))),
        "periods_not_judged": int((~judged).sum()),
        # judged periods per method (auto mixes them; unjudged rows are left out)
        "methods": {
            str(k): int(v) for k, v in result[judged].method.value_counts().sort_index().items()
        },
    }
