# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""REST API under /api/v1/ (token or session authentication); OpenAPI schema at /api/schema/."""
