# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fictitious reports for the register: a year of meldingen, HIC aangiften and questions.

Deterministic: ``random.Random(seed)`` and the anchor day decide everything. Arrivals follow
a weekly and daily rhythm (busier evenings and weekends); feedback mostly comes within the
48-hour promise, some late, some never (open past the deadline); HIC victims are mostly
informed within two weeks, some late, some not at all. All of it is invented: the records
carry ``is_example`` and the source ``voorbeeld``, and no public figure is computed from them.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from safetyplan.events import LOCAL_TZ
from safetyplan.web.meldingen.models import Melding, MeldingEvent
from safetyplan.web.organisations.models import Organisation

SOURCE = "voorbeeld"
DAYS = 365
# relative weight of Monday..Sunday and of each hour 0..23 (invented, plausible shapes)
WEEKDAY_WEIGHTS = [1.0, 0.95, 0.95, 1.0, 1.2, 1.4, 1.25]
HOUR_WEIGHTS = [
    2,
    1.5,
    1,
    0.6,
    0.4,
    0.4,
    0.6,
    1,
    2,
    3,
    3.5,
    3.5,
    3.5,
    3.5,
    3.5,
    3.5,
    4,
    4.5,
    5,
    5,
    4.5,
    4,
    3.5,
    2.5,
]
MELDING_CATEGORIES = [
    "geluidsoverlast",
    "overlast jeugd",
    "verdachte situatie",
    "drugsoverlast",
    "verkeersoverlast",
    "burenruzie",
]
HIC_CATEGORIES = ["woninginbraak", "woninginbraak", "woninginbraak", "straatroof", "overval"]
CHANNELS = ["telefoon", "internet", "app", "balie"]
PER_DAY = {"melding": 3.0, "aangifte": 0.8, "vraag": 1.5}
NOTE = "fictief voorbeeld"


def base_teams() -> list[str]:
    """The registry's base teams, else example codes (the demo's registry has none)."""
    codes = list(
        Organisation.objects.filter(kind=Organisation.Kind.BASE_TEAM).values_list("code", flat=True)
    )
    return codes or [f"voorbeeld-basisteam-{n}" for n in range(1, 7)]


def generate(plan, today: date, seed: int) -> int:
    rng = random.Random(seed)
    now = datetime.combine(today, time(12, 0), LOCAL_TZ)
    municipalities = list(plan.municipality_codes)
    # the largest municipalities get most reports; the weights are invented
    weights = [
        20 if c == "GM0599" else 4 if c in {"GM0505", "GM0606", "GM0622"} else 1
        for c in municipalities
    ]
    teams = base_teams()
    meldingen, plans_of_events = [], []
    for offset in range(DAYS, -1, -1):
        day = today - timedelta(days=offset)
        for kind, mean in PER_DAY.items():
            for _n in range(_count(rng, mean * WEEKDAY_WEIGHTS[day.weekday()])):
                at = datetime.combine(
                    day, time(rng.choices(range(24), HOUR_WEIGHTS)[0], rng.randrange(60)), LOCAL_TZ
                )
                if at > now:
                    continue
                municipality = rng.choices(municipalities, weights)[0]
                melding = Melding(
                    source=SOURCE,
                    external_id=f"vb-{len(meldingen) + 1:05d}",
                    kind=kind,
                    category=_category(rng, kind),
                    channel=rng.choice(CHANNELS),
                    received_at=at,
                    municipality=municipality,
                    base_team=teams[municipalities.index(municipality) % len(teams)],
                    hic=kind == "aangifte",
                    is_example=True,
                )
                meldingen.append(melding)
                plans_of_events.append(_events(rng, kind, at, now))
    created = Melding.objects.bulk_create(meldingen, batch_size=500)
    MeldingEvent.objects.bulk_create(
        [
            MeldingEvent(melding=r, type=t, at=a, note=NOTE)
            for r, evs in zip(created, plans_of_events, strict=True)
            for t, a in evs
        ],
        batch_size=500,
    )
    return len(created)


def _count(rng: random.Random, mean: float) -> int:
    """A Poisson-like count (sum of Bernoulli draws), enough for example data."""
    return sum(rng.random() < mean / 10 for _ in range(10))


def _category(rng: random.Random, kind: str) -> str:
    if kind == "aangifte":
        return rng.choice(HIC_CATEGORIES)
    if kind == "vraag":
        return "vraag"
    return rng.choice(MELDING_CATEGORIES)


def _events(rng: random.Random, kind: str, at: datetime, now: datetime) -> list[tuple]:
    """(type, at) of the report's events, none after ``now`` (still open then)."""
    r = rng.random()
    if kind == "melding":  # 48-hour feedback: ~85 % in time, ~10 % late, ~5 % never
        delay = (
            timedelta(hours=rng.uniform(1, 44))
            if r < 0.85
            else timedelta(hours=rng.uniform(50, 140))
            if r < 0.95
            else None
        )
        done = [("feedback", at + delay)] if delay else []
    elif kind == "aangifte":  # HIC victims informed within 14 days: ~80 %, ~12 % late
        delay = (
            timedelta(days=rng.uniform(1, 13))
            if r < 0.8
            else timedelta(days=rng.uniform(15, 30))
            if r < 0.92
            else None
        )
        done = [("progress", at + delay)] if delay else []
    else:  # questions: ~78 % handled by the service centre itself
        done = [("forwarded", at + timedelta(minutes=rng.uniform(5, 120)))] if r > 0.78 else []
        done.append(("closed", at + timedelta(hours=rng.uniform(0.2, 6))))
    return [(t, a) for t, a in done if a <= now]


def remove() -> int:
    deleted, _ = Melding.objects.filter(is_example=True).delete()
    return deleted
