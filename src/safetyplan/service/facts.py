# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Compliance as warehouse facts, so the monitor, dashboard and report can show it.

:func:`compliance_facts` turns the register's records into rows of the ``facts`` schema
(``area,period,measure,value``) with measures

- ``service:<standard-id>:pct_met`` percentage met (0-100), only where something was due;
- ``service:<standard-id>:due`` and ``service:<standard-id>:met`` the counts behind it,

per municipality (its CBS code) and, when ``region_area`` is given, for the whole region,
per year (``YYYY``) or month (``YYYY-MM``) of receipt. ``safetyplan service facts`` writes
them as CSV for ``safetyplan ingest facts`` or loads them into the warehouse directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .compliance import Judgement, judgements, summarise
from .deadlines import local
from .records import ReportRecord

PERIODS = {"year": "%Y", "month": "%Y-%m"}


def measure_name(standard_id: str, what: str) -> str:
    return f"service:{standard_id}:{what}"


def compliance_facts(
    records: Iterable[ReportRecord],
    standards: Iterable,
    now: datetime,
    period: str = "year",
    region_area: str | None = None,
) -> list[dict]:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    records = list(records)
    fmt = PERIODS[period]
    rows: list[dict] = []
    for standard in standards:
        groups: dict[tuple[str, str], list[Judgement]] = {}
        for j in judgements(standard, records, now):
            when = local(j.record.received_at).strftime(fmt)
            if j.record.municipality:
                groups.setdefault((j.record.municipality, when), []).append(j)
            if region_area:
                groups.setdefault((region_area, when), []).append(j)
        for (area, when), judged in sorted(groups.items()):
            result = summarise(standard, judged)
            if result.due == 0:
                continue
            rows.append(_row(area, when, measure_name(standard.id, "due"), result.due))
            rows.append(_row(area, when, measure_name(standard.id, "met"), result.met))
            rows.append(_row(area, when, measure_name(standard.id, "pct_met"), result.percentage))
    return rows


def _row(area: str, period: str, measure: str, value: float) -> dict:
    return {"area": area, "period": period, "measure": measure, "value": float(value)}
