# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Hot-spot metrics against hand-computed cases, Gi* against esda, and the forecast test on
the shipped Essex burglaries."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from safetyplan.errors import DataError
from safetyplan.incidents import hotspots

from .conftest import ESSEX, ESSEX_MAPPING

pytestmark = pytest.mark.usefixtures("one_language")


def test_ties_at_the_cut_off_are_shared():
    assert list(hotspots.top_share(np.array([5.0, 3, 3, 1]), 2)) == [1, 0.5, 0.5, 0]
    assert list(hotspots.top_share(np.array([0.0, 0, 0]), 1)) == pytest.approx([1 / 3] * 3)


def test_hit_rate_and_pai_by_hand():
    # 4 study cells; the top 2 are cell 0 and half of cells 1 and 2 (tied); 8 test incidents,
    # 2 of them outside the study area: hits = 2 + 0.5 * 1 + 0.5 * 3 = 4.
    result = hotspots.hit_rate_and_pai(
        np.array([5.0, 3, 3, 1]), np.array([2.0, 1, 3, 0]), test_total=8, coverage=0.5
    )
    assert result["hits"] == 4
    assert result["hit_rate"] == 0.5
    assert result["pai"] == pytest.approx(0.5 / (2 / 4))


def test_kernel_density_of_one_point():
    h = 250.0
    at = np.array([[1000.0, 1000.0], [1000.0 + h, 1000.0], [1000.0 + 4 * h, 1000.0]])
    density = hotspots.kernel_density(np.array([[1000.0, 1000.0]]), at, h)
    peak = 1e6 / (2 * math.pi * h * h)
    assert density == pytest.approx([peak, peak * math.exp(-0.5), 0.0])


def synthetic_incidents() -> pd.DataFrame:
    """Five study cells 2 km apart (A..E), one cell F used only in the test month."""
    centre = {k: (90_050.0 + 2_000 * i, 430_050.0) for i, k in enumerate("ABCDEF")}
    plan = [  # (cell, month, count)
        ("A", 1, 3),
        ("B", 1, 1),
        ("C", 2, 1),
        ("D", 3, 1),
        ("E", 4, 1),
        ("A", 6, 2),
        ("B", 6, 1),  # June: the naive forecast's period
        ("A", 7, 1),
        ("C", 7, 2),
        ("F", 7, 1),  # July: the test window
    ]
    rows = [
        {
            "x": centre[c][0],
            "y": centre[c][1],
            "crime_type": "burglary",
            "occurred_at": pd.Timestamp(2018, m, 1),
        }
        for c, m, n in plan
        for _ in range(n)
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    "coverage, naive_rate, naive_pai",
    [
        (0.2, 1 / 4, (1 / 4) / (1 / 5)),  # k=1: A (June 2) -> 1 of 4 hits
        (0.4, 1 / 4, (1 / 4) / (2 / 5)),  # k=2: A, B -> still 1 hit
        (0.6, (1 + 2 / 3) / 4, ((1 + 2 / 3) / 4) / 0.6),  # k=3: A, B, 1/3 each of C, D, E
    ],
)
def test_naive_forecast_by_hand(coverage, naive_rate, naive_pai):
    result = hotspots.evaluate(
        synthetic_incidents(), "2018-06-30", "2018-07-31", cell_size=100, coverage=coverage
    )
    assert result["study_cells"] == 5
    assert result["test_incidents"] == 4 and result["test_in_study_area"] == 3
    assert result["naive"]["hit_rate"] == pytest.approx(naive_rate, abs=1e-4)
    assert result["naive"]["pai"] == pytest.approx(naive_pai, abs=1e-4)


def test_model_ranks_the_busiest_cell_first():
    # Cells 2 km apart: the kernel density of a cell is its (weighted) count. A has 5 of
    # the 10 training incidents, the most recent too: the top cell, 1 hit of 4.
    result = hotspots.evaluate(
        synthetic_incidents(), "2018-06-30", "2018-07-31", cell_size=100, coverage=0.2
    )
    assert result["model"]["hit_rate"] == pytest.approx(0.25)
    assert result["model"]["validation_folds"] >= 1


def test_windows_and_bad_options(one_language):
    frame = synthetic_incidents()
    with pytest.raises(DataError, match="moet na --train-until 2018-07-31 liggen"):
        hotspots.evaluate(frame, "2018-07-31", "2018-06-30")
    with pytest.raises(DataError, match="--coverage 5: tussen 0 en 1"):
        hotspots.evaluate(frame, "2018-06-30", "2018-07-31", coverage=5)
    with pytest.raises(DataError, match="Celgrootte 10 m: kies 50-2000 m"):
        hotspots.evaluate(frame, "2018-06-30", "2018-07-31", cell_size=10)
    with pytest.raises(DataError, match="Geen incidenten met coördinaten"):
        hotspots.evaluate(frame.assign(x=np.nan), "2018-06-30", "2018-07-31")
    one_language.setenv("SAFETYPLAN_LANG", "en")
    with pytest.raises(DataError, match="must be after --train-until 2018-07-31"):
        hotspots.evaluate(frame, "2018-07-31", "2018-06-30")
    with pytest.raises(DataError, match="Cell size 10 m: choose 50-2000 m"):
        hotspots.evaluate(frame, "2018-06-30", "2018-07-31", cell_size=10)
    with pytest.raises(DataError, match="No incidents with coordinates"):
        hotspots.evaluate(frame.assign(x=np.nan), "2018-06-30", "2018-07-31")
    start = hotspots.last_period_start(pd.Timestamp(2018, 7, 1), pd.Timestamp(2018, 8, 1))
    assert start == pd.Timestamp(2018, 6, 1)  # a whole month, not 31 days back
    start = hotspots.last_period_start(pd.Timestamp(2018, 7, 11), pd.Timestamp(2018, 7, 25))
    assert start == pd.Timestamp(2018, 6, 27)


def test_gi_star_matches_esda_on_a_lattice_and_on_polygons():
    import esda
    import shapely
    from libpysal.weights import Queen, lat2W

    from safetyplan.incidents.area_scan import queen_neighbours

    rng = np.random.default_rng(7)
    counts = rng.poisson(1.5, (8, 11)).astype(float)
    ours = hotspots.gi_star_grid(counts)
    theirs = esda.G_Local(
        counts.ravel(), lat2W(8, 11, rook=False), star=True, transform="B", permutations=0
    ).Zs
    assert ours == pytest.approx(theirs, abs=1e-9)

    import geopandas as gpd

    squares = [shapely.box(i, j, i + 1, j + 1) for i in range(5) for j in range(4)]
    values = rng.poisson(3, len(squares)).astype(float)
    frame = gpd.GeoDataFrame(geometry=squares)
    esda_z = esda.G_Local(
        values,
        Queen.from_dataframe(frame, use_index=False),
        star=True,
        transform="B",
        permutations=0,
    ).Zs
    ours = hotspots.gi_star(values, queen_neighbours(np.array(squares, dtype=object)))
    assert ours == pytest.approx(esda_z, abs=1e-9)


@pytest.mark.slow
def test_essex_burglary_forecast_on_the_shipped_data(monkeypatch, capsys):
    import sys

    from safetyplan.cli import main

    monkeypatch.setattr(
        sys,
        "argv",
        [
            "safetyplan",
            "hotspots",
            "evaluate",
            str(ESSEX),
            "--mapping",
            str(ESSEX_MAPPING),
            "--crime-type",
            "Burglary",
            "--train-until",
            "2018-06-30",
            "--test-until",
            "2018-07-31",
            "--cell-size",
            "250",
            "--coverage",
            "0.05",
            "--format",
            "json",
        ],
    )
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code in (0, None)
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"model", "naive"}
    assert set(result["model"]) >= {"hit_rate", "pai"} and set(result["naive"]) >= {
        "hit_rate",
        "pai",
    }
    # PROVENANCE.md: 6,884 burglaries, of which July holds the test window's.
    frame = pd.read_parquet(ESSEX)
    burglary = frame[frame.crime_type == "Burglary"]
    assert result["test_incidents"] == int((burglary.occurred_at == "2018-07").sum())
    assert result["train_incidents"] == int((burglary.occurred_at < "2018-07").sum())
    # The study area: the 250 m cells with a training burglary (counted independently here).
    x, y, crs = hotspots.metric_coordinates(burglary[burglary.occurred_at < "2018-07"])
    cells = {(math.floor(a / 250), math.floor(b / 250)) for a, b in zip(x, y, strict=True)}
    assert crs == "EPSG:32631" and result["study_cells"] == len(cells)
    assert result["selected_cells"] == round(0.05 * len(cells))
    assert 0 < result["naive"]["hit_rate"] < result["model"]["hit_rate"] < 1
    # The model names itself and how it was chosen: three folds inside January-June.
    assert result["model"]["method"] in ("kernel density", "poisson regression on cell features")
    assert result["model"]["validation"]["folds"] == ["2018-06-01", "2018-05-01", "2018-04-01"]
    assert result["crime_type"] == "Burglary"
