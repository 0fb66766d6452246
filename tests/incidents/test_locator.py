# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Point-in-polygon assignment: the tile shortcut gives exactly the brute-force answer."""

import numpy as np
import shapely

from safetyplan.incidents import locator

from .conftest import point_in


def test_points_get_their_buurt_wijk_and_municipality():
    codes = ["BU05990110", "BU05991571", "BU06060101"]
    points = np.array([point_in(c) for c in codes])
    found = locator.bundled().assign(points[:, 0], points[:, 1])
    assert list(found.buurt) == codes
    assert list(found.wijk) == ["WK059901", "WK059915", "WK060601"]
    assert list(found.municipality) == ["GM0599", "GM0599", "GM0606"]


def test_tiles_agree_with_brute_force():
    layer = locator.bundled().buurten
    rng = np.random.default_rng(4)
    minx, miny, maxx, maxy = shapely.total_bounds(layer.geometries)
    x = rng.uniform(minx, maxx, 20_000)
    y = rng.uniform(miny, maxy, 20_000)
    fast = layer.locate(x, y)
    points = shapely.points(x, y)
    brute = np.full(len(x), -1)
    for i in range(len(layer)):  # lowest index wins, as in locate()
        inside = shapely.intersects(layer.geometries[i], points) & (brute < 0)
        brute[inside] = i
    assert (fast >= 0).sum() > 5_000  # the test says something: many points fall inside
    assert np.array_equal(fast, brute)


def test_wgs84_round_trip_and_nan_outside_the_netherlands():
    x, y = point_in("BU05990110")
    lon, lat = locator.to_lonlat(np.array([x]), np.array([y]))
    back_x, back_y = locator.to_rd(np.array([lon[0], 0.5]), np.array([lat[0], 51.7]))
    assert abs(back_x[0] - x) < 0.01 and abs(back_y[0] - y) < 0.01
    assert np.isnan(back_x[1])  # Essex: no RD coordinates
    assert list(locator.bundled().buurten.locate(np.array([np.nan]), np.array([1.0]))) == [-1]
