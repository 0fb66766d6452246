# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Step ``rotterdam_straatroven_2011_2012``: street robberies Rotterdam-Rijnmond 2011-2012
(sherkd): the incidents and their aggregates."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pandas as pd

from prepare_datasets.boundaries import decode_topojson, project_xy
from prepare_datasets.common import (
    Raw,
    check,
    csv_text,
    facts_frame,
    gzip_bytes,
    write_bytes_if_changed,
    write_dataset,
)
from prepare_datasets.municipalities import Municipalities
from safetyplan.areas.names import normalise_name

# Place names (woonplaatsen) in the police file -> municipality on 2011/2012 boundaries.
PLACE_MUNICIPALITY = {
    "ROTTERDAM": "Rotterdam",
    "HOOGVLIET ROTTERDAM": "Rotterdam",
    "PERNIS ROTTERDAM": "Rotterdam",
    "ROZENBURG ZH": "Rotterdam",
    "SCHIEDAM": "Schiedam",
    "VLAARDINGEN": "Vlaardingen",
    "SPIJKENISSE": "Spijkenisse",
    "CAPELLE AAN DEN IJSSEL": "Capelle aan den IJssel",
    "BARENDRECHT": "Barendrecht",
    "RIDDERKERK": "Ridderkerk",
    "HELLEVOETSLUIS": "Hellevoetsluis",
    "POORTUGAAL": "Albrandswaard",
    "RHOON": "Albrandswaard",
    "MAASSLUIS": "Maassluis",
    "BERGSCHENHOEK": "Lansingerland",
    "BERKEL EN RODENRIJS": "Lansingerland",
    "BRIELLE": "Brielle",
    "ZUIDLAND": "Bernisse",
    "GEERVLIET": "Bernisse",
    "ROCKANJE": "Westvoorne",
    "OOSTVOORNE": "Westvoorne",
    "OUDDORP ZH": "Goedereede",
    "SOMMELSDIJK": "Middelharnis",
}
MONTHS = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "May": 5,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
RAW_LEADING = [
    "voorval_nr",
    "registratie_begindatum",
    "maandnaam",
    "gem_week",
    "gem_datum",
    "dagsoort",
    "dagdeel",
    "binnen_24uur",
    "pleeg_begindatum",
    "pleeg_begintijd",
    "pleeg_einddatum",
    "pleeg_eindtijd",
    "mk_code",
    "mk_omschrijving",
    "plaats",
    "district",
    "wijk",
    "buurt",
    "subbuurt",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "soort_locatie",
    "poging_tot",
    "opgelost",
]


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
    path = raw.path(
        "sherkd_rotterdam_straatroven_2011_2012",
        "straatroven_rotterdam_rijnmond_2011_2012_clean.csv",
    )
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
    feats += [
        f
        for f in decode_topojson(
            raw.json("edwindj_nl_maps", "wgs84", "buurt_2015.topojson"), "buurt_2015"
        )
        if f["geometry"] is not None
    ]
    lines = []
    for place, muni in sorted(PLACE_MUNICIPALITY.items()):
        word = normalise_name(place.replace(" ZH", "").replace(" ROTTERDAM", ""))
        code = munis.code_for(muni, 2012, "places")
        if word == normalise_name(muni):
            continue  # the place is the municipality's own name
        hits = [
            f for f in feats if f" {word} " in f" {normalise_name(f['properties']['statnaam'])} "
        ]
        if not hits:  # 'Berkel en Rodenrijs': areas are named 'Berkel Dorp', 'Rodenrijs'
            word = word.split()[0]
            hits = [
                f
                for f in feats
                if f" {word} " in f" {normalise_name(f['properties']['statnaam'])} "
            ]
        inside = 0
        for f in hits:
            centre = shapely.transform(
                shape(f["geometry"]).representative_point(), lambda xy: project_xy(to_rd, xy)
            )
            inside += bool(geoms[2012][code].contains(centre))
        check(inside > 0, f"place {place}: no wijk/buurt named '{word}' inside {muni} ({code})")
        lines.append(
            f"{place} -> {muni} {code} ({inside} of {len(hits)} areas named "
            f"'{word}' lie inside its 2012 polygon)"
        )
    return lines


def prepare_straatroven(raw: Raw, out: Path, munis: Municipalities, geoms) -> None:
    data, stats = _load_incidents(raw)
    place_lines = check_places(raw, munis, geoms)
    buurt_index = _buurt_codes_2015(raw)
    rows, dropped = [], defaultdict(int)
    for r in data.to_dict("records"):
        if r["mk_code"] != "B70":
            dropped[
                f"not a street robbery (mk_code '{r['mk_code']}', '{r['mk_omschrijving']}')"
            ] += 1
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
        rows.append(
            {
                "id": r["voorval_nr"].strip(),
                "occurred_at": occurred,
                "crime_type": "1.4.6",
                "municipality": code,
                "buurt": hits[0] if len(hits) == 1 else "",
                "wijk_name": wijk,
                "buurt_name": buurt_name,
                "police_district": r["district"].replace("DISTRICT", "").strip(),
                "pc4": r["postcode"].strip()[:4]
                if re.match(r"\d{4}", r["postcode"].strip())
                else "",
                "registered_on": (_parse_date(r["registratie_begindatum"]) or pd.NaT),
                "attempt": {"J": True, "N": False}.get(r["poging_tot"].strip()),
                "solved": {"J": True, "N": False}.get(r["opgelost"].strip()),
                "solved_code": r["opgelost"].strip(),
                "parse_issue": int(r.get("parse_issue") or 0),
            }
        )
    inc = pd.DataFrame(rows)
    inc["registered_on"] = inc["registered_on"].map(
        lambda d: "" if pd.isna(d) else d.strftime("%Y-%m-%d")
    )
    check(inc["id"].is_unique, "incident ids are not unique")
    inc = inc.sort_values(["occurred_at", "id"]).reset_index(drop=True)
    folder = out / "rotterdam_straatroven_2011_2012"
    write_bytes_if_changed(folder / "incidents.csv.gz", gzip_bytes(csv_text(inc)))

    inc["year"] = inc.occurred_at.str[:4]
    inc["month"] = inc.occurred_at.str[:7]
    facts_rows = []
    present = sorted(set(inc.municipality))
    for key, periods in [
        ("year", ["2011", "2012"]),
        ("month", [f"{y}-{m:02d}" for y in (2011, 2012) for m in range(1, 13)]),
    ]:
        grouped = inc.groupby(["municipality", key])
        reg = grouped.size()
        clr = grouped["solved"].apply(lambda s: int((s == True).sum()))  # noqa: E712
        for gm in present:
            for period in periods:
                facts_rows.append(
                    (gm, period, "registered:pol:1.4.6", int(reg.get((gm, period), 0)), False)
                )
                facts_rows.append(
                    (gm, period, "cleared:pol:1.4.6", int(clr.get((gm, period), 0)), False)
                )
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

Generated by `scripts/prepare_datasets`; do not edit by hand.

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
and all free-text fields. In {stats["repaired"]} records (parse_issue
{"/".join(stats["repaired_issue"])}) the raw file still holds the whole source line in
`voorval_nr`, including those fields and a licence plate; the script re-reads only the leading
structured fields of those lines (up to `opgelost`), truncates the postcode to PC4 and discards
the rest (without this the 4 records would have no date, place or outcome). Street names are
not shipped.

## Conversion
- {stats["raw_rows"]:,} raw rows; left out:
{dropped_lines}
- Place -> municipality (2011/2012 boundaries). Checked against the boundary files: wijken and
  buurten of 2015 named after the place lie inside the municipality's 2012 polygon:
{chr(10).join("  - " + line for line in place_lines)}

## Checks
- Robberies per year (occurrence date): {", ".join(f"{y}: {v:,}" for y, v in per_year.items())}
  (raw provenance by gem_datum: 1,374 / 1,422);
  {len(out_of_range)} with a date outside 2011-2012 are kept as incidents but not in the facts.
- opgelost per year: {", ".join(f"{y} {c}: {v:,}" for (y, c), v in solved.items())}
  (raw provenance: J 363 / N 994 / D 17 in 2011; J 254 / N 1,163 / D 5 in 2012; the
  differences are the re-read records and the 3 rows left out).
- Per municipality: {muni_lines}.
- Whether the set is complete against the registered 1.4.6 counts could not be verified (no
  municipal 1.4.6 series for 2011-2012 in the raw data).
"""
    write_dataset(out, "rotterdam_straatroven_2011_2012", facts, provenance)
