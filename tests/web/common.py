# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Helpers shared by the web apps' tests: API clients authenticated with a token (users and
organisations come from tests/factories.py)."""

from __future__ import annotations


def token_client(user):
    """An APIClient authenticated with that user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token, _ = Token.objects.get_or_create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api
