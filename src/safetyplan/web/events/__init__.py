# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The regional events calendar: events with their risk scan, police capacity per district and
day, clashes; pages under /evenementen/, API under /api/v1/events/. The rules live in
:mod:`safetyplan.events`; this app stores and shows."""
