# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Issue 19 item 3: every goal without figures says where they come from.

Done when every "no data" goal of the Rotterdam plan names its public table and the command
that loads it, or says that none exists (and gives the region's own route)."""

import gzip
import shlex
from pathlib import Path

import pandas as pd
import pytest

from safetyplan.errors import SafetyplanError
from safetyplan.monitor import evaluate_plan
from safetyplan.plan import load_plan, parse_plan
from safetyplan.sources.bundled import bundled_sources, load_bundled
from safetyplan.sources.catalogue import hints_for, load_catalogue, parse_catalogue
from safetyplan.sources.statline import KNOWN_TABLES
from safetyplan.warehouse import Warehouse

from ..cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"
DATASETS = ROOT / "src" / "safetyplan" / "datasets"


@pytest.fixture(scope="module")
def rotterdam_results(tmp_path_factory):
    if not bundled_sources():
        pytest.skip("no shipped datasets in this checkout")
    path = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    plan = load_plan(ROTTERDAM)
    with Warehouse.open(path) as wh:
        load_bundled(wh)
        return [
            r
            for year in range(plan.period.start, plan.period.end + 1)
            for r in evaluate_plan(plan, wh, year, plan_file=str(ROTTERDAM))
        ]


def test_every_rotterdam_goal_without_figures_names_its_source_or_says_none(rotterdam_results):
    without = [r for r in rotterdam_results if r.actual is None]
    assert {r.goal for r in without} >= {
        "overvallen",
        "straatroof",
        "overvallen-opheldering",
        "straatroof-opheldering",
        "woninginbraak-opheldering",
        "onveilig-algemeen",
        "onveilig-buurt",
        "tevredenheid-contact",
        "afpakken",
    }
    for r in without:
        assert r.fill, f"{r.goal} {r.year}: no fill hint"
        for hint in r.fill:
            if hint["public"]:
                assert hint["table"] in KNOWN_TABLES, hint
                assert hint["commands"] == [
                    f"safetyplan ingest statline {hint['table']} --region GM"
                ]
                assert hint["table"] in hint["text_nl"] and hint["table"] in hint["text_en"]
            else:
                assert hint["text_nl"].startswith(("Geen openbare tabel", "Geen tabel die"))
                assert hint["text_en"].startswith(("No public table", "No table"))
                assert hint["commands"] == [
                    f"safetyplan plan template {ROTTERDAM} --goal {r.goal} --out {r.goal}.csv",
                    f"safetyplan ingest facts {r.goal}.csv --source eigen-{r.goal}",
                ]


def test_goals_with_figures_carry_no_hint(rotterdam_results):
    with_figures = [r for r in rotterdam_results if r.actual is not None]
    assert with_figures  # burglary on 47018NED
    assert all(r.fill == [] for r in with_figures)


def test_hints_name_only_the_measures_that_are_missing(rotterdam_results):
    burglary_rate = next(r for r in rotterdam_results if r.goal == "woninginbraak-opheldering")
    # registered burglaries are in the warehouse (47018NED); only the cleared ones are missing
    assert [h["measure"] for h in burglary_rate.fill] == ["cleared:pol:1.1.1"]
    street = next(
        r for r in rotterdam_results if r.goal == "straatroof-opheldering" and r.year == 2018
    )
    assert [h["measure"] for h in street.fill] == ["cleared:pol:1.4.6", "registered:pol:1.4.6"]


def test_police_clearance_is_never_public():
    for code in ("1.1.1", "1.4.6", "1.4.7", "3.1.1"):
        (hint,) = hints_for([f"cleared:pol:{code}"], goal="g")
        assert not hint.public and hint.table is None
        assert "alleen geregistreerde misdrijven" in hint.text_nl
        assert "registered crimes only" in hint.text_en


def test_robbery_clearance_proxy_is_cbs_1_1_1_with_its_differences():
    for code in ("1.4.6", "1.4.7"):
        (hint,) = hints_for([f"cleared:pol:{code}"], goal="g")
        assert "eigen cijfers van de politie" in hint.text_nl
        proxy = hint.proxy
        assert proxy.table == "83648NED" and proxy.table in KNOWN_TABLES
        assert proxy.measures == ["cleared:cbs:1.1.1", "registered:cbs:1.1.1"]
        assert proxy.commands == ["safetyplan ingest statline 83648NED --region GM"]
        assert "samen" in proxy.text_nl and "together" in proxy.text_en
        assert proxy.differences_nl.startswith("Verschil:")
        assert proxy.differences_en.startswith("Difference:")


def test_burglary_clearance_has_no_proxy_and_says_so():
    (hint,) = hints_for(["cleared:pol:1.1.1"], goal="g")
    assert hint.proxy is None
    assert "geen verdedigbare benadering" in hint.text_nl
    assert "no defensible approximation" in hint.text_en


def _shipped(source: str) -> pd.DataFrame:
    with gzip.open(DATASETS / source / "facts.csv.gz", "rt", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype={"period": str})


def _value(df: pd.DataFrame, area: str, period: str, measure: str) -> int:
    row = df[(df["area"] == area) & (df["period"] == period) & (df["measure"] == measure)]
    assert len(row) == 1, (area, period, measure)
    return int(row["value"].iloc[0])


def test_the_figures_quoted_in_the_catalogue_are_the_shipped_data():
    if not bundled_sources():
        pytest.skip("no shipped datasets in this checkout")
    cbs = _shipped("cbs_83648ned_provincie")
    pol = _shipped("politie_47018ned_nl")
    robbery_cbs = _value(cbs, "NL01", "2015", "registered:cbs:1.1.1")
    theft_cbs = _value(cbs, "NL01", "2015", "registered:cbs:1.1.2")
    street = _value(pol, "NL01", "2015", "registered:pol:1.4.6")
    robbery = _value(pol, "NL01", "2015", "registered:pol:1.4.7")
    burglary = _value(pol, "NL01", "2015", "registered:pol:1.1.1")
    (proxy_hint,) = hints_for(["cleared:pol:1.4.6"])
    nl, en = proxy_hint.proxy.differences_nl, proxy_hint.proxy.differences_en
    assert f"{robbery_cbs:,}".replace(",", ".") in nl and f"{robbery_cbs:,}" in en
    assert f"{street + robbery:,}".replace(",", ".") in nl and f"{street + robbery:,}" in en
    assert f"{street:,}".replace(",", ".") in nl and f"{robbery:,}" in en
    (burglary_hint,) = hints_for(["cleared:pol:1.1.1"])
    assert f"{theft_cbs:,}".replace(",", ".") in burglary_hint.text_nl
    assert f"{burglary:,}" in burglary_hint.text_en


def test_every_measure_gets_a_hint_and_plan_ids_fall_back_to_own_figures():
    (hint,) = hints_for(["afpakken"], goal="afpakken", plan_file="plans/x.yaml")
    assert not hint.public
    assert "'afpakken'" in hint.text_nl
    assert (
        hint.commands[0] == "safetyplan plan template plans/x.yaml --goal afpakken "
        "--out afpakken.csv"
    )
    assert len(load_catalogue().entries) >= 6


@pytest.mark.parametrize(
    "text, problem",
    [
        ("entries: [{match: ['*'], kind: maybe, text_nl: a, text_en: b}]", "kind moet een van"),
        (
            "entries: [{match: ['*'], kind: public, text_nl: a, text_en: b}]",
            "'table' en 'commands' nodig",
        ),
        ("entries: [{match: ['*'], kind: own, text_nl: a}]", "ontbreekt of is onjuist"),
        ("entries: []", "geen regels"),
        ("entries: [", "geen geldige YAML"),
    ],
)
def test_a_broken_catalogue_names_the_place(text, problem):
    with pytest.raises(SafetyplanError, match=problem) as err:
        parse_catalogue(text, "my-catalogue.yaml")
    assert "my-catalogue.yaml" in str(err.value)


ONE_MUNICIPALITY_PLAN = """
id: rotterdam-stad
title: Rotterdam (gemeente)
region: {name: Rotterdam, municipalities: [GM0599], boundaries_year: 2018}
period: {start: 2015, end: 2018}
reference_year: 2015
themes: [{id: hic, name: HIC}]
indicators:
  - {id: woninginbraak, name: Woninginbraken, unit: count, kind: count, direction: lower,
     measure: "registered:pol:1.1.1"}
goals:
  - {id: woninginbraak, indicator: woninginbraak, baseline: {year: 2015, value: 3419},
     target: {year: 2018, value: 2500}}
"""


def test_the_public_hints_command_fills_the_goal(statline, tmp_path, monkeypatch, capsys):
    """Run the command the hint names (StatLine replayed from tests/fixtures) and the goal
    has its figure."""
    plan = parse_plan(ONE_MUNICIPALITY_PLAN, "plan.yaml")
    path = tmp_path / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        (before,) = evaluate_plan(plan, wh, 2018)
    assert before.status == "no data"
    (hint,) = before.fill
    argv = shlex.split(hint["commands"][0])
    assert argv[:3] == ["safetyplan", "ingest", "statline"]
    code, _, err = run(monkeypatch, capsys, *argv[1:], "--warehouse", str(path))
    assert code == 0, err
    with Warehouse.open(path, read_only=True) as wh:
        (after,) = evaluate_plan(plan, wh, 2018)
    assert after.actual == 2068  # Rotterdam 1.1.1 in 2018 in the recorded 47018NED response
    assert after.fill == [] and after.status == "achieved"


PROVINCE_CLEARANCE_PLAN = """
id: zuid-holland
title: Zuid-Holland (provincie)
region: {name: Zuid-Holland, municipalities: [GM0599], boundaries_year: 2015}
period: {start: 2015, end: 2018}
reference_year: 2015
themes: [{id: hic, name: HIC}]
indicators:
  - {id: overvallen-opheldering, name: Oplossingspercentage overvallen, unit: percent,
     kind: ratio, direction: higher, numerator: "cleared:pol:1.4.7",
     denominator: "registered:pol:1.4.7", area: PV28}
goals:
  - {id: overvallen-opheldering, indicator: overvallen-opheldering,
     baseline: {year: 2015, value: 40}, target: {year: 2018, value: 45}}
"""


def test_the_proxy_command_loads_a_figure_the_monitor_shows_as_context(
    statline, tmp_path, monkeypatch, capsys
):
    """Run the proxy's command (83648NED replayed): the hint then carries CBS 1.1.1's
    clearance rate for the area, while the goal itself stays 'no data'."""
    plan = parse_plan(PROVINCE_CLEARANCE_PLAN, "plan.yaml")
    path = tmp_path / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        (before,) = evaluate_plan(plan, wh, 2015)
    proxy = before.fill[0]["proxy"]
    assert proxy["figure"] is None
    code, _, err = run(
        monkeypatch, capsys, *shlex.split(proxy["commands"][0])[1:], "--warehouse", str(path)
    )
    assert code == 0, err
    with Warehouse.open(path, read_only=True) as wh:
        (after,) = evaluate_plan(plan, wh, 2015)
    assert after.status == "no data" and after.actual is None  # never the goal's figure
    figure = after.fill[0]["proxy"]["figure"]
    # Zuid-Holland 2015, CBS 1.1.1 in the recorded 83648NED response: 1,020 of 2,715 cleared
    assert (figure["cleared"], figure["registered"]) == (1020, 2715)
    assert figure["value"] == pytest.approx(100 * 1020 / 2715)
    assert figure["source"] == "statline_83648ned"


def test_a_hint_speaks_the_active_language(monkeypatch):
    from safetyplan import i18n

    (hint,) = hints_for(["afpakken"], goal="afpakken", plan_file="plans/x.yaml")
    try:
        i18n.activate("en")
        assert hint.text() == hint.text_en
        assert hint.text("nl") == hint.text_nl != hint.text_en
        i18n.activate("nl")
        assert hint.text() == hint.text_nl
    finally:
        i18n.activate(None)
