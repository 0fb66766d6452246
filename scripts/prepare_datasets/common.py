# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What every step shares: the raw folder, the municipality-independent constants, the
checks and the byte-stable writers."""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from safetyplan.errors import DataError
from safetyplan.warehouse import validate as warehouse_validate

REPO = Path(__file__).resolve().parents[2]
DEFAULT_RAW = REPO.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO / "src" / "safetyplan" / "datasets"

FACT_COLUMNS = list(warehouse_validate.FACT_COLUMNS)
# The warehouse accepts any measure a plan names; the shipped datasets keep to the documented
# naming scheme (docs/architecture.md, "Measure names"), so this one rule stays here.
SHIPPED_MEASURE = re.compile(
    r"^((registered|cleared|suspects):(pol|cbs):(totaal|\d+(\.\d+)*)"
    r"|population|survey:vm:[a-z0-9_]+(:margin)?)$"
)
CC_BY = "CC BY 4.0 (CBS and Politie open data; cite CBS / Politie as the source)"
FIRST_YEAR, LAST_YEAR = 2010, 2025
GEOMETRY_YEARS = [*range(2010, 2020), 2024]
SPLIT_THRESHOLD = 0.05  # overlay shares below this are generalisation noise (water, slivers)
UNIT = "RE07"

PROVINCES = {  # CBS province codes (regional classification 'Provincies')
    "Groningen": "PV20",
    "Friesland": "PV21",
    "Fryslân": "PV21",
    "Drenthe": "PV22",
    "Overijssel": "PV23",
    "Flevoland": "PV24",
    "Gelderland": "PV25",
    "Utrecht": "PV26",
    "Noord-Holland": "PV27",
    "Zuid-Holland": "PV28",
    "Zeeland": "PV29",
    "Noord-Brabant": "PV30",
    "Limburg": "PV31",
}
POLICE_UNITS = {  # names as StatLine lists them '(RE)', in code order RE01..RE10
    "Noord-Nederland": "RE01",
    "Oost-Nederland": "RE02",
    "Midden-Nederland": "RE03",
    "Noord-Holland": "RE04",
    "Amsterdam": "RE05",
    "Den Haag": "RE06",
    "Rotterdam": "RE07",
    "Zeeland - West-Brabant": "RE08",
    "Oost-Brabant": "RE09",
    "Limburg": "RE10",
}
NOT_ASSIGNABLE = "GM0000"  # 47018NED's code for 'gemeente niet in te delen'


class PrepareError(RuntimeError):
    """A raw file does not look as its provenance says, or a check failed."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise PrepareError(message)


def fmt_value(value: float) -> str:
    value = float(value)
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".10g")


def write_bytes_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def gzip_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9, filename="") as gz:
        gz.write(text.encode("utf-8"))
    return buf.getvalue()


def csv_text(frame: pd.DataFrame, formatters: dict[str, Callable] | None = None) -> str:
    formatters = formatters or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(
            [formatters.get(col, _cell)(val) for col, val in zip(frame.columns, row, strict=True)]
        )
    return out.getvalue()


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return fmt_value(value)
    return str(value)


def validate_facts(facts: pd.DataFrame, source: str) -> pd.DataFrame:
    """The warehouse's own checks (codes, periods, numbers, duplicates), so that a shipped file
    never holds what `ingest` would refuse; then the naming scheme and a stable order."""
    check(list(facts.columns) == FACT_COLUMNS, f"{source}: columns {list(facts.columns)}")
    check(len(facts) > 0, f"{source}: no facts")
    try:
        checked = warehouse_validate.validate_facts(facts, origin=source)
    except DataError as exc:
        raise PrepareError(str(exc)) from exc
    bad = checked[~checked["measure"].astype(str).str.match(SHIPPED_MEASURE)]
    check(
        bad.empty,
        f"{source}: measures outside the naming scheme {bad['measure'].unique()[:5].tolist()}",
    )
    checked = checked.assign(
        area=checked["area"].astype(str),
        period=checked["period"].astype(str),
        measure=checked["measure"].astype(str),
    )
    return checked.sort_values(["area", "period", "measure"]).reset_index(drop=True)


def write_dataset(out: Path, source: str, facts: pd.DataFrame, provenance: str) -> None:
    facts = validate_facts(facts, source)
    folder = out / source
    write_bytes_if_changed(folder / "facts.csv.gz", gzip_bytes(csv_text(facts)))
    write_bytes_if_changed(folder / "PROVENANCE.md", provenance.encode("utf-8"))
    print(
        f"  {source}: {len(facts):,} facts, {facts['measure'].nunique()} measures, "
        f"{facts['area'].nunique()} areas, "
        f"periods {facts['period'].min()}..{facts['period'].max()}"
    )


def facts_frame(rows: Iterable[tuple]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=FACT_COLUMNS)


def n(value: float) -> str:
    """A figure as the provenance files print it: 1,234 or 36.7."""
    value = float(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


@dataclass
class Raw:
    root: Path
    _cache: dict = field(default_factory=dict)

    def path(self, *parts: str) -> Path:
        p = self.root.joinpath(*parts)
        check(p.exists(), f"missing raw file {p}")
        return p

    def json(self, *parts: str):
        key = ("json", parts)
        if key not in self._cache:
            self._cache[key] = json.loads(self.path(*parts).read_text(encoding="utf-8"))
        return self._cache[key]

    @property
    def demographics(self) -> dict:
        return self.json("luc4sdreyer_dutch_demographics", "data_47018NED_gemeente_2012_2025.json")

    def population_presence(self, year: int) -> set[str]:
        return {gm for gm, years in self.demographics["population"].items() if str(year) in years}

    def gemeente_features(self, year: int) -> list[dict]:
        if year == 2024:
            return self.json("luc4sdreyer_dutch_demographics", "nl_gemeenten_2024.geojson")[
                "features"
            ]
        folder = "wgs84" if year <= 2016 else "rd"
        return self.json("edwindj_nl_maps", folder, f"gemeente_{year}.geojson")["features"]


# -- labels of the StatLine exports, shared by several steps


def cbs_code(label: str) -> str:
    label = " ".join(str(label).split()).lstrip("|")
    if label.lower().startswith("misdrijven, totaal"):
        return "totaal"
    code = label.split(" ", 1)[0]
    check(bool(re.fullmatch(r"\d+(\.\d+)*", code)), f"unexpected CBS crime class {label!r}")
    return code


def region_code(label: str) -> str | None:
    label = label.strip()
    if label == "Nederland":
        return "NL01"
    if label.endswith("(PV)"):
        return PROVINCES.get(label[:-4].strip())
    if label.endswith("(RE)"):
        return POLICE_UNITS.get(label[:-4].strip())
    return None
