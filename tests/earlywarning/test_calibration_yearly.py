# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Yearly figures judged every year from the first with five years back (ADR 7): there is
no year with a full baseline before the first judged one, so that year is calibrated on
the years before it judged on shorter baselines, and every later judged year on all judged
years before it (rolling, out of sample). On series with trend breaks the simulation
table's limit alarms far more often than alpha; the calibrated limits do not."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from safetyplan.earlywarning import DetectOptions, cusum, detect
from safetyplan.earlywarning.farrington import FarringtonSettings, farrington_flexible
from safetyplan.earlywarning.series import YEAR, CountPanel

YEARS = 13  # 2012-2024, like 47018NED
JUDGED = np.arange(5, YEARS)  # 2017-2024: the first years with five years back
SETTINGS = FarringtonSettings.noufaily(1)


def yearly_null(n: int, seed: int) -> np.ndarray:
    """Outbreak-free yearly counts as municipal crime figures look: 20-2,000 a year,
    dispersion 1-3, a steady trend of -6% to +3% a year, and in 60% of the series a level
    shift by a factor 0.6-1.5 from a random year on (a trend break, e.g. a new registration
    practice)."""
    rng = np.random.default_rng(seed)
    years = np.arange(YEARS)
    level = rng.lognormal(np.log(150), 1.0, n)[:, None].clip(20, 2000)
    trend = np.exp(rng.uniform(-0.06, 0.03, n)[:, None] * years)
    shift_year = rng.integers(2, YEARS, n)[:, None]
    factor = np.where(rng.random(n) < 0.6, rng.uniform(0.6, 1.5, n), 1.0)[:, None]
    mean = level * trend * np.where(years >= shift_year, factor, 1.0)
    phi = rng.uniform(1.0, 3.0, n)[:, None]
    lam = rng.gamma(mean / (phi - 1.0 + 1e-9), phi - 1.0 + 1e-9)
    return rng.poisson(lam).astype(float)


def panel(counts: np.ndarray) -> CountPanel:
    periods = pd.date_range("2012-01-01", periods=counts.shape[1], freq="YS")
    return CountPanel([f"GM{i:04d}" for i in range(len(counts))], periods, YEAR, counts)


def judged_share(table: pd.DataFrame) -> float:
    judged = table.alarm.notna()
    return float(table.alarm[judged].astype(int).mean())


def test_the_table_limit_alarms_too_often_and_the_calibrated_limits_do_not():
    counts = yearly_null(1500, seed=16)
    since = pd.Timestamp("2017-01-01")
    calibrated = detect(panel(counts), DetectOptions(method="nbcusum", since=since))
    assert calibrated.alarm.notna().sum() == 1500 * 8
    # the same baseline with the weekly simulation's limit and shift, as before ADR 7's
    # yearly part: far above alpha on series with trend breaks
    res = farrington_flexible(counts, JUDGED, SETTINGS)
    table = cusum.nb_cusum(
        counts[:, JUDGED], res.expected, res.phi, h=cusum.h_for_alpha(0.01)
    ).alarm[res.judged]
    assert table.mean() > 0.02
    # 12,000 judged years: a sampling sd of about 0.09 points at 1%
    assert judged_share(calibrated) <= 0.01 * 1.2


def test_each_judged_year_gets_the_smallest_limit_that_meets_the_target_before_it():
    counts = yearly_null(800, seed=3)
    alpha = 0.01
    cal = cusum.calibrated_limit(counts, JUDGED, SETTINGS, alpha)
    assert (cal.source, cal.shift, cal.block) == ("data", cusum.CALIBRATED_SHIFT, 1)
    assert len(cal.h_blocks) == JUDGED.size and cal.h == cal.h_blocks[0]
    # by hand: 2015 judged on three years back, 2016 on four (no year before 2017 has five),
    # then the judged years 2017.. on five; one CUSUM run from 2015 on
    fits = [
        farrington_flexible(counts, np.array([3]), replace(SETTINGS, years_back=3)),
        farrington_flexible(counts, np.array([4]), replace(SETTINGS, years_back=4)),
        farrington_flexible(counts, JUDGED, SETTINGS),
    ]
    assert cal.periods == int(fits[0].judged.sum() + fits[1].judged.sum()) == 1600
    y = counts[:, 3:]
    expected = np.concatenate([f.expected for f in fits], axis=1)
    phi = np.concatenate([f.phi for f in fits], axis=1)
    judged = np.concatenate([f.judged for f in fits], axis=1)
    llr = np.where(judged, cusum.log_likelihood_ratio(y, expected, phi, cal.shift), 0.0)
    allowed = np.ones(llr.shape, bool)

    def share(h, upto):
        return cusum._alarms(llr[:, :upto], h, allowed)[judged[:, :upto]].mean()

    target = cusum.TARGET_SHARE * alpha
    for year, h in enumerate(cal.h_blocks):  # year 0 (2017) rests on 2015-2016 only
        upto = 2 + year
        assert share(h, upto) <= target
        assert share(h - 0.05, upto) > target
    # the limits differ per year, and detect uses each year's own
    assert len(set(cal.h_blocks)) > 1
    table = detect(panel(counts), DetectOptions(method="nbcusum", since=pd.Timestamp("2017")))
    score = table.score.to_numpy().reshape(800, JUDGED.size)
    stat = cusum.nb_cusum(
        counts[:, JUDGED],
        fits[2].expected,
        fits[2].phi,
        h=np.broadcast_to(cal.column_limits(JUDGED.size), (800, JUDGED.size)),
        shift=cal.shift,
    )
    np.testing.assert_allclose(score, np.round(stat.statistic / cal.column_limits(8), 3))
    assert np.array_equal(table.alarm.to_numpy(int).reshape(800, 8) == 1, stat.alarm)


def test_a_limit_per_series_and_period():
    # y = 5 against mu0 = 1 (Poisson, shift 2: mu1 = 3) adds 5 ln 3 - 2 = 3.49 to the CUSUM
    y = np.array([[0.0, 5.0, 5.0]])
    one = np.ones((1, 3))
    per_period = cusum.nb_cusum(y, one, one, h=np.array([[50.0, 1.0, 50.0]]))
    assert per_period.alarm.tolist() == [[False, True, False]]
    assert per_period.statistic[0, 1] == pytest.approx(5 * np.log(3) - 2)
    assert not cusum.nb_cusum(y, one, one, h=50.0).alarm.any()
    assert cusum.Calibration(1.0, 4.0, "data", 10, 0.0, 1, (2.0, 3.0)).column_limits(
        4
    ).tolist() == [2.0, 3.0, 3.0, 3.0]


def test_cells_of_groups_pool_into_the_whole_files_yearly_limits():
    # what Spark does: per-group cells (window and earlier judged years) joined on the driver
    counts = yearly_null(600, seed=9)
    whole = cusum.calibrated_limit(counts, JUDGED, SETTINGS, 0.01)
    parts = np.array_split(np.random.default_rng(2).permutation(600), [100, 350])
    cells = [cusum.calibration_cells(counts[g], JUDGED, SETTINGS, 0.01) for g in parts]
    assert all(c.judged_width == JUDGED.size - 1 for c in cells)
    assert cusum.limit_from_cells(cusum.CalibrationCells.concat(cells)) == whole
    monthly = cusum.CalibrationCells.empty(0.01, cusum.CALIBRATED_SHIFT, 3)
    with pytest.raises(ValueError, match="different judged periods"):
        cusum.CalibrationCells.concat([cells[0], monthly])


def test_few_yearly_series_keep_the_table():
    # 40 series: 80 window years, 0.8 alarms expected at alpha 0.01 (5 needed)
    cal = cusum.calibrated_limit(yearly_null(40, seed=1), JUDGED, SETTINGS, 0.01)
    assert (cal.source, cal.h, cal.h_blocks, cal.periods) == (
        "table",
        cusum.h_for_alpha(0.01),
        (),
        80,
    )


def test_late_starters_count_on_shorter_baselines_and_a_thin_first_year_keeps_the_table():
    # 2011-2024: 20 series from 2011, 300 from 2012 (like 47018NED beside an older source);
    # judged from 2016, the first year with five years back (for the 2011 series only)
    counts = np.full((320, 14), np.nan)
    counts[:, 1:] = yearly_null(320, seed=4)
    counts[:20, 0] = yearly_null(20, seed=5)[:, 0]
    judged = np.arange(5, 14)
    cal = cusum.calibrated_limit(counts, judged, SETTINGS, 0.01)
    # window 2014-2015: the 2011 series on 3 and 4 years back (40 cells), the 2012 series
    # in 2015 on 3 years (300): 340 < 500 needed, so 2016 keeps the table's limit and shift
    assert cal.periods == 340
    assert (cal.h_blocks[0], cal.shift_blocks[0]) == (cusum.h_for_alpha(0.01), cusum.DEFAULT_SHIFT)
    # 2016 adds 20 cells on five years and 300 on four: 660 before 2017, calibrated from then
    assert set(cal.shift_blocks[1:]) == {cusum.CALIBRATED_SHIFT} and cal.source == "data"
    assert cal.column_shifts(9).tolist() == [2.0] + [4.0] * 8
    # by hand for 2017: the window and 2016, each cell on the longest baseline it has
    fits = {
        (col, years): farrington_flexible(
            counts, np.array([col]), replace(SETTINGS, years_back=years)
        )
        for col, years in [(3, 3), (4, 4), (4, 3), (5, 5), (5, 4)]
    }

    def cell(col, longest_first):
        res = [fits[(col, y)] for y in longest_first]
        out = {k: np.full((320, 1), np.nan) for k in ("expected", "phi")}
        judged_here = np.zeros((320, 1), bool)
        for r in res:
            take = r.judged & ~judged_here
            for k in out:
                out[k] = np.where(take, getattr(r, k), out[k])
            judged_here |= take
        return out["expected"], out["phi"], judged_here

    parts = [cell(3, [3]), cell(4, [4, 3]), cell(5, [5, 4])]
    expected = np.concatenate([p[0] for p in parts], axis=1)
    phi = np.concatenate([p[1] for p in parts], axis=1)
    mask = np.concatenate([p[2] for p in parts], axis=1)
    assert mask[:, :2].sum() == 340 and mask.sum() == 660
    llr = np.where(
        mask,
        cusum.log_likelihood_ratio(counts[:, 3:6], expected, phi, cusum.CALIBRATED_SHIFT),
        0.0,
    )
    free = np.ones(llr.shape, bool)
    share = cusum._alarms(llr, cal.h_blocks[1], free)[mask].mean()
    assert share <= cusum.TARGET_SHARE * 0.01
    assert cusum._alarms(llr, cal.h_blocks[1] - 0.05, free)[mask].mean() > 0.008
