# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Personal data: only the service centre and the report's own base team see the reporter's
contact details; every look (and every refused look) is in the audit log; purge after the
retention period keeps the anonymous counts."""

import pytest

from safetyplan.web.meldingen import services
from safetyplan.web.meldingen.models import ContactView, Melding, MeldingEvent, ReporterContact

pytestmark = pytest.mark.django_db

REPORTER = {"name": "J. de Vries", "email": "jdevries@example.nl", "phone": "0612345678"}


@pytest.fixture
def melding(api_as, payload, ago):
    body = {**payload("P-1", ago(days=2)), "reporter": REPORTER}
    created = api_as("psc").post("/api/v1/meldingen/", body, format="json")
    assert created.status_code == 201
    return Melding.objects.get(pk=created.data["id"])


@pytest.mark.parametrize("who", ["psc", "noord"])
def test_service_centre_and_own_base_team_see_contact_details(api_as, melding, who):
    response = api_as(who).get(f"/api/v1/meldingen/{melding.pk}/reporter/")
    assert response.status_code == 200
    assert response.data == REPORTER
    view = ContactView.objects.get()
    assert (view.username, view.granted, view.channel, view.melding_id) == (
        who,
        True,
        "api",
        melding.pk,
    )


@pytest.mark.parametrize("who", ["zuid", "analist", "rotterdam", "rvo"])
def test_everyone_else_gets_403_and_is_logged(api_as, melding, who):
    response = api_as(who).get(f"/api/v1/meldingen/{melding.pk}/reporter/")
    assert response.status_code == 403
    assert "jdevries" not in response.content.decode()
    view = ContactView.objects.get()
    assert (view.username, view.granted) == (who, False)


def test_contact_details_never_appear_in_the_register_itself(api_as, melding):
    api = api_as("psc")
    for url in (
        "/api/v1/meldingen/",
        f"/api/v1/meldingen/{melding.pk}/",
        "/api/v1/meldingen/?external_id=P-1",
    ):
        body = api.get(url).content.decode()
        assert "jdevries" not in body and "0612345678" not in body
    assert api.get(f"/api/v1/meldingen/{melding.pk}/").data["has_reporter"] is True
    assert not ContactView.objects.exists()  # reading the register is no view of personal data


def test_reposting_does_not_overwrite_contact_details(api_as, payload, melding):
    body = {**payload("P-1", melding.received_at), "reporter": {"name": "Iemand anders"}}
    assert api_as("psc").post("/api/v1/meldingen/", body, format="json").status_code == 200
    assert ReporterContact.objects.get().name == REPORTER["name"]


def test_web_page_shows_details_to_base_team_and_logs_it(client, users, melding):
    client.force_login(users["noord"])
    page = client.get(f"/meldingen/{melding.pk}/contact/")
    assert page.status_code == 200 and "jdevries@example.nl" in page.content.decode()
    client.force_login(users["zuid"])
    assert client.get(f"/meldingen/{melding.pk}/contact/").status_code == 403
    assert list(
        ContactView.objects.order_by("pk").values_list("username", "granted", "channel")
    ) == [("noord", True, "web"), ("zuid", False, "web")]


def test_purge_removes_expired_personal_data_and_keeps_the_counts(api_as, payload, ago):
    api = api_as("psc")
    old = api.post(
        "/api/v1/meldingen/", {**payload("OLD", ago(days=400)), "reporter": REPORTER}, format="json"
    ).data
    new = api.post(
        "/api/v1/meldingen/", {**payload("NEW", ago(days=3)), "reporter": REPORTER}, format="json"
    ).data
    api.post(
        f"/api/v1/meldingen/{old['id']}/events/",
        {"type": "feedback", "at": ago(days=399).isoformat(), "note": "J. de Vries gebeld"},
        format="json",
    )
    std = services.standard("melding-feedback-48h")
    before, _ = services.compliance(std)

    assert services.purge_expired(days=365, dry_run=True) == 1
    assert ReporterContact.objects.count() == 2
    assert services.purge_expired(days=365) == 1

    after, _ = services.compliance(std)
    assert after == before and Melding.objects.count() == 2
    assert not ReporterContact.objects.filter(melding_id=old["id"]).exists()
    assert ReporterContact.objects.filter(melding_id=new["id"]).exists()
    assert MeldingEvent.objects.get(melding_id=old["id"]).note == ""
    assert Melding.objects.get(pk=old["id"]).contact_purged_at is not None
    assert services.purge_expired(days=365) == 0  # nothing left to purge
    gone = api.get(f"/api/v1/meldingen/{old['id']}/reporter/")
    assert gone.status_code == 404


def test_retention_comes_from_the_setting(settings, api_as, payload, ago):
    settings.SAFETYPLAN_REPORTER_RETENTION_DAYS = 30
    api_as("psc").post(
        "/api/v1/meldingen/", {**payload("M", ago(days=31)), "reporter": REPORTER}, format="json"
    )
    assert services.purge_expired(dry_run=True) == 1
    settings.SAFETYPLAN_REPORTER_RETENTION_DAYS = 60
    assert services.purge_expired(dry_run=True) == 0


def test_purge_command(users, api_as, payload, ago):
    from typer.testing import CliRunner

    from safetyplan.cli import app

    api_as("psc").post(
        "/api/v1/meldingen/", {**payload("C", ago(days=40)), "reporter": REPORTER}, format="json"
    )
    result = CliRunner().invoke(app, ["service", "purge", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert not ReporterContact.objects.exists()
    assert Melding.objects.count() == 1


def test_the_admin_shows_no_contact_details_and_cannot_alter_the_audit_log(
    client, users, api_as, melding
):
    client.force_login(users["rvo"])
    assert client.get("/admin/meldingen/reportercontact/").status_code == 404
    page = client.get(f"/admin/meldingen/melding/{melding.pk}/change/")
    assert page.status_code == 200 and "jdevries" not in page.content.decode()
    api_as("zuid").get(f"/api/v1/meldingen/{melding.pk}/reporter/")  # a refused look, logged
    view = ContactView.objects.get()
    assert client.get("/admin/meldingen/contactview/").status_code == 200
    assert (
        client.post(f"/admin/meldingen/contactview/{view.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert ContactView.objects.filter(pk=view.pk).exists()


def test_every_look_is_logged_even_repeated_ones(api_as, melding):
    for _ in range(3):
        api_as("psc").get(f"/api/v1/meldingen/{melding.pk}/reporter/")
    assert ContactView.objects.filter(username="psc", granted=True).count() == 3
