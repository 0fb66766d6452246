# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The warehouse tables for incident-level data, registered on the warehouse's schema.

Each loaded source has its own table, ``"incidents:<source>"``, created and filled by the
load in one transaction (DuckDB writes a new table several times faster than it inserts into
an existing one); the view ``incidents`` is every source's table in one. A
reload builds the new table beside the old one and swaps them in one transaction, so a
failed reload leaves the old rows in place. The load never deletes or updates rows of the big
table (that makes the commit rewrite it): rejected rows stay in it, marked, outside the
view, and points that needed more than the tiles are settled in a small table beside it
(``"incidents:<source>:settled"``). The buurt, wijk and municipality of the points the tiles
located are not stored per row but read from the source's area lists
(``"incidents:<source>:areas"``, one row) by polygon number, as writing those strings cost
more than a third of the load. ``incident_sources`` has one row per loaded
source (what was loaded, when, from where, how many rows were rejected).
"""

from __future__ import annotations

import pandas as pd

from safetyplan.warehouse import TABLES, register_table

from .read import ident

INCIDENT_COLUMNS = (
    "source",
    "id",
    "line",
    "occurred_at",
    "crime_type",
    "x",
    "y",
    "lat",
    "lon",
    "buurt",
    "wijk",
    "municipality",
    "located",
    "solved",
    "attempt",
)
COLUMN_TYPES = {
    "source": "VARCHAR",  # the source's name
    "id": "VARCHAR",  # the file's incident id (unique per source)
    "line": "BIGINT",  # record number in the file (header = 1)
    "occurred_at": "TIMESTAMP",  # Dutch local time
    "crime_type": "VARCHAR",
    "x": "DOUBLE",  # RD New (EPSG:28992) metres, when known
    "y": "DOUBLE",
    "lat": "DOUBLE",  # WGS84 degrees, as delivered
    "lon": "DOUBLE",
    "buurt": "VARCHAR",  # CBS codes: given, or assigned from the coordinates
    "wijk": "VARCHAR",
    "municipality": "VARCHAR",
    "located": "VARCHAR",  # from the point: 'inside' a polygon or 'nearest' (a gap)
    "solved": "BOOLEAN",  # NULL: unknown
    "attempt": "BOOLEAN",
}
EMPTY_SELECT = (
    "SELECT "
    + ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in COLUMN_TYPES.items())
    + " WHERE false"
)

register_table("incidents", f"CREATE VIEW IF NOT EXISTS incidents AS {EMPTY_SELECT}")
register_table(
    "incident_sources",
    """
    CREATE TABLE IF NOT EXISTS incident_sources (
        source         VARCHAR PRIMARY KEY,
        origin         VARCHAR,
        rows           BIGINT NOT NULL,
        rejected       BIGINT NOT NULL,
        loaded_at      TIMESTAMP NOT NULL,
        first_at       TIMESTAMP,
        last_at        TIMESTAMP,
        resolution     VARCHAR NOT NULL,
        classification VARCHAR NOT NULL
    )""",
)


def source_table(source: str) -> str:
    """The (quoted) name of a source's own table (with its rejected rows, marked, and the
    points still open after the tiles); the settled points are in ``"...:settled"``."""
    return ident(f"incidents:{source}")


def source_rows(con, source: str) -> str:
    """A subquery of the loaded rows of one source (the rejected ones left out)."""
    from .parse import rows_sql

    return f"(SELECT * FROM {rows_sql(con, source_table(source))} WHERE reject IS NULL)"


def ensure_tables(con) -> None:
    """Create the incident tables in a warehouse opened before this module was imported, and
    move the rows of an older warehouse's single ``incidents`` table into per-source tables."""
    con.execute(TABLES["incident_sources"])
    kind = con.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_name = 'incidents'"
    ).fetchone()
    if kind and kind[0] == "BASE TABLE":
        con.execute("ALTER TABLE incidents RENAME TO _incidents_single_table")
        for (source,) in con.execute(
            "SELECT DISTINCT source FROM _incidents_single_table"
        ).fetchall():
            con.execute(
                f"CREATE TABLE {source_table(source)} AS SELECT *, "
                "CAST(NULL AS VARCHAR) AS _convert, "
                "CAST(NULL AS VARCHAR) AS located, false AS month_only, "
                "0 AS _poly, CAST(NULL AS VARCHAR) AS reject "
                "FROM _incidents_single_table WHERE source = ?",
                [source],
            )
            con.execute(
                f"CREATE TABLE {source_table(source + ':settled')} AS "
                f"SELECT * FROM {source_table(source)} WHERE false"
            )
        con.execute("DROP TABLE _incidents_single_table")
    elif not kind:
        con.execute(TABLES["incidents"])
    _add_areas(con)
    refresh_view(con)


def _add_areas(con) -> None:
    """Source tables of a version before the area lists (every row holds its own codes) get
    empty lists, so that they read as before (:func:`parse.rows_sql`)."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            "AND table_name LIKE 'incidents:%' AND table_name NOT LIKE 'incidents:%:%'"
        ).fetchall()
    ]
    present = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE "
            "'incidents:%:areas'"
        ).fetchall()
    }
    for table in tables:
        if f"{table}:areas" not in present:
            source = table.removeprefix("incidents:")
            con.execute(
                f"CREATE TABLE {ident(table + ':areas')} AS SELECT ? AS source, "
                "CAST([] AS VARCHAR[]) AS buurt, CAST([] AS VARCHAR[]) AS wijk, "
                "CAST([] AS VARCHAR[]) AS municipality, "
                "CAST(NULL AS BIGINT) AS line_base, CAST([] AS VARCHAR[]) AS gm",
                [source],
            )
    # area lists of a version before the municipality tiles: no row points into ``gm``
    for (table,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE "
        "'incidents:%:areas' AND table_name NOT IN (SELECT table_name FROM "
        "information_schema.columns WHERE column_name = 'gm')"
    ).fetchall():
        con.execute(f"ALTER TABLE {ident(table)} ADD COLUMN gm VARCHAR[] DEFAULT []")


def refresh_view(con) -> None:
    """The view ``incidents`` over every loaded source's table."""
    sources = [
        r[0] for r in con.execute("SELECT source FROM incident_sources ORDER BY source").fetchall()
    ]
    columns = ", ".join(INCIDENT_COLUMNS)
    parts = [f"SELECT {columns} FROM {source_rows(con, s)}" for s in sources] or [EMPTY_SELECT]
    con.execute("CREATE OR REPLACE VIEW incidents AS " + " UNION ALL ".join(parts))


def has_incidents(con) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'incident_sources'"
    ).fetchone()
    return bool(found and found[0])


def incident_sources(con) -> pd.DataFrame:
    """Loaded incident sources, newest first (empty when none)."""
    if not has_incidents(con):
        return pd.DataFrame(
            columns=[
                "source",
                "origin",
                "rows",
                "rejected",
                "loaded_at",
                "first_at",
                "last_at",
                "resolution",
                "classification",
            ]
        )
    return con.execute("SELECT * FROM incident_sources ORDER BY loaded_at DESC").df()


def facts_source(source: str) -> str:
    """The name under which the facts derived from an incident source are loaded."""
    return f"incidents.{source}"
