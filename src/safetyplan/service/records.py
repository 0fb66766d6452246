# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Reports as plain records: what the rules need to know, nothing personal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Kind(StrEnum):
    melding = "melding"  # a report (notification) by a citizen
    aangifte = "aangifte"  # a crime report
    vraag = "vraag"  # a question to the police service centre


class EventType(StrEnum):
    feedback = "feedback"  # terugkoppeling aan de melder
    progress = "progress"  # voortgangsbericht aan het slachtoffer / aangever
    forwarded = "forwarded"  # doorgezet: the service centre handed it on
    closed = "closed"  # afgehandeld


@dataclass(frozen=True)
class Event:
    type: str
    at: datetime


@dataclass(frozen=True)
class ReportRecord:
    """One report in the register, stripped of personal data."""

    id: object
    kind: str
    category: str
    received_at: datetime
    municipality: str = ""
    base_team: str = ""
    hic: bool = False
    events: tuple[Event, ...] = field(default=())

    def first(self, event_type: str) -> Event | None:
        """The earliest event of a type (later ones do not change whether it was on time)."""
        matching = [e for e in self.events if e.type == event_type]
        return min(matching, key=lambda e: e.at) if matching else None

    def has(self, event_type: str) -> bool:
        return any(e.type == event_type for e in self.events)
