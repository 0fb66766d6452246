# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Series on old and new municipal boundaries add up to the same territory, both ways."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.errors import DataError

from .conftest import fact_values

# The mergers in the plan's territory as the issue lists them: first year -> successor -> parts.
UNIT_MERGERS = {
    ("Nissewaard", 2015): {"Bernisse", "Spijkenisse"},
    ("Hoeksche Waard", 2019): {
        "Binnenmaas",
        "Cromstrijen",
        "Korendijk",
        "Oud-Beijerland",
        "Strijen",
    },
    ("Molenlanden", 2019): {"Giessenlanden", "Molenwaard"},
    ("Vijfheerenlanden", 2019): {"Leerdam", "Zederik", "Vianen"},
    ("Voorne aan Zee", 2023): {"Brielle", "Hellevoetsluis", "Westvoorne"},
}


@pytest.mark.parametrize(("successor", "year"), list(UNIT_MERGERS))
def test_merger_history_holds_the_plans_mergers(registry, successor, year):
    code = registry.lookup(successor)
    rows = registry.predecessors(code)
    assert {m.predecessor_name for m in rows} == UNIT_MERGERS[(successor, year)]
    assert {m.first_year for m in rows} == {year}
    assert all(m.area_share == 1.0 and m.kind == "merged" for m in rows)
    assert min(registry.valid_years(code)) == year


def test_territory_on_2014_codes_with_data_on_2024_codes(registry, plan_territory):
    comp = registry.compose(plan_territory, registry.municipalities(2024), 2018)
    whole = {c for c, w in comp.weights.items() if w == 1.0}
    assert comp.missing == []
    assert comp.territory_year == 2014
    for successor, _ in UNIT_MERGERS:
        if successor != "Vijfheerenlanden":
            assert registry.lookup(successor) in whole
    assert set(comp.weights) - whole == {registry.lookup("Vijfheerenlanden")}
    assert comp.approximate
    # Every municipality of the plan is in exactly one of the 2024 codes used.
    assert len(comp.weights) == 24


def test_data_on_historic_codes_before_and_after_nissewaard(registry, plan_territory):
    before = registry.compose(plan_territory, registry.municipalities(2014), 2014)
    after = registry.compose(plan_territory, registry.municipalities(2015), 2015)
    bernisse, spijkenisse, nissewaard = (
        registry.lookup(n) for n in ("Bernisse", "Spijkenisse", "Nissewaard")
    )
    assert {bernisse, spijkenisse} <= set(before.weights)
    assert nissewaard not in before.weights
    assert after.weights[nissewaard] == 1.0 and bernisse not in after.weights
    assert not before.approximate and not after.approximate
    assert len(before.weights) == 33 and len(after.weights) == 32


def test_territory_on_new_codes_with_data_on_old_codes(registry):
    """Backwards: Nissewaard (2015) from figures for Bernisse and Spijkenisse (2014)."""
    nissewaard = registry.lookup("Nissewaard")
    comp = registry.compose([nissewaard], registry.municipalities(2014), 2014)
    assert set(comp.weights) == {registry.lookup("Bernisse"), registry.lookup("Spijkenisse")}
    assert set(comp.weights.values()) == {1.0}
    assert not comp.approximate and comp.missing == []


def test_part_of_a_merged_municipality_is_weighted_by_its_registered_crime(registry):
    """Bernisse alone within Nissewaard: its share of 83648NED registered crime 2013-2014."""
    bernisse, spijkenisse, nissewaard = (
        registry.lookup(n) for n in ("Bernisse", "Spijkenisse", "Nissewaard")
    )
    inside = total = 0.0
    for year in ("2013", "2014"):
        counts = fact_values("cbs_83648ned_gemeente", "registered:cbs:totaal", year)
        inside += counts[bernisse]
        total += counts[bernisse] + counts[spijkenisse]
    comp = registry.compose([bernisse], registry.municipalities(2016), 2016)
    assert set(comp.weights) == {nissewaard}
    assert comp.weights[nissewaard] == pytest.approx(inside / total)
    low, high = comp.weight_ranges[nissewaard]
    assert low <= comp.weights[nissewaard] <= high


def test_missing_municipalities_are_named(registry, plan_territory):
    available = set(registry.municipalities(2024)) - {registry.lookup("Dordrecht")}
    comp = registry.compose(plan_territory, available, 2020)
    assert comp.missing == [registry.lookup("Dordrecht")]
    assert any("Dordrecht" in note and "onvolledig" in note for note in comp.notes)
    value, low, high = comp.total(dict.fromkeys(comp.weights, 1.0))
    assert low <= value <= high


def test_old_and_new_codes_mixed_keep_the_ones_of_that_year(registry):
    spijkenisse, nissewaard = registry.lookup("Spijkenisse"), registry.lookup("Nissewaard")
    territory = [spijkenisse, registry.lookup("Bernisse")]
    comp_2014 = registry.compose(territory, [spijkenisse, nissewaard], 2014)
    assert nissewaard not in comp_2014.weights and comp_2014.missing  # Bernisse has no data
    comp_2016 = registry.compose(territory, [spijkenisse, nissewaard], 2016)
    assert comp_2016.weights == {nissewaard: 1.0}
    with pytest.raises(DataError, match="Overlappende"):
        registry.compose(territory, [spijkenisse, nissewaard], 2030)


def test_territory_must_be_municipality_codes(registry):
    with pytest.raises(DataError, match="XX01"):
        registry.compose(["GM0599", "XX01"], ["GM0599"], 2015)
    with pytest.raises(DataError):
        registry.compose([], ["GM0599"], 2015)


def test_other_codes_in_the_figures_are_ignored(registry):
    comp = registry.compose(["GM0599"], ["GM0599", "NL01", "PV28", "GM0000", "RE07"], 2016)
    assert comp.weights == {"GM0599": 1.0}


def test_territory_on_a_years_boundaries(registry):
    parts = {p.code: p for p in registry.territory("RE07", 2024)}
    vhl = parts[registry.lookup("Vijfheerenlanden")]
    assert 0 < vhl.share < 1 and vhl.share_range[0] <= vhl.share <= vhl.share_range[1]
    assert [p.code for p in registry.territory("RE07", 2014)] == sorted(
        registry.region("RE07").municipalities
    )
    with pytest.raises(DataError, match="RE01"):
        registry.territory("RE01", 2024)


YEARS = st.sampled_from(list(range(2010, 2026)))


@settings(max_examples=25, deadline=None)
@given(YEARS, YEARS)
def test_the_whole_country_maps_onto_any_years_boundaries(registry, territory_year, data_year):
    comp = registry.compose(
        registry.municipalities(territory_year), registry.municipalities(data_year), data_year
    )
    assert comp.missing == []
    assert set(comp.weights) == set(registry.municipalities(data_year))
    assert all(w == pytest.approx(1.0) for w in comp.weights.values())


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_shares_of_disjoint_territories_add_up(registry, plan_territory, data):
    """Weights are additive: part A plus part B counts as much as A and B together."""
    part_a = data.draw(st.sets(st.sampled_from(plan_territory), min_size=1))
    rest = [c for c in plan_territory if c not in part_a]
    if not rest:
        return
    part_b = data.draw(st.sets(st.sampled_from(rest), min_size=1))
    available = registry.municipalities(data.draw(st.sampled_from([2016, 2019, 2024])))
    year = 2020
    a = registry.compose(sorted(part_a), available, year, territory_year=2014)
    b = registry.compose(sorted(part_b), available, year, territory_year=2014)
    ab = registry.compose(sorted(part_a | part_b), available, year, territory_year=2014)
    for code, weight in ab.weights.items():
        assert weight == pytest.approx(a.weights.get(code, 0) + b.weights.get(code, 0))
        assert 0 < weight <= 1
        low, high = ab.weight_ranges.get(code, (weight, weight))
        assert low <= weight <= high
