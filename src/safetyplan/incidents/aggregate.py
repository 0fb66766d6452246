"""Incident rows -> facts: counts per area x crime type x month and ISO week.

Written as Ibis expressions, so the same code runs on DuckDB (the default: the warehouse) and
on a cluster engine such as Spark for a user who outgrows one machine (see
``tests/incidents/test_aggregate.py``, which runs it on local PySpark when available).

Measures (``docs/incidents.md``): ``incidents:<classification>:<crime type>`` (count),
``incidents:<classification>:totaal`` (all types) and ``incidents_solved:<classification>:
<crime type|totaal>`` (solved = true). Areas: buurt, wijk and municipality codes. Facts are
sparse: within the source's period range, a missing row means zero.
"""

from __future__ import annotations

import re

import ibis
import ibis.expr.types as ir
import pandas as pd

LEVELS = ("buurt", "wijk", "municipality")
TOTAL = "totaal"


def month_label(ts: ir.TimestampValue) -> ir.StringValue:
    """'YYYY-MM' of a timestamp."""
    return ts.year().cast("string") + "-" + ts.month().cast("string").lpad(2, "0")


def iso_week_label(ts: ir.TimestampValue) -> ir.StringValue:
    """'YYYY-Www' (ISO 8601: the week belongs to the year of its Thursday)."""
    thursday = ts.date() + (3 - ts.day_of_week.index()).as_interval("D")
    week = ts.week_of_year().cast("string").lpad(2, "0")
    return thursday.year().cast("string") + "-W" + week


def base_counts(incidents: ir.Table, weekly: bool = True) -> ir.Table:
    """Counts at the finest level: buurt, wijk, municipality, crime type, month (and week).

    The roll-ups to wijk and municipality start from this small table, not from the rows."""
    t = incidents.filter(incidents.municipality.notnull() | incidents.buurt.notnull())
    keys = {
        "buurt": t.buurt,
        "wijk": t.wijk,
        "municipality": t.municipality,
        "crime_type": t.crime_type,
        "month": month_label(t.occurred_at),
    }
    if weekly:
        keys["week"] = iso_week_label(t.occurred_at)
    return t.group_by(**keys).aggregate(
        n=t.count(),
        solved=t.solved.fill_null(False).cast("int64").sum(),
    )


def rollup(base: ir.Table, level: str, period: str) -> ir.Table:
    """Counts per area of ``level`` x crime type x ``period`` ('month' or 'week')."""
    t = base.filter(base[level].notnull())
    by_type = t.group_by(area=t[level], period=t[period], crime_type=t.crime_type).aggregate(
        n=t.n.sum(), solved=t.solved.sum()
    )
    total = t.group_by(area=t[level], period=t[period]).aggregate(
        n=t.n.sum(), solved=t.solved.sum()
    ).mutate(crime_type=ibis.literal(TOTAL))
    return by_type.union(total.select(by_type.columns).cast(by_type.schema()))


def facts_expressions(incidents: ir.Table, weekly: bool = True) -> list[ir.Table]:
    """One expression per (level, period): columns area, period, crime_type, n, solved."""
    base = base_counts(incidents, weekly=weekly)
    periods = ("month", "week") if weekly else ("month",)
    return [rollup(base, level, period) for level in LEVELS for period in periods]


def measure_code(crime_type: str) -> str:
    """A crime type as the last part of a measure name: lower case, no spaces
    ('Burglary' -> 'burglary', 'Criminal damage and arson' -> 'criminal_damage_and_arson',
    '1.4.6' stays '1.4.6')."""
    text = re.sub(r"[^0-9a-z._-]+", "_", str(crime_type).strip().lower()).strip("_")
    return text or "onbekend"


def as_facts(counts: pd.DataFrame, classification: str) -> pd.DataFrame:
    """Counts (area, period, crime_type, n, solved) as facts (area, period, measure, value);
    the solved counts only where there are any."""
    if counts.empty:
        return pd.DataFrame(columns=["area", "period", "measure", "value"])
    codes = counts["crime_type"].map(measure_code)
    incidents = pd.DataFrame({
        "area": counts["area"],
        "period": counts["period"],
        "measure": "incidents:" + classification + ":" + codes,
        "value": counts["n"].astype("float64"),
    })
    solved_rows = counts["solved"] > 0
    solved = pd.DataFrame({
        "area": counts.loc[solved_rows, "area"],
        "period": counts.loc[solved_rows, "period"],
        "measure": "incidents_solved:" + classification + ":" + codes[solved_rows],
        "value": counts.loc[solved_rows, "solved"].astype("float64"),
    })
    facts = pd.concat([incidents, solved], ignore_index=True)
    # Two raw types may share a measure code ('Burglary ' and 'burglary'): add them up.
    return facts.groupby(["area", "period", "measure"], as_index=False, sort=True)["value"].sum()


def incident_facts(backend, table_name: str, source: str, classification: str,
                   weekly: bool = True) -> pd.DataFrame:
    """Facts for one source, computed by ``backend`` (an Ibis backend holding the table)."""
    table = backend.table(table_name)
    rows = table.filter(table.source == source)
    parts = [expr.to_pandas() for expr in facts_expressions(rows, weekly=weekly)]
    return as_facts(pd.concat(parts, ignore_index=True), classification)


def incident_facts_from_connection(con, source: str, classification: str,
                                   weekly: bool = True) -> pd.DataFrame:
    """:func:`incident_facts` on the warehouse's own DuckDB connection (inside its open
    transaction, so rows inserted by the running load are seen)."""
    backend = ibis.duckdb.from_connection(con)
    return incident_facts(backend, "incidents", source, classification, weekly=weekly)
