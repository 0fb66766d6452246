#!/usr/bin/env python
"""Rebuild the compact datasets shipped in ``src/safetyplan/datasets`` from the raw data.

Developers only: the demo and the tests read the shipped files, never the raw folder.

    python scripts/prepare_datasets.py [--raw ../shared/data/raw] [--out src/safetyplan/datasets]
                                       [--only boundaries cbs_47018ned_gemeente ...]

Every step reads a raw folder (see its PROVENANCE.md), converts it to tidy facts
(``area,period,measure,value,provisional``), checks the result against figures stated in the
raw provenance or in an independent source, and writes ``<out>/<source>/facts.csv.gz`` plus a
``PROVENANCE.md`` that records what was done and the check figures. A check that fails stops
the script (``PrepareError``); nothing is written for that step. Re-running gives byte-identical
files (sorted rows, gzip without timestamps).

Needs shapely and pyproj (``pip install -e .[dev]``) for the boundary overlays.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RAW = REPO.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO / "src" / "safetyplan" / "datasets"
sys.path.insert(0, str(REPO / "src"))

from safetyplan.areas.names import base_name, normalise_name  # noqa: E402

FACT_COLUMNS = ["area", "period", "measure", "value", "provisional"]
AREA_RE = re.compile(r"^(NL01|PV\d{2}|RE\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")
PERIOD_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
MEASURE_RE = re.compile(
    r"^((registered|cleared|suspects):(pol|cbs):(totaal|\d+(\.\d+)*)"
    r"|population|survey:vm:[a-z0-9_]+(:margin)?)$"
)
CC_BY = "CC BY 4.0 (CBS and Politie open data; cite CBS / Politie as the source)"
FIRST_YEAR, LAST_YEAR = 2010, 2025
GEOMETRY_YEARS = [*range(2010, 2020), 2024]
SPLIT_THRESHOLD = 0.05  # overlay shares below this are generalisation noise (water, slivers)
UNIT = "RE07"

PROVINCES = {  # CBS province codes (regional classification 'Provincies')
    "Groningen": "PV20", "Friesland": "PV21", "Fryslân": "PV21", "Drenthe": "PV22",
    "Overijssel": "PV23", "Flevoland": "PV24", "Gelderland": "PV25", "Utrecht": "PV26",
    "Noord-Holland": "PV27", "Zuid-Holland": "PV28", "Zeeland": "PV29",
    "Noord-Brabant": "PV30", "Limburg": "PV31",
}
POLICE_UNITS = {  # names as StatLine lists them '(RE)', in code order RE01..RE10
    "Noord-Nederland": "RE01", "Oost-Nederland": "RE02", "Midden-Nederland": "RE03",
    "Noord-Holland": "RE04", "Amsterdam": "RE05", "Den Haag": "RE06", "Rotterdam": "RE07",
    "Zeeland - West-Brabant": "RE08", "Oost-Brabant": "RE09", "Limburg": "RE10",
}
NOT_ASSIGNABLE = "GM0000"  # 47018NED's code for 'gemeente niet in te delen'


class PrepareError(RuntimeError):
    """A raw file does not look as its provenance says, or a check failed."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise PrepareError(message)


# --------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------


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
    check(list(facts.columns) == FACT_COLUMNS, f"{source}: columns {list(facts.columns)}")
    check(len(facts) > 0, f"{source}: no facts")
    for col, pattern in [("area", AREA_RE), ("period", PERIOD_RE), ("measure", MEASURE_RE)]:
        bad = facts[~facts[col].astype(str).str.match(pattern)]
        check(bad.empty, f"{source}: bad {col} values {bad[col].unique()[:5].tolist()}")
    check(facts["value"].notna().all(), f"{source}: missing values")
    dup = facts.duplicated(["area", "period", "measure"], keep=False)
    check(not dup.any(), f"{source}: duplicate facts\n{facts[dup].head()}")
    facts = facts.assign(
        value=facts["value"].astype(float), provisional=facts["provisional"].astype(bool)
    )
    return facts.sort_values(["area", "period", "measure"]).reset_index(drop=True)


def write_dataset(out: Path, source: str, facts: pd.DataFrame, provenance: str) -> None:
    facts = validate_facts(facts, source)
    folder = out / source
    write_bytes_if_changed(folder / "facts.csv.gz", gzip_bytes(csv_text(facts)))
    write_bytes_if_changed(folder / "PROVENANCE.md", provenance.encode("utf-8"))
    print(f"  {source}: {len(facts):,} facts, {facts['measure'].nunique()} measures, "
          f"{facts['area'].nunique()} areas, "
          f"periods {facts['period'].min()}..{facts['period'].max()}")


def facts_frame(rows: Iterable[tuple]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=FACT_COLUMNS)


def n(value: float) -> str:
    """A figure as the provenance files print it: 1,234 or 36.7."""
    value = float(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


# --------------------------------------------------------------------------------------
# raw inputs shared by several steps
# --------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------
# boundaries: municipality table, mergers, weights, geometries
# --------------------------------------------------------------------------------------


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
    m22 = pd.read_csv(raw.path("matthijsvz88_83648NED_opgehelderd_gemeente_2022",
                               "83648NED_totaal_opgehelderd_gemeente_2022.csv"))
    named[2022] = dict(zip(m22["gemeente_code"].str.strip(), m22["gemeente_naam"].str.strip(),
                           strict=True))
    rows += [(2022, c, nm, "83648ned2022")
             for c, nm in named[2022].items()]
    for year in sorted(named):
        if year >= 2012:
            pres = raw.population_presence(year)
            check(pres == set(named[year]),
                  f"{year}: boundary codes differ from 70072ned population codes: "
                  f"{sorted(pres ^ set(named[year]))}")
    checks.append("For 2012-2019, 2022 and 2024 the municipality codes in the boundary files are "
                  "exactly the codes with a population figure for that year in 70072ned "
                  "(luc4sdreyer `population`, historic boundaries).")
    for year in (2020, 2021, 2023, 2025):
        pres = raw.population_presence(year)
        for code in sorted(pres):
            nearest = sorted(named, key=lambda y: (abs(y - year), -y))
            name = next(named[y][code] for y in nearest if code in named[y])
            rows.append((year, code, name, "70072ned"))
        checks.append(f"{year}: {len(pres)} municipalities, from the codes with a 70072ned "
                      "population figure that year (no boundary file for that year).")
    table = pd.DataFrame(rows, columns=["year", "code", "name", "source"])
    table = table.sort_values(["year", "code"]).reset_index(drop=True)
    counts = table.groupby("year").size()
    checks.append("Municipalities per year: " + ", ".join(f"{y}: {c}" for y, c in counts.items()))
    return table, checks


def load_geometries(raw: Raw) -> dict[int, dict[str, object]]:
    """Municipality polygons per geometry year, in RD New (metres) for area overlays."""
    import pyproj
    import shapely
    from shapely.geometry import shape

    to_rd = pyproj.Transformer.from_crs(4326, 28992, always_xy=True)
    geoms: dict[int, dict[str, object]] = {}
    for year in GEOMETRY_YEARS:
        out = {}
        for feat in raw.gemeente_features(year):
            geom = shape(feat["geometry"])
            if year <= 2016 or year == 2024:  # WGS84 files
                geom = shapely.transform(geom, lambda xy: _project(to_rd, xy))
            out[feat["properties"]["statcode"]] = shapely.make_valid(geom)
        geoms[year] = out
    return geoms


def _project(transformer, xy):
    import numpy as np

    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def derive_mergers(raw: Raw, munis: Municipalities, geoms) -> tuple[pd.DataFrame, list[str]]:
    """Every municipality that disappears, with where its territory went.

    Successors come from overlaying the last polygon of the old municipality with the next
    boundary file; shares below SPLIT_THRESHOLD are generalisation noise. A share to a
    municipality that keeps existing must show up in its population (70072ned) or it is
    dropped as noise. The year is the first year whose 1 January boundaries show the change.
    """
    from shapely.strtree import STRtree

    pop = raw.demographics["population"]
    rows, notes = [], []
    years = sorted(geoms)
    for old, new in zip(years, years[1:], strict=False):
        gone = sorted(set(geoms[old]) - set(geoms[new]))
        codes = list(geoms[new])
        tree = STRtree([geoms[new][c] for c in codes])
        event = []
        for pred in gone:
            poly = geoms[old][pred]
            shares = {}
            for i in tree.query(poly):
                share = poly.intersection(geoms[new][codes[i]]).area / poly.area
                if share >= SPLIT_THRESHOLD:
                    shares[codes[i]] = share
            check(bool(shares), f"{pred} ({old}): no successor found in {new}")
            last = max(y for y in munis.by_year if pred in munis.by_year[y])
            event.append((pred, last + 1, shares))
        whole = defaultdict(list)  # (successor, year) -> predecessors going there whole
        for pred, first, shares in event:
            if len(shares) == 1:
                whole[(next(iter(shares)), first)].append(pred)
        for pred, first, shares in event:
            shares = _validated_split(pred, first, shares, whole, pop, munis, notes)
            total = sum(shares.values())
            for succ, share in sorted(shares.items(), key=lambda kv: -kv[1]):
                check(succ in munis.by_year[first],
                      f"{pred} -> {succ}: successor does not exist in {first}")
                existed = succ in munis.by_year[first - 1]
                kind = "split" if len(shares) > 1 else ("absorbed" if existed else "merged")
                rows.append((first, pred, munis.name(pred, first - 1), succ,
                             munis.name(succ, first), round(share / total, 4), kind))
    frame = pd.DataFrame(rows, columns=["first_year", "predecessor", "predecessor_name",
                                        "successor", "successor_name", "area_share", "kind"])
    frame = frame.sort_values(["first_year", "predecessor", "successor"]).reset_index(drop=True)
    return frame, notes


def _validated_split(pred, first, shares, whole, pop, munis, notes) -> dict[str, float]:
    if len(shares) == 1:
        return {next(iter(shares)): 1.0}
    y0, y1 = str(first - 1), str(first)
    base = pop.get(pred, {}).get(y0)
    kept = {}
    for succ, share in shares.items():
        others = [p for p in whole.get((succ, first), []) if p != pred]
        if base is None or y1 not in pop.get(succ, {}):
            kept[succ] = share  # no population to test against (before 2012)
            continue
        gain = pop[succ][y1] - pop.get(succ, {}).get(y0, 0) - sum(pop[p][y0] for p in others)
        expected = share * base
        verdict = gain >= 0.5 * expected
        notes.append(f"{pred} ({munis.name(pred, first - 1)}) -> {succ} "
                     f"({munis.name(succ, first)}) {first}: area share {share:.1%}, population "
                     f"gain {gain:,} vs {expected:,.0f} expected: "
                     f"{'kept' if verdict else 'dropped'}")
        if verdict:
            kept[succ] = share
    check(bool(kept), f"{pred}: every successor share was rejected")
    return kept


CRIME_BASES = ["totaal", "1", "2", "3", "5"]


def merger_weights(raw: Raw, munis: Municipalities, mergers: pd.DataFrame, geoms,
                   crime_83648: pd.DataFrame) -> pd.DataFrame:
    """Size measures of every municipality involved in a merger, per year it existed.

    Used to estimate which share of a merged municipality belongs to a territory given on
    older codes (e.g. Leerdam + Zederik within Vijfheerenlanden)."""
    involved = set(mergers["predecessor"]) | set(mergers["successor"])
    pop = raw.demographics["population"]
    rows = []
    for code in sorted(involved):
        for year, value in sorted(pop.get(code, {}).items()):
            rows.append((code, "population", int(year), float(value)))
        if code in geoms[FIRST_YEAR]:
            area = round(geoms[FIRST_YEAR][code].area / 1e6, 2)
            rows.append((code, "area_km2", FIRST_YEAR, area))
    crime = crime_83648[crime_83648["area"].isin(involved)]
    for r in crime.itertuples(index=False):
        basis = r.measure.rsplit(":", 1)[1]
        if basis in CRIME_BASES:
            rows.append((r.area, r.measure, int(r.period), float(r.value)))
    frame = pd.DataFrame(rows, columns=["code", "basis", "period", "value"])
    return frame.sort_values(["code", "basis", "period"]).reset_index(drop=True)


def decode_topojson(topo: dict, name: str) -> list[dict]:
    """GeoJSON features from a quantised TopoJSON object (arcs delta-encoded)."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(pts)

    def ring(indices):
        pts: list = []
        for i in indices:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(part if not pts else part[1:])
        return pts

    feats = []
    for geom in topo["objects"][name]["geometries"]:
        if geom.get("type") == "Polygon":
            g = {"type": "Polygon", "coordinates": [ring(r) for r in geom["arcs"]]}
        elif geom.get("type") == "MultiPolygon":
            g = {"type": "MultiPolygon",
                 "coordinates": [[ring(r) for r in poly] for poly in geom["arcs"]]}
        else:
            g = None
        feats.append({"type": "Feature", "geometry": g, "properties": geom["properties"]})
    return feats


def _round_coords(coords, digits=5):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round_coords(c, digits) for c in coords]


def feature_collection(features: list[dict]) -> bytes:
    """Compact GeoJSON (WGS84, 5 decimals ~ 1 m), one feature per line."""
    lines = []
    for f in features:
        geom = f["geometry"]
        if geom is not None:
            geom = {"type": geom["type"], "coordinates": _round_coords(geom["coordinates"])}
        lines.append(json.dumps({"type": "Feature", "properties": f["properties"],
                                 "geometry": geom}, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    return text.encode("utf-8")


def prepare_boundaries(raw: Raw, out: Path) -> None:
    folder = out / "boundaries"
    table, table_checks = build_municipality_table(raw)
    munis = Municipalities(table)
    geoms = load_geometries(raw)
    mergers, split_notes = derive_mergers(raw, munis, geoms)
    check_unit_mergers(mergers)
    crime = convert_83648_gemeente(raw, munis)[0]
    weights = merger_weights(raw, munis, mergers, geoms, crime)
    subareas = subarea_table(raw)

    write_bytes_if_changed(folder / "municipalities.csv", csv_text(table).encode())
    write_bytes_if_changed(folder / "mergers.csv", csv_text(mergers).encode())
    write_bytes_if_changed(folder / "merger_weights.csv.gz", gzip_bytes(csv_text(weights)))
    write_bytes_if_changed(folder / "subareas.csv.gz", gzip_bytes(csv_text(subareas)))

    # The registry reads what was just written: geometries follow its territory mapping.
    registry = _fresh_registry(out)
    geo_checks = write_geometries(raw, folder, registry)
    provenance = boundaries_provenance(table, table_checks, mergers, split_notes, weights,
                                       subareas, geo_checks)
    write_bytes_if_changed(folder / "PROVENANCE.md", provenance.encode())
    print(f"  boundaries: {len(table):,} municipality-years, {len(mergers)} merger rows, "
          f"{len(weights):,} weight rows, {len(subareas):,} wijk/buurt rows")


def _fresh_registry(out: Path):
    from safetyplan.areas import registry as registry_module

    registry_module.load_registry.cache_clear()
    return registry_module.load_registry(out)


def check_unit_mergers(mergers: pd.DataFrame) -> None:
    """The mergers the plan's territory went through, as the issue lists them."""
    expected = {
        2015: ({"Bernisse", "Spijkenisse"}, "Nissewaard"),
        2019: ({"Binnenmaas", "Cromstrijen", "Korendijk", "Oud-Beijerland", "Strijen"},
               "Hoeksche Waard"),
        2023: ({"Brielle", "Hellevoetsluis", "Westvoorne"}, "Voorne aan Zee"),
    }
    expected_2019 = [({"Giessenlanden", "Molenwaard"}, "Molenlanden"),
                     ({"Leerdam", "Zederik", "Vianen"}, "Vijfheerenlanden")]
    for year, (preds, succ) in [*expected.items(), *[(2019, e) for e in expected_2019]]:
        got = set(mergers[(mergers.first_year == year) & (mergers.successor_name == succ)]
                  ["predecessor_name"])
        check(got == preds, f"merger {succ} {year}: found {sorted(got)}, expected {sorted(preds)}")


def subarea_table(raw: Raw) -> pd.DataFrame:
    rows = []
    for year in (2015, 2016):
        for f in raw.json("edwindj_nl_maps", "wgs84", f"wijk_{year}.geojson")["features"]:
            p = f["properties"]
            rows.append(("wijk", year, p["statcode"], p["statnaam"], "GM" + p["statcode"][2:6]))
    topo = raw.json("edwindj_nl_maps", "wgs84", "buurt_2015.topojson")
    for geom in topo["objects"]["buurt_2015"]["geometries"]:
        p = geom["properties"]
        rows.append(("buurt", 2015, p["statcode"], p["statnaam"], "GM" + p["statcode"][2:6]))
    frame = pd.DataFrame(rows, columns=["level", "year", "code", "name", "municipality"])
    return frame.sort_values(["level", "year", "code"]).reset_index(drop=True)


def write_geometries(raw: Raw, folder: Path, registry) -> list[str]:
    notes = []
    unit = registry.region(UNIT)
    year0 = unit.year
    feats0 = {f["properties"]["statcode"]: f for f in raw.gemeente_features(year0)}
    members = list(unit.municipalities)
    out0 = [{"type": "Feature", "geometry": feats0[c]["geometry"],
             "properties": {"code": c, "name": feats0[c]["properties"]["statnaam"]}}
            for c in members]
    write_bytes_if_changed(folder / f"municipalities_{year0}_rotterdam_unit.geojson",
                           feature_collection(out0))
    notes.append(f"municipalities_{year0}_rotterdam_unit.geojson: {len(out0)} municipalities "
                 f"(the plan's territory on {year0} boundaries), from edwindj gemeente_{year0}.")

    feats24 = {f["properties"]["statcode"]: f for f in raw.gemeente_features(2024)}
    parts = registry.territory(UNIT, 2024)
    out24 = []
    for part in parts:
        props = {"code": part.code, "name": feats24[part.code]["properties"]["statnaam"],
                 "share": round(part.share, 4)}
        if part.share < 1:
            props["share_low"], props["share_high"] = (round(v, 4) for v in part.share_range)
        out24.append({"type": "Feature", "geometry": feats24[part.code]["geometry"],
                      "properties": props})
    write_bytes_if_changed(folder / "municipalities_2024_rotterdam_unit.geojson",
                           feature_collection(out24))
    partial = [f"{p.code} {p.name} ({p.share:.0%})" for p in parts if p.share < 1]
    notes.append(f"municipalities_2024_rotterdam_unit.geojson: {len(out24)} municipalities on 2024 "
                 f"boundaries covering the plan's territory; partly: {', '.join(partial) or '-'}.")

    nl24 = raw.path("luc4sdreyer_dutch_demographics", "nl_gemeenten_2024.geojson").read_bytes()
    write_bytes_if_changed(folder / "municipalities_2024_nl.geojson", nl24)
    notes.append("municipalities_2024_nl.geojson: copied unchanged (342 municipalities).")

    for level, year, feats in [
        ("wijken", 2016, raw.json("edwindj_nl_maps", "wgs84", "wijk_2016.geojson")["features"]),
        ("buurten", 2015, decode_topojson(
            raw.json("edwindj_nl_maps", "wgs84", "buurt_2015.topojson"), "buurt_2015")),
    ]:
        gms = {p.code for p in registry.territory(UNIT, year)}
        sel = [{"type": "Feature", "geometry": f["geometry"],
                "properties": {"code": f["properties"]["statcode"],
                               "name": f["properties"]["statnaam"],
                               "municipality": "GM" + f["properties"]["statcode"][2:6]}}
               for f in feats if "GM" + f["properties"]["statcode"][2:6] in gms]
        sel.sort(key=lambda f: f["properties"]["code"])
        name = f"{level}_{year}_rotterdam_unit.geojson"
        write_bytes_if_changed(folder / name, feature_collection(sel))
        empty = sum(1 for f in sel if f["geometry"] is None)
        notes.append(f"{name}: {len(sel)} {level} of the {len(gms)} municipalities of the "
                     f"territory on {year} boundaries" +
                     (f"; {empty} without geometry in the source (null geometry)" if empty else ""))
    return notes


def boundaries_provenance(table, table_checks, mergers, split_notes, weights, subareas,
                          geo_checks) -> str:
    unit_rows = mergers[mergers.successor_name.isin(
        ["Nissewaard", "Hoeksche Waard", "Molenlanden", "Vijfheerenlanden", "Voorne aan Zee"])]
    unit_list = "\n".join(
        f"| {r.first_year} | {r.predecessor} {r.predecessor_name} | {r.successor} "
        f"{r.successor_name} | {r.area_share:.3f} | {r.kind} |" for r in unit_rows.itertuples())
    splits = mergers[mergers.kind == "split"]
    split_list = "\n".join(f"- {r.first_year}: {r.predecessor} {r.predecessor_name} -> "
                           f"{r.successor} {r.successor_name} ({r.area_share:.1%} of the area)"
                           for r in splits.itertuples())
    return f"""# Boundaries: municipality codes 2010-2025, mergers, wijk/buurt codes, geometries

Generated by `scripts/prepare_datasets.py` (step `boundaries`); do not edit by hand.

## Origin
- `edwindj/nl_maps` (Edwin de Jonge, CBS), commit 8d4f71483ec2829a4ba99aa94c554e11eca70c32:
  generalised CBS/PDOK boundaries `gemeente_2010..2016` (WGS84), `gemeente_2017..2019` (RD New),
  `wijk_2015`, `wijk_2016` (GeoJSON) and `buurt_2015` (TopoJSON).
- `luc4sdreyer/dutch_demographics`, commit 62569b5d352cba2621cfc6998d741ddd42fbeb32:
  `nl_gemeenten_2024.geojson` (342 municipalities, WGS84) and the 70072ned population per
  municipality on historic boundaries 2012-2025 (in `data.json`).
- `Matthijsvz88/Dashboard-crime-NL`, commit 02afa191df7de1fc1d57b5c8e933a8ceb9b8d314: the 345
  municipality codes and names of 2022 (83648NED).
- Licence: CBS open data (Wijk- en buurtkaart, StatLine 70072ned, 83648NED), {CC_BY}.
  The repositories have no licence file (luc4sdreyer: MIT for the code).
  The geometries are generalised (mapshaper); fit for maps, not for zoomed-in work.

## Files
- `municipalities.csv` (year, code, name, source): every municipality on 1 January of each
  year 2010-2025. Years with a boundary file (2010-2019, 2024) and 2022 come from those files;
  2020, 2021, 2023 and 2025 from the codes with a 70072ned population figure that year (the
  name from the nearest year that names the code). Names are as each source spells them
  (e.g. `Hengelo` in 2019, `Hengelo (O.)` in 2024). `source`: `edwindjYYYY` (edwindj
  gemeente_YYYY), `cartomap2024` (luc4sdreyer nl_gemeenten_2024), `83648ned2022`
  (matthijsvz88), `70072ned` (population codes).
- `mergers.csv` (first_year, predecessor, predecessor_name, successor, successor_name,
  area_share, kind): every municipality that disappeared between two years, with the
  municipality or municipalities its territory went to. `first_year` is the first year whose
  1 January boundaries show the change (e.g. Rozenburg joined Rotterdam on 18 March 2010: first
  year 2011; Weesp joined Amsterdam on 24 March 2022: first year 2023). `kind`: merged (into a
  new code), absorbed (into a code that already existed), split (over several municipalities).
  Derived by overlaying the last polygon of the old municipality with the next boundary file
  (2019 -> 2024 for the years without a file, the year then from the population codes).
  Overlay shares below {SPLIT_THRESHOLD:.0%} are generalisation noise (water, slivers) and are
  ignored; a share to a municipality that keeps existing must show in that municipality's
  population growth (at least half the expected people) or it is dropped as noise.
- `merger_weights.csv.gz` (code, basis, period, value): size measures of every municipality
  in `mergers.csv` for the years it existed: `population` (70072ned, historic boundaries),
  `registered:cbs:totaal/1/2/3/5` (83648NED registered crime 2013-2017, see
  `../cbs_83648ned_gemeente`), `area_km2` (2010 polygon, fallback only). The area registry
  uses them to estimate the share of a merged municipality that lies in a territory given on
  older codes.
- `subareas.csv.gz` (level, year, code, name, municipality): all wijk codes 2015 and 2016 and
  buurt codes 2015 with names ({len(subareas):,} rows).
- Geometries (GeoJSON, WGS84, coordinates rounded to 5 decimals):
{chr(10).join('  - ' + g for g in geo_checks)}
- `../regions/regions.yaml` (hand-written, not generated) defines the police units and the
  plan's territory; see its PROVENANCE.md.

## Mergers in the territory of police unit Rotterdam
| first year | predecessor | successor | area share | kind |
|---|---|---|---|---|
{unit_list}

The issue lists these five mergers (Nissewaard 2015; Hoeksche Waard, Molenlanden,
Vijfheerenlanden 2019; Voorne aan Zee 2023); the script checks that the boundary files show
exactly these predecessors for each.

## Splits (a municipality divided over several others)
{split_list}

Split decisions against population growth:
{chr(10).join('- ' + s for s in split_notes) or '- none'}

## Checks
{chr(10).join('- ' + c for c in table_checks)}
- {len(mergers)} merger rows over {mergers.predecessor.nunique()} disappeared municipalities;
  every successor exists in the year of the merger.
"""


# --------------------------------------------------------------------------------------
# 47018NED per municipality (luc4sdreyer)
# --------------------------------------------------------------------------------------


def prepare_47018_gemeente(raw: Raw, out: Path, munis: Municipalities) -> None:
    data = raw.demographics
    provisional = set(data["provisional"])
    rows = []
    for code, per_gm in data["counts"].items():
        for gm, years in per_gm.items():
            for year, value in years.items():
                check(value is not None, f"47018NED {code} {gm} {year}: null")
                rows.append((gm, year, f"registered:pol:{code}", value, int(year) in provisional))
    for gm, years in data["population"].items():
        for year, value in years.items():
            rows.append((gm, year, "population", value, int(year) in provisional))
    facts = facts_frame(rows)
    known = set(munis.table["code"]) | {NOT_ASSIGNABLE}
    check(set(facts["area"]) <= known, f"unknown codes {set(facts['area']) - known}")
    counts = facts[facts.measure.str.startswith("registered")]
    check(set(counts.area) - {NOT_ASSIGNABLE} == munis.codes(2024),
          "47018NED counts are not on the 2024 boundaries")

    burg = counts[counts.measure == "registered:pol:1.1.1"]
    by_year = burg.groupby("period")["value"].sum()
    nl = pd.read_csv(raw.path("bernasco_staat_van_de_misdaad", "NL_Crime.csv"))
    nl = nl[nl.incident_type_code.str.startswith("1.1.1")].set_index("year")["incident_count"]
    rdam = burg[burg.area == "GM0599"].set_index("period")["value"]
    for year in ("2012", "2015", "2023"):
        diff = abs(by_year[year] - nl[int(year)]) / nl[int(year)]
        check(diff < 0.01, f"1.1.1 {year}: sum {by_year[year]} vs national {nl[int(year)]}")
    unit24 = _unit_2024_without_vhl(munis)
    unit_sum = burg[burg.area.isin(unit24)].groupby("period")["value"].sum()
    check(unit_sum["2012"] == 8954, f"1.1.1 2012 over the unit's 23: {unit_sum['2012']}")
    vhl = burg[burg.area == "GM1961"].set_index("period")["value"]

    provenance = f"""# cbs_47018ned_gemeente

Registered crime (police classes) and population per municipality, 2012-2025.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Repository `luc4sdreyer/dutch_demographics`, commit 62569b5d352cba2621cfc6998d741ddd42fbeb32
  (`web/data.json` last changed in 7022798a3be2b87d66b7952b0aedbde269ed8c20); raw copy
  `luc4sdreyer_dutch_demographics/data_47018NED_gemeente_2012_2025.json`.
- Publisher: Politie / CBS, table **47018NED** "Geregistreerde misdrijven; soort misdrijf, wijk,
  buurt, jaarcijfers" (dataderden.cbs.nl), and CBS **70072ned** (population).
- Licence: {CC_BY}. Repository code: MIT.

## What was converted
- `registered:pol:<code>` for the 12 police crime classes in the file
  ({', '.join(sorted(data['counts']))}), per municipality, years 2012-2025. 47018NED
  re-publishes every year on the **2024 municipality boundaries**, so 2012 figures for
  Nissewaard, Hoeksche Waard, Molenlanden, Vijfheerenlanden, Voorne aan Zee are the sums over
  their later territory. `{NOT_ASSIGNABLE}` = crimes not assignable to a municipality (kept as
  published). No 1.4.6 straatroof, 1.4.7 overval, totals or clearance in this source.
- `population`: mean population (70072ned) on **historic** boundaries (e.g. Leerdam GM0545
  2012-2018, Vijfheerenlanden GM1961 from 2019): per code only for the years it existed.
- `provisional`: the file marks the years {sorted(provisional)} as provisional; the flag is set
  on every figure of those years (crime and population).

## Checks
- Sum of 1.1.1 woninginbraak over all municipalities: {n(by_year['2012'])} (2012),
  {n(by_year['2015'])} (2015), {n(by_year['2023'])} (2023); national 47018NED series
  (`../politie_47018ned_nl`): {n(nl[2012])} / {n(nl[2015])} / {n(nl[2023])} (within 1%: revisions).
- Rotterdam GM0599 1.1.1: {n(rdam['2012'])} (2012), {n(rdam['2015'])} (2015),
  {n(rdam['2018'])} (2018), {n(rdam['2023'])} (2023), {n(rdam['2025'])} (2025), as the raw
  provenance states.
- 1.1.1 over the 23 municipalities of the unit on 2024 boundaries (the plan's territory
  without Vijfheerenlanden): {n(unit_sum['2012'])} (2012), {n(unit_sum['2015'])} (2015),
  {n(unit_sum['2018'])} (2018), {n(unit_sum['2023'])} (2023), equal to the raw provenance.
  Vijfheerenlanden GM1961 (of which only Leerdam + Zederik belong to the plan's territory):
  {n(vhl['2012'])} (2012), {n(vhl['2015'])} (2015), {n(vhl['2018'])} (2018).
- Every code is a municipality code of some year 2010-2025 (or {NOT_ASSIGNABLE}); the crime
  counts use exactly the 342 codes of 2024.
"""
    write_dataset(out, "cbs_47018ned_gemeente", facts, provenance)


def _unit_2024_without_vhl(munis: Municipalities) -> set[str]:
    names = ["Alblasserdam", "Albrandswaard", "Barendrecht", "Capelle aan den IJssel", "Dordrecht",
             "Goeree-Overflakkee", "Gorinchem", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht",
             "Hoeksche Waard", "Krimpen aan den IJssel", "Lansingerland", "Maassluis",
             "Molenlanden", "Nissewaard", "Papendrecht", "Ridderkerk", "Rotterdam", "Schiedam",
             "Sliedrecht", "Vlaardingen", "Voorne aan Zee", "Zwijndrecht"]
    return {munis.code_for(nm, 2024, "unit 2024") for nm in names}


# --------------------------------------------------------------------------------------
# 47018NED national series (bernasco)
# --------------------------------------------------------------------------------------


def police_code(label: str) -> str:
    label = " ".join(str(label).split())
    if label.lower().startswith("totaal"):
        return "totaal"
    code = label.split(" ", 1)[0]
    check(bool(re.fullmatch(r"\d+(\.\d+)+", code)), f"unexpected police class {label!r}")
    return code


def prepare_47018_nl(raw: Raw, out: Path) -> None:
    folder = "bernasco_staat_van_de_misdaad"
    crime = pd.read_csv(raw.path(folder, "NL_Crime.csv"))
    rows = [("NL01", str(r.year), f"registered:pol:{police_code(r.incident_type_code)}",
             r.incident_count, False) for r in crime.itertuples()]
    popu = pd.read_csv(raw.path(folder, "NL_Population.csv"))
    years = set(crime.year)
    popu = popu[popu.year.isin(years)]
    rows += [("NL01", str(r.year), "population", round(r.population), r.year >= 2023)
             for r in popu.itertuples()]
    facts = facts_frame(rows)
    get = facts.set_index(["period", "measure"])["value"]
    expect = {("2012", "totaal"): 1127869, ("2015", "totaal"): 961208,
              ("2015", "1.1.1"): 64676, ("2015", "1.4.6"): 4738, ("2015", "1.4.7"): 1226,
              ("2023", "1.4.7"): 541}
    for (year, code), value in expect.items():
        check(get[(year, f"registered:pol:{code}")] == value, f"NL {code} {year}")
    n_classes = facts[facts.measure.str.startswith("registered")].measure.nunique()
    provenance = f"""# politie_47018ned_nl

Registered crime in the Netherlands by police class, and population, 2012-2023.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Repository `bernasco/staat_van_de_misdaad` (W. Bernasco, NSCR), commit
  5f16319a74b3d5c71a4e7bb4dd9511c1b67e9b9e; files `data/NL_Crime.csv`, `data/NL_Population.csv`
  (raw copies in `bernasco_staat_van_de_misdaad/`). No licence file in the repository.
- Publisher: Politie / CBS, table **47018NED** (national level, downloaded with cbsodataR),
  population from CBS **83474NED** (mean of the monthly population, as computed in the
  repository).
- Licence of the data: {CC_BY}.

## What was converted
- `registered:pol:<code>` for all {n_classes} police classes incl. `totaal` (Totaal misdrijven),
  1.1.1 woninginbraak, 1.4.6 straatroof and 1.4.7 overval, area `NL01`, years 2012-2023.
  The code is the leading number of the class label (multi-line labels read with a CSV parser).
  The file does not mark provisional figures; none are flagged.
- `population` for NL01, 2012-2023, rounded to whole persons. 2024 is left out: the source
  table ends in February 2024, so its 2024 mean covers two months. 2023 is flagged
  provisional (83474NED: figures from 2023 on are provisional).

## Checks (equal to the figures in the raw provenance)
- Totaal misdrijven {n(get[('2012', 'registered:pol:totaal')])} (2012),
  {n(get[('2015', 'registered:pol:totaal')])} (2015).
- 2015: woninginbraak {n(get[('2015', 'registered:pol:1.1.1')])}, straatroof
  {n(get[('2015', 'registered:pol:1.4.6')])}, overval {n(get[('2015', 'registered:pol:1.4.7')])};
  overval 2023: {n(get[('2023', 'registered:pol:1.4.7')])}.
- Population 2015: {n(get[('2015', 'population')])}.
"""
    write_dataset(out, "politie_47018ned_nl", facts, provenance)


# --------------------------------------------------------------------------------------
# 83648NED per historic municipality (bramblepie)
# --------------------------------------------------------------------------------------


def cbs_code(label: str) -> str:
    label = " ".join(str(label).split()).lstrip("|")
    if label.lower().startswith("misdrijven, totaal"):
        return "totaal"
    code = label.split(" ", 1)[0]
    check(bool(re.fullmatch(r"\d+(\.\d+)*", code)), f"unexpected CBS crime class {label!r}")
    return code


def convert_83648_gemeente(raw: Raw, munis: Municipalities) -> tuple[pd.DataFrame, dict]:
    path = raw.path("bramblepie_83648NED_2013_2017", "83648NED_gemeente_hoofdgroepen_2013_2017.csv")
    data = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    data.columns = ["type", "year", "region", "count", "pct", "per1000"]
    data = data[data["count"].notna()]
    codes: dict[tuple[str, int], str] = {}
    for region, year in data[["region", "year"]].drop_duplicates().itertuples(index=False):
        if region == "Niet-gemeentelijk ingedeeld":
            codes[(region, year)] = NOT_ASSIGNABLE
        else:
            codes[(region, year)] = munis.code_for(region, int(year), f"{path.name}")
    for year in sorted(set(data.year)):
        mapped = {c for (r, y), c in codes.items() if y == year} - {NOT_ASSIGNABLE}
        check(mapped == munis.codes(int(year)),
              f"83648NED {year}: codes differ from the boundary file: "
              f"{sorted(mapped ^ munis.codes(int(year)))}")
    rows = [(codes[(r.region, r.year)], str(r.year), f"registered:cbs:{cbs_code(r.type)}",
             r.count, False) for r in data.itertuples()]
    return facts_frame(rows), codes


def prepare_83648_gemeente(raw: Raw, out: Path, munis: Municipalities) -> None:
    facts, codes = convert_83648_gemeente(raw, munis)
    total = facts[facts.measure == "registered:cbs:totaal"]
    rdam = total[total.area == "GM0599"].set_index("period")["value"]
    expected_rdam = {"2013": 67780, "2014": 63105, "2015": 60505, "2016": 60765, "2017": 55855}
    for year, value in expected_rdam.items():
        check(rdam[year] == value, f"83648NED Rotterdam {year}: {rdam[year]}")
    unit_codes = set()
    for name in UNIT_2014_NAMES + ["Nissewaard"]:
        for year in range(2013, 2018):
            if any(base_name(r) == base_name(name) and y == year for (r, y) in codes):
                unit_codes.add(munis.code_for(name, year, "unit"))
    unit = total[total.area.isin(unit_codes)].groupby("period")["value"].sum()
    expected_unit = {"2013": 128450, "2014": 119320, "2015": 114825, "2016": 113315,
                     "2017": 103220}
    for year, value in expected_unit.items():
        check(unit[year] == value, f"83648NED unit sum {year}: {unit[year]}")
    national = _gewoonmaarten_national_totals(raw)
    nl_sum = total.groupby("period")["value"].sum()
    nga = total[total.area == NOT_ASSIGNABLE].set_index("period")["value"]
    lines = [f"{y}: sum {n(nl_sum[y])} vs national {n(national[y])}" for y in sorted(national)]
    for y in national:
        check(abs(nl_sum[y] - national[y]) / national[y] < 0.01, f"83648NED NL sum {y}")
    byname = sorted({(r, c) for (r, y), c in codes.items() if normalise_name(r) !=
                     normalise_name(munis.by_year[y].get(c, r))})
    renamed = ", ".join(f"{r} -> {c}" for r, c in byname)
    provenance = f"""# cbs_83648ned_gemeente

Registered crime (CBS classification) per historic municipality, 2013-2017.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Repository `BramblePie/FlaskReact`, file `raw-data/Veiligheid.csv` at commit
  2b7e14e556f845daebfbd21c57b0341b99ef0a7f (removed from later HEAD); raw copy
  `bramblepie_83648NED_2013_2017/83648NED_gemeente_hoofdgroepen_2013_2017.csv`.
- Publisher: CBS, StatLine table **83648NED** "Geregistreerde criminaliteit; soort misdrijf,
  regio". Licence: {CC_BY}. No licence in the repository.

## What was converted
- `registered:cbs:<code>` for Misdrijven totaal (`totaal`) and the 9 main groups
  (1 Vermogensmisdrijven, 2 Vernielingen/openbare orde, 3 Gewelds- en seksuele misdrijven,
  4 WvSr overig, 5 Verkeer, 6 Drugs, 7 (Vuur)wapens, 9 Overige wetten), 2013-2017, counts as
  published (rounded to 5 by CBS). The derived columns (% of total, per 1,000 inhabitants) are
  not shipped.
- Region names were mapped to the GM code valid **in that year**, using the year-specific
  boundary files (`../boundaries/municipalities.csv`); a name that cannot be mapped stops the
  script. So 2013-2014 have Bernisse GM0568 and Spijkenisse GM0612, 2015-2017 Nissewaard
  GM1930. Names spelled differently from the boundary files: {renamed}.
  "Niet-gemeentelijk ingedeeld" is stored as `{NOT_ASSIGNABLE}` (as 47018NED codes it).
- The export does not mark provisional years; none are flagged.

## Checks
- Each year's codes are exactly the municipalities of that year's boundary file.
- Rotterdam GM0599 totals: {', '.join(f'{n(rdam[y])} ({y})' for y in sorted(rdam.index))}.
- Sum over the 33 municipalities of the plan (+ Nissewaard from 2015):
  {', '.join(f'{n(unit[y])} ({y})' for y in sorted(unit.index))}; equal to the raw provenance.
- Sum over all municipalities (incl. {NOT_ASSIGNABLE}: {', '.join(n(v) for v in nga.values)})
  against the national totals of the same table in `../cbs_83648ned_provincie`:
  {'; '.join(lines)} (differences from rounding each municipality to 5).
"""
    write_dataset(out, "cbs_83648ned_gemeente", facts, provenance)


UNIT_2014_NAMES = [
    "Alblasserdam", "Albrandswaard", "Barendrecht", "Bernisse", "Binnenmaas", "Brielle",
    "Capelle aan den IJssel", "Cromstrijen", "Dordrecht", "Giessenlanden", "Goeree-Overflakkee",
    "Gorinchem", "Hardinxveld-Giessendam", "Hellevoetsluis", "Hendrik-Ido-Ambacht", "Korendijk",
    "Krimpen aan den IJssel", "Lansingerland", "Leerdam", "Maassluis", "Molenwaard",
    "Oud-Beijerland", "Papendrecht", "Ridderkerk", "Rotterdam", "Schiedam", "Sliedrecht",
    "Spijkenisse", "Strijen", "Vlaardingen", "Westvoorne", "Zederik", "Zwijndrecht",
]


def _gewoonmaarten_national_totals(raw: Raw) -> dict[str, float]:
    data = _read_gewoonmaarten_crime(raw)
    sel = data[(data.area == "NL01") & (data.measure == "registered:cbs:totaal")]
    return dict(zip(sel.period, sel.value, strict=True))


# --------------------------------------------------------------------------------------
# 83648NED NL + provinces with clearance (gewoonmaarten)
# --------------------------------------------------------------------------------------

GEWOON_MEASURES = {
    "Totaal geregistreerde misdrijven": "registered",
    "||Totaal opgehelderde misdrijven": "cleared",
    "Registraties van verdachten": "suspects",
}


def region_code(label: str) -> str | None:
    label = label.strip()
    if label == "Nederland":
        return "NL01"
    if label.endswith("(PV)"):
        return PROVINCES.get(label[:-4].strip())
    if label.endswith("(RE)"):
        return POLICE_UNITS.get(label[:-4].strip())
    return None


def _read_gewoonmaarten_crime(raw: Raw) -> pd.DataFrame:
    path = raw.path("gewoonmaarten_83648NED_81877NED_provincie",
                    "criminaliteit_provincies_83648NED_2014_2017.csv")
    data = pd.read_csv(path, dtype=str)
    rows = []
    for col in data.columns[1:]:
        region, what, year = col.split("_")
        area = region_code(region)
        if area is None:
            check(region.startswith("Niet in te delen"), f"unknown region {region!r}")
            continue
        for label, value in zip(data["Soort Misdrijf"], data[col], strict=True):
            check(bool(re.fullmatch(r"\d+", str(value).strip())), f"{col} {label}: {value!r}")
            rows.append((area, year.rstrip("*"), f"{GEWOON_MEASURES[what]}:cbs:{cbs_code(label)}",
                         int(value), year.endswith("*")))
    return facts_frame(rows)


def prepare_83648_provincie(raw: Raw, out: Path) -> None:
    facts = _read_gewoonmaarten_crime(raw)
    get = facts.set_index(["area", "period", "measure"])["value"]
    reg = [get[("NL01", y, "registered:cbs:totaal")] for y in ("2014", "2015", "2016", "2017")]
    clr = [get[("NL01", y, "cleared:cbs:totaal")] for y in ("2014", "2015", "2016", "2017")]
    check(reg == [1025630, 978945, 930300, 830780], f"NL registered {reg}")
    check(clr == [271355, 248875, 232555, 191095], f"NL cleared {clr}")
    zh_reg = get[("PV28", "2014", "registered:cbs:totaal")]
    zh_clr = get[("PV28", "2017", "cleared:cbs:totaal")]
    check((zh_reg, zh_clr) == (237745, 47915), "Zuid-Holland")
    prov_sum = facts[(facts.area.str.startswith("PV")) & (facts.measure == "registered:cbs:totaal")]
    prov_sum = prov_sum.groupby("period")["value"].sum()
    provenance = f"""# cbs_83648ned_provincie

Registered and cleared crime (CBS classification), Nederland and provinces, 2014-2017.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Repository `GewoonMaarten/jm-bd-criminaliteit`, commit
  9aa960153466a841f593cb3bfa55eeff484645a2 (licence MIT), file
  `data/raw/Criminaliteit Provincies.csv`; raw copy
  `gewoonmaarten_83648NED_81877NED_provincie/criminaliteit_provincies_83648NED_2014_2017.csv`.
- Publisher: CBS, StatLine **83648NED**. Licence of the data: {CC_BY}.

## What was converted
- For Nederland (`NL01`) and the 12 provinces (`PV20` Groningen .. `PV31` Limburg) and all 76
  crime types of the CBS classification (`totaal`, `1`, `1.1`, `1.1.1` ... `9.2`):
  `registered:cbs:<code>` (Totaal geregistreerde misdrijven), `cleared:cbs:<code>` (Totaal
  opgehelderde misdrijven) and `suspects:cbs:<code>` (Registraties van verdachten), 2014-2017.
- Years marked `*` in the export (2016*, 2017*: voorlopig at export time) are flagged
  provisional.
- The column "Niet in te delen (PV)" is not shipped (no area code).
- Note: CBS `1.1.1` is "Diefstal en inbraak met geweld" (robbery incl. straatroof and overval),
  not the police class 1.1.1 woninginbraak; the classification part of the measure name keeps
  them apart.

## Checks (equal to the raw provenance)
- Nederland registered: {', '.join(n(v) for v in reg)} (2014-2017); cleared:
  {', '.join(n(v) for v in clr)} (clearance {clr[0] / reg[0]:.1%} -> {clr[3] / reg[3]:.1%}).
- Zuid-Holland registered 2014 {n(zh_reg)}, cleared 2017 {n(zh_clr)}.
- Sum over the 12 provinces: {', '.join(f'{n(v)} ({y})' for y, v in prov_sum.items())}
  (Nederland minus "niet in te delen").
"""
    write_dataset(out, "cbs_83648ned_provincie", facts, provenance)


# --------------------------------------------------------------------------------------
# Veiligheidsmonitor NL + provinces (davidmokken + gewoonmaarten)
# --------------------------------------------------------------------------------------

VM_DAVIDMOKKEN = {
    "Voelt zich wel eens onveilig (%)": "onveilig_algemeen",
    "Voelt zich wel eens onveilig in buurt (%)": "onveilig_buurt",
    "Denkt dat er veel criminaliteit in buurt (%)": "veel_criminaliteit_buurt",
    "Vindt criminaliteit in buurt toegenomen (%)": "criminaliteit_buurt_toegenomen",
    "Vindt criminaliteit in buurt afgenomen (%)": "criminaliteit_buurt_afgenomen",
    "Vindt criminaliteit in buurt gelijk (%)": "criminaliteit_buurt_gelijk",
    "Rapportcijfer veiligheid in buurt (rapportcijfer)": "rapportcijfer_veiligheid_buurt",
}
VM_GEWOONMAARTEN = {  # Onderwerp (without the leading '|') -> indicator id
    "Voelt zich wel eens onveilig": "onveilig_algemeen",
    "Voelt zich vaak onveilig": "onveilig_vaak",
    "Van zakkenrollerij": "kans_slachtoffer_zakkenrollerij",
    "Van beroving op straat": "kans_slachtoffer_beroving_straat",
    "Van inbraak in woning": "kans_slachtoffer_woninginbraak",
    "Van mishandeling": "kans_slachtoffer_mishandeling",
    "Voelt zich wel eens onveilig in buurt": "onveilig_buurt",
    "Voelt zich vaak onveilig in buurt": "onveilig_buurt_vaak",
    "'s Avonds op straat in buurt onveilig": "avond_straat_buurt_onveilig",
    "'s Avonds alleen thuis onveilig": "avond_alleen_thuis_onveilig",
    "Doet 's avonds niet open": "avond_niet_open",
    "Rijdt of loopt om": "rijdt_loopt_om",
    "Bang slachtoffer criminaliteit te worden": "bang_slachtoffer",
    "Denkt dat er veel criminaliteit in buurt": "veel_criminaliteit_buurt",
    "Vindt criminaliteit in buurt toegenomen": "criminaliteit_buurt_toegenomen",
    "Vindt criminaliteit in buurt afgenomen": "criminaliteit_buurt_afgenomen",
    "Vindt criminaliteit in buurt gelijk": "criminaliteit_buurt_gelijk",
    "Rapportcijfer veiligheid in buurt": "rapportcijfer_veiligheid_buurt",
    "Rondom uitgaansgelegenheden": "onveilig_plek_uitgaansgelegenheden",
    "Op plekken waar jongeren rondhangen": "onveilig_plek_jongeren",
    "In centrum van woonplaats": "onveilig_plek_centrum",
    "In winkelgebied/winkelcentrum": "onveilig_plek_winkelgebied",
    "In openbaar vervoer": "onveilig_plek_openbaar_vervoer",
    "Bij treinstation in woonplaats": "onveilig_plek_treinstation",
    "In eigen huis": "onveilig_plek_eigen_huis",
    "Door onbekenden op straat": "respectloos_onbekenden_straat",
    "Door onbekenden in openbaar vervoer": "respectloos_onbekenden_ov",
    "Door personeel van winkels en bedrijven": "respectloos_personeel_winkels",
    "Door personeel van overheidsinstanties": "respectloos_personeel_overheid",
    "Door bekenden (partner, familie, vriend)": "respectloos_bekenden",
}


def _dutch_number(text: str) -> float | None:
    text = str(text).strip()
    if text in ("", ".", "-", "nan"):
        return None
    return float(text.replace(",", "."))


def prepare_vm(raw: Raw, out: Path) -> None:
    dm = pd.read_csv(raw.path("davidmokken_veiligheidsbeleving",
                              "veiligheidsbeleving_NL_provincie_2013_2017.csv"),
                     sep=";", dtype=str, encoding="utf-8-sig")
    check(set(dm["Marges"]) == {"Waarde"}, "davidmokken: unexpected Marges values")
    values: dict[tuple[str, str, str], tuple[float, str]] = {}
    for col in dm.columns[3:]:
        label = " ".join(col.split("/")[-1].split())
        ind = VM_DAVIDMOKKEN[label]
        for region, year, val in zip(dm["Regio's"], dm["Perioden"], dm[col], strict=True):
            area = region_code(region)
            check(area is not None, f"davidmokken: region {region!r}")
            values[(area, year, f"survey:vm:{ind}")] = (_dutch_number(val), "davidmokken")
    gm = pd.read_csv(raw.path("gewoonmaarten_83648NED_81877NED_provincie",
                              "veiligheidsgevoel_provincies_2015_2017.csv"), dtype=str)
    compared, differing = 0, []
    for _, row in gm.iterrows():
        ind = VM_GEWOONMAARTEN[row["Onderwerp"].strip("|").strip()]
        for col in gm.columns[2:]:
            kind, region, year = col.split("_")
            area = region_code(region)
            val = _dutch_number(row[col])
            if val is None:
                continue
            measure = f"survey:vm:{ind}" + (":margin" if kind == "Marges" else "")
            key = (area, year, measure)
            if key in values:
                compared += 1
                if abs(values[key][0] - val) > 0.05:
                    differing.append(f"{key}: {values[key][0]} vs {val}")
            values[key] = (val, "gewoonmaarten")
    check(not differing, f"VM sources disagree: {differing[:5]}")
    facts = facts_frame(
        (a, p, m, v, False) for (a, p, m), (v, _) in values.items() if v is not None)
    get = facts.set_index(["area", "period", "measure"])["value"]
    nl = [get[("NL01", str(y), "survey:vm:onveilig_algemeen")] for y in range(2013, 2018)]
    zh = [get[("PV28", str(y), "survey:vm:onveilig_algemeen")] for y in range(2013, 2018)]
    check(nl == [36.7, 35.9, 35.6, 34.7, 34.1], f"VM NL {nl}")
    check(zh == [39.1, 38.8, 37.8, 37.0, 35.6], f"VM ZH {zh}")
    zh_margin = [get[("PV28", str(y), "survey:vm:onveilig_algemeen:margin")]
                 for y in range(2015, 2018)]
    buurt_nl = get[("NL01", "2013", "survey:vm:onveilig_buurt")]
    n_ind = facts[~facts.measure.str.endswith(":margin")].measure.nunique()
    provenance = f"""# cbs_vm_provincie: Veiligheidsmonitor, Nederland and provinces, 2013-2017

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Repository `davidmokken/Project`, commit 0ed1b882078c435f8321684915aa2cedd667eee1 (licence
  MIT), `data/veiligheidsbeleving_gemeente.csv` (despite the name: Nederland + 12 provinces);
  raw copy `davidmokken_veiligheidsbeleving/veiligheidsbeleving_NL_provincie_2013_2017.csv`.
  7 indicators, 2013-2017, values only (no margins).
- Repository `GewoonMaarten/jm-bd-criminaliteit`, commit
  9aa960153466a841f593cb3bfa55eeff484645a2 (licence MIT), `data/raw/Veiligheidsgevoel
  Provincies.csv`; raw copy `gewoonmaarten_83648NED_81877NED_provincie/
  veiligheidsgevoel_provincies_2015_2017.csv`. 30 indicators, 12 provinces, 2015-2017, values
  and margins ("Marges").
- Publisher: CBS, Veiligheidsmonitor, StatLine **81877NED** (and its province tables).
  Licence of the data: {CC_BY}.

## What was converted
- `survey:vm:<indicator>` (percent 0-100; `rapportcijfer_veiligheid_buurt` is a mark 1-10) for
  `NL01` and `PV20`..`PV31`; {n_ind} indicators. Indicator ids (original Onderwerp in brackets):
{chr(10).join(f'  `{v}` ({k})' for k, v in VM_GEWOONMAARTEN.items())}.
  The `respectloos_*` ids are our reading of the last five rows, which the export lists
  without their heading ("% komt 'wel eens' voor" by whom); `kans_slachtoffer_*` are
  "% (heel) groot" chance of becoming a victim; `onveilig_plek_*` "% wel eens onveilig".
- `survey:vm:<indicator>:margin`: the CBS margin ("Marges", the half-width of the 95%
  confidence interval, in points) where the data have it (provinces 2015-2017). Nederland has
  no margins in these sources.
- Where both sources give a value (provinces 2015-2017, 7 indicators) they were compared:
  {compared} pairs, all equal within 0.05 points; the gewoonmaarten value is kept.
- No satisfaction-with-police items and no police-unit figures in these sources.

## Checks (equal to the raw provenance)
- Nederland "voelt zich wel eens onveilig": {', '.join(n(v) for v in nl)} (2013-2017).
  The plan's target 36.7 is the national figure of 2013.
- Zuid-Holland: {', '.join(n(v) for v in zh)} (2013-2017);
  margin {', '.join(n(v) for v in zh_margin)} (2015-2017).
- Nederland "onveilig in buurt" 2013: {n(buurt_nl)} (the plan's target 18.8).
"""
    write_dataset(out, "cbs_vm_provincie", facts, provenance)


# --------------------------------------------------------------------------------------
# 83648NED 2022 totals with clearance per municipality (matthijsvz88)
# --------------------------------------------------------------------------------------


def prepare_83648_2022(raw: Raw, out: Path, munis: Municipalities) -> None:
    data = pd.read_csv(raw.path("matthijsvz88_83648NED_opgehelderd_gemeente_2022",
                                "83648NED_totaal_opgehelderd_gemeente_2022.csv"))
    data["gemeente_code"] = data["gemeente_code"].str.strip()
    check(set(data.gemeente_code) == munis.codes(2022), "2022 codes")
    rows = []
    for r in data.itertuples():
        for col, what in [("geregistreerde_misdrijven", "registered"),
                          ("opgehelderde_misdrijven", "cleared"),
                          ("registraties_verdachten", "suspects")]:
            value = getattr(r, col)
            if pd.notna(value):
                rows.append((r.gemeente_code, "2022", f"{what}:cbs:totaal", value, True))
    facts = facts_frame(rows)
    # CBS computes the % from unrounded counts; the counts are rounded to 5.
    reg, clr = data.geregistreerde_misdrijven, data.opgehelderde_misdrijven
    low = (clr - 2.5).clip(lower=0) / (reg + 2.5) * 100 - 0.05
    high = (clr + 2.5) / (reg - 2.5) * 100 + 0.05
    outside = data[(data.opgehelderd_pct < low) | (data.opgehelderd_pct > high)]
    check(outside.empty, f"opgehelderd_pct inconsistent: {outside.gemeente_naam.tolist()}")
    worst = (clr / reg * 100 - data.opgehelderd_pct).abs().max()
    get = facts.set_index(["area", "measure"])["value"]
    checks = [f"{nm} {c}: {n(get[(c, 'registered:cbs:totaal')])} registered / "
              f"{n(get[(c, 'cleared:cbs:totaal')])} cleared"
              for nm, c in [("Rotterdam", "GM0599"), ("Dordrecht", "GM0505"),
                            ("Nissewaard", "GM1930")]]
    check(get[("GM0599", "registered:cbs:totaal")] == 53225, "Rotterdam 2022")
    missing = data[data[["geregistreerde_misdrijven", "opgehelderde_misdrijven",
                         "registraties_verdachten"]].isna().any(axis=1)].gemeente_naam.tolist()
    provenance = f"""# cbs_83648ned_opgehelderd_2022

Registered and cleared crime (all crimes) per municipality, 2022.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Repository `Matthijsvz88/Dashboard-crime-NL`, commit 02afa191df7de1fc1d57b5c8e933a8ceb9b8d314
  (no licence file), attribute table of `data/dataframe.geojson`; raw copy
  `matthijsvz88_83648NED_opgehelderd_gemeente_2022/83648NED_totaal_opgehelderd_gemeente_2022.csv`.
- Publisher: CBS, StatLine **83648NED**, soort misdrijf "Misdrijven, totaal", 2022 (provisional
  at export). Licence of the data: {CC_BY}.

## What was converted
- Per municipality (345 codes of 2022): `registered:cbs:totaal`, `cleared:cbs:totaal`,
  `suspects:cbs:totaal` for 2022, all flagged provisional. The derived columns (per 1,000,
  % cleared) are not shipped; the clearance rate is cleared / registered.
- Missing values left out: {', '.join(missing) or 'none'}.

## Checks
- The 345 codes are exactly the municipalities of 2022 in `../boundaries/municipalities.csv`.
- The published % cleared is consistent with the counts for every municipality: it lies
  within the range that cleared / registered can take when both are rounded to 5 (CBS
  computes it from unrounded counts, so cleared / registered from the shipped counts differs
  by up to {worst:.2f} points for small municipalities).
- {'; '.join(checks)} (as in the raw provenance).
"""
    write_dataset(out, "cbs_83648ned_opgehelderd_2022", facts, provenance)


# --------------------------------------------------------------------------------------
# police totals 2022-2024 per municipality and police unit (sophie_thoolen)
# --------------------------------------------------------------------------------------


def _read_statline_export(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    periods = next(line for line in lines if line and line[0] == "Perioden")[1:]
    start = next(i for i, line in enumerate(lines) if line and line[0] == "Regio's") + 1
    body = [line for line in lines[start:] if len(line) == len(periods) + 1]
    return periods, body


def prepare_politie_2022_2024(raw: Raw, out: Path, munis: Municipalities) -> None:
    folder = "sophie_thoolen_misdrijven_gemeente_2022_2024"
    rows, skipped = [], set()
    for name in ("misdrijven_2022_2023.csv", "Misdrijven_2024.csv"):
        path = raw.path(folder, name)
        periods, body = _read_statline_export(path)
        for region, *values in body:
            if region in ("Buitenland", "Niet in te delen (RE)"):
                skipped.add(region)
                continue
            if region == "Gemeenten; niet in te delen":
                area = NOT_ASSIGNABLE
            else:
                area = region_code(region) or munis.code_for(region, 2024, name)
            for period, value in zip(periods, values, strict=True):
                if value.strip() != ".":
                    rows.append((area, period, "registered:pol:totaal", int(value), False))
    facts = facts_frame(rows)
    gms = facts[facts.area.str.startswith("GM") & (facts.area != NOT_ASSIGNABLE)]
    check(set(gms.area) == munis.codes(2024), "2026 indeling differs from 2024 codes")
    get = facts.set_index(["area", "period"])["value"]
    by = facts.assign(kind=facts.area.str[:2]).groupby(["kind", "period"])["value"].sum()
    lines = []
    for year in ("2022", "2023", "2024"):
        lines.append(f"{year}: Nederland {n(get[('NL01', year)])}, sum of municipalities incl. "
                     f"{NOT_ASSIGNABLE} {n(by[('GM', year)])}, sum of units {n(by[('RE', year)])}")
        check(get[("NL01", year)] == by[("GM", year)], f"{year}: GM sum")
    rdam = [get[("RE07", y)] for y in ("2022", "2023", "2024")]
    check(rdam == [96111, 96870, 98405], f"RE07 {rdam}")
    provenance = f"""# politie_misdrijven_2022_2024

Registered crimes (all crimes) per municipality and police unit, 2022-2024.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Repository `Sophie-Thoolen/Group-1-7---Criminaliteit-en-`, commit
  7a0c08744dd31ab93315f0d2217cd29185047230 (no licence file), `data/misdrijven_2022_2023.csv`,
  `data/Misdrijven_2024.csv`; raw copies in `sophie_thoolen_misdrijven_gemeente_2022_2024/`.
- Publisher: Politie (via CBS StatLine / politie open data), table "Geregistreerde misdrijven
  en aangiften; soort misdrijf, gemeente 2026", soort misdrijf "Totaal misdrijven" (police
  classification). Licence of the data: {CC_BY}.

## What was converted
- `registered:pol:totaal` for Nederland (`NL01`), the 342 municipalities (names mapped to the
  2024 codes; the 2026 indeling has the same municipalities), "Gemeenten; niet in te delen" as
  `{NOT_ASSIGNABLE}`, and the 10 police units as `RE01`..`RE10` (in the order StatLine lists
  them: Noord-Nederland RE01 .. Limburg RE10; Rotterdam = RE07), 2022-2024.
- Not shipped: {', '.join(sorted(skipped))} (no area code; "Buitenland" is '.' = not available).
- The export does not mark provisional figures; none are flagged.

## Checks
{chr(10).join('- ' + line for line in lines)}
  (Nederland equals the sum of the municipalities incl. not assignable; the units add up to
  Nederland minus the not-assignable unit row.)
- Rotterdam (RE) = RE07: {', '.join(n(v) for v in rdam)} (2022-2024); Rotterdam GM0599:
  {', '.join(n(get[('GM0599', y)]) for y in ('2022', '2023', '2024'))}.
"""
    write_dataset(out, "politie_misdrijven_2022_2024", facts, provenance)


# --------------------------------------------------------------------------------------
# figures transcribed from public web pages (pages_benchmarks_rotterdam_hic)
# --------------------------------------------------------------------------------------

PAGES_GEOGRAPHY = {
    "Rotterdam (gemeente GM0599)": "GM0599",
    "Rotterdam (RE) = politie-eenheid Rotterdam": UNIT,
    "Politie-eenheid Rotterdam": UNIT,
}
PAGES_INDICATOR = {
    "woninginbraak (incl. pogingen, HIC-telling gemeente)": "registered:pol:1.1.1",
    "straatroof": "registered:pol:1.4.6",
    "overval": "registered:pol:1.4.7",
    "VM rapportcijfer veiligheid in de buurt": "survey:vm:rapportcijfer_veiligheid_buurt",
    "VM rapportcijfer leefbaarheid buurt": "survey:vm:rapportcijfer_leefbaarheid_buurt",
    "VM slachtoffer seksueel geweld": "survey:vm:slachtoffer_seksueel_geweld",
    "VM slachtoffer mishandeling": "survey:vm:slachtoffer_mishandeling",
    "VM slachtoffer bedreiging": "survey:vm:slachtoffer_bedreiging",
    "VM slachtoffer online oplichting/fraude": "survey:vm:slachtoffer_online_fraude",
    "VM slachtoffer hacken": "survey:vm:slachtoffer_hacken",
}
PAGES_83032_PART = {"geregistreerd": "registered", "opgehelderd": "cleared",
                    "registraties verdachten": "suspects"}


def prepare_pages(raw: Raw, out: Path) -> None:
    data = pd.read_csv(raw.path("pages_benchmarks_rotterdam_hic",
                                "benchmarks_rotterdam_from_pages.csv"), dtype=str)
    kept, skipped = [], defaultdict(int)
    for r in data.itertuples():
        area = PAGES_GEOGRAPHY.get(r.geography)
        if r.value_type != "reported":
            skipped["derived (computed from a printed base and % change)"] += 1
            continue
        if area is None:
            skipped[f"{r.geography}: no area code"] += 1
            continue
        if not re.fullmatch(r"-?\d+(\.\d+)?", r.value.strip()):
            skipped[f"qualitative or approximate value ({r.value.strip()})"] += 1
            continue
        if not r.unit.startswith(("aantal", "cijfer", "%")) or r.unit.startswith("% t.o.v"):
            skipped[f"unit '{r.unit}' (percent change or rate)"] += 1
            continue
        if "|" in r.indicator:
            label, part = (s.strip() for s in r.indicator.split("|"))
            if part not in PAGES_83032_PART:
                skipped[f"83032NED '{part}' (derived ratio)"] += 1
                continue
            measure = f"{PAGES_83032_PART[part]}:cbs:{cbs_code(label)}"
            provisional = True
        else:
            check(r.indicator in PAGES_INDICATOR, f"pages: unmapped indicator {r.indicator!r}")
            measure, provisional = PAGES_INDICATOR[r.indicator], False
        kept.append((area, r.year, measure, float(r.value), provisional, r.note, r.source_url))
    frame = pd.DataFrame(kept, columns=[*FACT_COLUMNS, "note", "url"])
    # straatroof 2018 is printed twice (530, later revised to 528): keep the revision.
    dup = frame.duplicated(["area", "period", "measure"], keep=False)
    revised = frame[dup & frame.note.fillna("").str.startswith("revised figure")]
    dropped = frame[dup & ~frame.index.isin(revised.index)]
    check(len(revised) == 1 and len(dropped) == 1, f"unexpected duplicates\n{frame[dup]}")
    frame = frame.drop(dropped.index)
    facts = frame[FACT_COLUMNS]
    urls = sorted(set(frame.url))
    get = facts.set_index(["area", "period", "measure"])["value"]
    check(get[(UNIT, "2014", "cleared:cbs:1.1.1")] == 540, "RE07 robbery cleared 2014")
    skipped_lines = "\n".join(f"  - {k}: {v} rows" for k, v in sorted(skipped.items()))
    provenance = f"""# pages_benchmarks_rotterdam

Figures printed on public web pages: Rotterdam municipality and police unit Rotterdam.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

## Origin
- Not a repository file: `pages_benchmarks_rotterdam_hic/benchmarks_rotterdam_from_pages.csv`
  was transcribed by hand from excerpts of public web pages (news items quoting the mayor's
  annual HIC letters, a VeiligheidsAlliantie item, a CBS press item, a stored CBS StatLine page
  of **83032NED**). Every row of the raw file carries its `source_url`:
{chr(10).join('  - ' + u for u in urls)}
- Licence: facts quoted from news media and CBS (CBS content {CC_BY}); cite the source page.

## What was converted
Only rows with `value_type = reported` and a number printed in the source ({len(facts)} facts):
- Rotterdam GM0599, the municipality's HIC counts, which are the police 47018NED classes:
  `registered:pol:1.1.1` woninginbraak (incl. attempts), `registered:pol:1.4.6` straatroof,
  `registered:pol:1.4.7` overval (2012, 2015-2020 where printed). Straatroof 2018 was printed as
  530 and a year later revised to 528: the revision is kept.
- CBS **83032NED** "Geregistreerde criminaliteit; regio (indeling 2015)", 2014 (provisional),
  for Rotterdam GM0599 and police unit Rotterdam (`{UNIT}`): `registered:cbs:<code>`,
  `cleared:cbs:<code>`, `suspects:cbs:<code>` for totaal, 1, 1.1, 1.1.1 (diefstal en inbraak met
  geweld: robbery incl. straatroof and overval), 1.1.2. Flagged provisional.
- Veiligheidsmonitor, police unit Rotterdam (`{UNIT}`), 2021 and 2023: rapportcijfer veiligheid
  and leefbaarheid in the neighbourhood (marks 1-10) and victimisation percentages.
Not converted:
{skipped_lines}
These derived rows (e.g. Rotterdam straatroof 2015-2017 computed from printed % changes,
±1-2%) stay in the raw folder as benchmarks; they are not facts.

## Checks
- Rotterdam 1.1.1 woninginbraak 2012 {n(get[('GM0599', '2012', 'registered:pol:1.1.1')])}
  and 2018 {n(get[('GM0599', '2018', 'registered:pol:1.1.1')])} against 47018NED
  (`../cbs_47018ned_gemeente`): 4,453 and 2,068 (the same police counts, small revisions).
- Unit Rotterdam 2014 (83032NED): robbery (CBS 1.1.1)
  {n(get[(UNIT, '2014', 'registered:cbs:1.1.1')])} registered /
  {n(get[(UNIT, '2014', 'cleared:cbs:1.1.1')])} cleared; all crimes
  {n(get[(UNIT, '2014', 'registered:cbs:totaal')])} /
  {n(get[(UNIT, '2014', 'cleared:cbs:totaal')])}.
"""
    write_dataset(out, "pages_benchmarks_rotterdam", facts, provenance)


# --------------------------------------------------------------------------------------
# street robberies Rotterdam-Rijnmond 2011-2012 (sherkd): incidents + aggregates
# --------------------------------------------------------------------------------------

# Place names (woonplaatsen) in the police file -> municipality on 2011/2012 boundaries.
PLACE_MUNICIPALITY = {
    "ROTTERDAM": "Rotterdam", "HOOGVLIET ROTTERDAM": "Rotterdam", "PERNIS ROTTERDAM": "Rotterdam",
    "ROZENBURG ZH": "Rotterdam", "SCHIEDAM": "Schiedam", "VLAARDINGEN": "Vlaardingen",
    "SPIJKENISSE": "Spijkenisse", "CAPELLE AAN DEN IJSSEL": "Capelle aan den IJssel",
    "BARENDRECHT": "Barendrecht", "RIDDERKERK": "Ridderkerk", "HELLEVOETSLUIS": "Hellevoetsluis",
    "POORTUGAAL": "Albrandswaard", "RHOON": "Albrandswaard", "MAASSLUIS": "Maassluis",
    "BERGSCHENHOEK": "Lansingerland", "BERKEL EN RODENRIJS": "Lansingerland",
    "BRIELLE": "Brielle", "ZUIDLAND": "Bernisse", "GEERVLIET": "Bernisse",
    "ROCKANJE": "Westvoorne", "OOSTVOORNE": "Westvoorne", "OUDDORP ZH": "Goedereede",
    "SOMMELSDIJK": "Middelharnis",
}
MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8,
          "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
RAW_LEADING = ["voorval_nr", "registratie_begindatum", "maandnaam", "gem_week", "gem_datum",
               "dagsoort", "dagdeel", "binnen_24uur", "pleeg_begindatum", "pleeg_begintijd",
               "pleeg_einddatum", "pleeg_eindtijd", "mk_code", "mk_omschrijving", "plaats",
               "district", "wijk", "buurt", "subbuurt", "straat", "huisnummer", "toevoeging",
               "postcode", "soort_locatie", "poging_tot", "opgelost"]


def _parse_date(text) -> pd.Timestamp | None:
    text = str(text).strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return None


def _repair_unsplit_record(row: dict) -> dict:
    """Some records hold the whole source line in voorval_nr; re-read its leading fields and
    drop the rest (house number, PC6, victim data, free text) as the raw provenance does."""
    fields = next(csv.reader([row["voorval_nr"]]))
    check(len(fields) >= len(RAW_LEADING), f"unsplit record too short: {fields[0]}")
    fixed = dict(zip(RAW_LEADING, (f.strip() for f in fields), strict=False))
    fixed["postcode"] = fixed["postcode"][:4]
    fixed["parse_issue"] = row["parse_issue"]
    return fixed


def _load_incidents(raw: Raw) -> tuple[pd.DataFrame, dict]:
    path = raw.path("sherkd_rotterdam_straatroven_2011_2012",
                    "straatroven_rotterdam_rijnmond_2011_2012_clean.csv")
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    stats = {"raw_rows": len(data)}
    records = []
    unsplit = data["voorval_nr"].str.contains(",", regex=False)
    stats["repaired"] = int(unsplit.sum())
    stats["repaired_issue"] = sorted(set(data.loc[unsplit, "parse_issue"]))
    for row, whole_line in zip(data.to_dict("records"), unsplit, strict=True):
        records.append(_repair_unsplit_record(row) if whole_line else row)
    return pd.DataFrame(records).fillna(""), stats


def _buurt_codes_2015(raw: Raw) -> dict[tuple[str, str], list[str]]:
    topo = raw.json("edwindj_nl_maps", "wgs84", "buurt_2015.topojson")
    index = defaultdict(list)
    for geom in topo["objects"]["buurt_2015"]["geometries"]:
        p = geom["properties"]
        index[("GM" + p["statcode"][2:6], normalise_name(p["statnaam"]))].append(p["statcode"])
    return index


def check_places(raw: Raw, munis: Municipalities, geoms) -> list[str]:
    """Each place lies in the municipality it is mapped to: 2015 wijken/buurten named after
    the place have their centre inside that municipality's 2012 polygon."""
    import pyproj
    import shapely
    from shapely.geometry import shape

    to_rd = pyproj.Transformer.from_crs(4326, 28992, always_xy=True)
    feats = raw.json("edwindj_nl_maps", "wgs84", "wijk_2015.geojson")["features"]
    feats += [f for f in decode_topojson(raw.json("edwindj_nl_maps", "wgs84",
                                                  "buurt_2015.topojson"), "buurt_2015")
              if f["geometry"] is not None]
    lines = []
    for place, muni in sorted(PLACE_MUNICIPALITY.items()):
        word = normalise_name(place.replace(" ZH", "").replace(" ROTTERDAM", ""))
        code = munis.code_for(muni, 2012, "places")
        if word == normalise_name(muni):
            continue  # the place is the municipality's own name
        hits = [f for f in feats
                if f" {word} " in f" {normalise_name(f['properties']['statnaam'])} "]
        if not hits:  # 'Berkel en Rodenrijs': areas are named 'Berkel Dorp', 'Rodenrijs'
            word = word.split()[0]
            hits = [f for f in feats
                    if f" {word} " in f" {normalise_name(f['properties']['statnaam'])} "]
        inside = 0
        for f in hits:
            centre = shapely.transform(shape(f["geometry"]).representative_point(),
                                       lambda xy: _project(to_rd, xy))
            inside += bool(geoms[2012][code].contains(centre))
        check(inside > 0, f"place {place}: no wijk/buurt named '{word}' inside {muni} ({code})")
        lines.append(f"{place} -> {muni} {code} ({inside} of {len(hits)} areas named "
                     f"'{word}' lie inside its 2012 polygon)")
    return lines


def prepare_straatroven(raw: Raw, out: Path, munis: Municipalities, geoms) -> None:
    data, stats = _load_incidents(raw)
    place_lines = check_places(raw, munis, geoms)
    buurt_index = _buurt_codes_2015(raw)
    rows, dropped = [], defaultdict(int)
    for r in data.to_dict("records"):
        if r["mk_code"] != "B70":
            dropped[f"not a street robbery (mk_code '{r['mk_code']}', "
                    f"'{r['mk_omschrijving']}')"] += 1
            continue
        place = r["plaats"].strip()
        if place not in PLACE_MUNICIPALITY:
            dropped[f"no place name ('{place}')"] += 1
            continue
        day = _parse_date(r["pleeg_begindatum"]) or _parse_date(r["gem_datum"])
        if day is None:
            dropped["no parsable date"] += 1
            continue
        code = munis.code_for(PLACE_MUNICIPALITY[place], day.year, "straatroven")
        time = r["pleeg_begintijd"].strip()
        occurred = day.strftime("%Y-%m-%d")
        if re.fullmatch(r"\d{1,2}:\d{2}", time) and int(time.split(":")[0]) < 24:
            occurred += f"T{int(time.split(':')[0]):02d}:{time.split(':')[1]}"
        wijk = r["wijk"].strip()
        m = re.fullmatch(r"(\d+)-([A-Z][a-z]{2})", wijk)
        if m and m.group(2) in MONTHS:  # Excel turned '1-1' into '1-Jan'
            wijk = f"{int(m.group(1))}-{MONTHS[m.group(2)]}"
        buurt_name = re.sub(r"^\d+-", "", r["buurt"].strip()).strip()
        hits = buurt_index.get((code, normalise_name(buurt_name)), [])
        rows.append({
            "id": r["voorval_nr"].strip(),
            "occurred_at": occurred,
            "crime_type": "1.4.6",
            "municipality": code,
            "buurt": hits[0] if len(hits) == 1 else "",
            "wijk_name": wijk,
            "buurt_name": buurt_name,
            "police_district": r["district"].replace("DISTRICT", "").strip(),
            "pc4": r["postcode"].strip()[:4] if re.match(r"\d{4}", r["postcode"].strip()) else "",
            "registered_on": (_parse_date(r["registratie_begindatum"]) or pd.NaT),
            "attempt": {"J": True, "N": False}.get(r["poging_tot"].strip()),
            "solved": {"J": True, "N": False}.get(r["opgelost"].strip()),
            "solved_code": r["opgelost"].strip(),
            "parse_issue": int(r.get("parse_issue") or 0),
        })
    inc = pd.DataFrame(rows)
    inc["registered_on"] = inc["registered_on"].map(
        lambda d: "" if pd.isna(d) else d.strftime("%Y-%m-%d"))
    check(inc["id"].is_unique, "incident ids are not unique")
    inc = inc.sort_values(["occurred_at", "id"]).reset_index(drop=True)
    folder = out / "rotterdam_straatroven_2011_2012"
    write_bytes_if_changed(folder / "incidents.csv.gz", gzip_bytes(csv_text(inc)))

    inc["year"] = inc.occurred_at.str[:4]
    inc["month"] = inc.occurred_at.str[:7]
    facts_rows = []
    present = sorted(set(inc.municipality))
    for key, periods in [("year", ["2011", "2012"]),
                         ("month", [f"{y}-{m:02d}" for y in (2011, 2012) for m in range(1, 13)])]:
        grouped = inc.groupby(["municipality", key])
        reg = grouped.size()
        clr = grouped["solved"].apply(lambda s: int((s == True).sum()))  # noqa: E712
        for gm in present:
            for period in periods:
                facts_rows.append((gm, period, "registered:pol:1.4.6",
                                   int(reg.get((gm, period), 0)), False))
                facts_rows.append((gm, period, "cleared:pol:1.4.6",
                                   int(clr.get((gm, period), 0)), False))
    facts = facts_frame(facts_rows)
    out_of_range = inc[~inc.year.isin(["2011", "2012"])]
    per_year = inc[inc.year.isin(["2011", "2012"])].groupby("year").size()
    solved = inc.groupby(["year", "solved_code"]).size()
    by_muni = inc.groupby("municipality").size().sort_values(ascending=False)
    matched = (inc.buurt != "").mean()
    rdam_match = (inc[inc.municipality == "GM0599"].buurt != "").mean()
    dropped_lines = "\n".join(f"  - {k}: {v}" for k, v in sorted(dropped.items()))
    muni_lines = ", ".join(f"{munis.name(c, 2012)} {v}" for c, v in by_muni.items())
    provenance = f"""# rotterdam_straatroven_2011_2012

Street robberies (incident level) in police region Rotterdam-Rijnmond, 2011-2012.

Generated by `scripts/prepare_datasets.py`; do not edit by hand.

**Region: the former police region Rotterdam-Rijnmond (before the national police of 2013),
not the whole later police unit Rotterdam.** The Zuid-Holland-Zuid part of the unit
(Dordrecht, Drechtsteden, Hoeksche Waard, Alblasserwaard-Vijfheerenlanden) is not in it, so a
sum over these municipalities is not a figure for the plan's territory.

## Origin
- Repository `sherkd/Project-Datamonsters-Code` (Hogeschool Rotterdam student project),
  `Straatroven.csv` at commit f70076266477d653a5e370077c33449e948b29bc (removed from later HEAD);
  cleaned derivative `sherkd_rotterdam_straatroven_2011_2012/
  straatroven_rotterdam_rijnmond_2011_2012_clean.csv` (see the raw PROVENANCE.md).
- Original: Rotterdam Open Data, "straatroven-rotterdam-2011-en-2012" (registrations of police
  Rotterdam-Rijnmond, published by Gemeente Rotterdam; the portal is offline). No licence stated;
  published as municipal open data.

## Files
- `incidents.csv.gz`: {len(inc):,} street robberies (mk_code B70 straatroof), one row each, in
  the canonical columns of `safetyplan ingest incidents`:
  `id` (voorval_nr), `occurred_at` (pleeg_begindatum + pleeg_begintijd, ISO; the date alone
  when the time is missing; gem_datum when the begin date is missing), `crime_type` (`1.4.6`,
  the police class of B70), `municipality` (GM code on the 2011/2012 boundaries, from `plaats`;
  see below), `buurt` (BU code of 2015 where the police buurt name equals a CBS buurt name of
  that municipality, else empty: {matched:.0%} of all rows, {rdam_match:.0%} in Rotterdam),
  `solved` (opgelost J = true, N = false; D, meaning unknown, = empty), `attempt` (poging_tot),
  plus `wijk_name` (police wijk number; Excel damage '1-Jan' repaired to '1-1'), `buurt_name`
  (police buurt name), `police_district` (district 1-12 of the old region), `pc4`,
  `registered_on`, `solved_code` (J/N/D as published) and `parse_issue` (see raw provenance).
- `facts.csv.gz`: per municipality (those with at least one robbery) per year and per month
  (2011-01 .. 2012-12, zero-filled): `registered:pol:1.4.6` (count of robberies by occurrence
  date, attempts included as in 47018NED) and `cleared:pol:1.4.6` (opgelost = J at extraction
  time).

## Privacy
The raw derivative already dropped house numbers, full postcodes (PC6), victim sex and age,
and all free-text fields. In {stats['repaired']} records (parse_issue
{'/'.join(stats['repaired_issue'])}) the raw file still holds the whole source line in
`voorval_nr`, including those fields and a licence plate; the script re-reads only the leading
structured fields of those lines (up to `opgelost`), truncates the postcode to PC4 and discards
the rest (without this the 4 records would have no date, place or outcome). Street names are
not shipped.

## Conversion
- {stats['raw_rows']:,} raw rows; left out:
{dropped_lines}
- Place -> municipality (2011/2012 boundaries). Checked against the boundary files: wijken and
  buurten of 2015 named after the place lie inside the municipality's 2012 polygon:
{chr(10).join('  - ' + line for line in place_lines)}

## Checks
- Robberies per year (occurrence date): {', '.join(f'{y}: {v:,}' for y, v in per_year.items())}
  (raw provenance by gem_datum: 1,374 / 1,422);
  {len(out_of_range)} with a date outside 2011-2012 are kept as incidents but not in the facts.
- opgelost per year: {', '.join(f'{y} {c}: {v:,}' for (y, c), v in solved.items())}
  (raw provenance: J 363 / N 994 / D 17 in 2011; J 254 / N 1,163 / D 5 in 2012; the
  differences are the re-read records and the 3 rows left out).
- Per municipality: {muni_lines}.
- Whether the set is complete against the registered 1.4.6 counts could not be verified (no
  municipal 1.4.6 series for 2011-2012 in the raw data).
"""
    write_dataset(out, "rotterdam_straatroven_2011_2012", facts, provenance)


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------

STEPS = ["boundaries", "cbs_47018ned_gemeente", "politie_47018ned_nl", "cbs_83648ned_gemeente",
         "cbs_83648ned_provincie", "cbs_vm_provincie", "cbs_83648ned_opgehelderd_2022",
         "politie_misdrijven_2022_2024", "pages_benchmarks_rotterdam",
         "rotterdam_straatroven_2011_2012"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="datasets folder")
    parser.add_argument("--only", nargs="+", choices=STEPS, help="run only these steps")
    args = parser.parse_args(argv)
    raw, out = Raw(args.raw.resolve()), args.out.resolve()
    steps = args.only or STEPS
    try:
        table, _ = build_municipality_table(raw)
        munis = Municipalities(table)
        geoms = None
        for step in steps:
            print(f"== {step}")
            if step == "boundaries":
                prepare_boundaries(raw, out)
            elif step == "cbs_47018ned_gemeente":
                prepare_47018_gemeente(raw, out, munis)
            elif step == "politie_47018ned_nl":
                prepare_47018_nl(raw, out)
            elif step == "cbs_83648ned_gemeente":
                prepare_83648_gemeente(raw, out, munis)
            elif step == "cbs_83648ned_provincie":
                prepare_83648_provincie(raw, out)
            elif step == "cbs_vm_provincie":
                prepare_vm(raw, out)
            elif step == "cbs_83648ned_opgehelderd_2022":
                prepare_83648_2022(raw, out, munis)
            elif step == "politie_misdrijven_2022_2024":
                prepare_politie_2022_2024(raw, out, munis)
            elif step == "pages_benchmarks_rotterdam":
                prepare_pages(raw, out)
            elif step == "rotterdam_straatroven_2011_2012":
                geoms = geoms or load_geometries(raw)
                prepare_straatroven(raw, out, munis, geoms)
    except PrepareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
