# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Municipality codes and names per year 2010-2025, from the boundary files and the 70072ned
population codes; read by the boundaries step and by every step that names municipalities."""

from __future__ import annotations

import pandas as pd

from prepare_datasets.common import GEOMETRY_YEARS, PrepareError, Raw, check
from safetyplan.areas.names import base_name, normalise_name


class Municipalities:
    """Municipality codes and names per year, with name lookup per year."""

    def __init__(self, table: pd.DataFrame):
        self.table = table
        self.by_year: dict[int, dict[str, str]] = {
            int(y): dict(zip(g["code"], g["name"], strict=True)) for y, g in table.groupby("year")
        }

    def codes(self, year: int) -> set[str]:
        return set(self.by_year[year])

    def name(self, code: str, year: int) -> str:
        return self.by_year[year][code]

    def code_for(self, name: str, year: int, where: str) -> str:
        """The code of ``name`` in ``year``; fails loudly when it is unknown or ambiguous."""
        names = self.by_year[year]
        for key in (normalise_name, base_name):
            hits = {c for c, nm in names.items() if key(nm) == key(name)}
            if len(hits) == 1:
                return hits.pop()
            check(len(hits) == 0, f"{where}: name {name!r} is ambiguous in {year}: {hits}")
        raise PrepareError(f"{where}: no municipality named {name!r} in {year}")


def build_municipality_table(raw: Raw) -> tuple[pd.DataFrame, list[str]]:
    """Codes and names of all municipalities 1 January 2010..2025 and the checks done."""
    rows, checks = [], []
    named: dict[int, dict[str, str]] = {}
    for year in GEOMETRY_YEARS:
        feats = raw.gemeente_features(year)
        named[year] = {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in feats}
        src = "cartomap2024" if year == 2024 else f"edwindj{year}"
        rows += [(year, c, nm, src) for c, nm in named[year].items()]
    m22 = pd.read_csv(
        raw.path(
            "matthijsvz88_83648NED_opgehelderd_gemeente_2022",
            "83648NED_totaal_opgehelderd_gemeente_2022.csv",
        )
    )
    named[2022] = dict(
        zip(m22["gemeente_code"].str.strip(), m22["gemeente_naam"].str.strip(), strict=True)
    )
    rows += [(2022, c, nm, "83648ned2022") for c, nm in named[2022].items()]
    for year in sorted(named):
        if year >= 2012:
            pres = raw.population_presence(year)
            check(
                pres == set(named[year]),
                f"{year}: boundary codes differ from 70072ned population codes: "
                f"{sorted(pres ^ set(named[year]))}",
            )
    checks.append(
        "For 2012-2019, 2022 and 2024 the municipality codes in the boundary files are "
        "exactly the codes with a population figure for that year in 70072ned "
        "(luc4sdreyer `population`, historic boundaries)."
    )
    for year in (2020, 2021, 2023, 2025):
        pres = raw.population_presence(year)
        for code in sorted(pres):
            nearest = sorted(named, key=lambda y: (abs(y - year), -y))
            name = next(named[y][code] for y in nearest if code in named[y])
            rows.append((year, code, name, "70072ned"))
        checks.append(
            f"{year}: {len(pres)} municipalities, from the codes with a 70072ned "
            "population figure that year (no boundary file for that year)."
        )
    table = pd.DataFrame(rows, columns=["year", "code", "name", "source"])
    table = table.sort_values(["year", "code"]).reset_index(drop=True)
    counts = table.groupby("year").size()
    checks.append("Municipalities per year: " + ", ".join(f"{y}: {c}" for y, c in counts.items()))
    return table, checks
