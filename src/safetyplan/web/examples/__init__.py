# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Example content of ``safetyplan demo``.

- :mod:`.activities`: the annual plans' activities as the plan's text names them (a YAML file
  beside the plan, ``<plan stem>.activities.yaml``); their statuses are example values.
- :mod:`.meldingen` and :mod:`.events`: fictitious operational records ("fictief voorbeeld")
  for the meldingen register and the events calendar, made by a seeded generator so that the
  same seed and the same anchor day give the same records. They are marked ``is_example``;
  every page and export that shows them says so, and no figure of the monitor or of the
  public report is computed from them.

:func:`load` replaces the examples (so re-running the demo never duplicates them, and the
records follow the day the demo is run); :func:`remove` deletes them and nothing else.
"""

from __future__ import annotations

from datetime import date

SEED = 19  # the generators' seed: same seed and anchor day, same records


def load(plan, today: date | None = None, seed: int = SEED) -> dict[str, int]:
    """Seed the plan's activities and (re)generate the fictitious records; counts by kind."""
    from django.db import transaction
    from django.utils import timezone

    from . import activities, events, meldingen

    today = today or timezone.localdate()
    with transaction.atomic():
        remove_records()
        return {
            "activities": activities.seed(plan),
            "reports": meldingen.generate(plan, today, seed),
            "events": events.generate(plan, today, seed),
        }


def remove_records() -> dict[str, int]:
    """Delete the fictitious reports, events and example capacity; nothing else."""
    from . import events, meldingen

    return {"reports": meldingen.remove(), "events": events.remove()}
