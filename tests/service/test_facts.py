# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Compliance as warehouse facts for the monitor."""

from datetime import date, time, timedelta

from safetyplan.service import Event, ReportRecord, compliance_facts
from safetyplan.service.deadlines import at_wall_clock

NOW = at_wall_clock(date(2026, 6, 1), time(12, 0))


def test_facts_per_municipality_region_and_month(standards):
    jan = at_wall_clock(date(2026, 1, 10), time(9, 0))
    feb = at_wall_clock(date(2026, 2, 10), time(9, 0))
    records = [
        ReportRecord(
            1,
            "melding",
            "x",
            jan,
            municipality="GM0599",
            events=(Event("feedback", jan + timedelta(hours=2)),),
        ),
        ReportRecord(2, "melding", "x", jan, municipality="GM0599"),
        ReportRecord(
            3,
            "melding",
            "x",
            feb,
            municipality="GM0606",
            events=(Event("feedback", feb + timedelta(hours=3)),),
        ),
    ]
    rows = compliance_facts(
        records, [standards["melding-feedback-48h"]], NOW, period="month", region_area="RE17"
    )
    table = {(r["area"], r["period"], r["measure"]): r["value"] for r in rows}
    assert table[("GM0599", "2026-01", "service:melding-feedback-48h:pct_met")] == 50.0
    assert table[("GM0599", "2026-01", "service:melding-feedback-48h:due")] == 2
    assert table[("GM0606", "2026-02", "service:melding-feedback-48h:pct_met")] == 100.0
    assert table[("RE17", "2026-01", "service:melding-feedback-48h:met")] == 1
    assert all(set(r) == {"area", "period", "measure", "value"} for r in rows)


def test_nothing_due_gives_no_facts(standards):
    fresh = ReportRecord(1, "melding", "x", NOW - timedelta(hours=1), municipality="GM0599")
    assert compliance_facts([fresh], standards.values(), NOW) == []
