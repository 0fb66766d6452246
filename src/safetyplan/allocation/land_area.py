# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Land area of municipalities from the bundled CBS boundaries (for the 'area' driver).

``geo:area_km2`` is not stored in the warehouse: it is computed from the generalised CBS
municipality boundaries of 2024 shipped in ``datasets/boundaries`` (WGS84) by
:func:`safetyplan.areas.boundaries.municipal_areas`. The polygons are CBS' generalised
outlines: they follow the coast and large waters only roughly, so the figure is an
approximation of the municipality's area (land plus some water), good for relative size, not
for a land register.
"""

from __future__ import annotations

from safetyplan.areas.boundaries import municipal_areas
from safetyplan.i18n import N_

__all__ = [
    "AREA_MEASURE",
    "BOUNDARIES_YEAR",
    "NOTE",
    "is_geo_measure",
    "municipal_areas",
]

AREA_MEASURE = "geo:area_km2"
BOUNDARIES_YEAR = 2024
# Marked here, translated where shown.
NOTE = N_(
    "Area from CBS' generalised 2024 municipal boundaries (approximate, including some "
    "of the water)"
)


def is_geo_measure(measure: str) -> bool:
    return measure == AREA_MEASURE
