"""Helpers shared by the conftests of the web apps' tests (events, reports register): users
with a membership, API clients authenticated with a token."""

from __future__ import annotations


def member(name, organisation, role="analyst", **extra):
    """A user (password 'pw') with that role in that organisation."""
    from django.contrib.auth import get_user_model

    from safetyplan.web.organisations.models import Membership

    user = get_user_model().objects.create_user(username=name, password="pw", **extra)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def token_client(user):
    """An APIClient authenticated with that user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token, _ = Token.objects.get_or_create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api
