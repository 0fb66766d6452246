# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The monthly CUSUM calibration in two parts (issue 16): per-series cells, computed for any
group of series, pool into exactly the limit of the whole file; ``detect`` takes that limit
instead of calibrating on its own panel (what Spark does per group)."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from safetyplan.earlywarning import DetectOptions, cusum, detect
from safetyplan.earlywarning.detect import calibration_cells
from safetyplan.earlywarning.farrington import FarringtonSettings
from safetyplan.earlywarning.series import WEEK

from .test_calibration import JUDGED, panel, real_like_null

SETTINGS = FarringtonSettings.noufaily(12)


def _groups(n: int, parts: int, seed: int) -> list[np.ndarray]:
    """A random split of n rows into parts of unequal size, rows shuffled."""
    rng = np.random.default_rng(seed)
    return np.array_split(
        rng.permutation(n), np.sort(rng.choice(np.arange(1, n), parts - 1, replace=False))
    )


@pytest.mark.parametrize("alpha, shift", [(0.01, None), (0.005, 3.0), (0.02, 2.0)])
def test_cells_of_groups_pool_into_the_whole_files_limit(alpha, shift):
    counts = real_like_null(400, seed=21)
    whole = cusum.calibrated_limit(counts, JUDGED, SETTINGS, alpha, shift)
    assert whole.source == "data"
    cells = [
        cusum.calibration_cells(counts[g], JUDGED, SETTINGS, alpha, shift)
        for g in _groups(len(counts), 5, seed=3)
    ]
    pooled = cusum.limit_from_cells(cusum.CalibrationCells.concat(cells))
    assert pooled == whole  # every field, the table-rate too
    # each group alone would calibrate differently, which is why Spark must pool
    alone = [cusum.limit_from_cells(c).h for c in cells]
    assert any(h != whole.h for h in alone)


def test_groups_too_small_alone_calibrate_together():
    counts = real_like_null(60, seed=8)  # 60 x 12 periods: 720 >= 500 needed at 0.01
    cells = [
        cusum.calibration_cells(counts[g], JUDGED, SETTINGS, 0.01) for g in _groups(60, 4, seed=1)
    ]
    assert all(cusum.limit_from_cells(c).source == "table" for c in cells)
    pooled = cusum.limit_from_cells(cusum.CalibrationCells.concat(cells))
    whole = cusum.calibrated_limit(counts, JUDGED, SETTINGS, 0.01)
    assert (pooled.source, pooled.h, pooled.periods) == ("data", whole.h, whole.periods)


def test_narrower_windows_and_empty_parts_are_aligned_on_the_last_period():
    counts = real_like_null(300, seed=4)
    full = cusum.calibration_cells(counts, JUDGED, SETTINGS, 0.01)
    # the same series judged with only the last 5 calibration periods: padded on the left
    narrow = cusum.calibration_cells(counts[:, 7:], JUDGED - 7, SETTINGS, 0.01)
    assert narrow.llr.shape[1] < full.llr.shape[1]
    joined = cusum.CalibrationCells.concat(
        [narrow, cusum.CalibrationCells.empty(0.01, cusum.CALIBRATED_SHIFT, 3)]
    )
    assert joined.llr.shape == (303, narrow.llr.shape[1])
    both = cusum.CalibrationCells.concat([full, narrow])
    assert both.llr.shape == (600, full.llr.shape[1])
    assert both.periods == full.periods + narrow.periods
    assert not both.judged[300:, : full.llr.shape[1] - narrow.llr.shape[1]].any()
    assert cusum.limit_from_cells(joined) == cusum.limit_from_cells(narrow)


def test_cells_with_another_alpha_or_shift_do_not_mix():
    a = cusum.CalibrationCells.empty(0.01, 4.0)
    with pytest.raises(ValueError, match="different alpha or shift"):
        cusum.CalibrationCells.concat([a, cusum.CalibrationCells.empty(0.02, 4.0)])
    with pytest.raises(ValueError, match="no calibration cells"):
        cusum.CalibrationCells.concat([])


def _with_short_series(counts: np.ndarray):
    p = panel(counts)
    short = np.full((10, counts.shape[1]), np.nan)
    short[:, -20:] = np.random.default_rng(2).poisson(3, (10, 20))  # EARS under auto
    return replace(
        p, names=p.names + [f"short{i}" for i in range(10)], counts=np.vstack([counts, short])
    )


@pytest.mark.parametrize("method", ["auto", "nbcusum"])
def test_detect_with_the_pooled_limit_equals_detect_calibrating_itself(method):
    p = _with_short_series(real_like_null(200, seed=13))
    opts = DetectOptions(method=method)
    cells = calibration_cells(p, opts)
    cal = cusum.limit_from_cells(cells)
    # months 61-71 have the 61 months of history a baseline needs; the short series none
    # (auto leaves them out, nbcusum keeps them as unjudged rows: the same limit)
    nb = calibration_cells(p, replace(opts, method="nbcusum"))
    assert cal.source == "data" and cells.periods == nb.periods == 200 * 11
    assert cusum.limit_from_cells(nb) == cal
    own = detect(p, opts)
    given = detect(p, replace(opts, calibration=cal))
    pd.testing.assert_frame_equal(given, own, check_exact=True)
    # and the given limit is the one used: a higher one raises fewer alarms
    higher = detect(p, replace(opts, calibration=replace(cal, h=cal.h * 3)))
    assert higher.alarm.fillna(0).sum() < own.alarm.fillna(0).sum()


def test_no_cells_where_detect_does_not_calibrate():
    p = panel(real_like_null(5, seed=1))
    assert calibration_cells(p, DetectOptions(method="farrington")) is None
    assert calibration_cells(p, DetectOptions(method="ears-c2")) is None
    weekly = replace(p, freq=WEEK, periods=pd.date_range("2018-01-01", periods=84, freq="7D"))
    assert calibration_cells(weekly, DetectOptions()) is None
    # weekly panels keep the simulation table even when a calibration is given
    cal = cusum.Calibration(50.0, 4.0, "data", 1000, 0.02)
    plain = detect(weekly, DetectOptions(method="nbcusum", years_back=1))
    given = detect(weekly, DetectOptions(method="nbcusum", years_back=1, calibration=cal))
    pd.testing.assert_frame_equal(given, plain, check_exact=True)
