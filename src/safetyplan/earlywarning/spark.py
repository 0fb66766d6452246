# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The same detector on Spark, for more series than one machine judges in time.

    from safetyplan.earlywarning.spark import detect_spark
    counts = spark.read.csv("counts/*.csv", header=True)      # series, period, count
    alarms = detect_spark(counts, DetectOptions(), buckets=64)  # a Spark DataFrame, COLUMNS
    alarms.write.parquet("alarms.parquet")

Series are independent (every engine judges each series on its own history), so the work
splits by series: a hash of the series name puts every series whole into one of
``buckets`` groups and ``groupBy(bucket).applyInPandas`` runs the single-machine
:func:`~safetyplan.earlywarning.detect` on each group. Three things would differ from one machine
if done naively, and are handled:

- which periods are judged: by default the last year of the *file's* calendar, not of a
  group's. A first, cheap pass (the same checks as ``read_counts_csv``) finds the first and
  last period per calendar (frequency, and weekday for weekly series); the last pass judges
  from the same first period as one machine would;
- the monthly/yearly NB-CUSUM limit, calibrated on the periods before the judged ones
  pooled over *all* series of the file (ADR 7), not of a group: a middle pass computes per
  group the per-series part (``detect.calibration_cells``: the CUSUM increments, allowed and
  judged masks of at most twelve periods per series) on the file's calendar, the driver
  joins them and bisects the limit once (``cusum.limit_from_cells``), and the last pass
  judges every group with that limit (``DetectOptions.calibration``);
- errors: a bad row raises a located :class:`DataError` on the driver (bucket and row
  instead of the file line), never a Spark stack trace.

So the alarms equal the single-machine ones exactly (tests/earlywarning/test_spark.py).
PySpark and Java are an optional extra (``pip install -e '.[spark]'``).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from safetyplan import i18n
from safetyplan.errors import DataError
from safetyplan.i18n import _

from .detect import COLUMNS, DetectOptions

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

log = logging.getLogger("safetyplan.earlywarning.spark")

BUCKET = "_bucket"
OUTPUT_SCHEMA = (
    "series string, period string, count long, expected double, "
    "threshold double, alarm int, pvalue double, score double, method string, "
    "note string"
)
_SCAN_SCHEMA = "freq string, weekday int, first string, last string, problem string"
_CELLS_SCHEMA = (
    "freq string, weekday int, rows int, width int, llr array<double>, "
    "allowed array<boolean>, judged array<boolean>, table_alarms long, shift double, "
    "judged_width int, block int"
)
_EARS_SCHEMA = (
    "freq string, weekday int, rows int, width int, window int, statistic array<double>, "
    "judged array<boolean>, standin array<double>"
)
MAX_PROBLEMS = 10


def _calendar_key(panel) -> tuple[str, int]:
    """Panels of one file share a calendar per frequency, weekly ones also per weekday."""
    from .series import WEEK

    return panel.freq, (int(panel.periods[0].weekday()) if panel.freq == WEEK else -1)


def _panels(frame: pd.DataFrame):
    from .series import counts_from_frame

    bucket = int(frame[BUCKET].iloc[0]) if len(frame) else -1
    return counts_from_frame(
        frame[["series", "period", "count"]].astype(str), source=f"spark bucket {bucket}"
    )


def _scan_in(lang: str, frame):
    """:func:`_scan` of one group, its problems in *lang*."""
    with i18n.override(lang):
        return next(_scan([frame]))


def _scan(frames):
    """Per group: the last period of every calendar, or the problems found."""
    import pandas as pd

    for frame in frames:
        try:
            rows = [
                (*_calendar_key(p), p.periods[0].isoformat(), p.periods[-1].isoformat(), None)
                for p in _panels(frame)
            ]
        except DataError as exc:
            rows = [(None, None, None, None, str(exc))]
        yield pd.DataFrame(rows, columns=["freq", "weekday", "first", "last", "problem"])


def _on_calendar(panel, start: pd.Timestamp, end: pd.Timestamp):
    """``panel`` on the file's calendar ``start``..``end`` (NaN outside its own periods), so
    that column indices, and with them the calibration periods, are the file's."""
    from dataclasses import replace as _replace

    import numpy as np
    import pandas as pd

    from .series import MONTH, YEAR

    step = {MONTH: "MS", YEAR: "YS"}.get(panel.freq, "7D")
    grid = pd.date_range(start, end, freq=step)
    pos = grid.get_indexer(panel.periods)
    if (pos < 0).any():  # cannot happen for panels of one calendar key; say so if it does
        raise DataError(
            _("spark: periods off the file's calendar ({freq}, {start}..{end})").format(
                freq=panel.freq, start=start.date(), end=end.date()
            )
        )
    counts = np.full((len(panel), grid.size), np.nan)
    counts[:, pos] = panel.counts
    return _replace(panel, periods=grid, counts=counts)


def _cells(
    frame: pd.DataFrame, options: DetectOptions, calendars: dict, since_of: dict
) -> pd.DataFrame:
    """Per group and monthly/yearly calendar: the per-series part of the CUSUM calibration,
    flattened (rows x width) for the driver."""
    import pandas as pd

    from .detect import calibration_cells

    out = []
    for panel in _panels(frame):
        key = _calendar_key(panel)
        if key not in since_of:
            continue
        full = _on_calendar(panel, *calendars[key])
        cells = calibration_cells(full, replace(options, since=since_of[key]))
        if cells is None:
            continue
        out.append(
            (
                key[0],
                key[1],
                cells.llr.shape[0],
                cells.llr.shape[1],
                cells.llr.ravel(),
                cells.allowed.ravel(),
                cells.judged.ravel(),
                cells.table_alarms,
                cells.shift,
                cells.judged_width,
                cells.block,
            )
        )
    return pd.DataFrame(
        out,
        columns=[
            "freq",
            "weekday",
            "rows",
            "width",
            "llr",
            "allowed",
            "judged",
            "table_alarms",
            "shift",
            "judged_width",
            "block",
        ],
    )


def _ears_cells(
    frame: pd.DataFrame, options: DetectOptions, calendars: dict, since_of: dict
) -> pd.DataFrame:
    """Per group and calendar: the EARS statistics ``detect`` calibrates its limit on
    (``detect.ears_statistics``), flattened for the driver."""
    import numpy as np
    import pandas as pd

    from .detect import ears_statistics

    out = []
    for panel in _panels(frame):
        key = _calendar_key(panel)
        if key not in since_of:
            continue
        full = _on_calendar(panel, *calendars[key])
        found = ears_statistics(full, replace(options, since=since_of[key]))
        if found is None or found[0].shape[0] == 0:
            continue
        statistic, judged, window, standin = found
        if standin is None:
            standin = np.full(statistic.shape, np.nan)
        out.append(
            (
                key[0],
                key[1],
                statistic.shape[0],
                statistic.shape[1],
                window,
                statistic.ravel(),
                judged.ravel(),
                standin.ravel(),
            )
        )
    return pd.DataFrame(
        out,
        columns=["freq", "weekday", "rows", "width", "window", "statistic", "judged", "standin"],
    )


def _unpack_cells(row, alpha: float):
    """A row of ``_cells`` back into CalibrationCells."""
    import numpy as np

    from .cusum import CalibrationCells

    shape = (int(row.rows), int(row.width))
    return CalibrationCells(
        np.asarray(row.llr, float).reshape(shape),
        np.asarray(row.allowed, bool).reshape(shape),
        np.asarray(row.judged, bool).reshape(shape),
        int(row.table_alarms),
        alpha,
        float(row.shift),
        int(row.judged_width),
        int(row.block),
    )


def _judge(
    frame: pd.DataFrame,
    options: DetectOptions,
    first_judged: dict,
    calibrations: dict,
    ears_limits: dict,
    calendars: dict,
) -> pd.DataFrame:
    import pandas as pd

    from .detect import detect

    parts = []
    for panel in _panels(frame):
        key = _calendar_key(panel)
        since = options.since
        if since is None:
            since = first_judged[key]
        if panel.periods[-1] < since:  # ends before the judged year: no rows, as on one machine
            continue
        # on the file's calendar, as one machine reads it: the judged periods (and with them
        # the per-period limits) are the file's, also for a group that starts late or ends
        # early (cells outside a series are NaN and give no rows)
        panel = _on_calendar(panel, *calendars[key])
        cal = calibrations.get(key)
        limits = ears_limits.get(key)
        parts.append(
            detect(panel, replace(options, since=since, calibration=cal, ears_limits=limits))
        )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    out["alarm"] = out["alarm"].astype("Int32")
    for col in ("series", "period", "method", "note"):
        # pandas 3 keeps text in chunked Arrow arrays, which PySpark's Arrow writer refuses
        out[col] = out[col].to_numpy(dtype=object)
    return out[COLUMNS]


def detect_spark(
    counts: DataFrame, options: DetectOptions | None = None, *, buckets: int = 16
) -> DataFrame:
    """Judge the series of a Spark DataFrame with columns series, period, count (as in a
    COUNTS file); returns a Spark DataFrame with ``COLUMNS``, the same rows as
    :func:`~safetyplan.earlywarning.detect` on the same data (order aside)."""
    import pandas as pd
    from pyspark.sql import functions as F

    opts = options or DetectOptions()
    opts.check()
    if buckets < 1:
        raise DataError(_("buckets must be at least 1: {buckets}").format(buckets=buckets))
    missing = [c for c in ("series", "period", "count") if c not in counts.columns]
    if missing:
        raise DataError(
            "spark: "
            + _("missing column(s) {columns} (found: {found})").format(
                columns=", ".join(missing), found=", ".join(counts.columns)
            )
        )
    grouped = counts.select(
        F.col("series").cast("string"),
        F.col("period").cast("string"),
        F.col("count").cast("string"),
    ).withColumn(BUCKET, F.pmod(F.hash("series"), F.lit(buckets)))

    # pass 1: checks and the calendar ends (a few rows per bucket)
    # the workers report problems in the driver's language (they do not share its --lang)
    lang = i18n.active()
    scan = grouped.groupBy(BUCKET).applyInPandas(lambda f: _scan_in(lang, f), _SCAN_SCHEMA)
    found = _collect_or_explain(scan)
    problems = [r.problem for r in found if r.problem]
    if problems:
        more = (
            "\n" + _("... and {n} more").format(n=len(problems) - MAX_PROBLEMS)
            if len(problems) > MAX_PROBLEMS
            else ""
        )
        raise DataError("\n".join(sorted(problems)[:MAX_PROBLEMS]) + more)
    if not found:
        raise DataError(_("{source}: no data rows").format(source="spark"))
    ends: dict[tuple[str, int], pd.Timestamp] = {}
    starts: dict[tuple[str, int], pd.Timestamp] = {}
    for r in found:
        key, first, last = (r.freq, int(r.weekday)), pd.Timestamp(r.first), pd.Timestamp(r.last)
        ends[key] = max(ends.get(key, last), last)
        starts[key] = min(starts.get(key, first), first)
    first_judged = {key: _first_judged(key[0], end) for key, end in ends.items()}
    log.info(
        "spark: %d buckets, calendars %s",
        buckets,
        {f"{k[0]}/{k[1]}": str(v.date()) for k, v in first_judged.items()},
    )
    if opts.since is not None and all(end < opts.since for end in ends.values()):
        last = max(ends.values())
        raise DataError(
            _("no periods on or after {since} (last period {last})").format(
                since=opts.since.date(), last=last.date()
            )
        )

    # pass 2: the monthly/yearly CUSUM limit and the EARS limits from all groups at once
    calibrations = _calibrate(grouped, opts, starts, ends, first_judged)
    ears_limits = _calibrate_ears(grouped, opts, starts, ends, first_judged)
    calendars = {key: (starts[key], ends[key]) for key in ends}

    # pass 3: the detector per bucket
    return grouped.groupBy(BUCKET).applyInPandas(
        lambda f: _judge(f, opts, first_judged, calibrations, ears_limits, calendars),
        OUTPUT_SCHEMA,
    )


def _calibrate_ears(
    grouped, opts: DetectOptions, starts: dict, ends: dict, first_judged: dict
) -> dict:
    """The EARS limits per calendar (one per judged period) that ``detect`` would calibrate
    on the whole file, from the statistics of every group pooled on the driver (the rows
    EARS judges: under ``auto`` only the short series; S x up to two years of floats)."""
    import numpy as np

    from .detect import AUTO, SHORT_METHOD, limits_from_statistics
    from .series import PERIODS_PER_YEAR

    if opts.method != AUTO and not opts.method.startswith("ears"):
        return {}
    since_of = {}
    for key, end in ends.items():
        since = opts.since if opts.since is not None else first_judged[key]
        if end >= since:
            since_of[key] = since
    if not since_of:
        return {}
    calendars = {key: (starts[key], ends[key]) for key in since_of}
    found = _collect_or_explain(
        grouped.groupBy(BUCKET).applyInPandas(
            lambda f: _ears_cells(f, opts, calendars, since_of), _EARS_SCHEMA
        )
    )
    parts: dict[tuple[str, int], list] = {}
    for r in found:
        shape = (int(r.rows), int(r.width))
        parts.setdefault((r.freq, int(r.weekday)), []).append(
            (
                np.asarray(r.statistic, float).reshape(shape),
                np.asarray(r.judged, bool).reshape(shape),
                int(r.window),
                np.asarray(r.standin, float).reshape(shape),
            )
        )
    variant = (SHORT_METHOD if opts.method == AUTO else opts.method).split("-")[1]
    out = {}
    for key, rows in parts.items():
        cal = limits_from_statistics(
            np.concatenate([r[0] for r in rows]),
            np.concatenate([r[1] for r in rows]),
            rows[0][2],
            np.concatenate([r[3] for r in rows]) if variant == "c2" else None,
            PERIODS_PER_YEAR[key[0]],
            variant,
            opts.alpha,
        )
        out[key] = tuple(float(v) for v in cal.limits)
    return out


def _calibrate(grouped, opts: DetectOptions, starts: dict, ends: dict, first_judged: dict) -> dict:
    """One Calibration per monthly/yearly calendar that ``detect`` would calibrate, from the
    per-series cells of every group (a few floats per series) pooled on the driver."""
    from . import cusum
    from .detect import AUTO, BASELINE_METHOD
    from .series import WEEK

    if opts.method not in (AUTO, BASELINE_METHOD):
        return {}
    since_of = {}
    for key, end in ends.items():
        since = opts.since if opts.since is not None else first_judged[key]
        if key[0] != WEEK and end >= since:  # a calendar that ends before is not judged
            since_of[key] = since
    if not since_of:
        return {}
    calendars = {key: (starts[key], ends[key]) for key in since_of}
    cells = grouped.groupBy(BUCKET).applyInPandas(
        lambda f: _cells(f, opts, calendars, since_of), _CELLS_SCHEMA
    )
    parts: dict[tuple[str, int], list] = {key: [] for key in since_of}
    for r in _collect_or_explain(cells):
        parts[(r.freq, int(r.weekday))].append(_unpack_cells(r, opts.alpha))
    out = {}
    for key, found in parts.items():
        if found:
            out[key] = cusum.limit_from_cells(cusum.CalibrationCells.concat(found))
            log.info(
                "spark: CUSUM limit %s/%s: h %.2f, shift %g (%s, %d series-periods)",
                key[0],
                key[1],
                out[key].h,
                out[key].shift,
                out[key].source,
                out[key].periods,
            )
    return out


def _collect_or_explain(frame):
    """Collect; a worker Python without safetyplan's libraries is the usual set-up mistake
    (PySpark starts ``python3`` unless told otherwise): say so instead of a Java stack trace."""
    from pyspark.errors import PythonException

    try:
        return frame.collect()
    except PythonException as exc:
        if "ModuleNotFoundError" not in str(exc):
            raise
        missing = str(exc).split("ModuleNotFoundError:")[-1].strip().splitlines()[0]
        raise DataError(
            _(
                "spark: the Spark workers lack a module ({module}); set PYSPARK_PYTHON to "
                "the Python with safetyplan installed before the Spark session starts"
            ).format(module=missing)
        ) from None


def _first_judged(freq: str, end: pd.Timestamp) -> pd.Timestamp:
    """The first period of the last year ending at ``end`` (``judged_columns``' default:
    the last ``periods_per_year`` periods of the calendar)."""
    import pandas as pd

    from .series import MONTH, PERIODS_PER_YEAR

    n = PERIODS_PER_YEAR[freq] - 1
    if freq == MONTH:
        return end - pd.DateOffset(months=n)
    return end - pd.Timedelta(weeks=n)
