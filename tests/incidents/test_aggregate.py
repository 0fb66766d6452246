# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Facts from incidents (Ibis): hand-computed counts on DuckDB, and the same expressions on
local PySpark (slow; skipped without Java or pyspark, except in CI)."""

from __future__ import annotations

import os
import shutil
from datetime import datetime

import ibis
import pandas as pd
import pytest

from safetyplan.incidents import aggregate

# Four incidents around two year ends (ISO weeks: 2011-01-01 is a Saturday of 2010-W52,
# 2012-12-31 a Monday of 2013-W01, 2013-01-06 a Sunday of 2013-W01).
ROWS = [
    ("s", "a", datetime(2011, 1, 1, 10), "Burglary", "BU05990101", "WK059901", "GM0599", True),
    ("s", "b", datetime(2011, 1, 3), "Burglary", None, None, "GM0606", None),
    ("s", "c", datetime(2012, 12, 31), "Street robbery", "BU05990101", "WK059901", "GM0599", False),
    ("s", "d", datetime(2013, 1, 6), "burglary ", "BU05990102", "WK059901", "GM0599", True),
    ("other", "e", datetime(2013, 1, 6), "Burglary", "BU05990102", "WK059901", "GM0599", True),
]
COLUMNS = ["source", "id", "occurred_at", "crime_type", "buurt", "wijk", "municipality", "solved"]

# Worked out by hand from ROWS (source "s" only).
EXPECTED = {
    ("GM0599", "2010-W52", "incidents:src:burglary"): 1,
    ("GM0599", "2010-W52", "incidents_solved:src:burglary"): 1,
    ("GM0599", "2011-01", "incidents:src:totaal"): 1,
    ("GM0606", "2011-01", "incidents:src:burglary"): 1,
    ("GM0606", "2011-W01", "incidents:src:totaal"): 1,
    ("GM0599", "2013-W01", "incidents:src:totaal"): 2,
    ("GM0599", "2013-W01", "incidents:src:street_robbery"): 1,
    ("GM0599", "2013-W01", "incidents:src:burglary"): 1,  # 'burglary ' and 'Burglary' agree
    ("GM0599", "2013-W01", "incidents_solved:src:totaal"): 1,
    ("WK059901", "2012-12", "incidents:src:street_robbery"): 1,
    ("BU05990101", "2012-12", "incidents:src:totaal"): 1,
    ("BU05990102", "2013-01", "incidents:src:burglary"): 1,
    ("BU05990102", "2013-01", "incidents_solved:src:burglary"): 1,
}


def duckdb_facts() -> pd.DataFrame:
    import duckdb

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE incidents (source VARCHAR, id VARCHAR, occurred_at TIMESTAMP, "
        "crime_type VARCHAR, buurt VARCHAR, wijk VARCHAR, municipality VARCHAR, "
        "solved BOOLEAN)"
    )
    con.executemany("INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ROWS)
    return aggregate.incident_facts(ibis.duckdb.from_connection(con), "incidents", "s", "src")


def as_dict(facts: pd.DataFrame) -> dict:
    return {
        (a, p, m): v
        for a, p, m, v in facts[["area", "period", "measure", "value"]].itertuples(index=False)
    }


def test_counts_on_duckdb_match_the_hand_count():
    facts = as_dict(duckdb_facts())
    for key, value in EXPECTED.items():
        assert facts.get(key) == value, key
    # no solved facts where nothing was solved; the other source is not counted
    assert ("GM0606", "2011-01", "incidents_solved:src:burglary") not in facts
    assert facts[("GM0599", "2013-01", "incidents:src:burglary")] == 1
    # every incident once per level and period kind
    for level in ("GM", "WK", "BU"):
        months = sum(
            v
            for (a, p, m), v in facts.items()
            if a.startswith(level) and len(p) == 7 and m == "incidents:src:totaal"
        )
        assert months == {"GM": 4, "WK": 3, "BU": 3}[level]
    # weeks for wijken and municipalities only (aggregate.WEEKLY_LEVELS)
    weeks = {a[:2] for (a, p, m) in facts if "-W" in p}
    assert weeks == {"GM", "WK"}


def test_measure_codes():
    assert aggregate.measure_code("Criminal damage and arson") == "criminal_damage_and_arson"
    assert aggregate.measure_code(" 1.4.6 ") == "1.4.6"
    assert aggregate.measure_code("") == "onbekend"


@pytest.mark.parametrize("weekly", [True, False])
def test_the_loads_sql_gives_the_facts_of_the_expression(weekly):
    """``write_facts`` computes the facts with ``facts_sql`` from grouped counts (one DuckDB
    statement): the same facts as ``facts_table``, also where two raw types share a code,
    a type has no code ('***': onbekend), a code is ``totaal`` like the totals, a row has a
    municipality only, no area at all, no solved flag, and the classification a quote."""
    import duckdb

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE incidents (source VARCHAR, id VARCHAR, occurred_at TIMESTAMP, "
        "crime_type VARCHAR, buurt VARCHAR, wijk VARCHAR, municipality VARCHAR, "
        "solved BOOLEAN)"
    )
    extra = [
        ("s", "f", datetime(2013, 1, 7), "***", None, None, "GM0606", True),
        ("s", "g", datetime(2013, 1, 7), "Totaal", "BU05990102", "WK059901", "GM0599", True),
        ("s", "h", datetime(2013, 1, 8), "Street robbery", None, None, None, True),
        ("s", "i", datetime(2013, 2, 1), "BURGLARY", "BU05990102", "WK059901", "GM0599", None),
    ]
    con.executemany("INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ROWS + extra)
    backend = ibis.duckdb.from_connection(con)
    rows = backend.table("incidents").filter(lambda t: t.source == "s")
    classification = "o'src"
    con.execute(
        "CREATE TABLE grouped AS "
        + ibis.to_sql(aggregate.grouped_counts(rows, weekly), dialect="duckdb")
    )
    key = ["area", "period", "measure", "value"]
    fast = con.execute(aggregate.facts_sql("grouped", classification, weekly)).df()
    expected = aggregate.facts_table(rows, classification, weekly).to_pandas()
    fast, expected = (f[key].sort_values(key, ignore_index=True) for f in (fast, expected))
    pd.testing.assert_frame_equal(fast, expected, check_dtype=False)
    assert (fast["measure"] == "incidents:o'src:onbekend").any()
    assert fast.duplicated(["area", "period", "measure"]).any()  # 'Totaal' beside the totals
    assert fast["period"].str.contains("W").any() == weekly


def test_the_written_out_labels_equal_the_ibis_definitions():
    """``label_sql`` (plain SQL, no Ibis compilation per load) gives the labels of
    ``label_tables``: crime codes of awkward types, months, ISO weeks around year ends."""
    import duckdb

    types = [
        "Burglary",
        "burglary ",
        "\x0bBurglary\x0c",
        "\tStreet  robbery\r\n",
        "***",
        "",
        "Totaal",
        "1.4.6",
        "Inbraak/woning",
        "É-bike diefstal",
        "__x__",
    ]
    weeks = [
        datetime(2015, 12, 28),
        datetime(2019, 12, 30),
        datetime(2020, 12, 28),
        datetime(2021, 1, 4),
        datetime(2010, 12, 27),
        datetime(2024, 12, 30),
    ]
    months = [datetime(1999, 1, 1), datetime(2015, 12, 1), datetime(2024, 2, 1)]
    con = duckdb.connect()
    con.execute("CREATE TABLE g (raw_type VARCHAR, month_start TIMESTAMP, week_start TIMESTAMP)")
    rows = [(t, months[i % len(months)], weeks[i % len(weeks)]) for i, t in enumerate(types)]
    con.executemany("INSERT INTO g VALUES (?, ?, ?)", rows)
    table = ibis.duckdb.from_connection(con).table("g")
    expected = aggregate.label_tables(table, weekly=True)
    for name, sql in aggregate.label_sql("g", weekly=True).items():
        ours = con.execute(sql).df()
        theirs = expected[name].to_pandas()
        key = list(ours.columns[:1])
        ours, theirs = (f.sort_values(key, ignore_index=True) for f in (ours, theirs[ours.columns]))
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    codes = dict(con.execute(aggregate.label_sql("g")["types"]).fetchall())
    assert codes["\tStreet  robbery\r\n"] == "street_robbery" and codes["***"] == "onbekend"
    assert aggregate.measure_code("\tStreet  robbery\r\n") == "street_robbery"


def _spark_or_skip():
    in_ci = os.environ.get("CI") == "true"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if in_ci:
            pytest.fail("CI: pyspark missing (pip install -e '.[spark]')")
        pytest.skip("pyspark not installed (pip install -e '.[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if in_ci:
            pytest.fail("CI: Java missing for PySpark")
        pytest.skip("no Java for PySpark")


@pytest.mark.slow
def test_the_same_expressions_run_on_local_spark():
    _spark_or_skip()
    from pyspark.sql import SparkSession
    from pyspark.sql import types as T

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("safetyplan-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        types = {"occurred_at": T.TimestampNTZType(), "solved": T.BooleanType()}
        schema = T.StructType([T.StructField(c, types.get(c, T.StringType())) for c in COLUMNS])
        spark.createDataFrame(ROWS, schema).createOrReplaceTempView("incidents")
        spark_facts = aggregate.incident_facts(ibis.pyspark.connect(spark), "incidents", "s", "src")
    finally:
        spark.stop()
    assert as_dict(spark_facts) == as_dict(duckdb_facts())
    for key, value in EXPECTED.items():
        assert as_dict(spark_facts).get(key) == value, key
