# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The area index's SQL lists: the compact form of the subtile states (a palette of four
states per border tile, two bits per subtile) answers like the plain index."""

import duckdb
import numpy as np

from safetyplan.incidents import area_index, locator


def decoded(index: area_index.AreaIndex) -> np.ndarray:
    """The subtile states as the SQL lists give them, decoded in numpy."""
    lists = {name: np.asarray(values) for name, values in index.lists().items()}
    slots = area_index.SLOT - lists["coarse"][index.border]
    assert (slots == np.arange(len(index.border))).all()
    palette = lists["palette"].reshape(-1, 4)
    words = np.stack([lists["codes_lo"], lists["codes_hi"]], axis=1).view(np.uint64)
    sub = np.arange(index.fine.shape[1])
    shifts = (2 * (sub % area_index.HALF)).astype(np.uint64)
    entries = (words[:, sub // area_index.HALF] >> shifts) & np.uint64(3)
    return np.take_along_axis(palette, entries.astype(np.int64), axis=1)


def test_the_palette_gives_every_subtile_its_state_or_the_exact_test():
    index = area_index.bundled_index()
    states = decoded(index)
    same = states == index.fine
    assert same.mean() > 0.99
    # where a tile has more than four states, the rest are left to the exact test
    assert (states[~same] == locator.BORDER).all()
    crowded = np.array([len(np.unique(row)) > 4 for row in index.fine])
    assert not (~same[~crowded]).any()


def test_a_tile_with_many_states_keeps_the_most_frequent():
    fine = np.full((1, area_index.SUBTILES**2), 7, dtype=np.int32)
    fine[0, :3] = [1, 2, 3]
    fine[0, 3:6] = locator.BORDER
    fine[0, 6:10] = 5  # five distinct states besides BORDER: 7, 5 and one of 1, 2, 3 stay
    palette, low, high = area_index._palettes(fine)
    assert sorted(palette[0]) == sorted([locator.BORDER, 1, 5, 7])


def test_sql_lookup_equals_the_numpy_lookup_of_the_lists():
    index = area_index.folded(area_index.bundled_index(), locator.bundled())
    rng = np.random.default_rng(17)
    x0, y0 = index.x0, index.y0
    x1, y1 = x0 + index.nx * index.size, y0 + index.ny * index.size
    x = np.r_[rng.uniform(x0 - 500, x1 + 500, 20_000), np.nan]
    y = np.r_[rng.uniform(y0 - 500, y1 + 500, 20_000), np.nan]
    con = duckdb.connect()
    area_index.register(con, index=area_index.bundled_index())
    con.register("_points", {"i": np.arange(len(x)), "x": x, "y": y})
    got = con.execute(
        f"SELECT {index.polygon_sql('p.x', 'p.y')} FROM _points p, _area_lists _L ORDER BY i"
    ).fetchnumpy()
    sql = np.asarray(list(got.values())[0], dtype=np.float64)
    # numpy: coarse state, and the decoded subtile state for border tiles
    ix = np.floor((x - x0) / index.size)
    iy = np.floor((y - y0) / index.size)
    inside = (ix >= 0) & (ix < index.nx) & (iy >= 0) & (iy < index.ny)
    tile = np.where(inside, ix * index.ny + iy, 0).astype(np.int64)
    want = np.where(inside, index.coarse[tile], -1).astype(np.int64)
    slot = np.full(index.nx * index.ny, -1)
    slot[index.border] = np.arange(len(index.border))
    fine = index.size / area_index.SUBTILES
    sx = np.floor((x - x0) / fine) - ix * area_index.SUBTILES
    sy = np.floor((y - y0) / fine) - iy * area_index.SUBTILES
    border = inside & (want == locator.BORDER)
    sub = (sx[border] * area_index.SUBTILES + sy[border]).astype(np.int64)
    want[border] = decoded(index)[slot[tile[border]], sub]
    assert (sql == want).all()
    assert (want == locator.BORDER).sum() > 100 and (want >= 0).sum() > 1000
