# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The demo scenarios on the real 47018NED data of the Rotterdam unit's municipalities."""

import pandas as pd
import pytest

from safetyplan import settings
from safetyplan.allocation import compare, load_scenario, run_scenario
from safetyplan.allocation.scenario import Basis
from safetyplan.areas import load_registry
from safetyplan.sources.facts_csv import read_facts_csv
from safetyplan.warehouse import Warehouse

from .allocation_cases import ROOT

SCENARIOS = ROOT / "scenarios"
DEMO = SCENARIOS / "rotterdam-demo.yaml"
CBS_47018 = settings.DATASETS_DIR / "cbs_47018ned_gemeente" / "facts.csv.gz"


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return read_facts_csv(CBS_47018).facts


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, facts):
    path = tmp_path_factory.mktemp("demo") / "wh.duckdb"
    with Warehouse.open(path) as wh:
        wh.load_facts(facts, source="cbs_47018ned_gemeente")
        yield wh


@pytest.fixture(scope="module")
def demo(warehouse):
    return run_scenario(load_scenario(DEMO), wh=warehouse)


def test_the_demo_divides_exactly_what_is_left_after_the_fixed_part(demo):
    s = demo.scenario
    assert sum(u.fte for u in demo.units) == s.total_fte.value - s.fixed_fte
    for u in demo.units:
        assert u.fte >= u.min_fte and float(u.fte).is_integer()
        assert sum(u.drivers.values()) + u.bounds_effect + u.rounding == pytest.approx(u.fte)


def test_the_demo_is_deterministic(warehouse, demo):
    again = run_scenario(load_scenario(DEMO), wh=warehouse)
    assert again.fte() == demo.fte()
    assert again.to_dict() == demo.to_dict()


def test_every_figure_not_read_from_data_is_labelled_an_assumption(demo, lang):
    s = demo.scenario
    assert s.total_fte.basis is Basis.assumption
    assert "ruim 6.000 politieprofessionals" in s.total_fte.note
    assert all(f.basis is Basis.assumption for f in s.fixed)
    assert all(i.hours_basis is Basis.assumption for d in s.drivers for i in d.items)
    lines = demo.to_dict()["assumptions"]
    assert any(line.startswith("Totaal 6.000 fte: aanname — ") for line in lines)


def test_the_units_are_the_unit_territory_on_2024_boundaries():
    scenario = load_scenario(DEMO)
    territory = {p.code: p for p in load_registry().territory("RE07", 2024)}
    shares = {code: share for u in scenario.units for code, share in u.area_shares()}
    assert set(shares) == set(territory)
    for code, part in territory.items():
        # the scenario states the registry's estimate for partly included municipalities
        assert shares[code] == pytest.approx(part.share, abs=0.0005), code


def test_the_workload_is_read_from_the_real_figures(demo, facts):
    rotterdam = facts[
        (facts.area == "GM0599")
        & (facts.measure == "registered:pol:1.1.1")
        & facts.period.isin(["2021", "2022", "2023"])
    ]
    assert len(rotterdam) == 3
    assert demo.quantities.of("woninginbraak", "GM0599") == pytest.approx(rotterdam.value.mean())
    population = facts[
        (facts.area == "GM1961") & (facts.measure == "population") & (facts.period == "2023")
    ].value.iloc[0]
    assert demo.quantities.of("inwoners", "GM1961") == pytest.approx(0.636 * population)
    assert demo.quantities.years == (2021, 2022, 2023)
    assert demo.quantities.sources == ("cbs_47018ned_gemeente",)


def test_higher_priorities_never_take_from_the_unit_where_those_themes_weigh_most(warehouse, demo):
    variant = run_scenario(
        load_scenario(SCENARIOS / "rotterdam-demo-prioriteiten.yaml"), wh=warehouse
    )
    result = compare(demo, variant)
    assert sum(r.shift for r in result.rows) == 0
    themed = ("woninginbraak", "drugshandel")
    ratio = {u.id: sum(u.items[i] for i in themed) / u.proportional_fte for u in demo.units}
    most = max(ratio, key=ratio.get)
    assert variant.unit(most).quota_fte >= demo.unit(most).quota_fte
    assert variant.unit(most).fte >= demo.unit(most).fte


def test_the_population_variant_uses_population_only(warehouse, demo):
    variant = run_scenario(load_scenario(SCENARIOS / "rotterdam-demo-inwoners.yaml"), wh=warehouse)
    assert [d.weight for d in variant.scenario.drivers] == [0, 1, 0, 0]
    assert variant.driver_totals["inwoners"] == pytest.approx(100)
    assert sum(u.fte for u in variant.units) == sum(u.fte for u in demo.units)


def test_the_demo_tables_speak_one_language(demo, lang):
    from rich.console import Console

    from safetyplan.cli.allocate_cmd import allocation_table, drivers_table
    from tests.i18n.language_check import assert_only

    def rendered() -> str:
        console = Console(record=True, width=250)
        console.print(allocation_table(demo))
        console.print(drivers_table(demo))
        return console.export_text()

    dutch = rendered()
    assert "Geregistreerde criminaliteit" in dutch and "Woninginbraak (1.1.1)" in dutch
    assert "Registered crime" not in dutch
    assert_only("nl", dutch)
    lang("en")
    english = rendered()
    assert "Registered crime" in english and "Residential burglary (1.1.1)" in english
    assert "Police unit Rotterdam — division by workload" in english
    for dutch_word in ("Geregistreerde", "Woninginbraak", "verdeling", "Werklast", "Eenheid"):
        assert dutch_word not in english
    assert_only("en", english)
