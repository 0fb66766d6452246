# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fictitious events for the calendar: a season of events across the municipalities.

Deterministic (``random.Random(seed)`` and the anchor day). The risk-scan answers give all
three classes: A (markets, culture), B (known troublemakers, alcohol and drugs), C (rival
supporters). The example capacity is stated here: ``EXAMPLE_CAPACITY`` officers per
Saturday in Rotterdam, and each event states its own example police demand; together with
two C events on one day this gives a few clashes. Every record is ``is_example``; the
capacity rows carry the note "fictief voorbeeld".
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from safetyplan.events import LOCAL_TZ, EventRecord
from safetyplan.web.events.models import Capacity, Event
from safetyplan.web.events.services import save_record
from safetyplan.web.organisations.models import Organisation

from .meldingen import NOTE

WEEKS = 26
EXAMPLE_CAPACITY = 40.0  # officers available on a Saturday in Rotterdam (example value)
# name, activity type, class profile, visitors at once
KINDS = [
    ("Braderie", "market", "A", 3000),
    ("Zomerconcert", "concert", "A", 1500),
    ("Kunstroute", "culture", "A", 800),
    ("Wijkfeest", "market", "A", 1200),
    ("Dancefestival", "dance", "B", 4000),
    ("Kermis", "market", "B", 6000),
    ("Zomercarnaval", "parade", "B", 40000),
    ("Voetbalwedstrijd", "football", "C", 45000),
    ("Derby", "football", "C", 50000),
]
DEMAND = {"A": 2.0, "B": 8.0, "C": 25.0}  # example police demand per event (officers a day)


def _answers(profile: str) -> dict:
    if profile == "C":
        return {
            "risk_groups": ("rival_supporters",),
            "alcohol_drugs": "alcohol",
            "age_profile": "mixed",
            "setting": "outdoor_enclosed",
            "answers": {"threat": "general", "access": "limited"},
        }
    if profile == "B":
        return {
            "risk_groups": ("known_troublemakers",),
            "alcohol_drugs": "none",
            "age_profile": "mixed",
            "setting": "indoor",
            "answers": {"surroundings": "quiet"},
        }
    return {
        "risk_groups": ("none",),
        "alcohol_drugs": "none",
        "age_profile": "mixed",
        "setting": "outdoor_public",
        "answers": {"surroundings": "quiet"},
    }


def generate(plan, today: date, seed: int) -> int:
    rng = random.Random(seed)
    municipalities = [
        c for c in plan.municipality_codes if Organisation.objects.filter(code=c).exists()
    ]
    if not municipalities:
        return 0
    monday = today - timedelta(days=today.weekday())
    records = []
    for week in range(WEEKS):
        saturday = monday + timedelta(days=7 * week + 5)
        for n in range(1 + (week % 2)):  # one or two events a week elsewhere
            name, kind, profile, visitors = rng.choice(KINDS[:7])
            records.append(
                _record(
                    rng,
                    len(records),
                    name,
                    kind,
                    profile,
                    visitors,
                    rng.choice(municipalities),
                    saturday + timedelta(days=n),
                )
            )
        if week % 4 == 2 and "GM0599" in municipalities:
            # a match and a derby-like event in Rotterdam on one Saturday: a clash
            for name, kind, profile, visitors in KINDS[7:]:
                records.append(
                    _record(rng, len(records), name, kind, profile, visitors, "GM0599", saturday)
                )
    for n, record in enumerate(records):
        event, _ = save_record(record, where=f"example {n + 1}")
        Event.objects.filter(pk=event.pk).update(is_example=True)
    if "GM0599" in municipalities:
        area = Organisation.objects.get(code="GM0599")
        for week in range(WEEKS):
            Capacity.objects.get_or_create(
                area=area,
                day=monday + timedelta(days=7 * week + 5),
                defaults={"officers": EXAMPLE_CAPACITY, "note": NOTE},
            )
    return len(records)


def _record(rng, n, name, kind, profile, visitors, municipality, day) -> EventRecord:
    start = datetime.combine(day, time(rng.choice([11, 13, 14, 19])), LOCAL_TZ)
    return EventRecord(
        external_id=f"voorbeeld-{n + 1:03d}",
        name=f"{name} (fictief voorbeeld)",
        municipality=municipality,
        start=start,
        end=start + timedelta(hours=rng.choice([4, 6])),
        organiser="Voorbeeldorganisator",
        location="fictieve locatie",
        visitors_at_once=visitors,
        visitors_total=visitors * 2,
        activity_type=kind,
        permit_status="requested",
        police_demand=DEMAND[profile],
        **_answers(profile),
    )


def remove() -> int:
    Capacity.objects.filter(note=NOTE).delete()
    deleted, _ = Event.objects.filter(is_example=True).delete()
    return deleted
