# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Tunables of the dashboard (override in Django settings)."""

from django.conf import settings

# How long computed monitor figures stay in the cache. The key changes whenever a goal or the
# warehouse file changes, so this only bounds memory, not staleness.
MONITOR_CACHE_SECONDS = getattr(settings, "SAFETYPLAN_MONITOR_CACHE_SECONDS", 24 * 3600)

# Counts below this are shown as "< N" to the public (disclosure control).
SMALL_COUNT = getattr(settings, "SAFETYPLAN_SMALL_COUNT", 10)

# Crime measures offered on the area map, as (measure, Dutch label, English label).
AREA_MEASURES = getattr(
    settings,
    "SAFETYPLAN_AREA_MEASURES",
    [
        ("registered:pol:1.1.1", "Woninginbraak", "Residential burglary"),
        ("registered:pol:1.4.6", "Straatroof", "Street robbery"),
        ("registered:pol:1.4.7", "Overval", "Robbery"),
        ("registered:pol:totaal", "Misdrijven totaal (politie)", "All registered crimes (police)"),
        ("registered:cbs:totaal", "Misdrijven totaal (CBS)", "All registered crimes (CBS)"),
    ],
)
