# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The learned hot-spot forecast: its pieces against hand-computed cases, the choice made
without the test window, the fallback on short histories, and the CLI JSON."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from safetyplan.incidents import hotspot_model as hm
from safetyplan.incidents import hotspots

from .conftest import run_cli

pytestmark = pytest.mark.usefixtures("one_language")


def test_periods_step_back_by_whole_months_or_by_days():
    starts = hm.period_starts(
        pd.Timestamp(2018, 7, 1), pd.Timestamp(2018, 8, 1), pd.Timestamp(2018, 1, 1)
    )
    assert starts == [pd.Timestamp(2018, m, 1) for m in (7, 6, 5, 4, 3, 2, 1)]
    # 14-day test window; the earliest incident on 20 January: 1 March, 15 and 1 February
    # (18 January would start before the data).
    starts = hm.period_starts(
        pd.Timestamp(2018, 3, 1), pd.Timestamp(2018, 3, 15), pd.Timestamp(2018, 1, 20)
    )
    assert starts == [pd.Timestamp(2018, 3, 1), pd.Timestamp(2018, 2, 15), pd.Timestamp(2018, 2, 1)]


def test_period_of_each_incident():
    starts = [pd.Timestamp(2018, 3, 1), pd.Timestamp(2018, 2, 1), pd.Timestamp(2018, 1, 1)]
    when = np.array(
        ["2017-12-31", "2018-01-01", "2018-01-31", "2018-02-01", "2018-02-28T23", "2018-03-01"],
        dtype="datetime64[s]",
    )
    assert list(hm._period_of(when, starts)) == [-1, 2, 2, 1, 1, 0]


def test_smoothing_of_one_count():
    raster = np.zeros((9, 9))
    raster[4, 4] = 1.0
    out = hm.smooth(raster, 1)
    norm = sum(math.exp(-i * i / 2) for i in range(-3, 4))  # the kernel, cut at 3 cells
    assert out[4, 4] == pytest.approx(1 / norm**2)
    assert out[4, 5] == pytest.approx(math.exp(-0.5) / norm**2)
    assert out[5, 5] == pytest.approx(math.exp(-1.0) / norm**2)
    assert out.sum() == pytest.approx(1.0)
    assert hm.smooth(raster, 0) is raster


def test_poisson_fit_recovers_group_means():
    # One 0/1 feature: the maximum-likelihood rates are the group means, 2 and 6.
    x = np.array([[0.0], [0.0], [1.0], [1.0], [1.0]])
    y = np.array([1.0, 3.0, 4.0, 6.0, 8.0])
    fit = hm.fit_poisson(x, y, ridge=0.0)
    assert np.exp(fit.linear_predictor(np.array([[0.0], [1.0]]))) == pytest.approx([2, 6], rel=1e-4)


def test_cell_features_by_hand():
    # Two cells 10 apart (no kernel reaches from one to the other), three monthly periods
    # before 1 April: January, February, March. Cell a: burglaries Jan 2, Mar 1; cell b:
    # burglary Feb 1, and 3 vehicle crimes in January.
    starts = [pd.Timestamp(2018, m, 1) for m in (4, 3, 2, 1)]
    rows = [
        ("a", "2018-01-05", True),
        ("a", "2018-01-09", True),
        ("a", "2018-03-02", True),
        ("b", "2018-02-03", True),
    ] + [("b", "2018-01-10", False)] * 3
    where = {"a": (20, 20), "b": (30, 20)}
    cells = np.array([where[c] for c, _, _ in rows])
    when = np.array([d for _, d, _ in rows], dtype="datetime64[s]")
    target = np.array([t for _, _, t in rows])
    types = np.where(target, "Burglary", "Vehicle crime")
    study = np.array([where["a"], where["b"]])
    history = hm.build_history(cells, when, types, target, study, starts, covariates=True)
    assert history.periods == 3 and history.covariate_types == ["Vehicle crime"]
    log = np.log
    # Origin 0 (forecast April from Jan-Mar): means over 3 periods, last period = March.
    zero = history.origins[0].features
    assert zero["target mean, 0 cells"] == pytest.approx(log(np.array([3, 1]) / 3 + hm.EPS))
    assert zero["target last period, 0 cells"] == pytest.approx(log(np.array([1, 0]) + hm.EPS))
    assert zero["other types mean, 0 cells"] == pytest.approx(log(np.array([0, 3]) / 3 + hm.EPS))
    # Origin 1 (forecast March from Jan-Feb): both cells in its study area, outcome (1, 0).
    one = history.origins[1]
    assert [tuple(c) for c in one.cells] == [(20, 20), (30, 20)]
    assert one.features["target mean, 0 cells"] == pytest.approx(log(np.array([2, 1]) / 2 + hm.EPS))
    assert list(one.counts) == [1, 0] and one.total == 1
    # Origin 2 (forecast February from January): only cell a had a burglary before.
    two = history.origins[2]
    assert [tuple(c) for c in two.cells] == [(20, 20)]
    assert list(two.counts) == [0] and two.total == 1  # February's one was in cell b


def town(seed: int = 3, months: int = 7, days: bool = False) -> pd.DataFrame:
    """Synthetic RD New incidents on a 20 x 20 grid of 250 m cells: one rough latent field
    (the same for every seed) drives burglary and, six times as often, vehicle crime (the
    covariate, which so tells more about a cell than its few burglaries); one row per
    incident. Each seed draws other incidents from it."""
    rng = np.random.default_rng(seed)
    field = np.exp(np.random.default_rng(0).normal(0.0, 1.0, (20, 20))) * 0.3
    rows = []
    for month in range(1, months + 1):
        for kind, rate in (("Burglary", field), ("Vehicle crime", 6 * field)):
            n = rng.poisson(rate)
            for (a, b), count in np.ndenumerate(n):
                for _ in range(count):
                    day = int(rng.integers(1, 29)) if days else 1
                    rows.append(
                        {
                            "x": 90_000 + 250 * a + rng.uniform(0, 250),
                            "y": 430_000 + 250 * b + rng.uniform(0, 250),
                            "crime_type": kind,
                            "occurred_at": pd.Timestamp(2018, month, day),
                        }
                    )
    return pd.DataFrame(rows)


def model_settings(result: dict) -> dict:
    return {k: v for k, v in result["model"].items() if k not in ("hit_rate", "pai")}


def test_the_choice_does_not_look_at_the_test_window():
    frame = town()
    first = hotspots.evaluate(frame, "2018-06-30", "2018-07-31", 250, 0.1, crime_type="Burglary")
    assert set(first["model"]["validation"]["hits"]) == {
        "kernel density (best setting)",
        "target type only",
        "target type + other types",
        "target type + other types + each type",
    }
    assert first["model"]["validation_folds"] == 3
    # Here the covariate carries the field: the regression wins inside the training window.
    assert first["model"]["method"] == "poisson regression on cell features"
    assert first["model"]["covariate_types"] == ["Vehicle crime"]
    # July rebuilt at random (other counts, other places) and a later month added: the
    # chosen model and its fitted settings stay the same, only the scores on July change.
    july = frame.occurred_at.dt.month == 7
    changed = town(seed=99)
    changed = pd.concat(
        [
            frame[~july],
            changed[changed.occurred_at.dt.month == 7].sample(frac=0.6, random_state=1),
            town(seed=5, months=8).query("occurred_at.dt.month == 8"),
        ]
    )
    second = hotspots.evaluate(changed, "2018-06-30", "2018-07-31", 250, 0.1, crime_type="Burglary")
    assert model_settings(second) == model_settings(first)
    assert second["test_incidents"] != first["test_incidents"]


def test_covariates_are_other_types_of_the_training_window_only():
    frame = town()
    result = hotspots.evaluate(frame, "2018-06-30", "2018-07-31", 250, 0.1, crime_type="Burglary")
    burglary = frame[frame.crime_type == "Burglary"]
    assert result["train_incidents"] == int((burglary.occurred_at < "2018-07").sum())
    assert result["test_incidents"] == int((burglary.occurred_at >= "2018-07").sum())
    assert result["model"]["covariate_types"] == ["Vehicle crime"]
    assert result["model"]["fit_periods"] == 5  # February-June, each from the months before
    # Without covariates only the target type's own regression competes.
    alone = hotspots.evaluate(
        frame, "2018-06-30", "2018-07-31", 250, 0.1, crime_type="Burglary", covariates=False
    )
    assert set(alone["model"]["validation"]["hits"]) == {
        "kernel density (best setting)",
        "target type only",
    }
    assert alone["naive"] == result["naive"]  # the naive forecast ignores the covariates


def test_too_little_history_falls_back_to_kernel_density_with_a_note(one_language):
    frame = town(months=4)  # training January-March: 3 whole months, 4 needed
    result = hotspots.evaluate(frame, "2018-03-31", "2018-04-30", 250, 0.1, crime_type="Burglary")
    assert result["model"]["method"] == "kernel density"  # a code: the same in every language
    assert "te weinig historie" in result["model"]["note"]
    assert "3 hele periode(n)" in result["model"]["note"]
    assert "kerndichtheid gebruikt" in result["model"]["note"]
    one_language.setenv("SAFETYPLAN_LANG", "en")
    result = hotspots.evaluate(frame, "2018-03-31", "2018-04-30", 250, 0.1, crime_type="Burglary")
    assert "too little history" in result["model"]["note"]
    assert "3 whole period(s)" in result["model"]["note"]
    assert "kernel density used" in result["model"]["note"]
    kde = hotspots.evaluate(
        frame, "2018-03-31", "2018-04-30", 250, 0.1, crime_type="Burglary", method="kde"
    )
    assert "note" not in kde["model"] and kde["model"]["method"] == "kernel density"


def test_an_area_too_large_for_the_lattice_falls_back_with_a_note(monkeypatch):
    monkeypatch.setattr(hm, "MAX_RASTER_CELLS", 100)  # the town's box holds 46 x 46 cells
    result = hotspots.evaluate(town(), "2018-06-30", "2018-07-31", 250, 0.1, crime_type="Burglary")
    assert result["model"]["method"] == "kernel density"
    assert "te groot voor het geleerde model" in result["model"]["note"]


def test_dutch_daily_data_with_two_week_windows():
    frame = town(months=6, days=True)
    result = hotspots.evaluate(frame, "2018-05-31", "2018-06-14", 250, 0.1, crime_type="Burglary")
    assert result["crs"] == "EPSG:28992"
    assert result["model"]["method"] in ("kernel density", "poisson regression on cell features")
    # Periods of 14 days back from 1 June: the validation folds start 18 May, 4 May, 20 April.
    assert result["model"]["validation"]["folds"] == ["2018-05-18", "2018-05-04", "2018-04-20"]
    assert 0 <= result["model"]["hit_rate"] <= 1


def test_cli_json_names_the_method(tmp_path, monkeypatch, capsys):
    frame = town()
    path = tmp_path / "town.csv"
    frame.assign(
        id=range(len(frame)),
        occurred_at=frame.occurred_at.dt.strftime("%Y-%m-%d"),
        x=frame.x.round(1),
        y=frame.y.round(1),
    ).to_csv(path, index=False)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("outside_boundaries: keep\nclassification: ukpol\n", encoding="utf-8")
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        "hotspots",
        "evaluate",
        str(path),
        "--mapping",
        str(mapping),
        "--crime-type",
        "Burglary",
        "--train-until",
        "2018-06-30",
        "--test-until",
        "2018-07-31",
        "--coverage",
        "0.1",
        "--format",
        "json",
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["model"]["method"] in ("kernel density", "poisson regression on cell features")
    assert "validation" in result["model"] and result["crime_type"] == "Burglary"
    direct = hotspots.evaluate(frame, "2018-06-30", "2018-07-31", 250, 0.1, crime_type="Burglary")
    assert result["model"]["method"] == direct["model"]["method"]
