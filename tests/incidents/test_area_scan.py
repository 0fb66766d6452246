# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The area scan on the shipped street robberies (hand-checked against the file) and on
synthetic RD points (grid hot spots), in every output format."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pandas as pd
import pytest

from safetyplan.areas import load_registry
from safetyplan.errors import DataError
from safetyplan.incidents import ingest_incidents
from safetyplan.incidents.area_scan import poisson_slope, scan
from safetyplan.settings import DATASETS_DIR

from .conftest import STREET_ROBBERIES, point_in, run_cli, write_csv

pytestmark = pytest.mark.usefixtures("one_language")


def shipped_fact(folder: str, area: str, period: str, measure: str) -> float:
    with gzip.open(DATASETS_DIR / folder / "facts.csv.gz", "rt", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str)
    row = frame[(frame.area == area) & (frame.period == period) & (frame.measure == measure)]
    return float(row.value.iloc[0])


@pytest.fixture(scope="module")
def robberies(tmp_path_factory):
    """A warehouse with the shipped robberies and the real population and national figures
    the scan compares them with (copied from the shipped facts)."""
    from safetyplan.warehouse import Warehouse

    path = tmp_path_factory.mktemp("scan") / "wh.duckdb"
    facts = [
        (a, p, m, shipped_fact(folder, a, p, m))
        for folder, a, p, m in [
            ("cbs_47018ned_gemeente", "GM0599", "2012", "population"),
            ("cbs_47018ned_gemeente", "GM0606", "2012", "population"),
            ("politie_47018ned_nl", "NL01", "2012", "population"),
            ("politie_47018ned_nl", "NL01", "2012", "registered:pol:1.4.6"),
        ]
    ]
    with Warehouse.open(path) as wh:
        wh.load_facts(
            pd.DataFrame(facts, columns=["area", "period", "measure", "value"]), "reference"
        )
        ingest_incidents(STREET_ROBBERIES, "straatroof", warehouse=wh)
    return path, dict(((a, m), v) for a, _, m, v in facts)


def open_scan(path, *args, **kwargs):
    from safetyplan.warehouse import Warehouse

    with Warehouse.open(path, read_only=True) as wh:
        return scan(wh.connection, *args, registry=load_registry(), **kwargs)


def test_rotterdam_profile_against_the_file(robberies):
    path, reference = robberies
    result = open_scan(path, "GM0599")
    raw = pd.read_csv(STREET_ROBBERIES, dtype=str, keep_default_na=False)
    mine = raw[raw.municipality == "GM0599"]
    row = result["crime_types"][0]
    assert (row["crime_type"], row["count"]) == ("1.4.6", len(mine)) == ("1.4.6", 2166)
    # clearance where known: J / (J + N), D (unknown) left out
    solved = (mine.solved_code == "J").sum()
    known = mine.solved_code.isin(["J", "N"]).sum()
    assert row["clearance_known"] == known
    assert row["clearance_pct"] == round(100 * solved / known, 1)
    # rate per 1,000 per year: 2 years, population of 2012 (nearest year for 2011)
    population = reference[("GM0599", "population")]
    assert result["population"] == population
    assert row["rate_per_1000"] == round(1000 * 2166 / population / 2, 2)
    country = next(c for c in row["comparison"] if c["area"] == "NL01")
    assert country["rate_per_1000"] == round(
        1000 * reference[("NL01", "registered:pol:1.4.6")] / reference[("NL01", "population")], 2
    )
    unit = next(c for c in row["comparison"] if c["area"] == "RE07")
    assert "gemeenten in de bron" in unit["note"]  # the note is for people: Dutch
    assert sum(row["monthly"].values()) == 2166 and len(row["monthly"]) == 24
    # no coordinates: hot spots per buurt, and the kernel density says there is no data
    spots = result["hotspots"]
    assert spots["method"] == "buurt" and "kerndichtheid: geen gegevens" in spots["note"]
    per_buurt = mine[mine.buurt != ""].buurt.value_counts()
    listed = {c["buurt"]: c["count"] for c in spots["cells"]}
    assert all(listed[b] == n for b, n in per_buurt.items() if b in listed)
    assert sum(listed.values()) + spots["not_on_map"] == per_buurt.sum()
    assert spots["not_on_map"] == 1  # BU05990328 is not in the bundled 2015 layer
    assert spots["hot_cells"] >= 1
    assert result["alarms"]["method"] == "ears-c2" and result["alarms"]["judged"] == 12


def test_window_and_unknown_areas(robberies):
    path, _ = robberies
    result = open_scan(path, "GM0606", "2012-01-01", "2012-06-30")
    raw = pd.read_csv(STREET_ROBBERIES, dtype=str, keep_default_na=False)
    expected = (
        (raw.municipality == "GM0606")
        & (raw.occurred_at >= "2012-01-01")
        & (raw.occurred_at < "2012-07-01")
    ).sum()
    assert result["incidents"] == expected and result["from"] == "2012-01-01"
    with pytest.raises(DataError, match="Onbekend gebied 'Rotterdam-Zuid'"):
        open_scan(path, "Rotterdam-Zuid")
    with pytest.raises(DataError, match="GM0014: geen incidenten"):
        open_scan(path, "GM0014")


def test_trend_matches_a_poisson_fit():
    import statsmodels.api as sm

    t = np.arange(24) / 12
    counts = np.array(
        [5, 7, 3, 8, 9, 4, 6, 10, 12, 7, 8, 9, 11, 13, 7, 9, 12, 14, 10, 9, 15, 13, 12, 16.0]
    )
    fit = sm.GLM(counts, sm.add_constant(t), family=sm.families.Poisson()).fit()
    slope, se = poisson_slope(t, counts)
    assert slope == pytest.approx(fit.params[1], rel=1e-8)
    assert se == pytest.approx(fit.bse[1], rel=1e-6)  # under-dispersed: no inflation


@pytest.fixture
def points_warehouse(tmp_path):
    """60 incidents with RD coordinates in Rotterdam: 30 in one 200 m cell, 30 spread out."""
    from safetyplan.warehouse import Warehouse

    rng = np.random.default_rng(3)
    x0, y0 = point_in("BU05990110")
    rows = []
    for i in range(60):
        if i < 30:
            x, y = x0 + rng.uniform(-20, 20), y0 + rng.uniform(-20, 20)
        else:
            x, y = x0 + rng.uniform(-2500, 2500), y0 + rng.uniform(-2500, 2500)
        rows.append(f"{i},2018-{1 + i % 12:02d}-10,burglary,{x:.1f},{y:.1f},")
    path = write_csv(tmp_path / "points.csv", "id,occurred_at,crime_type,x,y,solved", rows)
    wh_path = tmp_path / "points.duckdb"
    with Warehouse.open(wh_path) as wh:
        result = ingest_incidents(path, "points", warehouse=wh, max_rejects=60)
    return wh_path, result, (x0, y0)


def test_grid_hot_spot_where_the_cluster_is(points_warehouse):
    path, loaded, (x0, y0) = points_warehouse
    result = open_scan(path, "GM0599", cell_size=200)
    spots = result["hotspots"]
    assert spots["method"] == "grid" and spots["study_region"] == "cells of the area"
    top = max(spots["cells"], key=lambda c: c["count"])
    assert top["count"] >= 25 and top["hot"]
    assert abs(top["x"] - x0) <= 200 and abs(top["y"] - y0) <= 200
    assert max(spots["cells"], key=lambda c: c["density_km2"])["count"] == top["count"]
    assert sum(c["count"] for c in spots["cells"]) == result["incidents"]


def test_cli_formats_and_map(points_warehouse, tmp_path, monkeypatch, capsys):
    path, _, _ = points_warehouse
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        "scan",
        "GM0599",
        "--warehouse",
        str(path),
        "--format",
        "json",
        "--map",
        str(tmp_path / "map.svg"),
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["area"] == "GM0599" and data["crime_types"][0]["crime_type"] == "burglary"
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "path" in svg
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        "scan",
        "GM0599",
        "--warehouse",
        str(path),
        "--format",
        "html",
        "--out",
        str(tmp_path / "scan.html"),
    )
    page = (tmp_path / "scan.html").read_text(encoding="utf-8")
    assert code == 0 and "<svg" in page and "Gebiedsscan" in page and "<script" not in page
    code, out, err = run_cli(monkeypatch, capsys, "scan", "GM0599", "--warehouse", str(path))
    assert code == 0 and "burglary" in out and "Hotspots (grid)" in out
    code, out, err = run_cli(monkeypatch, capsys, "scan", "XX12", "--warehouse", str(path))
    assert code == 2 and "Traceback" not in err and "Onbekend gebied 'XX12'" in err


@pytest.mark.slow
def test_scan_of_the_shipped_essex_data(tmp_path):
    from safetyplan.incidents import load_mapping_file
    from safetyplan.warehouse import Warehouse

    from .conftest import ESSEX, ESSEX_MAPPING

    path = tmp_path / "essex.duckdb"
    with Warehouse.open(path) as wh:
        loaded = ingest_incidents(
            ESSEX, "essex_2018", mapping=load_mapping_file(ESSEX_MAPPING), warehouse=wh
        )
    assert (loaded.rows, loaded.rejected, loaded.resolution) == (86_097, 0, "month")
    assert loaded.without_area == 86_097 and loaded.facts == 0  # no Dutch area codes
    result = open_scan(path, "essex_2018", cell_size=250)
    assert result["incidents"] == 86_097 and result["to"] == "2018-07-31"
    burglary = next(c for c in result["crime_types"] if c["crime_type"] == "Burglary")
    assert burglary["count"] == 6_884  # PROVENANCE.md
    assert burglary["rate_per_1000"] is None and burglary["comparison"] == []
    frame = pd.read_parquet(ESSEX)
    b = frame[frame.crime_type == "Burglary"]
    known = b.solved.isin(["true", "false"])
    assert burglary["clearance_pct"] == round(100 * (b.solved == "true").sum() / known.sum(), 1)
    assert "not enough history" in result["alarms"]["note"]
    spots = result["hotspots"]
    assert spots["method"] == "grid" and spots["crs"] == "EPSG:32631"
    assert spots["outliers_left_out"] > 0  # crimes recorded far outside the county
    assert sum(c["count"] for c in spots["cells"]) + spots["outliers_left_out"] == 86_097
    assert spots["hot_cells"] > 0


def test_a_point_in_a_river_gap_is_in_the_scan_of_its_nearest_buurt(tmp_path):
    # Issue 17: the Hollandse IJssel near Capelle is a gap of the buurt layer; the load gives
    # its incident the nearest buurt, and the scan's study region has the cell it lies in.
    from safetyplan.warehouse import Warehouse

    from .test_ingest import RIVER_GAP

    x, y = point_in("BU05970700")
    rows = [
        f"{i},2018-0{1 + i % 9}-10,1.1.1,{x + 30 * (i % 5):.1f},{y + 30 * (i // 5):.1f},"
        for i in range(20)
    ]
    rows.append(f"20,2018-03-10,1.1.1,{RIVER_GAP[0]},{RIVER_GAP[1]},")
    path = write_csv(tmp_path / "capelle.csv", "id,occurred_at,crime_type,x,y,solved", rows)
    with Warehouse.open(tmp_path / "wh.duckdb") as wh:
        loaded = ingest_incidents(path, "capelle", warehouse=wh)
    assert (loaded.rows, loaded.located_nearest) == (21, 1)
    result = open_scan(tmp_path / "wh.duckdb", "GM0597", cell_size=200)
    assert result["incidents"] == 21
    spots = result["hotspots"]
    assert spots["study_region"] == "cells of the area"
    assert sum(c["count"] for c in spots["cells"]) == 21  # the river cell is one of them
    assert any(
        abs(c["x"] - RIVER_GAP[0]) <= 100 and abs(c["y"] - RIVER_GAP[1]) <= 100
        for c in spots["cells"]
    )
