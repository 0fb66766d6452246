# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Every shipped dataset is well-formed, uses valid codes and says where it comes from."""

from __future__ import annotations

import gzip
import json
import re

import pandas as pd
import pytest

from .conftest import DATASETS, facts_dirs, shipped_facts

FACT_COLUMNS = ["area", "period", "measure", "value", "provisional"]
AREA = re.compile(r"^(NL01|PV\d{2}|RE\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")
PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3]))?$")
MEASURE = re.compile(
    r"^((registered|cleared|suspects):(pol|cbs):(totaal|\d+(\.\d+)*)"
    r"|population|survey:vm:[a-z0-9_]+(:margin)?)$"
)
SOURCES = [p.name for p in facts_dirs()]


def test_the_expected_sources_ship():
    assert {
        "cbs_47018ned_gemeente",
        "politie_47018ned_nl",
        "cbs_83648ned_gemeente",
        "cbs_83648ned_provincie",
        "cbs_vm_provincie",
        "cbs_83648ned_opgehelderd_2022",
        "politie_misdrijven_2022_2024",
        "pages_benchmarks_rotterdam",
        "rotterdam_straatroven_2011_2012",
    } <= set(SOURCES)


@pytest.mark.parametrize("source", SOURCES)
def test_facts_have_the_schema(source):
    with gzip.open(DATASETS / source / "facts.csv.gz", "rt", encoding="utf-8") as fh:
        header = fh.readline().strip().split(",")
    assert header == FACT_COLUMNS
    facts = pd.read_csv(DATASETS / source / "facts.csv.gz", dtype=str, keep_default_na=False)
    assert len(facts) > 0
    assert facts["area"].str.match(AREA).all()
    assert facts["period"].str.match(PERIOD).all()
    bad = facts.loc[~facts["measure"].str.match(MEASURE), "measure"].unique()
    assert list(bad) == []
    assert pd.to_numeric(facts["value"], errors="coerce").notna().all()
    assert set(facts["provisional"]) <= {"true", "false"}
    assert not facts.duplicated(["area", "period", "measure"]).any()


@pytest.mark.parametrize("source", SOURCES)
def test_every_area_code_is_known(registry, source):
    facts = shipped_facts(source)
    for code in facts["area"].unique():
        if code == "GM0000":  # 'niet in te delen' as 47018NED codes it
            continue
        assert registry.name(code), f"{source}: unknown area {code}"


@pytest.mark.parametrize(
    "source",
    ["cbs_83648ned_gemeente", "cbs_83648ned_opgehelderd_2022", "rotterdam_straatroven_2011_2012"],
)
def test_historic_municipality_codes_are_valid_in_their_year(registry, source):
    facts = shipped_facts(source)
    municipal = facts[facts.area.str.startswith("GM") & (facts.area != "GM0000")]
    for code, period in municipal[["area", "period"]].drop_duplicates().itertuples(index=False):
        assert registry.is_municipality(code, int(period[:4])), (code, period)


def test_47018ned_crime_is_on_2024_boundaries(registry):
    facts = shipped_facts("cbs_47018ned_gemeente")
    crime = facts[facts.measure.str.startswith("registered")]
    assert set(crime.area) - {"GM0000"} == set(registry.municipalities(2024))


def test_percentages_are_between_0_and_100():
    facts = shipped_facts("cbs_vm_provincie")
    assert facts.value.between(0, 100).all()
    assert facts[facts.measure == "survey:vm:onveilig_algemeen"].value.min() > 10


@pytest.mark.parametrize("folder", [*SOURCES, "boundaries", "regions"])
def test_every_folder_states_its_provenance_and_licence(folder):
    text = (DATASETS / folder / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "## Origin" in text or "Source" in text
    assert re.search(r"[Ll]icen[cs]e", text)
    assert re.search(r"commit\s+[0-9a-f]{40}|Not a repository file|hand-written", text)


def test_shipped_data_stay_small():
    total = sum(p.stat().st_size for p in DATASETS.rglob("*") if p.is_file())
    assert total < 15 * 1024 * 1024


def test_incidents_have_the_canonical_columns(registry):
    path = DATASETS / "rotterdam_straatroven_2011_2012" / "incidents.csv.gz"
    inc = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert {"id", "occurred_at", "crime_type", "municipality", "buurt", "solved", "attempt"} <= set(
        inc.columns
    )
    assert inc["id"].is_unique
    assert pd.to_datetime(inc["occurred_at"], format="ISO8601").notna().all()
    assert set(inc["solved"]) <= {"true", "false", ""}
    assert set(inc["attempt"]) <= {"true", "false", ""}
    for code, day in inc[["municipality", "occurred_at"]].itertuples(index=False):
        assert registry.is_municipality(code, int(day[:4]))
    buurt = inc.loc[inc.buurt != "", ["buurt", "municipality"]]
    assert (buurt.buurt.str[2:6] == buurt.municipality.str[2:6]).all()
    # no privacy-sensitive columns
    assert not {"straat", "huisnummer", "postcode", "geslacht", "leeftijd"} & set(inc.columns)
    assert inc["pc4"].str.fullmatch(r"(\d{4})?").all()


def test_incident_aggregates_match_the_incidents():
    inc = pd.read_csv(
        DATASETS / "rotterdam_straatroven_2011_2012" / "incidents.csv.gz",
        dtype=str,
        keep_default_na=False,
    )
    facts = shipped_facts("rotterdam_straatroven_2011_2012")
    inc["month"] = inc.occurred_at.str[:7]
    for (code, month), group in inc.groupby(["municipality", "month"]):
        row = facts[(facts.area == code) & (facts.period == month)].set_index("measure")["value"]
        assert row["registered:pol:1.4.6"] == len(group)
        assert row["cleared:pol:1.4.6"] == (group.solved == "true").sum()
    yearly = facts[facts.period.str.len() == 4]
    assert yearly[yearly.measure == "registered:pol:1.4.6"].value.sum() == len(inc)


def _features(name):
    return json.loads((DATASETS / "boundaries" / name).read_text(encoding="utf-8"))["features"]


def test_unit_maps_cover_the_territory(registry):
    unit = registry.region("RE07")
    old = _features("municipalities_2014_rotterdam_unit.geojson")
    assert sorted(f["properties"]["code"] for f in old) == sorted(unit.municipalities)
    new = {
        f["properties"]["code"]: f["properties"]
        for f in _features("municipalities_2024_rotterdam_unit.geojson")
    }
    parts = {p.code: p.share for p in registry.territory("RE07", 2024)}
    assert {c: p["share"] for c, p in new.items()} == pytest.approx(parts, abs=1e-4)
    assert len(_features("municipalities_2024_nl.geojson")) == len(registry.municipalities(2024))


@pytest.mark.parametrize(
    ("name", "year"),
    [("wijken_2016_rotterdam_unit.geojson", 2016), ("buurten_2015_rotterdam_unit.geojson", 2015)],
)
def test_wijk_and_buurt_maps_stay_inside_the_territory(registry, name, year):
    feats = _features(name)
    territory = {p.code for p in registry.territory("RE07", year)}
    assert {f["properties"]["municipality"] for f in feats} == territory
    for f in feats:
        assert registry.name(f["properties"]["code"]) == f["properties"]["name"]
        geom = f["geometry"]
        if geom is not None:  # WGS84 around Rotterdam
            lon, lat = _first_point(geom["coordinates"])
            assert 3.5 < lon < 5.5 and 51.5 < lat < 52.2


def _first_point(coords):
    while isinstance(coords[0], list):
        coords = coords[0]
    return coords
