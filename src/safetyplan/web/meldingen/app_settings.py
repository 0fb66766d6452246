# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Tunables of the meldingen register (Django settings, else the environment)."""

import os
from datetime import time

from django.conf import settings


def _int_setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return int(value)


def retention_days() -> int:
    """How long the reporter's contact details are kept after receipt (days).

    ``SAFETYPLAN_REPORTER_RETENTION_DAYS`` (setting or environment); default 365.
    """
    return _int_setting("SAFETYPLAN_REPORTER_RETENTION_DAYS", 365)


def working_hours():
    """The daily window of ``working_hours`` deadlines: SAFETYPLAN_WORKING_HOURS=09:00-17:00."""
    from safetyplan.service import WorkingHours

    text = getattr(settings, "SAFETYPLAN_WORKING_HOURS", None) or os.environ.get(
        "SAFETYPLAN_WORKING_HOURS", "09:00-17:00"
    )
    start, _, end = text.partition("-")
    return WorkingHours(time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))


# The Django group whose members are the police service centre (politieservicecentrum).
SERVICE_CENTRE_GROUP = getattr(settings, "SAFETYPLAN_SERVICE_CENTRE_GROUP", "servicecentrum")
