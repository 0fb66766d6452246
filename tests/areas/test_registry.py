# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The registry knows every Dutch municipality 2010-2025, by code and by (historic) name."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.areas import AreaRegistry, base_name, load_registry, normalise_name
from safetyplan.errors import DataError

from .conftest import DATASETS, PLAN_MUNICIPALITIES


def test_names_of_codes(registry):
    assert registry.name("GM0599") == "Rotterdam"
    assert registry.name("NL01") == "Nederland"
    assert registry.name("PV28") == "Zuid-Holland"
    assert registry.name("RE07") == "Politie-eenheid Rotterdam"
    assert registry.name("WK059924") == "Rotterdam-Noord-West"


def test_unknown_code_has_no_name(registry):
    assert registry.name("GM9999") is None


def test_registry_is_cached():
    assert load_registry() is load_registry()


def test_every_year_follows_from_the_previous_and_the_mergers(registry):
    """The year tables and the merger table tell the same story."""
    for year in registry.years[1:]:
        gone = {m.predecessor for m in registry.mergers if m.first_year == year}
        new = {m.successor for m in registry.mergers if m.first_year == year}
        before = set(registry.municipalities(year - 1))
        assert set(registry.municipalities(year)) == (before - gone) | new, year


def test_unknown_year_is_a_clear_error(registry):
    with pytest.raises(DataError, match="1990"):
        registry.municipalities(1990)


def test_historic_names_are_found(registry):
    bernisse = registry.lookup("Bernisse")
    assert registry.valid_years(bernisse)[-1] == 2014
    assert [m.successor_name for m in registry.successors(bernisse)] == ["Nissewaard"]


def test_spelling_variants_find_the_same_municipality(registry):
    capelle = registry.lookup("Capelle aan den IJssel")
    assert registry.lookup("Capelle a/d IJssel") == capelle
    assert registry.lookup("capelle aan den ijssel", year=2015) == capelle
    assert registry.lookup("Hengelo (O.)") == registry.lookup("Hengelo")
    assert registry.lookup("'s-Gravenhage (gemeente)") == registry.lookup("'s-Gravenhage")


def test_ambiguous_and_unknown_names_are_errors(registry):
    with pytest.raises(DataError, match="eenduidig"):
        registry.lookup("Bergen")
    with pytest.raises(DataError, match="Atlantis"):
        registry.lookup("Atlantis")
    with pytest.raises(DataError):
        registry.lookup("Nissewaard", year=2014)  # created in 2015


def test_names_of_one_year_lead_back_to_their_codes(registry):
    for year in (2012, 2019, 2024):
        for code in registry.municipalities(year):
            assert registry.lookup(registry.name(code, year), year=year) == code


def test_police_unit_rotterdam_is_the_plans_33_municipalities(registry):
    unit = registry.region("RE07")
    assert unit.year == 2014
    names = [registry.name(code, unit.year) for code in unit.municipalities]
    assert sorted(map(normalise_name, names)) == sorted(map(normalise_name, PLAN_MUNICIPALITIES))
    assert all(registry.is_municipality(code, unit.year) for code in unit.municipalities)


def test_levels_without_a_public_source_stay_empty(registry):
    assert registry.region("RE07").districts == ()
    assert {r.code for r in registry.regions("police_unit")} == {f"RE{i:02d}" for i in range(1, 11)}


def test_a_wrong_name_in_regions_yaml_is_rejected(tmp_path):
    shutil.copytree(DATASETS / "boundaries", tmp_path / "boundaries")
    (tmp_path / "regions").mkdir()
    text = (DATASETS / "regions" / "regions.yaml").read_text(encoding="utf-8")
    (tmp_path / "regions" / "regions.yaml").write_text(
        text.replace("{code: GM0599, name: Rotterdam}", "{code: GM0599, name: Schiedam}"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="GM0599"):
        AreaRegistry(tmp_path)


def test_a_missing_data_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="municipalities.csv"):
        AreaRegistry(tmp_path)


def test_kind_of_codes(registry):
    assert [
        registry.kind(c) for c in ("NL01", "PV28", "RE07", "GM0599", "WK059924", "BU05990111")
    ] == ["country", "province", "police_unit", "municipality", "wijk", "buurt"]
    with pytest.raises(DataError):
        registry.kind("XX12")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_name_normal_form_is_stable(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert base_name(once) == once or "(" in text
    assert once == once.strip() and "  " not in once


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ["Onbekende gebiedscode: 'XX99'", "Onbekende regio: 'RE99'", "niet eenduidig"]),
        ("en", ["Unknown area code: 'XX99'", "Unknown region: 'RE99'", "is ambiguous"]),
    ],
)
def test_area_errors_speak_the_active_language(monkeypatch, registry, lang, words):
    monkeypatch.setenv("SAFETYPLAN_LANG", lang)
    messages = []
    for call in (
        lambda: registry.kind("XX99"),
        lambda: registry.region("RE99"),
        lambda: registry.lookup("Bergen"),
    ):
        with pytest.raises(DataError) as err:
            call()
        messages.append(str(err.value))
    assert all(word in message for word, message in zip(words, messages, strict=True))
    assert all(" / " not in message for message in messages)
