# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Step ``boundaries``: municipality table, mergers, merger weights, wijk/buurt codes and
the geometries of the plan's territory (``datasets/boundaries``)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pandas as pd

from prepare_datasets.cbs_83648ned_gemeente import convert_83648_gemeente
from prepare_datasets.common import (
    CC_BY,
    FIRST_YEAR,
    GEOMETRY_YEARS,
    SPLIT_THRESHOLD,
    UNIT,
    Raw,
    check,
    csv_text,
    gzip_bytes,
    write_bytes_if_changed,
)
from prepare_datasets.municipalities import Municipalities, build_municipality_table


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
                geom = shapely.transform(geom, lambda xy: project_xy(to_rd, xy))
            out[feat["properties"]["statcode"]] = shapely.make_valid(geom)
        geoms[year] = out
    return geoms


def project_xy(transformer, xy):
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
                check(
                    succ in munis.by_year[first],
                    f"{pred} -> {succ}: successor does not exist in {first}",
                )
                existed = succ in munis.by_year[first - 1]
                kind = "split" if len(shares) > 1 else ("absorbed" if existed else "merged")
                rows.append(
                    (
                        first,
                        pred,
                        munis.name(pred, first - 1),
                        succ,
                        munis.name(succ, first),
                        round(share / total, 4),
                        kind,
                    )
                )
    frame = pd.DataFrame(
        rows,
        columns=[
            "first_year",
            "predecessor",
            "predecessor_name",
            "successor",
            "successor_name",
            "area_share",
            "kind",
        ],
    )
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
        notes.append(
            f"{pred} ({munis.name(pred, first - 1)}) -> {succ} "
            f"({munis.name(succ, first)}) {first}: area share {share:.1%}, population "
            f"gain {gain:,} vs {expected:,.0f} expected: "
            f"{'kept' if verdict else 'dropped'}"
        )
        if verdict:
            kept[succ] = share
    check(bool(kept), f"{pred}: every successor share was rejected")
    return kept


CRIME_BASES = ["totaal", "1", "2", "3", "5"]


def merger_weights(
    raw: Raw, munis: Municipalities, mergers: pd.DataFrame, geoms, crime_83648: pd.DataFrame
) -> pd.DataFrame:
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
            g = {
                "type": "MultiPolygon",
                "coordinates": [[ring(r) for r in poly] for poly in geom["arcs"]],
            }
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
        lines.append(
            json.dumps(
                {"type": "Feature", "properties": f["properties"], "geometry": geom},
                ensure_ascii=False,
                separators=(",", ":"),
            )
        )
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
    provenance = boundaries_provenance(
        table, table_checks, mergers, split_notes, weights, subareas, geo_checks
    )
    write_bytes_if_changed(folder / "PROVENANCE.md", provenance.encode())
    print(
        f"  boundaries: {len(table):,} municipality-years, {len(mergers)} merger rows, "
        f"{len(weights):,} weight rows, {len(subareas):,} wijk/buurt rows"
    )


def _fresh_registry(out: Path):
    from safetyplan.areas import registry as registry_module

    registry_module.load_registry.cache_clear()
    return registry_module.load_registry(out)


def check_unit_mergers(mergers: pd.DataFrame) -> None:
    """The mergers the plan's territory went through, as the issue lists them."""
    expected = {
        2015: ({"Bernisse", "Spijkenisse"}, "Nissewaard"),
        2019: (
            {"Binnenmaas", "Cromstrijen", "Korendijk", "Oud-Beijerland", "Strijen"},
            "Hoeksche Waard",
        ),
        2023: ({"Brielle", "Hellevoetsluis", "Westvoorne"}, "Voorne aan Zee"),
    }
    expected_2019 = [
        ({"Giessenlanden", "Molenwaard"}, "Molenlanden"),
        ({"Leerdam", "Zederik", "Vianen"}, "Vijfheerenlanden"),
    ]
    for year, (preds, succ) in [*expected.items(), *[(2019, e) for e in expected_2019]]:
        got = set(
            mergers[(mergers.first_year == year) & (mergers.successor_name == succ)][
                "predecessor_name"
            ]
        )
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
    out0 = [
        {
            "type": "Feature",
            "geometry": feats0[c]["geometry"],
            "properties": {"code": c, "name": feats0[c]["properties"]["statnaam"]},
        }
        for c in members
    ]
    write_bytes_if_changed(
        folder / f"municipalities_{year0}_rotterdam_unit.geojson", feature_collection(out0)
    )
    notes.append(
        f"municipalities_{year0}_rotterdam_unit.geojson: {len(out0)} municipalities "
        f"(the plan's territory on {year0} boundaries), from edwindj gemeente_{year0}."
    )

    feats24 = {f["properties"]["statcode"]: f for f in raw.gemeente_features(2024)}
    parts = registry.territory(UNIT, 2024)
    out24 = []
    for part in parts:
        props = {
            "code": part.code,
            "name": feats24[part.code]["properties"]["statnaam"],
            "share": round(part.share, 4),
        }
        if part.share < 1:
            props["share_low"], props["share_high"] = (round(v, 4) for v in part.share_range)
        out24.append(
            {"type": "Feature", "geometry": feats24[part.code]["geometry"], "properties": props}
        )
    write_bytes_if_changed(
        folder / "municipalities_2024_rotterdam_unit.geojson", feature_collection(out24)
    )
    partial = [f"{p.code} {p.name} ({p.share:.0%})" for p in parts if p.share < 1]
    notes.append(
        f"municipalities_2024_rotterdam_unit.geojson: {len(out24)} municipalities on 2024 "
        f"boundaries covering the plan's territory; partly: {', '.join(partial) or '-'}."
    )

    nl24 = raw.path("luc4sdreyer_dutch_demographics", "nl_gemeenten_2024.geojson").read_bytes()
    write_bytes_if_changed(folder / "municipalities_2024_nl.geojson", nl24)
    notes.append("municipalities_2024_nl.geojson: copied unchanged (342 municipalities).")

    for level, year, feats in [
        ("wijken", 2016, raw.json("edwindj_nl_maps", "wgs84", "wijk_2016.geojson")["features"]),
        (
            "buurten",
            2015,
            decode_topojson(
                raw.json("edwindj_nl_maps", "wgs84", "buurt_2015.topojson"), "buurt_2015"
            ),
        ),
    ]:
        gms = {p.code for p in registry.territory(UNIT, year)}
        sel = [
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    "code": f["properties"]["statcode"],
                    "name": f["properties"]["statnaam"],
                    "municipality": "GM" + f["properties"]["statcode"][2:6],
                },
            }
            for f in feats
            if "GM" + f["properties"]["statcode"][2:6] in gms
        ]
        sel.sort(key=lambda f: f["properties"]["code"])
        name = f"{level}_{year}_rotterdam_unit.geojson"
        write_bytes_if_changed(folder / name, feature_collection(sel))
        empty = sum(1 for f in sel if f["geometry"] is None)
        notes.append(
            f"{name}: {len(sel)} {level} of the {len(gms)} municipalities of the "
            f"territory on {year} boundaries"
            + (f"; {empty} without geometry in the source (null geometry)" if empty else "")
        )
    return notes


def boundaries_provenance(
    table, table_checks, mergers, split_notes, weights, subareas, geo_checks
) -> str:
    unit_rows = mergers[
        mergers.successor_name.isin(
            ["Nissewaard", "Hoeksche Waard", "Molenlanden", "Vijfheerenlanden", "Voorne aan Zee"]
        )
    ]
    unit_list = "\n".join(
        f"| {r.first_year} | {r.predecessor} {r.predecessor_name} | {r.successor} "
        f"{r.successor_name} | {r.area_share:.3f} | {r.kind} |"
        for r in unit_rows.itertuples()
    )
    splits = mergers[mergers.kind == "split"]
    split_list = "\n".join(
        f"- {r.first_year}: {r.predecessor} {r.predecessor_name} -> "
        f"{r.successor} {r.successor_name} ({r.area_share:.1%} of the area)"
        for r in splits.itertuples()
    )
    return f"""# Boundaries: municipality codes 2010-2025, mergers, wijk/buurt codes, geometries

Generated by `scripts/prepare_datasets` (step `boundaries`); do not edit by hand.

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
{chr(10).join("  - " + g for g in geo_checks)}
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
{chr(10).join("- " + s for s in split_notes) or "- none"}

## Checks
{chr(10).join("- " + c for c in table_checks)}
- {len(mergers)} merger rows over {mergers.predecessor.nunique()} disappeared municipalities;
  every successor exists in the year of the merger.
"""
