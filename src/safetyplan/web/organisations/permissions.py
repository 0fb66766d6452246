# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Who may do what. Every view and API endpoint asks these functions, nothing else.

- administrator (RVO secretariat): everything, including Django admin;
- analyst of the police unit (or of the RVO): goals and targets, every annual-plan activity;
- analyst of another organisation (e.g. a municipal safety advisor): the activities his own
  organisation owns and, for a municipality, its own priorities;
- viewer: reads only.
"""

from .models import Membership, Organisation, Role


def membership_of(user) -> Membership | None:
    """The user's membership, fetched once per request object."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_safetyplan_membership"):
        user._safetyplan_membership = _fetch_membership(user)
    return user._safetyplan_membership


def _fetch_membership(user) -> Membership | None:
    """The membership with its organisation in one plain query (every page asks; see
    ``core.rows``)."""
    from django.db import connection

    from safetyplan.web.core import rows

    m_fields, o_fields = rows.columns(Membership), rows.columns(Organisation)
    sql = (
        f"SELECT {rows.select_list(m_fields, 'm')}, {rows.select_list(o_fields, 'o')}"
        f" FROM {rows.table(Membership)} m JOIN {rows.table(Organisation)} o"
        f" ON o.id = m.organisation_id WHERE m.user_id = %s ORDER BY m.id LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    membership = rows.instance(Membership, m_fields, row[: len(m_fields)])
    organisation = rows.instance(Organisation, o_fields, row[len(m_fields) :])
    Membership.organisation.field.set_cached_value(membership, organisation)
    Membership.user.field.set_cached_value(membership, user)
    return membership


def organisation_of(user) -> Organisation | None:
    membership = membership_of(user)
    return membership.organisation if membership else None


def is_administrator(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    membership = membership_of(user)
    return bool(membership and membership.role == Role.ADMINISTRATOR)


def _is_analyst(user) -> bool:
    membership = membership_of(user)
    return bool(membership and membership.role == Role.ANALYST)


def _is_unit_analyst(user) -> bool:
    """An analyst for the whole region: police unit (or its parts) or the RVO."""
    org = organisation_of(user)
    return _is_analyst(user) and org is not None and (org.is_police or org.kind == org.Kind.RVO)


def can_edit_goals(user) -> bool:
    return is_administrator(user) or _is_unit_analyst(user)


def can_manage_organisations(user) -> bool:
    return is_administrator(user)


def can_add_activities(user) -> bool:
    return is_administrator(user) or _is_analyst(user)


def activity_owners_for(user):
    """The organisations a user may name as an activity's owner."""
    if is_administrator(user) or _is_unit_analyst(user):
        return Organisation.objects.all()
    org = organisation_of(user)
    if org is None or not _is_analyst(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=org.pk)


def can_edit_activity(user, activity) -> bool:
    if is_administrator(user) or _is_unit_analyst(user):
        return True
    org = organisation_of(user)
    return _is_analyst(user) and org is not None and activity.owner_id == org.pk


def can_edit_priorities(user, municipality: Organisation) -> bool:
    """Each municipality keeps its own priorities; the administrator may help."""
    if is_administrator(user):
        return True
    org = organisation_of(user)
    return _is_analyst(user) and org is not None and org.pk == municipality.pk
