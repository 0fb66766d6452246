# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The meldingen register (meldingen en aangiften): reports, their events, the reporter's contact
details as personal data with an audit log, compliance with the plan's service standards,
the overdue work queue and the REST API under /api/v1/meldingen/ and /api/v1/compliance/.

The rules (deadlines, holidays, compliance) are plain Python in ``safetyplan.service``.
"""
