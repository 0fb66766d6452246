# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The report's maps: drawn on the bundled CBS boundaries, the territory's municipalities
without figures grey, and no map where too few municipalities have a rate to compare."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from safetyplan.report import boundaries
from safetyplan.report.build import MIN_MAP_AREAS, _maps
from safetyplan.report.i18n import Formatter
from safetyplan.settings import bundled_plan

pytestmark = pytest.mark.skipif(
    not boundaries.boundary_files(), reason="no shipped boundaries in this checkout"
)


@dataclass
class Result:
    year: int = 2017


def territory() -> list[str]:
    from safetyplan.plan import load_plan

    return list(load_plan(bundled_plan()).region.municipalities)


def goal(rates: dict[str, float | None]) -> dict:
    rows = [{"area": code, "rate_value": rate} for code, rate in rates.items()]
    return {
        "id": "inbraak",
        "name": "Woninginbraken",
        "unit": "count",
        "table": {"rows": rows},
        "result": Result(),
    }


def test_the_rest_of_the_territory_is_drawn_too():
    codes = territory()
    features = boundaries.features_for(["GM0599"], also=codes)
    drawn = {f["properties"]["statcode"] for f in features}
    assert "GM0599" in drawn
    assert len(drawn) == len(codes)  # the 2014 file of the unit holds all 33 plan codes
    assert drawn == set(codes)


def test_the_file_is_chosen_by_the_data_codes_not_by_the_extra_ones():
    # 2024 codes (Hoeksche Waard GM1963, Voorne aan Zee GM1992) exist only in the 2024 files:
    # the plan's 2014 codes must not pull the choice to the 2014 file
    features = boundaries.features_for(["GM1963", "GM1992", "GM0599"], also=territory())
    drawn = {f["properties"]["statcode"] for f in features}
    assert {"GM1963", "GM1992", "GM0599"} <= drawn
    assert "GM0584" not in drawn  # Oud-Beijerland (2014) is not mixed into a 2024 map


def test_a_map_needs_rates_in_several_municipalities():
    fmt = Formatter("nl")
    few = goal({"GM0599": 0.2})  # only Rotterdam: one coloured area compares nothing
    assert _maps([few], fmt, territory()) == []
    codes = territory()[:MIN_MAP_AREAS]
    enough = goal({code: 1.0 + i for i, code in enumerate(codes)})
    (drawn,) = _maps([enough], fmt, territory())
    assert drawn["title"] == "Kaart: Woninginbraken per 1.000 inwoners, 2017"
    assert drawn["src"].startswith("data:image/svg+xml;base64,")
