# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Capacity clashes: days on which the events of one district (or municipality) claim more
police than it has, or on which too many B or C events coincide there.

An event counts on every calendar day (Dutch local time) it touches: one from 22:00 to 02:00
touches two days, a three-day festival three. The end is exclusive: an event that ends at
midnight does not touch the next day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from safetyplan.i18n import N_, gettext

from .model import LOCAL_TZ
from .risk_scan import ClashRules


@dataclass(frozen=True)
class PlannedEvent:
    """What clash detection needs of an event."""

    id: str
    name: str
    area: str  # the district's code, or the municipality's where there are no districts
    start: datetime
    end: datetime
    risk_class: str
    police_demand: float | None  # per day touched; None: no data


@dataclass
class Clash:
    area: str
    day: date
    kinds: list[str]  # over_capacity, c_events, b_events
    events: list[PlannedEvent]
    demand: float  # the known demand of the day
    capacity: float | None  # None: no capacity entered for that day
    demand_unknown: list[str] = field(default_factory=list)  # ids of events without demand

    def as_dict(self) -> dict:
        return {
            "area": self.area,
            "date": self.day.isoformat(),
            "kinds": list(self.kinds),
            "demand": self.demand,
            "capacity": self.capacity,
            "demand_unknown": list(self.demand_unknown),
            "events": [
                {
                    "id": e.id,
                    "name": e.name,
                    "risk_class": e.risk_class,
                    "start": e.start.isoformat(),
                    "end": e.end.isoformat(),
                    "police_demand": e.police_demand,
                }
                for e in self.events
            ],
        }


def days_touched(start: datetime, end: datetime) -> list[date]:
    """The local calendar days an event is on (end exclusive; at least its first day)."""
    first = start.astimezone(LOCAL_TZ).date()
    last = (end.astimezone(LOCAL_TZ) - timedelta(microseconds=1)).date()
    last = max(first, last)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def detect(
    events: list[PlannedEvent],
    capacity: dict[tuple[str, date], float],
    rules: ClashRules,
    first: date | None = None,
    last: date | None = None,
) -> list[Clash]:
    """Every clash between ``first`` and ``last`` (inclusive), by day then area."""
    per_day: dict[tuple[str, date], list[PlannedEvent]] = defaultdict(list)
    for event in events:
        for day in days_touched(event.start, event.end):
            if (first is None or day >= first) and (last is None or day <= last):
                per_day[(event.area, day)].append(event)
    clashes = []
    for (area, day), on_day in sorted(per_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        clash = _judge(area, day, on_day, capacity.get((area, day)), rules)
        if clash is not None:
            clashes.append(clash)
    return clashes


def _judge(
    area: str, day: date, on_day: list[PlannedEvent], cap: float | None, rules: ClashRules
) -> Clash | None:
    on_day = sorted(on_day, key=lambda e: (e.start, e.id))
    demand = sum(e.police_demand for e in on_day if e.police_demand is not None)
    unknown = [e.id for e in on_day if e.police_demand is None]
    kinds = []
    if cap is not None and demand > cap:
        kinds.append("over_capacity")
    if sum(1 for e in on_day if e.risk_class == "C") >= rules.c_events:
        kinds.append("c_events")
    if sum(1 for e in on_day if e.risk_class == "B") >= rules.b_events:
        kinds.append("b_events")
    if not kinds:
        return None
    return Clash(area, day, kinds, on_day, demand, cap, unknown)


# Clash kinds (stable codes in JSON) and their labels, translated where shown.
KIND_LABELS = {
    "over_capacity": N_("demand exceeds capacity"),
    "c_events": N_("several C events"),
    "b_events": N_("several B events"),
}


def kind_label(kind: str, lang: str | None = None) -> str:
    """``'c_events'`` -> ``'meerdere C-evenementen'`` (nl) or ``'several C events'`` (en)."""
    return gettext(KIND_LABELS[kind], lang) if kind in KIND_LABELS else kind
