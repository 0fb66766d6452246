# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""factory_boy factories for the web tests: organisations, users and their memberships.

Every user gets the password ``pw`` so that tests can also log in through the form. Models are
named as ``app_label.Model`` strings: factory_boy resolves them when a factory first builds,
after pytest-django has set Django up.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

PASSWORD = "pw"


class OrganisationFactory(DjangoModelFactory):
    """OrganisationFactory(code="GM0599", name="Rotterdam", kind="municipality")."""

    class Meta:
        model = "organisations.Organisation"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ORG{n:03d}")
    name = factory.LazyAttribute(lambda org: f"Organisatie {org.code}")
    kind = "municipality"


class UserFactory(DjangoModelFactory):
    """UserFactory(username="analist", is_staff=True) -> a user with password ``pw``."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(DjangoModelFactory):
    """MembershipFactory(user=..., organisation=..., role="analyst")."""

    class Meta:
        model = "organisations.Membership"

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "analyst"


def member(name, organisation, role="analyst", **extra):
    """A user (password ``pw``) with that role in that organisation."""
    user = UserFactory(username=name, **extra)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user
