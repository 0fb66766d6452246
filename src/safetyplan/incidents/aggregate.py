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

from .read import literal

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


def labelled(grouped: ir.Table, weekly: bool = True) -> ir.Table:
    """The grouped counts with crime code and period labels, each worked out once per
    distinct value (a few types and periods) and joined on, not once per group. Two raw
    types with one code ('Burglary ' and 'burglary') are added up in the roll-ups."""
    labels = label_tables(grouped, weekly)
    out = grouped.join(labels["types"], "raw_type")
    out = out.join(labels["months"].rename(month="period"), "month_start")
    if weekly:
        out = out.join(labels["weeks"].rename(week="period"), "week_start")
    return out


def label_tables(grouped: ir.Table, weekly: bool = True) -> dict[str, ir.Table]:
    """The labels of the grouped counts' distinct values: ``types`` (raw_type, crime_type),
    ``months`` (month_start, period) and, ``weekly``, ``weeks`` (week_start, period)."""
    types = grouped.select("raw_type").distinct()
    months = grouped.select("month_start").distinct()
    out = {
        "types": types.mutate(crime_type=crime_code(types.raw_type)),
        "months": months.mutate(period=month_label(months.month_start)),
    }
    if weekly:
        weeks = grouped.select("week_start").distinct()
        out["weeks"] = weeks.mutate(period=iso_week_label(weeks.week_start))
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


# What Ibis's strip() trims (crime_code): the same characters in label_sql.
STRIPPED = " \t\n\r\x0b\x0c"


def label_sql(grouped_table: str, weekly: bool = True) -> dict[str, str]:
    """:func:`label_tables` as DuckDB SQL, written out: compiling the Ibis expressions cost
    0.15 s at every load (Ibis's first compilation in a process); tests compare the two."""
    code = (
        f"regexp_replace(regexp_replace(lower(trim(raw_type, {literal(STRIPPED)})), "
        "'[^0-9a-z._-]+', '_', 'g'), '^_+|_+$', '', 'g')"
    )
    out = {
        "types": (
            f"SELECT raw_type, CASE WHEN {code} = '' THEN 'onbekend' ELSE {code} END "
            f"AS crime_type FROM (SELECT DISTINCT raw_type FROM {grouped_table})"
        ),
        "months": (
            "SELECT month_start, strftime(month_start, '%Y-%m') AS period "
            f"FROM (SELECT DISTINCT month_start FROM {grouped_table})"
        ),
    }
    if weekly:
        # ISO 8601: the week's year is the year of its Thursday
        out["weeks"] = (
            "SELECT week_start, CAST(isoyear(week_start) AS VARCHAR) || '-W' || "
            "lpad(CAST(week(week_start) AS VARCHAR), 2, '0') AS period "
            f"FROM (SELECT DISTINCT week_start FROM {grouped_table})"
        )
    return out


def facts_sql(grouped_table: str, classification: str, weekly: bool = True) -> str:
    """DuckDB SQL of the facts (area, period, measure, value) of counts grouped like
    :func:`grouped_counts` (``parse.grouped_sql``; groups without an area left out here): the
    facts of :func:`facts_table` over the rows, in one statement (a test compares the two).
    The labels come from :func:`label_tables`; the roll-ups first add the groups up to the
    months (and the weeks) with the raw types and timestamps as keys, then every level at
    once (GROUPING SETS), so that the measures and labels are joined on a few hundred
    thousand counts, and no step is written to a table in between (materialised steps in
    the load's transaction are scanned on one thread)."""
    labels = label_sql(grouped_table, weekly)
    with_area = "WHERE municipality IS NOT NULL OR buurt IS NOT NULL"
    ctes = {
        "_types": labels["types"],
        "_months": labels["months"],
        "_by_month": "SELECT buurt, wijk, municipality, raw_type, month_start, sum(n) AS n, "
        f"sum(solved) AS solved FROM {grouped_table} {with_area} GROUP BY ALL",
    }
    parts = [_rollups_sql("_by_month", LEVELS, "month_start", "_months")]
    if weekly:
        ctes["_weeks"] = labels["weeks"]
        ctes["_by_week"] = (
            "SELECT wijk, municipality, raw_type, week_start, sum(n) AS n, sum(solved) AS solved "
            f"FROM {grouped_table} {with_area} GROUP BY ALL"
        )
        parts.append(_rollups_sql("_by_week", WEEKLY_LEVELS, "week_start", "_weeks"))
    ctes["_counts"] = " UNION ALL ".join(parts)
    prefix = literal(f"incidents:{classification}:")
    solved_prefix = literal(f"incidents_solved:{classification}:")
    return (
        "WITH "
        + ", ".join(
            f"{name} AS {'MATERIALIZED ' if name == '_counts' else ''}({sql})"
            for name, sql in ctes.items()
        )
        + f" SELECT area, period, {prefix} || crime_type AS measure, CAST(n AS DOUBLE) AS value "
        f"FROM _counts UNION ALL SELECT area, period, {solved_prefix} || crime_type, "
        "CAST(solved AS DOUBLE) FROM _counts WHERE solved > 0"
    )


def _rollups_sql(counts: str, levels: tuple[str, ...], start: str, periods: str) -> str:
    """:func:`rollup` of ``counts`` for every level of ``levels``: area, period, crime_type,
    n, solved; per crime code and (crime_type 'totaal') for all types."""
    sets = ", ".join(f"({level}, crime_type, {start}), ({level}, {start})" for level in levels)
    area = " ".join(f"WHEN GROUPING({level}) = 0 THEN {level}" for level in levels)
    rolled = (
        f"SELECT CASE {area} END AS area, {start}, CASE WHEN GROUPING(crime_type) = 1 "
        f"THEN '{TOTAL}' ELSE crime_type END AS crime_type, sum(n) AS n, sum(solved) AS solved "
        f"FROM {counts} JOIN _types USING (raw_type) GROUP BY GROUPING SETS ({sets})"
    )
    return (
        f"SELECT area, period, crime_type, n, solved FROM ({rolled}) "
        f"JOIN {periods} USING ({start}) WHERE area IS NOT NULL"
    )


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
    if grouped_table is None:
        backend = ibis.duckdb.from_connection(con)
        con.execute(f"CREATE OR REPLACE TEMP VIEW _incident_rows AS SELECT * FROM {table_name}")
        grouped = grouped_counts(backend.table("_incident_rows"), weekly)
        con.execute(f"CREATE OR REPLACE TEMP TABLE _incident_grouped AS {ibis.to_sql(grouped)}")
        con.execute("DROP VIEW _incident_rows")
    sql = facts_sql(grouped_table or "_incident_grouped", classification, weekly)
    replaced = con.execute("SELECT count(*) FROM facts WHERE source = ?", [facts_name]).fetchone()[
        0
    ]
    con.execute("DELETE FROM facts WHERE source = ?", [facts_name])
    # in any order (the facts' readers sort): kept in order, the insert cost 0.1-0.3 CPU s
    # more for 1 million facts, most of it in the commit
    ordered = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = false")
    try:
        # through one materialised step: inserted straight from the roll-ups' pipelines,
        # each thread of each left a partly filled row group, which DuckDB merged at the
        # checkpoint (0.15-0.2 s for 1 million facts; this way 0.01, the insert no slower)
        con.execute(
            "INSERT INTO facts (area, period, measure, value, source, provisional) "
            "WITH _facts AS MATERIALIZED "
            f"(SELECT area, period, measure, value, ?, false FROM ({sql})) "
            "SELECT * FROM _facts",
            [facts_name],
        )
    finally:
        con.execute(f"SET preserve_insertion_order = {str(bool(ordered)).lower()}")
    if grouped_table is None:
        con.execute("DROP TABLE _incident_grouped")
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
