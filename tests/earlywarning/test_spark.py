# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The detector on local PySpark gives exactly the single-machine rows (slow; skipped
without Java or pyspark, except in CI, where both are installed)."""

import os
import shutil
import sys

import numpy as np
import pandas as pd
import pytest

from safetyplan import i18n
from safetyplan.earlywarning import DetectOptions, detect, read_counts_csv
from safetyplan.earlywarning.detect import COLUMNS
from safetyplan.errors import DataError


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in English (the workers and subprocesses inherit SAFETYPLAN_LANG)."""
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    i18n.activate(None)
    yield
    i18n.activate(None)


def _spark_or_skip():
    in_ci = os.environ.get("CI") == "true"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if in_ci:
            pytest.fail("CI: pyspark missing (pip install -e '.[spark]')")
        pytest.skip("pyspark not installed (pip install -e '.[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if in_ci:
            pytest.fail("CI: Java missing for PySpark")
        pytest.skip("no Java for PySpark")


@pytest.fixture(scope="module")
def spark():
    _spark_or_skip()
    from pyspark.sql import SparkSession

    # the workers run the detector: the same interpreter (numpy, pandas, scipy); PySpark
    # reads this when the context starts (the spark.pyspark.python setting is for submit)
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("safetyplan-signals-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()
    if before is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = before


def mixed_counts(path):
    """Weekly series of 7 years (some with an outbreak at the end), weekly series of 11
    months (EARS under auto), weekly series on Wednesdays ending a month earlier (another
    calendar), monthly series of 10 years, and one that ends before the judged year."""
    rng = np.random.default_rng(16)
    rows = []

    def add(name, periods, counts):
        rows.extend(
            (name, p.date().isoformat(), int(c)) for p, c in zip(periods, counts, strict=True)
        )

    mondays = pd.date_range("2018-01-01", periods=364, freq="7D")
    for i in range(12):
        y = rng.negative_binomial(3, 3 / (3 + 5 + i), len(mondays))
        if i % 3 == 0:
            y[-4:] += 25
        add(f"GM{i:02d} | week", mondays, y)
    for i in range(6):
        add(f"BU{i:02d} | short", mondays[-48:], rng.poisson(3, 48) + (20 if i == 0 else 0))
    wednesdays = pd.date_range("2018-01-03", periods=360, freq="7D")
    for i in range(4):
        add(f"WK{i:02d} | wed", wednesdays, rng.poisson(4 + i, len(wednesdays)))
    months = pd.date_range("2014-01-01", periods=120, freq="MS")
    for i in range(8):
        y = rng.negative_binomial(2, 2 / (2 + 6 + 2 * i), len(months))
        if i % 4 == 0:
            y[-2:] += 40
        add(f"GM{i:02d} | month", months, y)
    add("GM99 | ended", months[:90], rng.poisson(5, 90))
    pd.DataFrame(rows, columns=["series", "period", "count"]).to_csv(path, index=False)
    return path


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[COLUMNS].sort_values(["series", "period"]).reset_index(drop=True)
    frame["alarm"] = frame["alarm"].astype("Int64")
    frame["count"] = frame["count"].astype("int64")
    return frame


@pytest.mark.slow
@pytest.mark.parametrize(
    "options",
    [DetectOptions(), DetectOptions(method="farrington", alpha=0.005)],
    ids=["auto", "farrington"],
)
def test_spark_gives_exactly_the_single_machine_rows(spark, tmp_path, options):
    from safetyplan.earlywarning.spark import detect_spark

    path = mixed_counts(tmp_path / "counts.csv")
    one = _sorted(detect(read_counts_csv(path), options))
    counts = spark.read.csv(str(path), header=True)  # every column a string, as in the file
    many = _sorted(detect_spark(counts, options, buckets=5).toPandas())
    assert len(one) > 0 and one.alarm.fillna(0).sum() > 0
    assert "GM99 | ended" not in set(many.series)
    if options.method == "auto":
        assert {"nbcusum", "ears-c2"} <= set(many.method)
    pd.testing.assert_frame_equal(many, one, check_exact=True)


@pytest.mark.slow
def test_spark_since_and_bad_rows(spark):
    from safetyplan.earlywarning.spark import detect_spark

    weeks = pd.date_range("2024-01-01", periods=30, freq="7D").strftime("%Y-%m-%d")
    good = [("a", w, 3) for w in weeks]
    frame = spark.createDataFrame(good, "series string, period string, count long")
    rows = detect_spark(
        frame, DetectOptions(since=pd.Timestamp("2024-06-03")), buckets=2
    ).toPandas()
    assert rows.period.min() == "2024-06-03" and set(rows.method) == {"ears-c2"}
    assert rows.alarm.notna().all()
    with pytest.raises(DataError, match="no periods on or after 2031-01-01"):
        detect_spark(frame, DetectOptions(since=pd.Timestamp("2031-01-01")))
    bad = spark.createDataFrame(
        good + [("b", "2024-01-01", -2)], "series string, period string, count long"
    )
    with pytest.raises(DataError, match="spark bucket .*negative count"):
        detect_spark(bad, buckets=2)
    with pytest.raises(DataError, match="missing column"):
        detect_spark(frame.withColumnRenamed("count", "n"))


WORKER_WITHOUT_LIBRARIES = """
import os, sys
from pyspark.sql import SparkSession
from safetyplan.errors import DataError
from safetyplan.earlywarning.spark import detect_spark
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
frame = spark.createDataFrame([("a", "2024-01-01", 3)], "series string, period string, count long")
try:
    detect_spark(frame, buckets=1)
except DataError as exc:
    print("DataError:", exc)
finally:
    spark.stop()
"""


@pytest.mark.slow
def test_workers_without_the_libraries_get_a_clear_message(tmp_path):
    # PySpark starts `python3` for its workers unless PYSPARK_PYTHON says otherwise; here a
    # worker Python without site-packages (no numpy): a DataError that says what to set
    _spark_or_skip()
    import subprocess

    worker = tmp_path / "python-without-site"
    worker.write_text(f'#!/bin/sh\nexec {sys.executable} -S "$@"\n', encoding="utf-8")
    worker.chmod(0o755)
    env = {**os.environ, "PYSPARK_PYTHON": str(worker)}
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", WORKER_WITHOUT_LIBRARIES],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "DataError: spark: the Spark workers lack a module" in done.stdout, done.stderr[-2000:]
    assert "set PYSPARK_PYTHON" in done.stdout


def calibrating_counts(path):
    """Enough monthly series for the file-wide CUSUM calibration (ADR 7): 64 series of 10
    years, ~750 series-periods before the judged year against 500 needed at alpha 0.01,
    spread over every bucket; among them late starters (EARS under auto), two that end
    before the judged year but still count in the calibration year, and a few outbreaks.
    Weekly series next to them keep the simulation table."""
    rng = np.random.default_rng(1616)
    rows = []

    def add(name, periods, counts):
        rows.extend(
            (name, p.date().isoformat(), int(c)) for p, c in zip(periods, counts, strict=True)
        )

    months = pd.date_range("2014-01-01", periods=120, freq="MS")
    for i in range(64):
        mean = rng.lognormal(np.log(3.0), 0.8)
        y = rng.negative_binomial(2, 2 / (2 + mean), len(months))
        if i % 9 == 0:
            y[-3:] += rng.integers(6, 20)
        if i % 16 == 5:
            y[60:] = rng.poisson(mean * 1.8, 60)  # a trend break the model does not expect
        add(f"GM{i:02d} | month", months, y)
    for i in range(4):
        add(f"BU{i:02d} | late", months[-20:], rng.poisson(2 + i, 20))
    for i in range(2):
        add(f"GM{90 + i} | ended", months[:106], rng.poisson(4, 106))
    mondays = pd.date_range("2018-01-01", periods=364, freq="7D")
    for i in range(5):
        add(f"GM{i:02d} | week", mondays, rng.poisson(5 + i, len(mondays)))
    pd.DataFrame(rows, columns=["series", "period", "count"]).to_csv(path, index=False)
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "method, since", [("auto", None), ("nbcusum", None), ("nbcusum", "2023-04-01")]
)
def test_spark_calibrates_monthly_limits_on_the_whole_file(spark, tmp_path, method, since):
    # each group alone has too few series-periods to calibrate (the table's h would be
    # kept there); Spark must pool the calibration over all groups as one machine does
    from pyspark.sql import functions as F

    from safetyplan.earlywarning import cusum
    from safetyplan.earlywarning.spark import detect_spark

    path = calibrating_counts(tmp_path / "counts.csv")
    from safetyplan.earlywarning.detect import judged_columns

    options = DetectOptions(method=method, since=since and pd.Timestamp(since))
    monthly = next(p for p in read_counts_csv(path) if p.freq == "month")
    cal = cusum.calibrated_limit(
        monthly.counts,
        judged_columns(monthly, options.since),
        options.farrington_settings("month"),
        options.alpha,
    )
    assert cal.source == "data" and cal.h != cusum.h_for_alpha(options.alpha)
    one = _sorted(detect(read_counts_csv(path), options))
    counts = spark.read.csv(str(path), header=True)
    groups = (
        counts.where(F.col("series").endswith("month"))
        .select(F.pmod(F.hash("series"), F.lit(5)))
        .distinct()
        .count()
    )
    assert groups >= 3
    many = _sorted(detect_spark(counts, options, buckets=5).toPandas())
    judged = one[one.alarm.notna() & one.series.str.endswith("month")]
    assert judged.alarm.sum() > 0
    pd.testing.assert_frame_equal(many, one, check_exact=True)


def test_calibration_cells_of_groups_that_end_early_or_start_late(tmp_path):
    # without Spark: the per-group function of the middle pass, on groups chosen so that one
    # group's calendar ends before the judged year (its series still count in the
    # calibration year) and another's starts late; together they give one machine's limit
    from safetyplan.earlywarning import cusum
    from safetyplan.earlywarning.spark import BUCKET, _cells, _unpack_cells

    path = calibrating_counts(tmp_path / "counts.csv")
    rows = pd.read_csv(path, dtype=str)
    monthly = next(p for p in read_counts_csv(path) if p.freq == "month")
    options = DetectOptions(method="nbcusum")
    whole = cusum.calibrated_limit(
        monthly.counts, np.arange(108, 120), options.farrington_settings("month"), options.alpha
    )
    key = ("month", -1)
    calendars = {key: (monthly.periods[0], monthly.periods[-1])}
    since_of = {key: monthly.periods[108]}
    groups = [
        rows[rows.series.str.endswith("ended")],
        rows[rows.series.str.endswith("late")],
        rows[~rows.series.str.endswith(("ended", "late"))],
    ]
    cells = []
    for i, g in enumerate(groups):
        out = _cells(g.assign(**{BUCKET: i}), options, calendars, since_of)
        cells += [_unpack_cells(r, options.alpha) for r in out.itertuples()]
    # the ended series have months 96-105 of the calibration year 96-107
    assert len(cells) == 3 and cells[0].periods == 2 * 10 and cells[1].periods == 0
    assert cusum.limit_from_cells(cusum.CalibrationCells.concat(cells)) == whole


def short_export(path, n: int = 60):
    """An 11-month weekly export (48 weeks) of ``n`` overdispersed series, some starting
    late and some ending early, with two outbreaks: enough series-weeks (about 2,100) for
    EARS C2's limit to be calibrated, too few in any one of 5 groups."""
    rng = np.random.default_rng(12)
    weeks = pd.date_range("2025-01-06", periods=48, freq="7D").strftime("%Y-%m-%d")
    rows = []
    for i in range(n):
        lam = rng.gamma(2.0, rng.uniform(0.5, 3.0), 48)
        y = rng.poisson(lam)
        if i in (3, 17):
            y[40:43] += 15
        span = slice(6 if i % 9 == 0 else 0, 44 if i % 11 == 0 else 48)
        rows += [
            (f"BU{i:02d} | fiets", w, int(c)) for w, c in zip(weeks[span], y[span], strict=True)
        ]
    pd.DataFrame(rows, columns=["series", "period", "count"]).to_csv(path, index=False)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("method", ["auto", "ears-c3"])
def test_spark_pools_the_ears_calibration_over_the_whole_file(spark, tmp_path, method):
    from safetyplan.earlywarning.detect import ears_limits
    from safetyplan.earlywarning.ears import small_sample_limit
    from safetyplan.earlywarning.spark import detect_spark

    path = short_export(tmp_path / "short.csv")
    options = DetectOptions(method=method)
    (panel,) = read_counts_csv(path)
    cal = ears_limits(panel, options)
    variant = "c2" if method == "auto" else "c3"
    assert "rolling" in set(cal.source)  # calibrated on the file, not the fallback alone
    assert (cal.limits != small_sample_limit(variant, 0.01)).any()
    one = _sorted(detect(read_counts_csv(path), options))
    many = _sorted(
        detect_spark(spark.read.csv(str(path), header=True), options, buckets=5).toPandas()
    )
    assert one.alarm.fillna(0).sum() > 0
    pd.testing.assert_frame_equal(many, one, check_exact=True)
