# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan evaluation (synthetic difference-in-differences) on the goal page."""
