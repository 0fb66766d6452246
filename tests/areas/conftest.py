# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Shared fixtures: the bundled registry and the shipped facts (never ../shared)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from safetyplan import settings
from safetyplan.areas import load_registry

DATASETS = settings.DATASETS_DIR

# The 33 municipalities of the plan's 'Leden van het Regionaal Veiligheidsoverleg'.
PLAN_MUNICIPALITIES = [
    "Alblasserdam",
    "Albrandswaard",
    "Barendrecht",
    "Bernisse",
    "Binnenmaas",
    "Brielle",
    "Capelle aan den IJssel",
    "Cromstrijen",
    "Dordrecht",
    "Giessenlanden",
    "Goeree-Overflakkee",
    "Gorinchem",
    "Hardinxveld-Giessendam",
    "Hellevoetsluis",
    "Hendrik-Ido-Ambacht",
    "Korendijk",
    "Krimpen aan den IJssel",
    "Lansingerland",
    "Leerdam",
    "Maassluis",
    "Molenwaard",
    "Oud-Beijerland",
    "Papendrecht",
    "Ridderkerk",
    "Rotterdam",
    "Schiedam",
    "Sliedrecht",
    "Spijkenisse",
    "Strijen",
    "Vlaardingen",
    "Westvoorne",
    "Zederik",
    "Zwijndrecht",
]


@pytest.fixture(scope="session")
def registry():
    return load_registry()


@pytest.fixture(scope="session")
def plan_territory(registry):
    return list(registry.region("RE07").municipalities)


_FACTS: dict[str, pd.DataFrame] = {}


def shipped_facts(source: str) -> pd.DataFrame:
    """A shipped facts file, read as the loaders would (cached per session)."""
    if source not in _FACTS:
        _FACTS[source] = pd.read_csv(
            DATASETS / source / "facts.csv.gz", dtype={"area": str, "period": str, "measure": str}
        )
    return _FACTS[source]


def fact_values(source: str, measure: str, period: str) -> dict[str, float]:
    df = shipped_facts(source)
    sel = df[(df.measure == measure) & (df.period == period)]
    return dict(zip(sel.area, sel.value.astype(float), strict=True))


def facts_dirs() -> list[Path]:
    return sorted(p.parent for p in DATASETS.glob("*/facts.csv.gz"))
