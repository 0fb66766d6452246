# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan in the database: seeded from the plan file, goals and targets editable with history."""
