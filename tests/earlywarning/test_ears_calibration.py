# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""EARS, the short-series fallback of ``--method auto``, with its limit calibrated on the
file's own statistics (ADR 7): on an 11-month export of Poisson counts the published C2
alarms in nearly 3% of weeks at alpha 0.01; the calibrated limit keeps it near alpha."""

import numpy as np
import pandas as pd
import pytest

from safetyplan.earlywarning import DetectOptions, detect
from safetyplan.earlywarning.detect import ears_limits
from safetyplan.earlywarning.ears import (
    calibrated_limits,
    ears,
    nominal_limit,
    small_sample_limit,
)
from safetyplan.earlywarning.series import MONTH, WEEK, CountPanel


def weekly(counts: np.ndarray) -> CountPanel:
    periods = pd.date_range("2025-01-06", periods=counts.shape[1], freq="7D")
    return CountPanel([f"s{i}" for i in range(len(counts))], periods, WEEK, counts.astype(float))


def test_the_published_c2_alarms_too_often_on_an_eleven_month_export_and_the_default_not():
    # 120 series x 48 weeks of Poisson(3), no outbreak: every alarm is a false one
    counts = np.random.default_rng(3).poisson(3, (120, 48)).astype(float)
    published = ears(counts, "c2", 0.01)
    assert published.alarm[published.judged].mean() > 0.02
    table = detect(weekly(counts), DetectOptions())  # auto: C2 for all (too short)
    judged = table.alarm.notna()
    assert judged.sum() == 120 * 39 and set(table.method[judged]) == {"ears-c2"}
    # 4,680 judged weeks: a sampling sd of about 0.15 points at 1%
    assert table.alarm[judged].astype(int).mean() <= 0.01 * 1.2


def test_limits_by_hand():
    # one column of 1,000 judged values 0.000..0.999 before the judged ones (the window),
    # three judged columns; alpha 0.01, target 0.8: at most 8 of 1,000 may exceed the limit,
    # so the limit is the 9th largest value, 0.991 (0.992..0.999 exceed it)
    stat = np.full((1000, 4), np.nan)
    stat[:, 0] = np.arange(1000) / 1000
    judged = np.isfinite(stat)
    cal = calibrated_limits(stat, judged, window=1, freq=52, variant="c2", alpha=0.01)
    assert cal.limits.tolist() == [0.991] * 3 and set(cal.source) == {"pooled"}
    assert cal.periods == 1000
    # no window, 400 values per judged column: the first has no pool (small-sample limit),
    # the second 400 earlier cells (< 500 needed), the third 800 (rolling: the 7th largest)
    stat = np.tile(np.arange(400.0), (3, 1)).T.copy()
    cal = calibrated_limits(stat, np.ones(stat.shape, bool), 0, 52, "c2", 0.01)
    assert cal.source.tolist() == ["small-sample", "small-sample", "rolling"]
    # 800 values (0..399 twice), at most 6.4 may exceed: 397-399 (6) exceed 396, at 395 8 would
    assert cal.limits[2] == 396.0
    assert cal.limits[0] == pytest.approx(small_sample_limit("c2", 0.01))
    # C1 stand-ins (NaN elsewhere) count where the C2 pool alone is too small
    standin = np.full(stat.shape, np.nan)
    standin[:, 0] = np.arange(400.0) + 1000
    cal = calibrated_limits(stat, np.ones(stat.shape, bool), 0, 52, "c2", 0.01, standin=standin)
    assert cal.source.tolist() == ["small-sample", "rolling-c1", "rolling"]


def test_the_small_sample_limit_is_the_t_prediction_interval():
    # t(6) upper 1% point 3.1427, times sqrt(8/7)
    assert small_sample_limit("c2", 0.01) == pytest.approx(3.1427 * np.sqrt(8 / 7), abs=1e-3)
    assert small_sample_limit("c3", 0.01) == pytest.approx(2 * small_sample_limit("c2", 0.01) / 3)
    assert nominal_limit("c2", 0.01) == pytest.approx(2.3263, abs=1e-4)


def test_detect_uses_the_calibrated_limit_in_threshold_and_score():
    rng = np.random.default_rng(8)
    counts = rng.poisson(rng.gamma(2.0, 1.5, (200, 48))).astype(float)
    panel = weekly(counts)
    cal = ears_limits(panel, DetectOptions(method="ears-c2"))
    table = detect(panel, DetectOptions(method="ears-c2"))
    e = ears(counts, "c2", 0.01, limit=cal.limits)
    flag = table.alarm.to_numpy(dtype=float, na_value=np.nan).reshape(200, 48)
    assert np.array_equal(flag == 1, e.alarm)
    np.testing.assert_allclose(
        table.threshold.to_numpy().reshape(200, 48), np.round(e.threshold, 3), equal_nan=True
    )
    score = table.score.to_numpy().reshape(200, 48)
    np.testing.assert_allclose(score, np.round(e.statistic / cal.limits, 3), equal_nan=True)
    # the published engine: the normal limit when none is given
    nominal = ears(counts, "c2", 0.01, limit=nominal_limit("c2", 0.01))
    np.testing.assert_array_equal(ears(counts, "c2", 0.01).threshold, nominal.threshold)


def test_a_longer_short_series_is_calibrated_on_the_months_before_the_judged_year():
    # 24 months: the last 12 judged, months 9-11 (C2 has its 9 months there) are the window
    rng = np.random.default_rng(1)
    counts = rng.poisson(2.0, (300, 24)).astype(float)
    periods = pd.date_range("2011-01-01", periods=24, freq="MS")
    panel = CountPanel([f"m{i}" for i in range(300)], periods, MONTH, counts)
    cal = ears_limits(panel, DetectOptions())
    assert cal.periods == 300 * 3 and set(cal.source) == {"pooled"}
    assert np.unique(cal.limits).size == 1
