# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 11: free-text notes on reports get the protection of contact details: only the
service centre and the report's base team read them, and every look is in the audit log."""

import pytest

from safetyplan.web.meldingen.models import ContactView, Melding
from tests.web.meldingen.conftest import ago, api_as, orgs, payload, users  # noqa: F401

pytestmark = pytest.mark.django_db

NOTE = "Teruggebeld: mevrouw J. de Vries, 06-12345678"


@pytest.fixture
def melding(api_as, payload, ago):  # noqa: F811
    created = api_as("psc").post("/api/v1/meldingen/", payload("N-1", ago(days=2)), format="json")
    melding = Melding.objects.get(pk=created.data["id"])
    response = api_as("psc").post(
        f"/api/v1/meldingen/{melding.pk}/events/",
        {"type": "feedback", "at": ago(days=1).isoformat(), "note": NOTE},
        format="json",
    )
    assert response.status_code in (200, 201), response.content
    ContactView.objects.all().delete()
    return melding


@pytest.mark.parametrize("who", ["zuid", "analist", "rotterdam"])
def test_others_do_not_read_notes_and_are_logged(api_as, melding, who):  # noqa: F811
    for url in (f"/api/v1/meldingen/{melding.pk}/", "/api/v1/meldingen/"):
        response = api_as(who).get(url)
        assert response.status_code in (200, 403, 404)
        assert "06-12345678" not in response.content.decode()
    assert (
        ContactView.objects.filter(username=who, granted=False, channel="api-notes").exists()
        or api_as(who).get(f"/api/v1/meldingen/{melding.pk}/").status_code == 404
    )


@pytest.mark.parametrize("who", ["psc", "noord"])
def test_service_centre_and_base_team_read_notes_audited(api_as, melding, who):  # noqa: F811
    response = api_as(who).get(f"/api/v1/meldingen/{melding.pk}/")
    assert NOTE in response.content.decode()
    view = ContactView.objects.get()
    assert (view.username, view.granted, view.channel) == (who, True, "api-notes")


def test_the_web_page_hides_notes_from_others(client, users, melding):  # noqa: F811
    client.force_login(users["rotterdam"])
    page = client.get(f"/meldingen/{melding.pk}/")
    assert page.status_code in (200, 403, 404)
    assert "06-12345678" not in page.content.decode()
    client.force_login(users["noord"])
    page = client.get(f"/meldingen/{melding.pk}/")
    assert NOTE in page.content.decode()
    assert ContactView.objects.filter(username="noord", channel="web-notes").exists()
