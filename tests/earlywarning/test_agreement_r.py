# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Agreement with R's surveillance::farringtonFlexible (Noufaily settings, nbPlugin) on fixed
series; R's outputs were recorded once by benchmarks/signals/record_r_fixture.py."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from safetyplan.earlywarning.farrington import FarringtonSettings, farrington_flexible

FIXTURES = Path(__file__).parent / "fixtures"


def _load(name: str, freq: int):
    f = pd.read_csv(FIXTURES / f"farrington_r_{name}.csv")
    counts = f.pivot(index="series", columns="t", values="count").to_numpy(float)
    T = counts.shape[1]
    judged = np.arange(T - freq, T)

    def r(col):
        return f.pivot(index="series", columns="t", values=col).to_numpy(float)[:, judged]

    res = farrington_flexible(counts, judged, FarringtonSettings.noufaily(freq, alpha=0.005))
    return res, r


@pytest.mark.parametrize(("name", "freq"), [("weekly", 52), ("monthly", 12)])
def test_expected_dispersion_threshold_and_alarms_match_r(name, freq):
    res, r = _load(name, freq)
    assert res.judged.all()
    np.testing.assert_allclose(res.expected, r("mu0"), rtol=1e-5)
    np.testing.assert_allclose(res.phi, r("phi"), rtol=1e-3)
    # R leaves the threshold out where the 5-cases-in-4-weeks rule blocks an alarm
    upper = r("upperbound")
    shown = ~np.isnan(upper)
    assert (shown == res.enough_cases).all()
    assert (res.threshold[shown] == upper[shown]).all()
    assert (res.alarm == (np.nan_to_num(r("alarm")) > 0)).all()
    np.testing.assert_allclose(res.pvalue[shown], r("pvalue")[shown], atol=1e-4)
    # R reports the trend coefficient when the trend was kept, NA otherwise
    assert (res.trend == ~np.isnan(r("trend"))).all()


def test_the_fixture_exercises_both_branches():
    res, r = _load("weekly", 52)
    assert res.trend.any() and (~res.trend).any()
    assert res.alarm.any()
    assert (~res.enough_cases).any()
