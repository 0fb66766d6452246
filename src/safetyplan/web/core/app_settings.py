# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Tunables of the core app (override in Django settings)."""

from django.conf import settings

# Content-Security-Policy: everything from this host only. Vega compiles its expressions
# with Function(), hence 'unsafe-eval'; Vega and htmx set inline styles.
CONTENT_SECURITY_POLICY = getattr(
    settings,
    "SAFETYPLAN_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
