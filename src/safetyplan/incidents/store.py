"""The warehouse tables for incident-level data, registered on the warehouse's schema.

``incidents`` holds one row per incident and source; ``incident_sources`` one row per loaded
source (what was loaded, when, from where, how many rows were rejected). A reload replaces
every row of its source in one transaction.
"""

from __future__ import annotations

import pandas as pd

from safetyplan.warehouse import TABLES, register_table

INCIDENT_COLUMNS = ("source", "id", "line", "occurred_at", "crime_type", "x", "y", "lat",
                    "lon", "buurt", "wijk", "municipality", "solved", "attempt")

register_table(
    "incidents",
    """
    CREATE TABLE IF NOT EXISTS incidents (
        source       VARCHAR NOT NULL,
        id           VARCHAR NOT NULL,
        line         BIGINT,
        occurred_at  TIMESTAMP NOT NULL,
        crime_type   VARCHAR NOT NULL,
        x            DOUBLE,     -- RD New (EPSG:28992) metres, when known
        y            DOUBLE,
        lat          DOUBLE,     -- WGS84 degrees, as delivered
        lon          DOUBLE,
        buurt        VARCHAR,    -- CBS codes: given, or assigned from the coordinates
        wijk         VARCHAR,
        municipality VARCHAR,
        solved       BOOLEAN,    -- NULL: unknown
        attempt      BOOLEAN
    )""",
)
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


def ensure_tables(con) -> None:
    """Create the incident tables in a warehouse opened before this module was imported."""
    for name in ("incidents", "incident_sources"):
        con.execute(TABLES[name])


def has_incidents(con) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'incident_sources'"
    ).fetchone()
    return bool(found and found[0])


def incident_sources(con) -> pd.DataFrame:
    """Loaded incident sources, newest first (empty when none)."""
    if not has_incidents(con):
        return pd.DataFrame(columns=["source", "origin", "rows", "rejected", "loaded_at",
                                     "first_at", "last_at", "resolution", "classification"])
    return con.execute("SELECT * FROM incident_sources ORDER BY loaded_at DESC").df()


def facts_source(source: str) -> str:
    """The name under which the facts derived from an incident source are loaded."""
    return f"incidents.{source}"
