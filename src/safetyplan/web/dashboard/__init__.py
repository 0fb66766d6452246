# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Dashboard, goal pages and area pages: the monitor's figures as pages and charts."""
