# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Who may do what with the events calendar. Views and the API ask these functions only.

- every logged-in user sees the whole calendar (one shared regional calendar);
- an analyst of a municipality enters and edits the events of his own municipality;
- the police unit's and the RVO's analysts (the region) set a class by hand on any event,
  and keep the police capacity and the expected demand per class;
- administrators may do everything.
"""

from safetyplan.web.organisations.models import Organisation, Role
from safetyplan.web.organisations.permissions import (
    is_administrator,
    membership_of,
)


def _analyst_org(user) -> Organisation | None:
    membership = membership_of(user)
    if membership is None or membership.role != Role.ANALYST:
        return None
    return membership.organisation


def _is_region_analyst(user) -> bool:
    org = _analyst_org(user)
    return org is not None and (org.is_police or org.kind == Organisation.Kind.RVO)


def municipalities_for(user):
    """The municipalities whose events the user may enter."""
    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    if is_administrator(user):
        return municipalities
    org = _analyst_org(user)
    if org is not None and org.is_municipality:
        return municipalities.filter(pk=org.pk)
    return municipalities.none()


def can_add_events(user) -> bool:
    return municipalities_for(user).exists()


def can_edit_event(user, event) -> bool:
    if is_administrator(user):
        return True
    org = _analyst_org(user)
    return org is not None and org.pk == event.municipality_id


def can_override_class(user, event) -> bool:
    return can_edit_event(user, event) or _is_region_analyst(user)


def can_manage_capacity(user) -> bool:
    return is_administrator(user) or _is_region_analyst(user)
