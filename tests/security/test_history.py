# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 5: the edit history is append-only for every role (the administrator too), and edits
made in the Django admin are recorded like any other."""

import pytest

from safetyplan.web.history.models import Change
from safetyplan.web.plans.models import Goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, plan):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("beheer", "b@example.nl", "pw")
    client.force_login(admin)
    return client


def test_an_admin_edit_is_recorded(admin_client, plan):
    goal = Goal.objects.get(plan=plan, code="woninginbraak")
    url = f"/admin/plans/goal/{goal.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if not isinstance(value, list)
    }
    data.update(
        {
            "target": "1234",
            "yeartargets-TOTAL_FORMS": "0",
            "yeartargets-INITIAL_FORMS": "0",
            "year_targets-TOTAL_FORMS": "0",
            "year_targets-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    change = Change.objects.get(object_id=str(goal.pk))
    assert change.comment == "admin" and change.changes["target"]["new"] == 1234.0


def test_history_rows_cannot_be_deleted_or_changed(admin_client, plan):
    goal = Goal.objects.get(plan=plan, code="woninginbraak")
    from safetyplan.web.history.services import record_changes

    row = record_changes(None, goal, {"target": 1}, {"target": 2})
    response = admin_client.post(f"/admin/history/change/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Change.objects.filter(pk=row.pk).exists()
    with pytest.raises(PermissionError):
        row.delete()
    row.comment = "anders"
    with pytest.raises(PermissionError):
        row.save()
