# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Vijfheerenlanden: only Leerdam and Zederik belong to the plan's territory, Vianen does not.

The share is estimated from real data (83648NED registered crime and 70072ned population of
the three former municipalities) and the notes say so; the range is the spread over years and
measures."""

from __future__ import annotations

import pytest

from .conftest import fact_values, shipped_facts

CRIME_BASES = [
    "registered:cbs:totaal",
    "registered:cbs:1",
    "registered:cbs:2",
    "registered:cbs:3",
    "registered:cbs:5",
]


@pytest.fixture(scope="module")
def codes(registry):
    return {n: registry.lookup(n) for n in ("Leerdam", "Zederik", "Vianen", "Vijfheerenlanden")}


def _shares(codes, source, measures, years, minimum=0):
    out = {}
    for measure in measures:
        for year in years:
            v = fact_values(source, measure, str(year))
            inside = v[codes["Leerdam"]] + v[codes["Zederik"]]
            total = inside + v[codes["Vianen"]]
            if total >= minimum:
                out[(measure, year)] = (inside, total)
    return out


def test_partial_weight_is_the_share_of_registered_crime(registry, plan_territory, codes):
    crime = _shares(codes, "cbs_83648ned_gemeente", CRIME_BASES, range(2013, 2018), 100)
    population = _shares(codes, "cbs_47018ned_gemeente", ["population"], range(2012, 2019))
    pooled = [crime[("registered:cbs:totaal", y)] for y in range(2013, 2018)]
    expected = sum(i for i, _ in pooled) / sum(t for _, t in pooled)
    every = [i / t for i, t in [*crime.values(), *population.values()]]

    comp = registry.compose(
        plan_territory, registry.municipalities(2024), 2018, measure="registered:pol:1.1.1"
    )
    vhl = codes["Vijfheerenlanden"]
    assert comp.weights[vhl] == pytest.approx(expected)
    assert comp.weight_ranges[vhl] == pytest.approx((min(every), max(every)))
    assert comp.approximate


def test_population_figures_use_the_population_share(registry, plan_territory, codes):
    population = _shares(codes, "cbs_47018ned_gemeente", ["population"], range(2012, 2019))
    expected = sum(i for i, _ in population.values()) / sum(t for _, t in population.values())
    comp = registry.compose(
        plan_territory, registry.municipalities(2024), 2020, measure="population"
    )
    vhl = codes["Vijfheerenlanden"]
    assert comp.weights[vhl] == pytest.approx(expected)
    low, high = comp.weight_ranges[vhl]
    shares = [i / t for i, t in population.values()]
    assert (low, high) == pytest.approx((min(shares), max(shares)))


@pytest.mark.parametrize(("lang", "words"), [("nl", ["bandbreedte"]), ("en", ["range"])])
def test_the_notes_say_what_is_counted_and_where_the_share_comes_from(
    monkeypatch, registry, plan_territory, lang, words
):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    comp = registry.compose(plan_territory, registry.municipalities(2024), 2018)
    note = next(n for n in comp.notes if "Vijfheerenlanden" in n)
    for word in ("Leerdam + Zederik", "Vianen", "83648NED", "2013-2017", *words):
        assert word in note
    assert " / " not in note
    low, high = comp.weight_ranges[registry.lookup("Vijfheerenlanden")]
    assert f"{low:.0%}-{high:.0%}" in note


def test_vianen_alone_is_outside_the_territory(registry, plan_territory, codes):
    comp = registry.compose(plan_territory, registry.municipalities(2018), 2018)
    assert codes["Vianen"] not in comp.weights
    assert comp.weights[codes["Leerdam"]] == comp.weights[codes["Zederik"]] == 1.0
    assert not comp.approximate


def test_47018ned_has_vijfheerenlanden_only_on_2024_boundaries(codes):
    facts = shipped_facts("cbs_47018ned_gemeente")
    burglary = facts[facts.measure == "registered:pol:1.1.1"]
    assert codes["Vijfheerenlanden"] in set(burglary.area)
    assert not {codes["Leerdam"], codes["Zederik"], codes["Vianen"]} & set(burglary.area)
