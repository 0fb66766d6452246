# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The web application (Django): dashboard, goal and area pages, plan and annual-plan
management, the municipal priority matrix, organisations and roles, REST API.

This is the only layer that imports Django. It calls the plain-Python layers below it
(plan, monitor, warehouse, areas) and stores what people edit in its own database, seeded
from the plan file. Start it with :func:`safetyplan.web.runner.serve` or ``safetyplan serve``.
"""
