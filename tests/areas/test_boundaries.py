# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The one reader of the bundled boundary layers (issue 20): read once, shared by the
report's and the web's maps, the allocation's areas and the incident locator; d3's winding
with shapely's orientation test, the same as the signed-area rule it replaced."""

import json

import pytest

from safetyplan.areas import boundaries
from safetyplan.incidents import locator as incident_locator
from safetyplan.report import boundaries as report_boundaries
from safetyplan.web.dashboard import areas as web_areas

BUNDLED = sorted(boundaries.boundaries_dir().glob("*.geojson"))
pytestmark = pytest.mark.skipif(not BUNDLED, reason="no shipped boundaries in this checkout")


def _signed_area_rewind(geometry: dict) -> dict:
    """The rule the web and the report wrote by hand before: the shoelace sign of each ring
    (positive: counter-clockwise); exteriors clockwise, holes counter-clockwise."""

    def twice_area(ring):
        return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))

    def polygon(rings):
        return [r[::-1] if (twice_area(r) > 0) == (i == 0) else r for i, r in enumerate(rings)]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    return {"type": "MultiPolygon", "coordinates": [polygon(p) for p in geometry["coordinates"]]}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_d3_winding_is_the_signed_area_rule_on_every_bundled_polygon(path):
    records = boundaries.layer(path)
    assert records
    for record in records:
        ours = json.dumps(boundaries.rewind_for_d3(record.geometry))
        assert ours == json.dumps(_signed_area_rewind(record.geometry)), record.code


def test_rewinding_turns_exteriors_clockwise_and_holes_counter_clockwise():
    outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]  # counter-clockwise (RFC 7946)
    hole = [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]  # clockwise (RFC 7946)
    turned = boundaries.rewind_for_d3({"type": "Polygon", "coordinates": [outer, hole]})
    assert turned["coordinates"] == [outer[::-1], hole[::-1]]
    again = boundaries.rewind_for_d3(turned)
    assert again["coordinates"] == turned["coordinates"]  # already in d3's order: kept
    assert isinstance(turned["coordinates"][0][0][0], int)  # the file's numbers, not floats
    point = {"type": "Point", "coordinates": [1, 2]}
    assert boundaries.rewind_for_d3(point) == point


def test_a_layer_is_read_once_and_shared_by_every_reader():
    path = boundaries.boundaries_dir() / boundaries.MUNICIPALITY_LAYER
    first = boundaries.layer(path)
    assert boundaries.layer(path) is first
    report = report_boundaries.features_for(["GM0599"])
    shared = [b.geometry for f in boundaries.municipal_files() for b in boundaries.layer(f)]
    assert any(report[0]["geometry"] is geometry for geometry in shared)  # not a copy
    assert incident_locator.boundaries_dir() == boundaries.boundaries_dir()


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / "municipalities_test.geojson"
    feature = {
        "type": "Feature",
        "properties": {"statcode": "GM0001", "statnaam": "Een"},
        "geometry": {"type": "Polygon", "coordinates": [[[4, 52], [5, 52], [5, 53], [4, 52]]]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    assert [b.code for b in boundaries.layer(path)] == ["GM0001"]
    feature["properties"] = {"code": "599", "name": "Twee"}  # our own naming, a bare number
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature, feature]}))
    assert [(b.code, b.name) for b in boundaries.layer(path)] == [("GM0599", "Twee")] * 2
    assert boundaries.municipal_files(tmp_path) == [path]


def test_features_without_code_or_geometry_and_topojson_are_left_out(tmp_path):
    path = tmp_path / "layer.geojson"
    features = [
        {"type": "Feature", "properties": {"code": "BU1"}, "geometry": None},
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Point", "coordinates": [4, 52]},
        },
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert boundaries.layer(path) == ()
    topo = tmp_path / "topo.json"
    topo.write_text(json.dumps({"type": "Topology", "objects": {}}))
    assert boundaries.layer(topo) == ()


def test_the_bundled_municipal_files_are_the_municipality_layers():
    names = [p.name for p in boundaries.municipal_files()]
    assert names and all(n.startswith("municipalities_") for n in names)
    assert boundaries.MUNICIPALITY_LAYER in names


def test_area_subtracts_holes_and_adds_the_parts_of_a_multipolygon():
    outer = [[4.0, 52.0], [4.1, 52.0], [4.1, 52.1], [4.0, 52.1], [4.0, 52.0]]
    hole = [[4.02, 52.02], [4.02, 52.04], [4.04, 52.04], [4.04, 52.02], [4.02, 52.02]]
    square = boundaries.area_km2({"type": "Polygon", "coordinates": [outer]})
    small = boundaries.area_km2({"type": "Polygon", "coordinates": [hole]})
    # a 0.1 x 0.1 degree cell at 52 N: 11.1 km north-south, 6.8 km east-west
    assert 74 < square < 77
    holed = boundaries.area_km2({"type": "Polygon", "coordinates": [outer, hole]})
    assert holed == pytest.approx(square - small)
    both = boundaries.area_km2({"type": "MultiPolygon", "coordinates": [[outer], [hole]]})
    assert both == pytest.approx(square + small)
    assert boundaries.area_km2({"type": "Point", "coordinates": [4, 52]}) == 0.0


def test_allocation_areas_come_from_the_shared_reader():
    from safetyplan.allocation.land_area import municipal_areas

    areas = municipal_areas()
    layer = boundaries.layer(boundaries.boundaries_dir() / boundaries.MUNICIPALITY_LAYER)
    assert set(areas) == {b.code for b in layer}
    rotterdam = next(b for b in layer if b.code == "GM0599")
    assert areas["GM0599"] == round(boundaries.area_km2(rotterdam.geometry), 3)


def test_web_map_features_are_rewound_for_d3():
    shapes = web_areas._features_for({"GM0599"})
    record = next(
        b
        for b in boundaries.layer(boundaries.boundaries_dir() / boundaries.MUNICIPALITY_LAYER)
        if b.code == "GM0599"
    )
    assert shapes["GM0599"]["geometry"] == _signed_area_rewind(record.geometry)
