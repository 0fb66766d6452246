# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Who may do what in the register. Views and the API ask these functions, nothing else.

- the service centre (members of the Django group ``servicecentrum``) registers reports,
  records events and sees every reporter's contact details;
- a base team (a user whose organisation is a base team) sees and acts on the reports of its
  own base team, including the reporter's contact details;
- other police users and administrators may register reports and record events, but do not
  see contact details (administrators grant roles; they need not read personal data);
- every logged-in user may read the register's anonymous data and the compliance figures.
"""

from safetyplan.web.organisations.models import Organisation
from safetyplan.web.organisations.permissions import is_administrator, organisation_of

from .app_settings import SERVICE_CENTRE_GROUP


def is_service_centre(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_safetyplan_service_centre"):
        user._safetyplan_service_centre = user.groups.filter(name=SERVICE_CENTRE_GROUP).exists()
    return user._safetyplan_service_centre


def base_team_of(user) -> str | None:
    """The code of the user's base team, when the user works for one."""
    org = organisation_of(user)
    if org is not None and org.kind == Organisation.Kind.BASE_TEAM:
        return org.code
    return None


def _is_police(user) -> bool:
    org = organisation_of(user)
    return org is not None and org.is_police


def can_register(user) -> bool:
    return is_service_centre(user) or _is_police(user) or is_administrator(user)


def can_record_event(user, melding) -> bool:
    if is_service_centre(user) or is_administrator(user):
        return True
    team = base_team_of(user)
    if team is not None:
        return team == melding.base_team
    return _is_police(user)


def can_view_contact(user, melding) -> bool:
    """Only those who must contact the reporter: the service centre and the report's base team."""
    if is_service_centre(user):
        return True
    team = base_team_of(user)
    return team is not None and bool(melding.base_team) and team == melding.base_team


def work_queue_scope(user) -> str | None:
    """The base team whose queue the user sees by default (None: the whole register)."""
    return None if is_service_centre(user) else base_team_of(user)
