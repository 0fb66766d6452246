# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The warehouse's tables, as plain DuckDB DDL.

Each table is one entry of :data:`TABLES`; :func:`ensure_schema` creates the missing ones when a
warehouse is opened for writing. Another layer adds its own table (e.g. ``incidents``) with
:func:`register_table` at import time, without touching this file's existing entries.

No primary key on ``facts``: uniqueness of (area, period, measure) per source is checked
before a load (see :mod:`safetyplan.warehouse.validate`), and an index would only slow the
delete + insert that replaces a source.
"""

SCHEMA_VERSION = 1

TABLES: dict[str, str] = {
    "facts": """
        CREATE TABLE IF NOT EXISTS facts (
            area        VARCHAR NOT NULL,
            period      VARCHAR NOT NULL,
            measure     VARCHAR NOT NULL,
            value       DOUBLE  NOT NULL,
            source      VARCHAR NOT NULL,
            provisional BOOLEAN NOT NULL DEFAULT FALSE
        )""",
    # Current state: one row per loaded source.
    "sources": """
        CREATE TABLE IF NOT EXISTS sources (
            source    VARCHAR PRIMARY KEY,
            rows      BIGINT NOT NULL,
            loaded_at TIMESTAMP NOT NULL,
            checksum  VARCHAR NOT NULL,
            origin    VARCHAR
        )""",
    # Append-only history: every load attempt that reached the warehouse.
    "loads": """
        CREATE TABLE IF NOT EXISTS loads (
            loaded_at TIMESTAMP NOT NULL,
            source    VARCHAR NOT NULL,
            rows      BIGINT NOT NULL,
            inserted  BIGINT NOT NULL,
            replaced  BIGINT NOT NULL,
            unchanged BOOLEAN NOT NULL,
            checksum  VARCHAR NOT NULL,
            origin    VARCHAR
        )""",
    "meta": """
        CREATE TABLE IF NOT EXISTS meta (
            key   VARCHAR PRIMARY KEY,
            value VARCHAR NOT NULL
        )""",
}


def register_table(name: str, ddl: str) -> None:
    """Add a table to the schema (``CREATE TABLE IF NOT EXISTS ...``); idempotent per name."""
    existing = TABLES.get(name)
    if existing is not None and existing != ddl:
        raise ValueError(f"table {name!r} is already registered with a different definition")
    TABLES[name] = ddl


def ensure_schema(con) -> None:
    """Create missing tables and record the schema version (inside the caller's transaction)."""
    for ddl in TABLES.values():
        con.execute(ddl)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
