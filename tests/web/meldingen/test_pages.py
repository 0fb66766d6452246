# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The pages: the overdue work queue, a report with its events, compliance per standard."""

from zoneinfo import ZoneInfo

import pytest

from safetyplan.web.meldingen.models import MeldingEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def meldingen(api_as, payload, ago):
    api = api_as("psc")
    made = {}
    for external_id, team, days in [
        ("LATE-N", "BT-NOORD", 5),
        ("LATE-Z", "BT-ZUID", 4),
        ("SOON-N", "BT-NOORD", 1.5),
        ("FRESH-N", "BT-NOORD", 0.1),
    ]:
        made[external_id] = api.post(
            "/api/v1/meldingen/",
            payload(external_id, ago(days=days), base_team=team),
            format="json",
        ).data
    done = api.post("/api/v1/meldingen/", payload("DONE-N", ago(days=6)), format="json").data
    api.post(
        f"/api/v1/meldingen/{done['id']}/events/",
        {"type": "feedback", "at": ago(days=5).isoformat()},
        format="json",
    )
    return made


def test_base_team_sees_its_own_overdue_and_soon_due_reports(client, users, meldingen):
    client.force_login(users["noord"])
    page = client.get("/meldingen/").content.decode()
    assert "LATE-N" in page and "SOON-N" in page
    assert "LATE-Z" not in page and "DONE-N" not in page and "FRESH-N" not in page
    assert page.index("LATE-N") < page.index("SOON-N")  # longest overdue first


def test_service_centre_sees_every_team_and_can_filter(client, users, meldingen):
    client.force_login(users["psc"])
    page = client.get("/meldingen/").content.decode()
    assert "LATE-N" in page and "LATE-Z" in page
    filtered = client.get("/meldingen/", {"base_team": "BT-ZUID"}).content.decode()
    assert "LATE-Z" in filtered and "LATE-N" not in filtered


def test_recording_feedback_on_the_page_takes_it_off_the_queue(client, users, meldingen, ago):
    client.force_login(users["noord"])
    melding_id = meldingen["LATE-N"]["id"]
    detail = client.get(f"/meldingen/{melding_id}/")
    assert detail.status_code == 200 and "LATE-N" in detail.content.decode()
    when = ago(minutes=5).astimezone(ZoneInfo("Europe/Amsterdam"))
    response = client.post(
        f"/meldingen/{melding_id}/gebeurtenis/",
        {"type": "feedback", "at": when.strftime("%Y-%m-%dT%H:%M"), "note": ""},
    )
    assert response.status_code == 302
    assert MeldingEvent.objects.filter(melding_id=melding_id, type="feedback").exists()
    assert "LATE-N" not in client.get("/meldingen/").content.decode()


def test_other_team_cannot_record_on_the_page(client, users, meldingen, ago):
    client.force_login(users["zuid"])
    response = client.post(
        f"/meldingen/{meldingen['LATE-N']['id']}/gebeurtenis/",
        {"type": "feedback", "at": "2026-01-01T10:00"},
    )
    assert response.status_code == 403


def test_compliance_page_shows_each_standard_and_the_figures(client, users, meldingen):
    client.force_login(users["rotterdam"])
    page = client.get("/meldingen/naleving/", {"start": "2000-01-01"})
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("Terugkoppeling op elke melding binnen 48 uur", "BT-NOORD", "BT-ZUID"):
        assert name in text
    total = page.context["rows"][0]["total"]
    # due: LATE-N, LATE-Z, DONE-N; met: DONE-N
    assert (total.due, total.met, total.open_overdue, total.open) == (3, 1, 2, 2)
