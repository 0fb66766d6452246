# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Values every page needs: the current plan, the user's organisation and role."""

from django.utils.functional import SimpleLazyObject

from safetyplan.web.organisations.permissions import (
    can_edit_goals,
    can_manage_organisations,
    membership_of,
)


def _current_plan():
    from safetyplan.web.plans.seeding import current_plan

    return current_plan()


def safetyplan(request):
    context = {"current_plan": SimpleLazyObject(_current_plan)}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        context["membership"] = None
        return context
    context.update(
        {
            "membership": membership_of(user),
            "can_edit_goals": can_edit_goals(user),
            "can_manage_organisations": can_manage_organisations(user),
        }
    )
    return context
