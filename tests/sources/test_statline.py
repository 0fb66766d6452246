# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The live StatLine connector, replayed from recorded cbsodata responses (no network)."""

import sys

import pytest

from safetyplan.errors import DataError, SafetyplanError
from safetyplan.sources.statline import TableLayout, fetch_facts, rows_to_facts

from .conftest import recorded


def recorded_cells(table: str, topic: str) -> dict[tuple[str, str, str], float]:
    """(region title, period title, crime title) -> value, straight from the recording."""
    region = "RegioS" if table == "83648NED" else "WijkenEnBuurten"
    return {
        (row[region], row["Perioden"], row["SoortMisdrijf"]): row[topic]
        for row in recorded(table, "data")
        if row[topic] is not None
    }


def titles(table: str, dimension: str) -> dict[str, str]:
    return {e["Title"]: e["Key"].strip() for e in recorded(table, dimension)}


class Test83648NED:
    """Registered and cleared crimes, CBS classification, per region and year."""

    @pytest.fixture
    def fetched(self, statline):
        return fetch_facts("83648NED")

    def test_registered_and_cleared_counts_become_facts(self, fetched):
        facts = fetched.facts.set_index(["area", "period", "measure"])["value"]
        regions = titles("83648NED", "RegioS")
        for topic, what in (
            ("TotaalGeregistreerdeMisdrijven_1", "registered"),
            ("TotaalOpgehelderdeMisdrijven_4", "cleared"),
        ):
            cells = recorded_cells("83648NED", topic)
            assert cells, topic
            for (region, period, crime), value in cells.items():
                code = "totaal" if crime == "Misdrijven, totaal" else crime.split()[0]
                key = (
                    regions[region].replace("NL00", "NL01"),
                    period.rstrip("*"),
                    f"{what}:cbs:{code}",
                )
                assert facts[key] == value

    def test_relative_figures_are_left_out(self, fetched):
        assert set(fetched.facts["measure"].str.split(":").str[0]) == {"registered", "cleared"}

    def test_area_codes_come_from_the_metadata_not_the_titles(self, fetched):
        assert set(fetched.facts["area"]) == {
            k.strip() for k in (e["Key"] for e in recorded("83648NED", "RegioS"))
        }

    def test_provisional_follows_the_period_status(self, fetched):
        provisional = {
            e["Key"][:4] for e in recorded("83648NED", "Perioden") if e["Status"] == "Voorlopig"
        }
        by_period = fetched.facts.groupby("period")["provisional"].agg(["all", "any"])
        for period, flags in by_period.iterrows():
            assert bool(flags["all"]) == bool(flags["any"]) == (period in provisional)

    def test_missing_cells_are_skipped_and_counted(self, fetched):
        rows = recorded("83648NED", "data")
        missing = sum(
            row[t] is None
            for row in rows
            for t in ("TotaalGeregistreerdeMisdrijven_1", "TotaalOpgehelderdeMisdrijven_4")
        )
        assert missing > 0
        assert fetched.skipped["no value (missing in StatLine)"] == missing

    def test_the_facts_pass_the_warehouse_checks_and_load(self, fetched, wh):
        summary = wh.load_facts(fetched.facts, source="statline_83648ned")
        assert summary.rows == len(fetched.facts)
        assert wh.load_facts(fetched.facts, source="statline_83648ned").unchanged

    def test_the_request_asks_only_for_what_is_needed(self, statline):
        fetch_facts("83648NED", regions=["GM0599", "NL"], years=(2015, 2017))

        call = statline.data_call()
        assert call["catalog_url"] == "opendata.cbs.nl"
        assert call["typed"] is True
        assert "startswith(RegioS,'GM0599')" in call["filters"]
        assert "startswith(RegioS,'NL')" in call["filters"]
        for year in (2015, 2016, 2017):
            assert f"startswith(Perioden,'{year}')" in call["filters"]
        assert "2014" not in call["filters"] and "2018" not in call["filters"]
        assert "substringof('JJ',Perioden)" in call["filters"]
        assert set(call["select"]) == {
            "SoortMisdrijf",
            "RegioS",
            "Perioden",
            "TotaalGeregistreerdeMisdrijven_1",
            "TotaalOpgehelderdeMisdrijven_4",
        }


class Test47018NED:
    """Registered crimes, police classification, per wijk/buurt table (dataderden catalog)."""

    @pytest.fixture
    def fetched(self, statline):
        return fetch_facts("47018NED")

    def test_counts_keep_the_police_crime_codes(self, fetched):
        facts = fetched.facts.set_index(["area", "period", "measure"])["value"]
        regions = titles("47018NED", "WijkenEnBuurten")
        cells = recorded_cells("47018NED", "GeregistreerdeMisdrijven_1")
        for (region, period, crime), value in cells.items():
            code = "totaal" if crime == "Totaal misdrijven" else crime.split()[0]
            area = {"NL00": "NL01"}.get(regions[region], regions[region])
            assert facts[(area, period.rstrip("*"), f"registered:pol:{code}")] == value
        assert len(fetched.facts) == len(cells)

    def test_the_country_is_stored_as_nl01(self, fetched):
        assert "NL01" in set(fetched.facts["area"])
        assert "NL00" not in set(fetched.facts["area"])

    def test_the_police_catalog_is_used(self, statline, fetched):
        assert statline.data_call()["catalog_url"] == "dataderden.cbs.nl"
        assert all(kwargs["catalog_url"] == "dataderden.cbs.nl" for _, _, kwargs in statline.calls)


def test_untyped_responses_with_padded_strings_are_understood():
    layout = TableLayout.from_properties("83648NED", recorded("83648NED", "DataProperties"))
    dims = {name: recorded("83648NED", name) for name in ("RegioS", "Perioden", "SoortMisdrijf")}
    typed = recorded("83648NED", "data")
    untyped = [
        {
            k: (
                f"{v:>10}"
                if k in layout.topics and v is not None
                else "         ."
                if k in layout.topics
                else v
            )
            for k, v in row.items()
        }
        for row in typed
    ]

    from_typed, _ = rows_to_facts(typed, layout, dims, "cbs")
    from_untyped, _ = rows_to_facts(untyped, layout, dims, "cbs")

    assert from_untyped.equals(from_typed)


def test_regions_outside_the_area_codes_are_skipped():
    layout = TableLayout.from_properties("83648NED", recorded("83648NED", "DataProperties"))
    dims = {name: recorded("83648NED", name) for name in ("RegioS", "Perioden", "SoortMisdrijf")}
    dims["RegioS"] = [*dims["RegioS"], {"Key": "LD03  ", "Title": "West-Nederland (LD)"}]
    row = {**recorded("83648NED", "data")[0], "RegioS": "West-Nederland (LD)"}

    facts, skipped = rows_to_facts([row], layout, dims, "cbs")

    assert facts.empty
    assert skipped["region not a supported area code"] == 2  # registered + cleared


class TestProblems:
    def test_without_cbsodata_the_user_is_told_what_to_install(self, monkeypatch):
        monkeypatch.setitem(sys.modules, "cbsodata", None)
        with pytest.raises(SafetyplanError, match=r"safetyplan\[live\]"):
            fetch_facts("83648NED")

    def test_a_network_failure_is_one_clear_message(self, statline, monkeypatch):
        requests = pytest.importorskip("requests")

        def offline(*args, **kwargs):
            raise requests.ConnectionError("Failed to resolve 'opendata.cbs.nl'")

        monkeypatch.setattr("cbsodata.get_meta", offline)
        with pytest.raises(SafetyplanError, match="niet bereikbaar"):
            fetch_facts("83648NED")

    def test_an_unknown_table_is_reported_as_refused(self, statline, monkeypatch):
        requests = pytest.importorskip("requests")

        def not_found(table_id, *args, **kwargs):
            raise requests.HTTPError(f"Downloading table '{table_id}' failed. 404")

        monkeypatch.setattr("cbsodata.get_meta", not_found)
        with pytest.raises(SafetyplanError, match="99999NED"):
            fetch_facts("99999NED", classification="cbs")

    def test_a_table_of_unknown_classification_needs_to_be_told(self, statline):
        with pytest.raises(SafetyplanError, match="--classification"):
            fetch_facts("12345NED")

    def test_a_table_without_crime_counts_does_not_fit(self, statline, monkeypatch):
        properties = [p for p in recorded("83648NED", "DataProperties") if p["Type"] != "Topic"]
        monkeypatch.setattr(
            "cbsodata.get_meta",
            lambda table, name, **kw: (
                properties if name == "DataProperties" else recorded(table, name)
            ),
        )
        with pytest.raises(DataError, match="geregistreerd/opgehelderd"):
            fetch_facts("83648NED")

    def test_an_inverted_year_range_is_refused(self, statline):
        with pytest.raises(SafetyplanError, match="2018"):
            fetch_facts("83648NED", years=(2018, 2015))
