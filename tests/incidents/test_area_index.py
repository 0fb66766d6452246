# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The SQL tile lookup (area_index): the same answer as the exact test, few points left open."""

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from safetyplan.incidents import area_index, locator


@pytest.fixture(scope="module")
def looked_up():
    """Points over the layer's box (uniform, and on the lines of tiles, subtiles and cells),
    their states from the load's SQL, and the boundaries."""
    boundaries = locator.bundled()
    con = duckdb.connect()
    index = area_index.register(con, boundaries)
    rng = np.random.default_rng(11)
    n = 60_000
    x = rng.uniform(index.x0, index.x0 + index.nx * index.size, n)
    y = rng.uniform(index.y0, index.y0 + index.ny * index.size, n)
    unit = index.size / area_index.SUBTILES / area_index.CELLS
    x[: n // 10] = index.x0 + np.round((x[: n // 10] - index.x0) / unit) * unit  # on lines
    con.register("points", pa.table({"x": x, "y": y}))
    sql = index.polygon_sql("SELECT * FROM points", "x", "y")
    states = con.execute(f"SELECT _tiles FROM ({sql})").fetchnumpy()["_tiles"]
    return x, y, np.asarray(states), boundaries


def test_sql_tiles_give_the_exact_answer(looked_up):
    x, y, states, boundaries = looked_up
    exact = boundaries.buurten.locate(x, y)
    decided = states != locator.BORDER
    polygon = decided & (states >= 0)
    assert polygon.sum() > 10_000
    assert np.array_equal(states[polygon], exact[polygon])
    assert (exact[decided & (states == locator.NO_POLYGON)] == -1).all()
    municipality = decided & (states <= area_index.MUNICIPALITY)
    assert municipality.sum() > 1_000
    assert (exact[municipality] == -1).all()
    held = boundaries.municipalities.locate(x[municipality], y[municipality])
    assert np.array_equal(area_index.MUNICIPALITY - states[municipality], held)
    # and what the gap rule gives them: that municipality, not the nearest buurt
    buurt, gm, nearest = boundaries.fill_gaps(x[municipality], y[municipality], exact[municipality])
    assert (buurt == -1).all() and np.array_equal(gm, held) and not nearest.any()


def test_cells_leave_few_points_to_the_exact_test(looked_up):
    """Without the 7.8 m cells about 7% of the points of a uniform file over the Rotterdam
    area were left to the exact test; with them under 2% (over the layer's box, with the
    sea, fewer still)."""
    x, y, states, _ = looked_up
    in_area = (x >= 80_000) & (x < 100_000) & (y >= 425_000) & (y < 445_000)
    assert in_area.sum() > 3_000
    assert (states[in_area] == locator.BORDER).mean() < 0.025


def test_municipalities_fold_into_subtiles_and_cells(looked_up):
    """Gap points in a municipality without buurten get it from the tiles also where a
    municipality boundary crosses the tile (1.5% of the Rotterdam area's points were open
    gap points when only whole tiles were folded; 0.45% now)."""
    x, y, states, _ = looked_up
    in_area = (x >= 80_000) & (x < 100_000) & (y >= 425_000) & (y < 445_000)
    assert (states[in_area] == locator.NO_POLYGON).mean() < 0.008
    index = area_index.bundled_index()
    folded = area_index.folded(index, locator.bundled())
    assert len(folded.border) > len(index.border)  # tiles split for their municipalities


def test_the_shipped_fold_is_only_taken_for_its_municipalities():
    boundaries = locator.bundled()
    index = area_index.bundled_index()
    shipped = area_index._shipped_fold(index, boundaries)
    assert shipped is not None
    assert shipped.folded_for == area_index.municipality_fingerprint(boundaries)
    layer = boundaries.municipalities
    fewer = locator.Boundaries(
        boundaries.buurten, locator.Layer(layer.codes[:5], layer.names[:5], layer.geometries[:5])
    )
    assert area_index._shipped_fold(index, fewer) is None


def test_packed_cells_give_back_their_states():
    rng = np.random.default_rng(3)
    states = np.array([5, 900, locator.BORDER, -1, area_index.MUNICIPALITY - 7])
    cells = rng.choice(states, (500, 16))
    cells[:100] = 42  # one state only
    packed = area_index.pack_cells(cells)
    bits, offset = area_index.STATE_BITS, area_index.STATE_OFFSET
    first = (packed & ((1 << bits) - 1)) - offset
    second = ((packed >> bits) & ((1 << bits) - 1)) - offset
    code = (packed[:, None] >> (2 * bits + 2 * np.arange(16))) & 3
    got = np.where(code == 0, first[:, None], np.where(code == 1, second[:, None], locator.BORDER))
    kept = got != locator.BORDER
    assert np.array_equal(got[kept], cells[kept])
    assert kept[:100].all() and kept.mean() > 0.5  # two of the states are kept per row


def test_the_shipped_fold_is_what_the_code_works_out():
    """A change to the fold must come with a rebuilt index (scripts/build_area_index.py)."""
    boundaries = locator.bundled()
    index = area_index.bundled_index()
    shipped = area_index._shipped_fold(index, boundaries)
    worked_out = index.with_municipalities(boundaries)
    for name in ("coarse", "border", "fine", "cell_parent", "cells"):
        assert np.array_equal(getattr(shipped, name), getattr(worked_out, name)), name
