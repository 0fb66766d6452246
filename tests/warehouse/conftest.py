# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
import pandas as pd
import pytest

from safetyplan.warehouse import Warehouse

# Real figures: registered residential burglaries (47018NED, police class 1.1.1) in Rotterdam
# (GM0599) on the 2024 municipal boundaries (luc4sdreyer/dutch_demographics web/data.json,
# copied unchanged).
ROTTERDAM_BURGLARY = {
    "2012": 4453,
    "2013": 4241,
    "2014": 3852,
    "2015": 3419,
    "2016": 2889,
    "2017": 2411,
    "2018": 2068,
}
# National totals of 47018NED (bernasco/staat_van_de_misdaad data/NL_Crime.csv).
NL_BURGLARY = {"2012": 91595, "2013": 87455, "2014": 71143, "2015": 64676}
NL_STREET_ROBBERY = {"2012": 7988, "2013": 7006, "2014": 5432, "2015": 4738}


def facts_frame(series: dict[tuple[str, str], dict[str, float]]) -> pd.DataFrame:
    """{(area, measure): {period: value}} -> a facts DataFrame."""
    rows = [
        {"area": area, "period": period, "measure": measure, "value": value}
        for (area, measure), values in series.items()
        for period, value in values.items()
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def rotterdam_facts() -> pd.DataFrame:
    return facts_frame({("GM0599", "registered:pol:1.1.1"): ROTTERDAM_BURGLARY})


@pytest.fixture
def national_facts() -> pd.DataFrame:
    return facts_frame(
        {
            ("NL01", "registered:pol:1.1.1"): NL_BURGLARY,
            ("NL01", "registered:pol:1.4.6"): NL_STREET_ROBBERY,
        }
    )


@pytest.fixture
def wh_path(tmp_path):
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def wh(wh_path):
    with Warehouse.open(wh_path) as warehouse:
        yield warehouse
