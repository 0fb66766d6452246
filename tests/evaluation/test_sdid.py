# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The estimator: weights on the simplex, an exact shift for a planted effect, and a small
version of the simulation benchmark (benchmarks/evaluation/run.py runs 200 panels per case)."""

import numpy as np
import pytest

from safetyplan.evaluation import sdid
from safetyplan.evaluation.simulate import run_simulation, simulate_panel


def test_projection_onto_the_simplex_respects_the_mask():
    v = np.array([[0.5, 2.0, -1.0, 3.0]])
    mask = np.array([[True, True, True, False]])
    w = sdid._project_simplex(v, mask)
    assert w.sum() == pytest.approx(1.0)
    assert w[0, 3] == 0 and (w >= 0).all()


def test_weights_are_a_convex_combination_and_a_planted_effect_shifts_the_estimate():
    rng = np.random.default_rng(1)
    panel = simulate_panel(rng, donors=40, effect=0.0)
    base = sdid.estimate(panel.y, panel.Y, panel.t0)
    assert base.fit.omega.sum() == pytest.approx(1.0, abs=1e-6)
    assert base.fit.lam.sum() == pytest.approx(1.0, abs=1e-6)
    planted = panel.y.copy()
    planted[panel.t0 :] *= 0.75
    shifted = sdid.estimate(planted, panel.Y, panel.t0)
    assert shifted.overall.tau - base.overall.tau == pytest.approx(np.log(0.75), abs=1e-6)
    assert shifted.overall.se == pytest.approx(base.overall.se)
    assert len(shifted.per_year) == len(panel.y) - panel.t0
    assert 0 < shifted.overall.p_value <= 1


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        sdid.estimate(np.array([1.0, 0.0, 2.0, 3.0]), np.ones((5, 4)), 2)


@pytest.mark.slow
@pytest.mark.parametrize("effect", [-0.25, 0.0])
def test_small_simulation_covers_and_detects(effect):
    # 40 runs, 60 donors: tolerant bounds (the full benchmark asks >= 85% and >= 80%)
    summary = run_simulation(effect, 40, seed=18, donors=60)
    assert summary.coverage >= 0.75
    if effect < 0:
        assert summary.detection >= 0.70
        assert summary.mean_estimate_pct == pytest.approx(-25, abs=5)
    else:
        assert summary.detection <= 0.25
