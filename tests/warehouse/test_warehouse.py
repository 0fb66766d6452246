# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The warehouse keeps one consistent copy of every source: loads replace a source whole,
change nothing when repeated, and leave the file as it was when they fail."""

import pandas as pd
import pytest

from safetyplan.errors import DataError, SafetyplanError
from safetyplan.warehouse import TABLES, Warehouse, register_table


def sorted_facts(frame: pd.DataFrame) -> pd.DataFrame:
    columns = ["source", "measure", "area", "period"]
    return frame.sort_values(columns).reset_index(drop=True)


def snapshot(wh: Warehouse) -> tuple[pd.DataFrame, pd.DataFrame]:
    return sorted_facts(wh.facts()), wh.sources()


class TestLoading:
    def test_a_load_stores_every_fact_under_its_source(self, wh, rotterdam_facts):
        summary = wh.load_facts(rotterdam_facts, source="burglary")

        stored = wh.facts(sources=["burglary"])
        assert len(stored) == len(rotterdam_facts) == summary.rows == summary.inserted
        expected = dict(zip(rotterdam_facts["period"], rotterdam_facts["value"], strict=True))
        assert dict(zip(stored["period"], stored["value"], strict=True)) == expected
        assert set(stored["area"]) == {"GM0599"}
        assert not stored["provisional"].any()

    def test_the_summary_says_what_was_loaded(self, wh, rotterdam_facts, national_facts):
        both = pd.concat([rotterdam_facts, national_facts])
        summary = wh.load_facts(both, source="mixed")

        assert summary.source == "mixed"
        assert summary.measures == both["measure"].nunique()
        assert summary.areas == both["area"].nunique()
        assert summary.periods == (both["period"].min(), both["period"].max())
        assert summary.replaced == 0 and not summary.unchanged

    def test_the_provisional_flag_is_kept(self, wh, rotterdam_facts):
        flagged = rotterdam_facts.assign(provisional=rotterdam_facts["period"] >= "2017")
        wh.load_facts(flagged, source="burglary")

        stored = wh.facts()
        assert set(stored.loc[stored["provisional"], "period"]) == {"2017", "2018"}

    def test_sources_lists_every_loaded_source(self, wh, rotterdam_facts, national_facts):
        wh.load_facts(rotterdam_facts, source="rotterdam")
        wh.load_facts(national_facts, source="national")

        sources = wh.sources()
        assert list(sources["source"]) == ["national", "rotterdam"]
        assert list(sources["rows"]) == [len(national_facts), len(rotterdam_facts)]
        assert sources["checksum"].str.startswith("sha256:").all()

    def test_measures_summarises_areas_and_periods(self, wh, national_facts):
        wh.load_facts(national_facts, source="national")

        measures = wh.measures().set_index("measure")
        assert set(measures.index) == set(national_facts["measure"])
        for measure, group in national_facts.groupby("measure"):
            assert measures.loc[measure, "first_period"] == group["period"].min()
            assert measures.loc[measure, "last_period"] == group["period"].max()
            assert measures.loc[measure, "areas"] == group["area"].nunique()


class TestIdempotency:
    def test_loading_twice_changes_nothing(self, wh, rotterdam_facts):
        wh.load_facts(rotterdam_facts, source="burglary")
        before = snapshot(wh)

        again = wh.load_facts(rotterdam_facts, source="burglary")

        assert again.unchanged
        assert again.inserted == 0 and again.replaced == 0
        assert again.rows == len(rotterdam_facts)
        after = snapshot(wh)
        pd.testing.assert_frame_equal(after[0], before[0])
        pd.testing.assert_frame_equal(after[1], before[1])

    def test_row_order_does_not_make_content_different(self, wh, rotterdam_facts):
        wh.load_facts(rotterdam_facts, source="burglary")
        shuffled = rotterdam_facts.sample(frac=1.0, random_state=7)

        assert wh.load_facts(shuffled, source="burglary").unchanged

    def test_changed_content_replaces_the_source(self, wh, rotterdam_facts):
        wh.load_facts(rotterdam_facts, source="burglary")
        revised = rotterdam_facts.iloc[:-1].copy()  # a revision drops the last year

        summary = wh.load_facts(revised, source="burglary")

        assert not summary.unchanged
        assert summary.replaced == len(rotterdam_facts)
        assert summary.inserted == summary.rows == len(revised)
        assert set(wh.facts()["period"]) == set(revised["period"])

    def test_every_load_is_logged(self, wh, rotterdam_facts):
        wh.load_facts(rotterdam_facts, source="burglary")
        wh.load_facts(rotterdam_facts, source="burglary")

        log = wh.loads()
        assert len(log) == 2
        assert sorted(log["unchanged"]) == [False, True]


class TestReplacement:
    def test_reloading_one_source_leaves_the_others_untouched(
        self, wh, rotterdam_facts, national_facts
    ):
        wh.load_facts(rotterdam_facts, source="rotterdam")
        wh.load_facts(national_facts, source="national")
        national_before = sorted_facts(wh.facts(sources=["national"]))

        wh.load_facts(rotterdam_facts.iloc[:3], source="rotterdam")

        pd.testing.assert_frame_equal(sorted_facts(wh.facts(sources=["national"])), national_before)
        assert len(wh.facts(sources=["rotterdam"])) == 3

    def test_the_same_fact_may_come_from_two_sources(self, wh, rotterdam_facts):
        wh.load_facts(rotterdam_facts, source="a")
        wh.load_facts(rotterdam_facts, source="b")

        stored = wh.facts(periods=["2015"])
        assert sorted(stored["source"]) == ["a", "b"]
        assert stored["value"].nunique() == 1

    def test_drop_source_removes_it_entirely(self, wh, rotterdam_facts, national_facts):
        wh.load_facts(rotterdam_facts, source="rotterdam")
        wh.load_facts(national_facts, source="national")

        removed = wh.drop_source("rotterdam")

        assert removed == len(rotterdam_facts)
        assert list(wh.sources()["source"]) == ["national"]
        assert set(wh.facts()["source"]) == {"national"}


class TestAtomicity:
    @pytest.fixture
    def failing_after_delete(self, monkeypatch):
        monkeypatch.setattr(Warehouse, "_after_delete", _crash)

    def test_a_failure_after_the_delete_leaves_the_warehouse_as_it_was(
        self, wh, rotterdam_facts, national_facts, monkeypatch
    ):
        wh.load_facts(rotterdam_facts, source="rotterdam")
        wh.load_facts(national_facts, source="national")
        before = snapshot(wh)
        log_before = len(wh.loads())

        monkeypatch.setattr(Warehouse, "_after_delete", _crash)
        with pytest.raises(RuntimeError, match="simulated"):
            wh.load_facts(rotterdam_facts.iloc[:2], source="rotterdam")

        after = snapshot(wh)
        pd.testing.assert_frame_equal(after[0], before[0])
        pd.testing.assert_frame_equal(after[1], before[1])
        assert len(wh.loads()) == log_before

    def test_the_file_on_disk_is_unchanged_after_a_failed_load(
        self, wh_path, rotterdam_facts, monkeypatch
    ):
        with Warehouse.open(wh_path) as wh:
            wh.load_facts(rotterdam_facts, source="rotterdam")
        monkeypatch.setattr(Warehouse, "_after_delete", _crash)
        with Warehouse.open(wh_path) as wh, pytest.raises(RuntimeError):
            wh.load_facts(rotterdam_facts.iloc[:1], source="rotterdam")

        with Warehouse.open(wh_path, read_only=True) as reopened:
            assert len(reopened.facts()) == len(rotterdam_facts)
            assert list(reopened.sources()["rows"]) == [len(rotterdam_facts)]

    def test_a_first_load_that_fails_leaves_no_trace(
        self, wh, rotterdam_facts, failing_after_delete
    ):
        with pytest.raises(RuntimeError):
            wh.load_facts(rotterdam_facts, source="rotterdam")

        assert wh.facts().empty
        assert wh.sources().empty

    def test_invalid_input_is_refused_before_the_warehouse_is_touched(self, wh, rotterdam_facts):
        wh.load_facts(rotterdam_facts, source="rotterdam")
        before = snapshot(wh)
        broken = rotterdam_facts.copy()
        broken.loc[3, "period"] = "2015-13"

        with pytest.raises(DataError) as error:
            wh.load_facts(broken, source="rotterdam", origin="burglary.csv")

        message = str(error.value)
        assert "burglary.csv" in message and "regel 5" in message and "2015-13" in message
        after = snapshot(wh)
        pd.testing.assert_frame_equal(after[0], before[0])


def _crash(self, source):
    raise RuntimeError("simulated crash between delete and insert")


class TestQueries:
    @pytest.fixture(autouse=True)
    def loaded(self, wh, rotterdam_facts, national_facts):
        wh.load_facts(rotterdam_facts, source="rotterdam")
        wh.load_facts(national_facts, source="national")

    def test_no_filter_returns_everything_in_the_documented_columns(
        self, wh, rotterdam_facts, national_facts
    ):
        everything = wh.facts()
        assert list(everything.columns) == [
            "area",
            "period",
            "measure",
            "value",
            "source",
            "provisional",
        ]
        assert len(everything) == len(rotterdam_facts) + len(national_facts)

    @pytest.mark.parametrize(
        "filters",
        [
            {"measures": ["registered:pol:1.4.6"]},
            {"areas": ["GM0599"]},
            {"periods": ["2013", "2014"]},
            {"sources": ["national"]},
            {"measures": ["registered:pol:1.1.1"], "areas": ["NL01"], "periods": ["2015"]},
            {"areas": "NL01"},
        ],
    )
    def test_filters_combine(self, wh, filters):
        everything = wh.facts()
        expected = everything
        for name, column in (
            ("measures", "measure"),
            ("areas", "area"),
            ("periods", "period"),
            ("sources", "source"),
        ):
            if name in filters:
                wanted = filters[name]
                wanted = [wanted] if isinstance(wanted, str) else wanted
                expected = expected[expected[column].isin(wanted)]

        got = wh.facts(**filters)

        assert len(got) == len(expected) > 0
        pd.testing.assert_frame_equal(sorted_facts(got), sorted_facts(expected))

    def test_an_empty_filter_list_matches_nothing(self, wh):
        assert wh.facts(areas=[]).empty


class TestOpening:
    def test_the_default_location_follows_the_setting(self, tmp_path, monkeypatch, rotterdam_facts):
        monkeypatch.setenv("SAFETYPLAN_HOME", str(tmp_path / "home"))
        monkeypatch.delenv("SAFETYPLAN_WAREHOUSE", raising=False)

        with Warehouse.open() as wh:
            wh.load_facts(rotterdam_facts, source="rotterdam")

        assert (tmp_path / "home" / "warehouse.duckdb").is_file()

    def test_reading_a_missing_warehouse_says_how_to_create_it(self, tmp_path):
        with pytest.raises(SafetyplanError, match="ingest bundled"):
            Warehouse.open(tmp_path / "absent.duckdb", read_only=True)

    def test_a_read_only_warehouse_refuses_loads(self, wh_path, rotterdam_facts):
        Warehouse.open(wh_path).close()
        with Warehouse.open(wh_path, read_only=True) as wh, pytest.raises(SafetyplanError):
            wh.load_facts(rotterdam_facts, source="rotterdam")

    def test_a_file_that_is_no_warehouse_is_named(self, tmp_path):
        import duckdb

        other = tmp_path / "other.duckdb"
        duckdb.connect(str(other)).close()
        with (
            Warehouse.open(other, read_only=True) as wh,
            pytest.raises(SafetyplanError, match="other.duckdb"),
        ):
            wh.facts()

    @pytest.mark.parametrize("name", ["", "two words", "-leading", "x" * 101, "a/b"])
    def test_bad_source_names_are_refused(self, wh, rotterdam_facts, name):
        with pytest.raises(DataError, match="bronnaam"):
            wh.load_facts(rotterdam_facts, source=name)

    def test_an_empty_frame_is_refused(self, wh, rotterdam_facts):
        with pytest.raises(DataError, match="geen gegevens"):
            wh.load_facts(rotterdam_facts.iloc[:0], source="rotterdam")


def test_other_layers_can_add_a_table(wh_path):
    ddl = "CREATE TABLE IF NOT EXISTS test_extension (id VARCHAR)"
    register_table("test_extension", ddl)
    try:
        with Warehouse.open(wh_path) as wh:
            wh.connection.execute("INSERT INTO test_extension VALUES ('x')")
            assert wh.connection.execute("SELECT count(*) FROM test_extension").fetchone()[0] == 1
        with pytest.raises(ValueError):
            register_table("test_extension", ddl + " -- different")
    finally:
        TABLES.pop("test_extension", None)
