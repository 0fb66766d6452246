# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``ingest incidents``: rejects file, all-or-nothing, duplicates, reloads, Parquet, line
numbers in file order, the command line."""

import csv
import json

import numpy as np
import pandas as pd
import pytest
import shapely

from safetyplan.errors import DataError
from safetyplan.incidents import (
    Mapping,
    TooManyRejects,
    ingest_incidents,
    load_mapping_file,
    locator,
)
from safetyplan.warehouse import Warehouse

from .conftest import STREET_ROBBERIES, count, point_in, run_cli, write_csv

HEADER = "id,occurred_at,crime_type,x,y,solved"


def good_rows(n: int, start: int = 0) -> list[str]:
    x, y = point_in("BU05990110")
    return [
        f"{i},2018-01-{1 + i % 28:02d},1.1.1,{x:.1f},{y:.1f},nee" for i in range(start, start + n)
    ]


def rejects_of(path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_bad_rows_load_nothing_and_are_all_named(tmp_path, warehouse):
    rows = good_rows(3) + [
        "9,30-02-2018,1.1.1,92000,437000,",
        "10,2018-01-02,,92000,437000,",
        "0,2018-01-02,1.1.1,92000,437000,",
        "11,2018-01-03,1.1.1",
    ]
    path = write_csv(tmp_path / "bad.csv", HEADER, rows)
    with pytest.raises(TooManyRejects) as caught:
        ingest_incidents(path, "test", warehouse=warehouse)
    assert "niets geladen" in str(caught.value)
    assert count(warehouse, "SELECT count(*) FROM incidents") == 0
    found = {(int(r["line"]), r["column"]) for r in rejects_of(tmp_path / "bad.csv.rejects.csv")}
    assert found == {(5, "occurred_at"), (6, "crime_type"), (7, "id"), (8, "*")}
    assert caught.value.result.rejected == 4


def test_the_rejects_file_has_the_importers_one_format(tmp_path, warehouse):
    # file, line, the row's id, column, value (empty: the reason quotes it), reason
    rows = [*good_rows(2), "9,2018-01-02,1.1.1,92000,437000,misschien", "10,2018-01-03"]
    path = write_csv(tmp_path / "fmt.csv", HEADER, rows)
    with pytest.raises(TooManyRejects) as caught:
        ingest_incidents(path, "test", warehouse=warehouse)
    found = rejects_of(tmp_path / "fmt.csv.rejects.csv")
    assert list(found[0]) == ["file", "line", "id", "column", "value", "reason"]
    assert [(r["file"], r["line"], r["id"], r["column"], r["value"]) for r in found] == [
        (str(path), "4", "9", "solved", ""),
        (str(path), "5", "", "*", ""),  # a record DuckDB could not split has no id
    ]
    assert "misschien" in found[0]["reason"]
    assert [(r.line, r.id) for r in caught.value.result.first_rejects] == [(4, "9"), (5, "")]


def test_max_rejects_loads_the_good_rows(tmp_path, warehouse):
    rows = good_rows(3) + ["9,2018-13-01,1.1.1,92000,437000,", "1,2018-01-02,1.1.1,92000,437000,"]
    path = write_csv(tmp_path / "some.csv", HEADER, rows)
    result = ingest_incidents(path, "test", warehouse=warehouse, max_rejects=2)
    assert result.loaded and result.rows == 3 and result.rejected == 2
    lines = [
        r[0]
        for r in warehouse.connection.execute("SELECT line FROM incidents ORDER BY line").fetchall()
    ]
    assert lines == [2, 3, 4]  # the later duplicate of id 1 (line 6) is the one left out
    assert count(warehouse, "SELECT rejected FROM incident_sources WHERE source='test'") == 2


def test_reload_replaces_the_source_and_a_failed_reload_keeps_it(tmp_path, warehouse):
    path = write_csv(tmp_path / "a.csv", HEADER, good_rows(5))
    ingest_incidents(path, "a", warehouse=warehouse)
    ingest_incidents(write_csv(tmp_path / "b.csv", HEADER, good_rows(2)), "b", warehouse=warehouse)
    again = ingest_incidents(path, "a", warehouse=warehouse)
    assert again.replaced == 5
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE source='a'") == 5
    facts_before = warehouse.facts(sources=["incidents.a"])
    write_csv(path, HEADER, good_rows(7) + ["x,nooit,1.1.1,92000,437000,"])
    with pytest.raises(TooManyRejects):
        ingest_incidents(path, "a", warehouse=warehouse)
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE source='a'") == 5
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE source='b'") == 2
    pd.testing.assert_frame_equal(warehouse.facts(sources=["incidents.a"]), facts_before)


def staging_tables(warehouse) -> list[str]:
    return [
        name
        for (name,) in warehouse.connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'incidents:%:load%'"
        ).fetchall()
    ]


def test_a_failed_load_leaves_no_staging_tables_behind(tmp_path, warehouse, monkeypatch):
    # the new table is committed early under its staging name (ingest_incidents): a load
    # that fails after that point drops it again, and the old rows and facts stay
    path = write_csv(tmp_path / "a.csv", HEADER, good_rows(5))
    ingest_incidents(path, "a", warehouse=warehouse)
    facts_before = warehouse.facts(sources=["incidents.a"])
    write_csv(path, HEADER, good_rows(7) + ["x,nooit,1.1.1,92000,437000,"])
    with pytest.raises(TooManyRejects):
        ingest_incidents(path, "a", warehouse=warehouse)
    assert staging_tables(warehouse) == []

    def broken(*args, **kwargs):
        raise RuntimeError("the facts step fails")

    monkeypatch.setattr("safetyplan.incidents.aggregate.write_facts", broken)
    write_csv(path, HEADER, good_rows(9))
    with pytest.raises(RuntimeError, match="facts step"):
        ingest_incidents(path, "a", warehouse=warehouse)
    assert staging_tables(warehouse) == []
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE source='a'") == 5
    pd.testing.assert_frame_equal(warehouse.facts(sources=["incidents.a"]), facts_before)


def test_inside_a_callers_transaction_a_failed_load_undoes_the_callers_work(tmp_path, warehouse):
    path = write_csv(tmp_path / "a.csv", HEADER, good_rows(5))
    bad = write_csv(tmp_path / "bad.csv", HEADER, good_rows(3) + ["x,nooit,1.1.1,92000,437000,"])
    with pytest.raises(TooManyRejects), warehouse.transaction():
        ingest_incidents(path, "a", warehouse=warehouse)
        ingest_incidents(bad, "b", warehouse=warehouse)  # one transaction: no early commit
    assert count(warehouse, "SELECT count(*) FROM incidents") == 0
    assert staging_tables(warehouse) == []


def test_an_id_doubled_only_by_a_row_rejected_later_is_no_duplicate(tmp_path, warehouse):
    # the duplicate probe counts the rows before the open points are settled; a row that
    # settling rejects (at sea) must not make its id's other row a duplicate
    rows = good_rows(3) + [f"1,2018-01-05,1.1.1,{AT_SEA[0]:.1f},{AT_SEA[1]:.1f},nee"]
    path = write_csv(tmp_path / "a.csv", HEADER, rows)
    result = ingest_incidents(path, "a", warehouse=warehouse, max_rejects=1)
    assert (result.rows, result.rejected) == (3, 1)
    assert [r.column for r in result.first_rejects] == ["location"]
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE id = '1'") == 1


def test_parquet_loads_like_csv(tmp_path, warehouse):
    csv_path = write_csv(tmp_path / "x.csv", HEADER, good_rows(40))
    frame = pd.read_csv(csv_path, dtype={"id": str})
    frame.to_parquet(tmp_path / "x.parquet")
    a = ingest_incidents(csv_path, "csv", warehouse=warehouse)
    b = ingest_incidents(tmp_path / "x.parquet", "pq", warehouse=warehouse)
    assert (a.rows, a.with_buurt, a.first_at, a.last_at) == (
        b.rows,
        b.with_buurt,
        b.first_at,
        b.last_at,
    )
    query = (
        "SELECT id, line, occurred_at, buurt, solved FROM incidents WHERE source = ? ORDER BY line"
    )
    assert (
        warehouse.connection.execute(query, ["csv"]).fetchall()
        == warehouse.connection.execute(query, ["pq"]).fetchall()
    )


def test_line_numbers_follow_the_file_across_many_chunks(tmp_path, warehouse):
    """DuckDB reads in chunks of 2,048 rows on several threads; the rows keep the file's
    order, so every loaded row's line is its record number (here: its id + 2), also for
    points that needed the exact test, and the rejects name their own lines."""
    rng = np.random.default_rng(11)
    layer = locator.bundled().buurten
    minx, miny, maxx, maxy = shapely.total_bounds(layer.geometries)
    n = 320_000  # draws; the points inside are more than a DuckDB row group (122,880)
    x = rng.uniform(minx, maxx, n)
    y = rng.uniform(miny, maxy, n)
    inside = layer.locate(x, y) >= 0
    x, y = x[inside], y[inside]
    rows = [
        f"{i},2018-01-{1 + i % 28:02d},1.1.1,{a:.1f},{b:.1f},nee"
        for i, (a, b) in enumerate(zip(x, y, strict=True))
    ]
    path = write_csv(tmp_path / "many.csv", HEADER, rows)
    result = ingest_incidents(path, "many", warehouse=warehouse)
    assert result.rows == len(rows) > 122_880
    assert (
        count(warehouse, "SELECT count(*) FROM incidents WHERE line <> CAST(id AS BIGINT) + 2") == 0
    )
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE buurt IS NULL") == 0
    rows[40_000] = "40000,2018-02-31,1.1.1,92000,437000,"
    rows[7_000] = "7000,2018-02-01"  # wrong number of fields
    rows[90_000] = rows[12]  # a duplicate id
    write_csv(path, HEADER, rows)
    with pytest.raises(TooManyRejects):
        ingest_incidents(path, "many", warehouse=warehouse)
    found = [(int(r["line"]), r["column"]) for r in rejects_of(tmp_path / "many.csv.rejects.csv")]
    assert found == [(7_002, "*"), (40_002, "occurred_at"), (90_002, "id")]


def test_a_row_that_is_not_utf8_is_named_and_the_old_rows_stay(tmp_path, warehouse):
    ingest_incidents(write_csv(tmp_path / "ok.csv", HEADER, good_rows(5)), "s", warehouse=warehouse)
    path = tmp_path / "broken.csv"
    text = "\n".join([HEADER, *good_rows(100)]) + "\n"
    path.write_bytes(text.encode() + b"999,2018-01-02,\xff\xfe,92000,437000,\n")
    with pytest.raises(TooManyRejects):
        ingest_incidents(path, "s", warehouse=warehouse)
    (reject,) = rejects_of(tmp_path / "broken.csv.rejects.csv")
    assert reject["line"] == "102" and "utf-8" in reject["reason"]
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE source='s'") == 5


def test_the_rejects_file_lists_rows_in_file_order(tmp_path, warehouse):
    rows = good_rows(200)
    for i in (20, 90, 170):
        rows[i] = f"{i},2018-02-01"  # wrong number of fields (found by the reader)
    for i in (10, 80, 160):
        rows[i] = f"{i},2018-02-31,1.1.1,92000,437000,"  # found by the checks
    path = write_csv(tmp_path / "order.csv", HEADER, rows)
    with pytest.raises(TooManyRejects):
        ingest_incidents(path, "order", warehouse=warehouse)
    lines = [int(r["line"]) for r in rejects_of(tmp_path / "order.csv.rejects.csv")]
    assert lines == [12, 22, 82, 92, 162, 172]


def test_header_problems_are_located(tmp_path, warehouse):
    path = write_csv(tmp_path / "h.csv", "id,when,crime_type", ["1,2018-01-01,x"])
    with pytest.raises(DataError, match=r"h.csv, regel 1: .*occurred_at.*x,y \| lat,lon"):
        ingest_incidents(path, "h", warehouse=warehouse)


def test_mapping_file_renames_recodes_and_reads_semicolons(tmp_path, warehouse):
    x, y = point_in("BU05990110")
    path = tmp_path / "export.csv"
    path.write_text(
        "voorval;datum;tijd;soort;xco;yco;opgelost\n"
        f"A1;15-01-2018;1345;B70;{x:.1f};{y:.1f};J\n"
        f"A2;16-01-2018;;B70;{x:.1f};{y:.1f};N\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns: {id: voorval, occurred_at: datum, occurred_time: tijd,\n"
        "          crime_type: soort, x: xco, y: yco, solved: opgelost}\n"
        "values: {crime_type: {B70: '1.4.6'}}\nclassification: pol\n",
        encoding="utf-8",
    )
    result = ingest_incidents(
        path, "export", mapping=load_mapping_file(mapping), warehouse=warehouse
    )
    assert result.rows == 2 and result.first_at == "2018-01-15T13:45:00"
    facts = warehouse.facts(sources=["incidents.export"], areas=["BU05990110"], periods=["2018-01"])
    assert dict(zip(facts.measure, facts.value, strict=True)) == {
        "incidents:pol:1.4.6": 2.0,
        "incidents:pol:totaal": 2.0,
        "incidents_solved:pol:1.4.6": 1.0,
        "incidents_solved:pol:totaal": 1.0,
    }


def test_bad_mapping_file_is_located(tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns: {identifier: x}\n", encoding="utf-8")
    with pytest.raises(DataError, match="map.yaml"):
        load_mapping_file(mapping)


def test_shipped_street_robberies_load_completely(warehouse):
    result = ingest_incidents(STREET_ROBBERIES, "straatroof", warehouse=warehouse)
    # PROVENANCE.md: 2,797 robberies, 2,166 in Rotterdam, 75% with a buurt code
    assert (result.rows, result.rejected) == (2797, 0)
    assert count(warehouse, "SELECT count(*) FROM incidents WHERE municipality='GM0599'") == 2166
    assert result.with_buurt + result.with_municipality == 2797
    assert 0.74 < result.with_buurt / result.rows < 0.76


def test_cli_exit_status_and_summary(tmp_path, monkeypatch, capsys):
    wh = str(tmp_path / "cli.duckdb")
    bad = write_csv(tmp_path / "bad.csv", HEADER, good_rows(2) + ["5,gisteren,1.1.1,1,2,"])
    code, out, err = run_cli(
        monkeypatch, capsys, "ingest", "incidents", str(bad), "--warehouse", wh
    )
    assert code == 2
    assert "Traceback" not in err and "niets geladen" in err
    assert "gisteren" in err  # the first rejects are shown
    good = write_csv(tmp_path / "good.csv", HEADER, good_rows(4))
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        "ingest",
        "incidents",
        str(good),
        "--source",
        "g",
        "--warehouse",
        wh,
        "--format",
        "json",
    )
    assert code == 0
    summary = json.loads(out)
    assert (summary["source"], summary["rows"], summary["with_buurt"]) == ("g", 4, 4)


def test_identity_mapping_needs_no_file():
    assert Mapping.identity().column_for("occurred_at") == "occurred_at"


# Issue 17: the Hollandse IJssel near Capelle lies in a gap of the generalised buurt and
# municipality layers (in no polygon); 5 km and more out at sea is no place at all.
RIVER_GAP = (99631.0, 435037.0)
AT_SEA = (50000.0, 440000.0)


def test_a_point_in_a_river_gap_gets_the_nearest_buurt_and_one_at_sea_is_rejected(
    tmp_path, monkeypatch, capsys
):
    boundaries = locator.bundled()
    gap, sea = shapely.Point(*RIVER_GAP), shapely.Point(*AT_SEA)
    assert not any(shapely.covers(boundaries.buurten.geometries, gap))
    assert not any(shapely.covers(boundaries.municipalities.geometries, gap))
    assert min(shapely.distance(boundaries.municipalities.geometries, sea)) > 5000
    wh = tmp_path / "gap.duckdb"
    rows = good_rows(2) + [f"7,2018-01-05,1.1.1,{RIVER_GAP[0]},{RIVER_GAP[1]},ja"]
    path = write_csv(tmp_path / "gap.csv", HEADER, rows)
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        "ingest",
        "incidents",
        str(path),
        "--source",
        "gap",
        "--warehouse",
        str(wh),
        "--format",
        "json",
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["rejected"] == 0 and result["rows"] == 3
    assert result["located_nearest"] == 1 and result["with_buurt"] == 3
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        "ingest",
        "incidents",
        str(path),
        "--source",
        "gap",
        "--warehouse",
        str(wh),
    )
    assert code == 0 and "dichtstbijzijnde buurt (gat" in out  # the summary counts them

    write_csv(path, HEADER, rows + [f"8,2018-01-05,1.1.1,{AT_SEA[0]},{AT_SEA[1]},"])
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        "ingest",
        "incidents",
        str(path),
        "--source",
        "gap",
        "--warehouse",
        str(wh),
    )
    assert code == 2
    [reject] = rejects_of(tmp_path / "gap.csv.rejects.csv")
    assert (reject["line"], reject["column"]) == ("5", "location")
    reason = reject["reason"]
    assert "buiten de meegeleverde gebiedsgrenzen" in reason and "500 m" in reason
    with Warehouse.open(wh, read_only=True) as read:  # the failed reload kept the first load
        found = read.connection.execute(
            "SELECT id, located, buurt, wijk, municipality FROM incidents ORDER BY line"
        ).fetchall()
    assert [r[:2] for r in found] == [("0", "inside"), ("1", "inside"), ("7", "nearest")]
    assert found[2][2:] == ("BU05970700", "WK059707", "GM0597")  # Capelle aan den IJssel


def test_hotspots_reading_assigns_the_river_gap_too(tmp_path):
    from safetyplan.incidents.ingest import read_incidents_frame

    rows = good_rows(2) + [f"7,2018-01-05,1.1.1,{RIVER_GAP[0]},{RIVER_GAP[1]},ja"]
    frame = read_incidents_frame(write_csv(tmp_path / "gap.csv", HEADER, rows))
    assert list(frame["located"]) == ["inside", "inside", "nearest"]
    assert frame["buurt"].iloc[2] == "BU05970700"
    with pytest.raises(DataError, match="buiten de meegeleverde gebiedsgrenzen"):
        read_incidents_frame(
            write_csv(
                tmp_path / "sea.csv",
                HEADER,
                rows + [f"8,2018-01-05,1.1.1,{AT_SEA[0]},{AT_SEA[1]},"],
            )
        )


def test_a_source_table_of_the_previous_layout_reads_as_before(tmp_path, warehouse):
    """Before the area lists, every row held its own codes (and a migrated single table has
    ``_poly`` 0 everywhere): such a table gets empty lists and its rows keep their codes.
    Area lists made before the municipality tiles get an empty ``gm`` list."""
    from safetyplan.incidents import tables

    ingest_incidents(
        write_csv(tmp_path / "new.csv", HEADER, good_rows(2)), "new", warehouse=warehouse
    )
    con = warehouse.connection
    # area lists of the version before the municipality tiles: no ``gm`` list
    con.execute('ALTER TABLE "incidents:new:areas" DROP COLUMN gm')
    con.execute("""CREATE TABLE "incidents:old" AS SELECT 'old' AS source, 2 AS line,
        'a' AS id, TIMESTAMP '2018-01-02' AS occurred_at, '1.1.1' AS crime_type,
        CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS y, CAST(NULL AS DOUBLE) AS lat,
        CAST(NULL AS DOUBLE) AS lon, CAST(NULL AS VARCHAR) AS _convert,
        CAST(NULL AS VARCHAR) AS buurt, CAST(NULL AS VARCHAR) AS wijk,
        'GM0606' AS municipality, true AS solved, false AS attempt, false AS month_only,
        0 AS _poly, CAST(NULL AS VARCHAR) AS reject""")
    con.execute('CREATE TABLE "incidents:old:settled" AS SELECT * FROM "incidents:old" WHERE false')
    con.execute(
        "INSERT INTO incident_sources VALUES ('old', 'old.csv', 1, 0, "
        "TIMESTAMP '2020-01-01', NULL, NULL, 'day', 'src')"
    )
    tables.ensure_tables(con)
    found = con.execute(
        "SELECT source, buurt, wijk, municipality, located FROM incidents ORDER BY source, line"
    ).fetchall()
    assert found[0] == ("new", "BU05990110", "WK059901", "GM0599", "inside")
    assert found[2] == ("old", None, None, "GM0606", None)


def test_a_load_writes_only_the_columns_its_file_can_fill(tmp_path, warehouse):
    """A CSV of points and no codes: no line, lat, lon, buurt, wijk, municipality or
    located in the big table (each written NULL cost time); the settled table keeps every
    column. With buurt codes: buurt and municipality, and wijk read from buurt."""
    from safetyplan.incidents import parse

    rows = good_rows(3) + [f"9,2018-01-05,1.1.1,{RIVER_GAP[0]},{RIVER_GAP[1]},ja"]
    ingest_incidents(write_csv(tmp_path / "p.csv", HEADER, rows), "p", warehouse=warehouse)
    con = warehouse.connection
    stored = parse.stored_columns(con, '"incidents:p"')
    assert stored == set(parse.OUTPUT) - set(parse.OPTIONAL)
    assert parse.stored_columns(con, '"incidents:p:settled"') == set(parse.OUTPUT)
    found = con.execute(
        "SELECT line, buurt, wijk, municipality, located, lat FROM incidents ORDER BY line"
    ).fetchall()
    assert [r[0] for r in found] == [2, 3, 4, 5]
    assert found[0][1:] == ("BU05990110", "WK059901", "GM0599", "inside", None)
    assert found[3][4] == "nearest"
    coded = write_csv(
        tmp_path / "c.csv", "id,occurred_at,crime_type,buurt", ["1,2018-01-02,1.1.1,BU05990110"]
    )
    ingest_incidents(coded, "c", warehouse=warehouse)
    assert parse.stored_columns(con, '"incidents:c"') == set(parse.OUTPUT) - {
        "line",
        "lat",
        "lon",
        "wijk",
        "located",
        "_convert",
    }
    # WGS84 points: lat, lon and the conversion are stored, the points settled
    wgs = write_csv(
        tmp_path / "wgs.csv",
        "id,occurred_at,crime_type,lat,lon",
        ["1,2018-01-02,1.1.1,51.92,4.48", "2,2018-01-03,1.1.1,51.91,4.47"],
    )
    ingest_incidents(wgs, "w", warehouse=warehouse)
    assert {"lat", "lon", "_convert"} <= parse.stored_columns(con, '"incidents:w"')
    assert (
        con.execute(
            "SELECT count(*) FROM incidents WHERE source = 'w' AND buurt LIKE 'BU0599%'"
        ).fetchone()[0]
        == 2
    )
    assert con.execute(
        "SELECT buurt, wijk, municipality, located FROM incidents WHERE source = 'c'"
    ).fetchall() == [("BU05990110", "WK059901", "GM0599", None)]


def test_a_source_table_with_every_column_reads_as_before(tmp_path, warehouse):
    """Tables of the version before the narrow layout hold every column of parse.OUTPUT
    (``line`` NULL for a CSV without skipped records, ``located`` NULL, ``wijk`` written):
    they read as the narrow ones do, in the view, the rows and the facts' pregrouping."""
    from safetyplan.incidents import parse, tables

    rows = good_rows(3) + [f"9,2018-01-05,1.1.1,{RIVER_GAP[0]},{RIVER_GAP[1]},ja"]
    rows += ["10,2018-01-06,1.1.1,,,nee", "0,2018-01-07,1.2.1,92000,437000,"]  # two rejects
    path = write_csv(tmp_path / "w.csv", HEADER, rows)
    ingest_incidents(path, "w", warehouse=warehouse, max_rejects=5)
    con = warehouse.connection
    table = '"incidents:w"'

    def read() -> tuple:
        view = con.execute("SELECT * FROM incidents ORDER BY line").fetchall()
        every = con.execute(f"SELECT * FROM {parse.rows_sql(con, table)} ORDER BY line").fetchall()
        grouped = con.execute(
            f"SELECT * FROM ({parse.grouped_sql(con, table, weekly=True)}) ORDER BY ALL"
        ).fetchall()
        return view, every, grouped

    before = read()
    assert len(before[0]) == 4 and len(before[1]) == 6
    # the previous version's layout: every column, line and located NULL, wijk written
    full = ", ".join(
        {"line": "CAST(NULL AS BIGINT) AS line", "located": "CAST(NULL AS VARCHAR) AS located"}.get(
            c, c
        )
        for c in parse.OUTPUT
    )
    con.execute(
        f'CREATE TABLE "incidents:w:old" AS SELECT {full} FROM {parse.table_sql(con, table)}'
    )
    con.execute(f"DROP TABLE {table}")
    con.execute('ALTER TABLE "incidents:w:old" RENAME TO "incidents:w"')
    assert parse.stored_columns(con, table) == set(parse.OUTPUT)
    tables.refresh_view(con)
    assert read() == before


def test_the_loads_facts_equal_the_ibis_expression_over_the_view(tmp_path, warehouse):
    """A load groups its own tables by polygon number (``parse.grouped_sql``) and rolls the
    counts up in one statement (``aggregate.facts_sql``); the facts must be those of the
    plain Ibis expression (the one Spark runs) over the loaded rows: points located by the
    tiles, by the exact test, settled in a river gap, in a municipality without buurten,
    outside every area (rejected), points with another buurt's code, rows with codes only,
    two raw types of one code; daily and month-only sources. The load's summary comes from
    the same counts and must equal the view's."""
    import ibis

    from safetyplan.incidents import aggregate, area_index

    rng = np.random.default_rng(3)
    layer = locator.bundled().buurten
    minx, miny, maxx, maxy = shapely.total_bounds(layer.geometries)
    rows = []
    for i in range(3000):
        day = np.datetime64("2017-12-20") + int(rng.integers(0, 60))
        solved = ["ja", "nee", ""][i % 3]
        kind = ["1.1.1", "1.2.1", "Burglary ", "burglary"][i % 4]
        if i % 50 == 0:
            rows.append(f"{i},{day},{kind},,,{solved},BU05990110,")
        elif i % 50 == 1:
            rows.append(f"{i},{day},{kind},,,{solved},,GM0606")
        elif i % 50 == 2:
            rows.append(f"{i},{day},{kind},{RIVER_GAP[0]},{RIVER_GAP[1]},{solved},,")
        elif i % 50 == 3:  # the point's buurt wins over the code
            x, y = point_in(str(layer.codes[5]))
            rows.append(f"{i},{day},{kind},{x:.1f},{y:.1f},{solved},BU05990110,")
        elif i % 5 == 4:  # sea, other municipalities, beyond the layers
            x, y = rng.uniform(60_000, 125_000), rng.uniform(405_000, 455_000)
            rows.append(f"{i},{day},{kind},{x:.1f},{y:.1f},{solved},,")
        else:
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            rows.append(f"{i},{day},{kind},{x:.1f},{y:.1f},{solved},,")
    path = write_csv(tmp_path / "mix.csv", HEADER + ",buurt,municipality", rows)
    result = ingest_incidents(path, "mix", warehouse=warehouse, max_rejects=3000)
    assert result.rows > 2000 and result.with_municipality > 0 and result.located_nearest > 0
    assert 0 < result.rejected < 1000  # at sea, beyond the layers
    kinds = warehouse.connection.execute(f"""
        SELECT count(*) FILTER (_poly <= {area_index.MUNICIPALITY}),
               count(*) FILTER (_poly >= 0 AND buurt IS NOT NULL)
        FROM "incidents:mix" WHERE reject IS NULL""").fetchone()
    settled = count(warehouse, 'SELECT count(*) FROM "incidents:mix:settled" WHERE reject IS NULL')
    assert kinds[0] > 10 and kinds[1] > 10 and settled > result.located_nearest
    loaded = warehouse.facts(sources=["incidents.mix"])
    expected = aggregate.incident_facts(
        ibis.duckdb.from_connection(warehouse.connection), "incidents", "mix", "src"
    )
    key = ["area", "period", "measure"]
    loaded = loaded[[*key, "value"]].sort_values(key, ignore_index=True)
    pd.testing.assert_frame_equal(loaded, expected[[*key, "value"]], check_dtype=False)
    assert len(loaded) > 1000
    # the summary (worked out from the grouped counts) equals the counts over the view
    assert_summary_of_the_view(warehouse, "mix", result)

    # a source known to the month only: no weekly facts, the same roll-ups
    months = [r.replace(r.split(",")[1], r.split(",")[1][:7], 1) for r in rows[:600]]
    path = write_csv(tmp_path / "months.csv", HEADER + ",buurt,municipality", months)
    result = ingest_incidents(path, "months", warehouse=warehouse, max_rejects=600)
    assert result.resolution == "month" and result.rows > 400
    loaded = warehouse.facts(sources=["incidents.months"])
    expected = aggregate.incident_facts(
        ibis.duckdb.from_connection(warehouse.connection), "incidents", "months", "src", False
    )
    loaded = loaded[[*key, "value"]].sort_values(key, ignore_index=True)
    pd.testing.assert_frame_equal(loaded, expected[[*key, "value"]], check_dtype=False)
    assert len(loaded) > 100 and not loaded["period"].str.contains("W").any()
    assert_summary_of_the_view(warehouse, "months", result)


def assert_summary_of_the_view(warehouse, source: str, result) -> None:
    summary = warehouse.connection.execute(
        """
        SELECT count(*), count(DISTINCT crime_type), count(buurt),
               count(municipality) - count(buurt), count(*) - count(municipality),
               count(*) FILTER (WHERE located = 'nearest'), min(occurred_at), max(occurred_at)
        FROM incidents WHERE source = ?""",
        [source],
    ).fetchone()
    assert summary[:6] == (
        result.rows,
        result.crime_types,
        result.with_buurt,
        result.with_municipality,
        result.without_area,
        result.located_nearest,
    )
    assert (summary[6].isoformat(), summary[7].isoformat()) == (result.first_at, result.last_at)


def test_points_settled_by_the_municipality_tiles_equal_the_exact_pass(tmp_path, warehouse):
    """Points outside every buurt in a tile wholly inside a municipality without buurten
    in the buurt layer get that municipality in the load's SQL (``area_index.MUNICIPALITY``);
    every point, those and the ones the Python pass settles, must get what
    ``Layer.locate`` + ``Boundaries.fill_gaps`` give: buurt, municipality, how located, or
    a reject when no area lies within 500 m (sea, beyond the layers)."""
    from safetyplan.incidents import area_index

    boundaries = locator.bundled()
    rng = np.random.default_rng(17)
    n = 30_000
    x = np.round(rng.uniform(60_000, 125_000, n), 1)  # sea, Rotterdam area, other provinces
    y = np.round(rng.uniform(405_000, 455_000, n), 1)
    rows = [f"{i},2018-01-05,1.1.1,{x[i]:.1f},{y[i]:.1f},nee" for i in range(n)]
    path = write_csv(tmp_path / "wide.csv", HEADER, rows)
    result = ingest_incidents(path, "wide", warehouse=warehouse, max_rejects=n)

    buurt, municipality, nearest = boundaries.fill_gaps(x, y, boundaries.buurten.locate(x, y))
    areas, gm = boundaries.areas, boundaries.municipalities.codes
    expected = {}
    for i in range(n):
        if buurt[i] >= 0:
            expected[str(i)] = (areas["buurt"][buurt[i]], areas["municipality"][buurt[i]])
        elif municipality[i] >= 0:
            expected[str(i)] = (None, gm[municipality[i]])
    loaded = warehouse.connection.execute(
        "SELECT id, buurt, municipality, located FROM incidents WHERE source = 'wide'"
    ).fetchall()
    assert {r[0]: (r[1], r[2]) for r in loaded} == expected
    assert {r[0] for r in loaded if r[3] == "nearest"} == {str(i) for i in np.flatnonzero(nearest)}
    assert result.rejected == n - len(expected) > 100  # at sea and beyond the layers
    by_tiles = count(
        warehouse, f'SELECT count(*) FROM "incidents:wide" WHERE _poly <= {area_index.MUNICIPALITY}'
    )
    assert by_tiles > 3_000  # the tiles settled many of them, not the Python pass


@pytest.mark.parametrize(
    ("in_memory", "batch"),
    [(25_000_000, 1_000_000), (25_000_000, 700), (2, 1_000_000)],
    ids=["sorted-hashes", "sorted-hashes-in-batches", "duckdb-aggregate"],
)
def test_doubled_ids_are_found_by_either_check(in_memory, batch, monkeypatch):
    """The quick check before the duplicate search: the ids' hashes sorted in memory
    (fetched in one batch or several), or, beyond ``HASHES_IN_MEMORY`` ids, counted by
    DuckDB. Either finds a doubled id, and neither finds one where there is none (nor in an
    empty table)."""
    import duckdb

    from safetyplan.incidents import ingest

    monkeypatch.setattr(ingest, "HASHES_IN_MEMORY", in_memory)
    monkeypatch.setattr(ingest, "HASH_BATCH", batch)
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT 'INC' || i AS id FROM range(5000) r(i)")
    assert not ingest.may_have_doubled_ids(con, "SELECT id FROM t")
    assert not ingest.may_have_doubled_ids(con, "SELECT id FROM t WHERE false")
    con.execute("INSERT INTO t VALUES ('INC4321')")
    assert ingest.may_have_doubled_ids(con, "SELECT id FROM t")


def test_a_load_beyond_the_hashes_in_memory_marks_duplicates_too(tmp_path, warehouse, monkeypatch):
    from safetyplan.incidents import ingest

    monkeypatch.setattr(ingest, "HASHES_IN_MEMORY", 2)
    rows = good_rows(3) + ["1,2018-01-02,1.1.1,92000,437000,"]
    path = write_csv(tmp_path / "d.csv", HEADER, rows)
    result = ingest_incidents(path, "d", warehouse=warehouse, max_rejects=1)
    assert (result.rows, result.rejected) == (3, 1)
    assert [(r.line, r.column) for r in result.first_rejects] == [(5, "id")]


@pytest.mark.parametrize("with_progress", [False, True], ids=["quiet", "with-progress"])
def test_an_unreadable_file_is_a_located_error_and_the_warehouse_stays_usable(
    tmp_path, warehouse, with_progress
):
    """A file DuckDB cannot read (a Parquet file whose schema reads but whose data does not:
    it fails inside the load's transaction) is a DataError naming the file, not DuckDB's
    complaint about the aborted transaction; the settings the load changed are restored and
    the next load runs normally."""
    broken = tmp_path / "broken.parquet"
    good = write_csv(tmp_path / "good.csv", HEADER, good_rows(3))
    pd.read_csv(good, dtype=str).to_parquet(broken)
    data = broken.read_bytes()
    broken.write_bytes(data[:4] + b"\xff" * 200 + data[204:])  # the pages, not the footer
    seen: list[tuple[int, int]] = []
    progress = (lambda done, total: seen.append((done, total))) if with_progress else None
    with pytest.raises(DataError, match="broken.parquet"):
        ingest_incidents(broken, "b", warehouse=warehouse, progress=progress)
    con = warehouse.connection
    assert con.execute("SELECT current_setting('disabled_optimizers')").fetchone()[0] == ""
    assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0] is False
    assert staging_tables(warehouse) == []
    assert ingest_incidents(good, "g", warehouse=warehouse).rows == 3
