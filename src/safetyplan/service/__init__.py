# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Service promises as plain rules (no Django): deadlines in clock hours, working hours,
calendar days or working days with Dutch public holidays; compliance of a register's reports
with the plan's service standards; compliance as warehouse facts for the monitor.

The register itself (models, API, pages) lives in ``safetyplan.web.meldingen``.
"""

from .compliance import (
    GROUPINGS,
    Compliance,
    Judgement,
    Status,
    compliance,
    compliance_by,
    judge,
    judgements,
)
from .deadlines import WorkingHours, deadline_due_at, due_at
from .facts import compliance_facts, measure_name
from .records import Event, EventType, Kind, ReportRecord
from .standards import coverage, is_share_standard, kept_by
from .workdays import AMSTERDAM, HolidayCalendar

__all__ = [
    "AMSTERDAM",
    "GROUPINGS",
    "Compliance",
    "Event",
    "EventType",
    "HolidayCalendar",
    "Judgement",
    "Kind",
    "ReportRecord",
    "Status",
    "WorkingHours",
    "compliance",
    "compliance_by",
    "compliance_facts",
    "coverage",
    "deadline_due_at",
    "due_at",
    "is_share_standard",
    "judge",
    "judgements",
    "kept_by",
    "measure_name",
]
