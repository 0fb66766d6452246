# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Shared pieces of the report tests: a small crafted plan and its figures (small counts on
purpose, to test disclosure control), and checks for the PDF tools."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "report"
FIXED_DATE = dt.date(2018, 3, 3)

# A fictitious region of three municipalities. Counts are crafted (not real figures): the
# small ones exist to exercise disclosure control.
CRAFTED_PLAN = """\
id: crafted
title: Proefplan veiligheid 2015-2018
title_en: Test safety plan 2015-2018
region: {name: Proefregio, boundaries_year: 2015, municipalities: [GM0001, GM0002, GM0003]}
period: {start: 2015, end: 2018}
reference_year: 2014
objectives:
  - {id: minder, name: Minder inbraken, name_en: Fewer burglaries, goals: [inbraak, opheldering]}
themes:
  - {id: hic, name: High Impact Crime, name_en: High Impact Crime}
  - {id: buurt, name: Veiligheid in de buurt, name_en: Neighbourhood safety}
indicators:
  - {id: inbraak, name: Woninginbraken, name_en: Burglaries, unit: count, kind: count,
     direction: lower, measure: "registered:pol:1.1.1"}
  - {id: opheldering, name: Ophelderingspercentage inbraak, unit: percent, kind: ratio,
     direction: higher, numerator: "cleared:pol:1.1.1", denominator: "registered:pol:1.1.1"}
  - {id: onveilig, name: Voelt zich onveilig, unit: percent, kind: survey, direction: lower,
     measure: "survey:vm:onveilig_algemeen"}
goals:
  - {id: inbraak, indicator: inbraak, theme: hic, objective: minder,
     baseline: {year: 2014, value: 180}, target: {year: 2018, value: 150}}
  - {id: opheldering, indicator: opheldering, theme: hic, objective: minder,
     baseline: {year: 2014, value: 10}, target: {year: 2018, value: 12}}
  - {id: onveilig, indicator: onveilig, theme: buurt, baseline: {year: 2014, value: 40},
     target: {year: 2018, value: 36}}
"""

NAMES = {"GM0001": "Gemeente Aa", "GM0002": "Gemeente Bee", "GM0003": "Gemeente Cee"}

BURGLARIES = {  # area -> {year: count}
    "GM0001": {2014: 130, 2015: 125, 2016: 118, 2017: 104},
    "GM0002": {2014: 7, 2015: 6, 2016: 6, 2017: 3},
    "GM0003": {2014: 44, 2015: 41, 2016: 37, 2017: 31},
}
CLEARED = {"GM0001": 12, "GM0002": 1, "GM0003": 4}  # 2017
POPULATION = {"GM0001": 52000, "GM0002": 800, "GM0003": 21000}  # GM0002: a small population


@dataclass
class Composition:
    weights: dict
    weight_ranges: dict = field(default_factory=dict)
    approximate: bool = False
    notes: list = field(default_factory=list)
    missing: list = field(default_factory=list)


class CraftedRegistry:
    """Every municipality of the territory is in the data as itself."""

    def compose(self, territory, available, year):
        weights = {code: 1.0 for code in territory if code in available}
        return Composition(weights, missing=[c for c in territory if c not in available])

    def name(self, code):
        return NAMES.get(code)


def crafted_facts() -> pd.DataFrame:
    rows = []
    for area, by_year in BURGLARIES.items():
        for year, n in by_year.items():
            rows.append((area, str(year), "registered:pol:1.1.1", n))
    for area, n in CLEARED.items():
        rows.append((area, "2017", "cleared:pol:1.1.1", n))
        rows.append((area, "2016", "cleared:pol:1.1.1", n + 1))
    for area, n in POPULATION.items():
        rows += [(area, str(y), "population", n) for y in (2016, 2017)]
    return pd.DataFrame(rows, columns=["area", "period", "measure", "value"])


def read_only_warehouse(path: Path, **facts: pd.DataFrame):
    """Load each frame (keyword = source) into a new warehouse at ``path`` and yield it opened
    read-only, closing it afterwards (the body of the warehouse fixtures)."""
    from safetyplan.warehouse import Warehouse

    with Warehouse.open(path) as wh:
        for source, frame in facts.items():
            wh.load_facts(frame, source=source)
    wh = Warehouse.open(path, read_only=True)
    yield wh
    wh.close()


def have_pdf_tools() -> bool:
    return shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None


def weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401  (needs the Pango library at import)
    except (ImportError, OSError):
        return False
    return True
