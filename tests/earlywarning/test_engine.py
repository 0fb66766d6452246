# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The engines against hand-computed small cases."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from safetyplan.earlywarning import cusum, farrington_flexible
from safetyplan.earlywarning.compstat import compstat, judge, notable, windows, z_score
from safetyplan.earlywarning.ears import ears
from safetyplan.earlywarning.farrington import (
    FarringtonSettings,
    nb_threshold_and_pvalue,
    seasonal_levels,
)

WEEKS = 7 * 52
LAST = np.arange(WEEKS - 52, WEEKS)


def test_constant_series_expects_the_constant_with_a_poisson_threshold():
    # 4 cases every week: the GLM fits 4 exactly, Pearson dispersion 0 -> phi 1 (Poisson);
    # the Poisson 99.5% quantile of 4 is 10 (P(X <= 9) = 0.9919, P(X <= 10) = 0.9972).
    counts = np.full((1, WEEKS), 4.0)
    counts[0, -1] = 11
    counts[0, -2] = 10
    res = farrington_flexible(
        counts, np.array([WEEKS - 2, WEEKS - 1]), FarringtonSettings(alpha=0.005)
    )
    assert res.expected[0] == pytest.approx([4.0, 4.0])
    assert res.phi[0] == pytest.approx([1.0, 1.0])
    assert list(res.threshold[0]) == [10.0, 10.0]
    assert list(res.alarm[0]) == [False, True]  # 10 is not above the threshold, 11 is
    assert res.pvalue[0, 1] == pytest.approx(stats.poisson.sf(10, 4.0))


def test_seasonal_level_mean_is_the_expectation_without_trend():
    # the 7-week windows around the same week in past years hold 6 cases, all other weeks 2:
    # every seasonal level is constant, so the expectation is the window level's mean, 6.
    s = FarringtonSettings(trend=False, reweight=False, alpha=0.005)
    k = WEEKS - 1
    counts = np.full((1, WEEKS), 2.0)
    idx, level = seasonal_levels(k, s)
    counts[0, idx[level == s.periods]] = 6.0
    res = farrington_flexible(counts, np.array([k]), s)
    assert res.expected[0, 0] == pytest.approx(6.0)
    assert res.phi[0, 0] == 1.0


def test_seasonal_levels_follow_noufaily():
    s = FarringtonSettings()
    k = WEEKS - 1
    idx, level = seasonal_levels(k, s)
    # from b years and w weeks back to 26 weeks before the judged week
    assert idx[0] == k - 5 * 52 - 3 and idx[-1] == k - 27
    assert set(level) == set(range(1, 11))
    window = idx[level == 10]
    offsets = sorted({int((i - k) % 52) for i in window})
    assert offsets == [0, 1, 2, 3, 49, 50, 51]  # the same week +- 3 of every past year
    # the 45 other weeks of a year are 9 blocks of 5
    one_year = level[(idx > k - 52 * 2) & (idx <= k - 52)]
    assert sorted(np.bincount(one_year)[1:10]) == [5] * 9


def test_a_past_outbreak_is_down_weighted():
    rng = np.random.default_rng(3)
    counts = rng.poisson(5.0, size=(1, WEEKS)).astype(float)
    k = WEEKS - 1
    idx, level = seasonal_levels(k, FarringtonSettings())
    spike = idx[level == 10][5]
    counts[0, spike] = 60
    plain = farrington_flexible(counts, np.array([k]), FarringtonSettings(reweight=False))
    reweighted = farrington_flexible(counts, np.array([k]), FarringtonSettings())
    assert reweighted.expected[0, 0] < plain.expected[0, 0]
    assert reweighted.expected[0, 0] == pytest.approx(5.0, abs=1.0)


def test_short_series_are_not_judged_and_say_why():
    counts = np.full((2, WEEKS), 5.0)
    counts[1, :150] = np.nan  # starts too late for five years of baseline
    res = farrington_flexible(counts, LAST, FarringtonSettings())
    assert res.judged[0].all() and not res.judged[1].any()
    assert set(res.reason[1]) == {"history"}
    assert not res.alarm[1].any() and np.isnan(res.expected[1]).all()


def test_few_cases_veto_the_alarm():
    counts = np.zeros((1, WEEKS))
    counts[0, -1] = 3  # 3 cases where none are expected, but fewer than 5 in 4 weeks
    res = farrington_flexible(counts, np.array([WEEKS - 1]), FarringtonSettings())
    assert counts[0, -1] > res.threshold[0, 0]
    assert not res.enough_cases[0, 0] and not res.alarm[0, 0]


def test_negative_binomial_threshold_and_pvalue():
    # variance phi*mu: with mu = 4, phi = 2 the NB has size 4 and probability 1/2
    upper, p = nb_threshold_and_pvalue(np.array([4.0]), np.array([2.0]), np.array([9.0]), 0.01)
    assert upper[0] == stats.nbinom.ppf(0.99, 4, 0.5)
    assert p[0] == pytest.approx(stats.nbinom.sf(8, 4, 0.5))
    upper, p = nb_threshold_and_pvalue(np.array([4.0]), np.array([1.0]), np.array([0.0]), 0.005)
    assert upper[0] == 10 and p[0] == 1.0


def test_nb_cusum_by_hand():
    # Poisson baseline 1, shift 2 sd -> mu1 = 3: increment y*log(3) - 2
    y = np.array([[0.0, 3.0, 3.0, 4.0]])
    mu0 = np.ones_like(y)
    phi = np.ones_like(y)
    r = cusum.nb_cusum(y, mu0, phi, h=4.5)
    inc = np.log(3.0)
    assert r.statistic[0] == pytest.approx([0.0, 3 * inc - 2, 6 * inc - 4, 10 * inc - 6])
    assert list(r.alarm[0]) == [False, False, False, True]  # 4.99 > 4.5
    # from 0, the smallest count with y*log(3) - 2 > 4.5 is 6 (5.92)
    assert r.count_needed[0, 0] == 6


def test_calibrated_limits_are_monotone():
    hs = [h for _, h in cusum.H_BY_ALPHA]
    assert hs == sorted(hs, reverse=True)
    assert cusum.h_for_alpha(0.01) == pytest.approx(dict(cusum.H_BY_ALPHA)[0.01])


def test_ears_c1_by_hand():
    # baseline of seven 3s: sd 0 is floored at sqrt(3); threshold 3 + z(0.01) * sqrt(3) = 7.03
    counts = np.array([[3, 3, 3, 3, 3, 3, 3, 7, 3, 3, 3, 3, 3, 3, 3, 8]], dtype=float)
    r = ears(counts, "c1", 0.01)
    assert r.threshold[0, 7] == pytest.approx(3 + stats.norm.isf(0.01) * np.sqrt(3))
    assert not r.alarm[0, 7]
    assert not r.judged[0, :7].any()
    # the second window (t = 8..14) holds the 7 once: mean 25/7, sample sd
    window = counts[0, 8:15]
    assert r.expected[0, 15] == pytest.approx(window.mean())
    sd = max(window.std(ddof=1), np.sqrt(window.mean()))
    assert r.threshold[0, 15] == pytest.approx(window.mean() + stats.norm.isf(0.01) * sd)


def test_z_score_and_judgement():
    assert z_score(4, 2) == pytest.approx(2 * (2 - np.sqrt(2)))  # +100% but z = 1.17
    assert judge(float(z_score(4, 2))) == "none"
    assert judge(float(z_score(480, 400))) == "strong_rise"  # +20% but z = 3.82
    assert judge(float(z_score(9, 25))) == "strong_fall"  # 2 * (3 - 5) = -4
    assert judge(-4.0) == "strong_fall" and judge(2.5) == "rise" and judge(None) == "no_comparison"


def test_compstat_windows_and_counts():
    as_of = pd.Timestamp("2012-03-31").date()
    w = {x.key: x for x in windows(as_of)}
    assert (w["week"].start.isoformat(), w["week"].before_end.isoformat()) == (
        "2012-03-25",
        "2011-04-02",
    )  # 364 days earlier: the same weekdays
    assert w["ytd"].before_start.isoformat() == "2011-01-01"
    assert w["ytd"].before_end.isoformat() == "2011-03-31"
    days = ["2012-03-30"] * 9 + ["2011-04-01"] * 1 + ["2012-02-01"] * 4 + ["2011-02-01"] * 16
    incidents = pd.DataFrame({"day": pd.to_datetime(days), "crime_type": "x", "area": "A"})
    table = compstat(incidents, as_of, data_start=pd.Timestamp("2011-01-01").date())
    table = table.set_index("window")
    assert (table.loc["week", "now"], table.loc["week", "before"]) == (9, 1)
    assert table.loc["week", "z"] == pytest.approx(4.0)  # 2 * (3 - 1)
    assert table.loc["week", "judgement"] == "strong_rise"
    assert (table.loc["ytd", "now"], table.loc["ytd", "before"]) == (13, 16)
    # without data_start the data begin on 2011-02-01: January 2011 is unknown, so the year
    # to date has no comparison instead of a too-small count
    unknown = compstat(incidents, as_of).set_index("window")
    assert pd.isna(unknown.loc["ytd", "before"]) and unknown.loc["week", "before"] == 1


def test_compstat_before_the_data_is_no_comparison_not_zero():
    incidents = pd.DataFrame(
        {"day": pd.to_datetime(["2012-01-05", "2012-03-30"]), "crime_type": "x", "area": "A"}
    )
    table = compstat(incidents)
    yearly = table[table.against == "year"]
    assert yearly.before.isna().all() and set(yearly.judgement) == {"no_comparison"}
    # the week before (2012-03-17 .. 23) lies inside the data: a real 0, so it compares
    prev = table[table.window == "week_prev"].iloc[0]
    assert (prev.now, prev.before, prev.z) == (1, 0, 2.0)


def test_compstat_period_over_period_by_hand():
    # as of Sunday 2025-11-30; the data start on 2025-01-01 (11 months, no year-on-year)
    as_of = pd.Timestamp("2025-11-30").date()
    w = {x.key: x for x in windows(as_of)}
    assert (
        w["week_prev"].start.isoformat(),
        w["week_prev"].end.isoformat(),
        w["week_prev"].before_start.isoformat(),
        w["week_prev"].before_end.isoformat(),
    ) == ("2025-11-24", "2025-11-30", "2025-11-17", "2025-11-23")
    assert (
        w["28d_prev"].start.isoformat(),
        w["28d_prev"].before_start.isoformat(),
        w["28d_prev"].before_end.isoformat(),
    ) == ("2025-11-03", "2025-10-06", "2025-11-02")
    days = (
        ["2025-01-01"]  # the first day of the data
        + ["2025-11-30"] * 16  # last week: 16
        + ["2025-11-20"] * 4  # the week before: 4; both in the last 28 days
        + ["2025-11-03"] * 5  # first day of the 28 days: 16 + 4 + 5 = 25
        + ["2025-11-02"] * 9
        + ["2025-10-06"] * 7  # the 28 days before: 16
        + ["2025-10-05"] * 50
    )  # one day before those: in no window
    incidents = pd.DataFrame({"day": pd.to_datetime(days), "crime_type": "x", "area": "A"})
    table = compstat(incidents, as_of).set_index("window")
    week = table.loc["week_prev"]
    assert (week.now, week.before, week.change, week.change_pct) == (16, 4, 12, 300.0)
    assert week.z == 4.0 and week.judgement == "strong_rise"  # 2 * (4 - 2)
    four = table.loc["28d_prev"]
    assert (four.now, four.before, four.change, four.change_pct) == (25, 16, 9, 56.2)
    assert four.z == 2.0 and four.judgement == "none"  # 2 * (5 - 4): exactly 2 is not > 2
    assert table.loc[["week", "28d", "ytd"], "judgement"].eq("no_comparison").all()
    assert list(notable(table.reset_index()).window) == ["week_prev"]


def test_distribution_functions_equal_scipy_stats():
    # the detectors use scipy.special directly (scipy.stats costs ~0.5 s at start-up); the
    # results must be scipy.stats' own, edges included
    from scipy import stats

    from safetyplan.earlywarning import _dist

    rng = np.random.default_rng(16)
    mu = np.concatenate([rng.gamma(0.5, 20, 400), [0.0, 1e-9, 1e3, np.nan]])
    phi = np.concatenate([rng.uniform(1.01, 6, 400), [2.0, 3.0, 1.5, 2.0]])
    y = np.concatenate([rng.integers(0, 60, 400).astype(float), [0.0, 1.0, 1e3, 5.0]])
    size, prob = mu / (phi - 1.0), 1.0 / phi
    for k in (y - 1, y, np.full_like(y, -3.0), np.full_like(y, np.inf)):
        np.testing.assert_array_equal(_dist.poisson_sf(k, mu), stats.poisson.sf(k, mu))
        np.testing.assert_array_equal(
            _dist.nbinom_sf(k, size, prob), stats.nbinom.sf(k, size, prob)
        )
    for q in (0.5, 0.99, 0.995, 0.999):
        np.testing.assert_array_equal(_dist.poisson_ppf(q, mu), stats.poisson.ppf(q, mu))
        np.testing.assert_array_equal(
            _dist.nbinom_ppf(q, size, prob), stats.nbinom.ppf(q, size, prob)
        )
    t = np.concatenate([rng.normal(0, 3, 200), [0.0, np.inf, -np.inf, np.nan]])
    df = rng.integers(1, 300, t.size).astype(float)
    np.testing.assert_array_equal(_dist.t_sf(np.abs(t), df), stats.t.sf(np.abs(t), df))
    np.testing.assert_array_equal(_dist.norm_sf(t), stats.norm.sf(t))
    for a in (0.001, 0.01, 0.05):
        assert _dist.norm_isf(a) == stats.norm.isf(a)
