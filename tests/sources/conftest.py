# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
import gzip
import json
from pathlib import Path

import pytest

from safetyplan.warehouse import Warehouse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "statline"

# Real figures (47018NED, police classification), copied unchanged:
# Rotterdam GM0599 residential burglary (luc4sdreyer/dutch_demographics web/data.json) and
# national totals (bernasco/staat_van_de_misdaad data/NL_Crime.csv).
ROTTERDAM_BURGLARY_CSV = """area,period,measure,value,provisional
GM0599,2015,registered:pol:1.1.1,3419,false
GM0599,2016,registered:pol:1.1.1,2889,false
GM0599,2017,registered:pol:1.1.1,2411,false
GM0599,2018,registered:pol:1.1.1,2068,false
GM0599,2024,registered:pol:1.1.1,965,true
"""
NATIONAL_CSV = """area,period,measure,value,provisional
NL01,2015,registered:pol:1.4.6,4738,false
NL01,2015,registered:pol:1.4.7,1226,false
NL01,2015,registered:pol:1.1.1,64676,false
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding=encoding, newline="") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding=encoding, newline="")
    return path


@pytest.fixture
def datasets_dir(tmp_path) -> Path:
    """A shipped-datasets folder with two sources, as the datasets helper lays them out."""
    root = tmp_path / "datasets"
    write(root / "rotterdam_burglary" / "facts.csv.gz", ROTTERDAM_BURGLARY_CSV)
    write(root / "national" / "facts.csv.gz", NATIONAL_CSV)
    (root / "plans").mkdir()  # folders without facts are not sources
    return root


@pytest.fixture
def wh(tmp_path):
    with Warehouse.open(tmp_path / "warehouse.duckdb") as warehouse:
        yield warehouse


def recorded(table: str, name: str):
    return json.loads((FIXTURES / table / f"{name}.json").read_text(encoding="utf-8"))


class RecordedStatline:
    """Stands in for cbsodata: replays tests/fixtures/statline and remembers the calls."""

    def __init__(self):
        self.calls: list[tuple[str, str, dict]] = []

    def get_meta(self, table_id, name, catalog_url=None, **kwargs):
        self.calls.append(("get_meta", name, {"catalog_url": catalog_url, **kwargs}))
        return recorded(table_id, name)

    def get_data(
        self, table_id, dir=None, typed=False, select=None, filters=None, catalog_url=None, **kwargs
    ):
        self.calls.append(
            (
                "get_data",
                table_id,
                {"typed": typed, "select": select, "filters": filters, "catalog_url": catalog_url},
            )
        )
        return recorded(table_id, "data")

    def data_call(self) -> dict:
        return next(kwargs for kind, _, kwargs in self.calls if kind == "get_data")


@pytest.fixture
def statline(monkeypatch) -> RecordedStatline:
    cbsodata = pytest.importorskip("cbsodata")
    fake = RecordedStatline()
    monkeypatch.setattr(cbsodata, "get_meta", fake.get_meta)
    monkeypatch.setattr(cbsodata, "get_data", fake.get_data)
    return fake
