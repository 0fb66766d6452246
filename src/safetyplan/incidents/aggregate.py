# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Incident rows -> facts: counts per area x crime type x month and ISO week.

Written as Ibis expressions, so the same code runs on DuckDB (the default: the warehouse) and
on a cluster engine such as Spark for a user who outgrows one machine (see
``tests/incidents/test_aggregate.py``, which runs it on local PySpark when available).

Periods: months for buurt, wijk and municipality; ISO weeks for wijk and municipality
(:data:`WEEKLY_LEVELS`). Measures (``docs/incidents.md``):
``incidents:<classification>:<crime type>`` (count),
``incidents:<classification>:totaal`` (all types) and ``incidents_solved:<classification>:
<crime type|totaal>`` (solved = true). Areas: buurt, wijk and municipality codes. Facts are
sparse: within the source's period range, a missing row means zero.
"""

from __future__ import annotations

import re
from datetime import datetime

import ibis
import ibis.expr.types as ir
import pandas as pd

LEVELS = ("buurt", "wijk", "municipality")
# Weeks are counted for wijken and municipalities only. A buurt holds a handful of incidents
# of a type per week, too few for the weekly early-warning methods, and buurt x week would
# be half of all facts; buurt x month stays, and the scan reads buurt weeks from the rows.
WEEKLY_LEVELS = ("wijk", "municipality")
TOTAL = "totaal"


def month_label(ts: ir.TimestampValue) -> ir.StringValue:
    """'YYYY-MM' of a timestamp."""
    return ts.year().cast("string") + "-" + ts.month().cast("string").lpad(2, "0")


def iso_week_label(ts: ir.TimestampValue) -> ir.StringValue:
    """'YYYY-Www' (ISO 8601: the week belongs to the year of its Thursday)."""
    thursday = ts.date() + (3 - ts.day_of_week.index()).as_interval("D")
    week = ts.week_of_year().cast("string").lpad(2, "0")
    return thursday.year().cast("string") + "-W" + week


def crime_code(crime_type: ir.StringValue) -> ir.StringValue:
    """A crime type as the last part of a measure name, in Ibis (same as :func:`measure_code`):
    lower case, runs of other characters as '_' ('Criminal damage and arson' ->
    'criminal_damage_and_arson', '1.4.6' stays '1.4.6'), 'onbekend' when nothing is left."""
    code = crime_type.strip().lower().re_replace(r"[^0-9a-z._-]+", "_").re_replace(r"^_+|_+$", "")
    return ibis.ifelse(code == "", ibis.literal("onbekend"), code)


def grouped_counts(incidents: ir.Table, weekly: bool = True) -> ir.Table:
    """Counts per buurt, wijk, municipality, raw crime type and first day of the month (and
    of the ISO week): one cheap grouping of the rows, no labels yet."""
    t = incidents.filter(incidents.municipality.notnull() | incidents.buurt.notnull())
    keys = {
        "buurt": t.buurt,
        "wijk": t.wijk,
        "municipality": t.municipality,
        "raw_type": t.crime_type,
        "month_start": t.occurred_at.truncate("M"),
    }
    if weekly:
        keys["week_start"] = t.occurred_at.truncate("W")
    return t.group_by(**keys).aggregate(
        n=t.count(),
        solved=t.solved.fill_null(False).cast("int64").sum(),
    )


def with_area(grouped: ir.Table, weekly: bool = True) -> ir.Table:
    """Counts grouped like :func:`grouped_counts` but over every row (``parse.grouped_sql``),
    restricted to the groups :func:`grouped_counts` keeps: those with an area. (Should a
    key have two rows, :func:`rollup` adds them up.)"""
    t = grouped.filter(grouped.municipality.notnull() | grouped.buurt.notnull())
    keys = ["buurt", "wijk", "municipality", "raw_type", "month_start"]
    return t.select(*keys, *(["week_start"] if weekly else []), "n", "solved")


def labelled(grouped: ir.Table, weekly: bool = True) -> ir.Table:
    """The grouped counts with crime code and period labels, each worked out once per
    distinct value (a few types and periods) and joined on, not once per group. Two raw
    types with one code ('Burglary ' and 'burglary') are added up in the roll-ups."""
    types = grouped.select("raw_type").distinct()
    out = grouped.join(types.mutate(crime_type=crime_code(types.raw_type)), "raw_type")
    months = grouped.select("month_start").distinct()
    out = out.join(months.mutate(month=month_label(months.month_start)), "month_start")
    if weekly:
        weeks = grouped.select("week_start").distinct()
        out = out.join(weeks.mutate(week=iso_week_label(weeks.week_start)), "week_start")
    return out


def base_counts(incidents: ir.Table, weekly: bool = True) -> ir.Table:
    """Counts at the finest level: buurt, wijk, municipality, crime code, month (and week).
    The roll-ups to wijk and municipality start from this small table, not from the rows."""
    return labelled(grouped_counts(incidents, weekly), weekly)


def rollup(base: ir.Table, level: str, period: str) -> ir.Table:
    """Counts per area of ``level`` x crime code x ``period`` ('month' or 'week')."""
    t = base.filter(base[level].notnull())
    by_type = t.group_by(area=t[level], period=t[period], crime_type=t.crime_type).aggregate(
        n=t.n.sum(), solved=t.solved.sum()
    )
    total = (
        t.group_by(area=t[level], period=t[period])
        .aggregate(n=t.n.sum(), solved=t.solved.sum())
        .mutate(crime_type=ibis.literal(TOTAL))
    )
    return by_type.union(total.select(by_type.columns).cast(by_type.schema()))


def counts_table(base: ir.Table, weekly: bool = True) -> ir.Table:
    """Every (level, period) roll-up of the base counts in one table:
    area, period, crime_type, n, solved."""
    parts = [rollup(base, level, "month") for level in LEVELS]
    if weekly:
        parts += [rollup(base, level, "week") for level in WEEKLY_LEVELS]
    return ibis.union(*parts)


def as_measures(counts: ir.Table, classification: str) -> ir.Table:
    """Counts as facts: ``incidents:<classification>:<code>`` for every count,
    ``incidents_solved:...`` where some were solved."""
    prefix = f"incidents:{classification}:"
    solved_prefix = f"incidents_solved:{classification}:"
    totals = counts.select(
        area=counts.area,
        period=counts.period,
        measure=ibis.literal(prefix) + counts.crime_type,
        value=counts.n.cast("float64"),
    )
    solved = counts.filter(counts.solved > 0)
    solved = solved.select(
        area=solved.area,
        period=solved.period,
        measure=ibis.literal(solved_prefix) + solved.crime_type,
        value=solved.solved.cast("float64"),
    )
    return totals.union(solved)


def facts_table(incidents: ir.Table, classification: str, weekly: bool = True) -> ir.Table:
    """One expression for all facts of some incident rows: area, period, measure, value."""
    return as_measures(counts_table(base_counts(incidents, weekly), weekly), classification)


def measure_code(crime_type: str) -> str:
    """A crime type as the last part of a measure name: lower case, no spaces
    ('Burglary' -> 'burglary', 'Criminal damage and arson' -> 'criminal_damage_and_arson',
    '1.4.6' stays '1.4.6')."""
    text = re.sub(r"[^0-9a-z._-]+", "_", str(crime_type).strip().lower()).strip("_")
    return text or "onbekend"


def incident_facts(
    backend, table_name: str, source: str, classification: str, weekly: bool = True
) -> pd.DataFrame:
    """Facts for one source, computed by ``backend`` (an Ibis backend holding the table),
    as a DataFrame sorted by area, period, measure."""
    table = backend.table(table_name)
    facts = facts_table(table.filter(table.source == source), classification, weekly)
    frame = facts.to_pandas()
    return frame.sort_values(["area", "period", "measure"], ignore_index=True)


def write_facts(
    con,
    table_name: str,
    facts_name: str,
    classification: str,
    weekly: bool,
    origin: str,
    grouped_table: str | None = None,
) -> int:
    """Compute the facts of the incident rows in ``table_name`` (a table or subquery) in DuckDB
    and write them straight into the warehouse's ``facts`` table as source ``facts_name``
    (replacing it), inside the caller's transaction, with its ``sources`` and ``loads`` rows.
    No round trip through pandas: millions of facts stay inside DuckDB. ``grouped_table``:
    those rows already grouped (``parse.grouped_sql``), used instead of grouping them here.
    Returns the number of facts."""
    backend = ibis.duckdb.from_connection(con)
    con.execute(f"CREATE OR REPLACE TEMP VIEW _incident_rows AS SELECT * FROM {table_name}")
    table = backend.table("_incident_rows")
    # Materialised step by step: inlined, DuckDB would recompute the base per roll-up.
    grouped = (
        with_area(backend.table(grouped_table), weekly)
        if grouped_table
        else grouped_counts(table, weekly)
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE _incident_grouped AS {ibis.to_sql(grouped)}")
    base = labelled(backend.table("_incident_grouped"), weekly)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _incident_base AS {ibis.to_sql(base)}")
    counts = counts_table(backend.table("_incident_base"), weekly)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _incident_counts AS {ibis.to_sql(counts)}")
    sql = ibis.to_sql(
        as_measures(backend.table("_incident_counts"), classification), dialect="duckdb"
    )
    replaced = con.execute("SELECT count(*) FROM facts WHERE source = ?", [facts_name]).fetchone()[
        0
    ]
    con.execute("DELETE FROM facts WHERE source = ?", [facts_name])
    con.execute(
        "INSERT INTO facts (area, period, measure, value, source, provisional) "
        f"SELECT area, period, measure, value, ?, false FROM ({sql})",
        [facts_name],
    )
    con.execute("DROP TABLE _incident_grouped")
    con.execute("DROP TABLE _incident_base")
    con.execute("DROP TABLE _incident_counts")
    con.execute("DROP VIEW _incident_rows")
    rows, checksum = con.execute(
        "SELECT count(*), 'duckdb-hash:' || coalesce(bit_xor(hash(area, period, measure, "
        "value)), 0)::VARCHAR FROM facts WHERE source = ?",
        [facts_name],
    ).fetchone()
    now = datetime.now().replace(microsecond=0)
    if rows == 0:
        con.execute("DELETE FROM sources WHERE source = ?", [facts_name])
        return 0
    con.execute(
        "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
        [facts_name, rows, now, checksum, origin],
    )
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [now, facts_name, rows, rows, replaced, False, checksum, origin],
    )
    return int(rows)
