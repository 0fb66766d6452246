# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The regional events calendar's rules (plain Python, no Django): the risk scan and its
classification A/B/C, capacity clashes, iCalendar and CSV in and out. The web layer keeps the
events in its database (``safetyplan.web.events``)."""

from .clashes import KIND_LABELS, Clash, PlannedEvent, days_touched, detect, kind_label
from .exchange import parse_csv, parse_ical, read_events, write_csv, write_ical
from .model import LOCAL_TZ, PERMIT_STATUSES, EventRecord, check, permit_label, problems
from .risk_scan import CLASSES, Classification, RiskScan, classify, higher, load_scan

__all__ = [
    "CLASSES",
    "KIND_LABELS",
    "LOCAL_TZ",
    "PERMIT_STATUSES",
    "Clash",
    "Classification",
    "EventRecord",
    "PlannedEvent",
    "RiskScan",
    "check",
    "classify",
    "days_touched",
    "detect",
    "higher",
    "kind_label",
    "load_scan",
    "parse_csv",
    "parse_ical",
    "permit_label",
    "problems",
    "read_events",
    "write_csv",
    "write_ical",
]
