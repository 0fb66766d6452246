# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The register through its REST API: idempotent registration, events, compliance."""

from datetime import timedelta

import pytest

from safetyplan.web.meldingen.models import Melding, MeldingEvent

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_issue_example_200_reports_150_met_30_late_20_overdue(api_as, payload, ago):
    api = api_as("psc")
    start = ago(days=20)
    for i in range(200):
        received = start + timedelta(minutes=7 * i)
        created = api.post("/api/v1/meldingen/", payload(f"M-{i}", received), format="json")
        assert created.status_code == 201, created.data
        if i < 180:
            hours = 47 if i < 150 else 50
            event = api.post(
                f"/api/v1/meldingen/{created.data['id']}/events/",
                {"type": "feedback", "at": (received + timedelta(hours=hours)).isoformat()},
                format="json",
            )
            assert event.status_code == 201, event.data
    day = start.date()
    result = api.get(
        "/api/v1/compliance/",
        {
            "standard": "melding-feedback-48h",
            "from": day.isoformat(),
            "to": (day + timedelta(days=2)).isoformat(),
        },
    )
    assert result.status_code == 200
    figures = {k: result.data[k] for k in ("due", "met", "late", "open_overdue", "percentage")}
    assert figures == {"due": 200, "met": 150, "late": 30, "open_overdue": 20, "percentage": 75.0}
    assert result.data["on_target"] is False and result.data["target_share"] == 100

    again = api.post("/api/v1/meldingen/", payload("M-7", start, category="anders"), format="json")
    assert again.status_code == 200
    assert again.data["category"] == "overlast"  # the first registration stands
    assert Melding.objects.count() == 200


def test_find_a_report_by_external_id(api_as, payload, ago):
    api = api_as("psc")
    api.post("/api/v1/meldingen/", payload("X-1", ago(hours=5)), format="json")
    api.post("/api/v1/meldingen/", payload("X-2", ago(hours=4)), format="json")
    found = api.get("/api/v1/meldingen/", {"external_id": "X-2"})
    assert found.status_code == 200
    assert [r["external_id"] for r in found.data["results"]] == ["X-2"]
    assert api.get("/api/v1/meldingen/", {"external_id": "nope"}).data["count"] == 0


def test_same_external_id_from_another_source_is_another_report(api_as, payload, ago):
    api = api_as("psc")
    a = api.post("/api/v1/meldingen/", payload("S-1", ago(hours=2)), format="json")
    b = api.post(
        "/api/v1/meldingen/", payload("S-1", ago(hours=2), source="meldkamer"), format="json"
    )
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.data["id"] != b.data["id"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"municipality": "Rotterdam"}, "municipality"),
        ({"received_at": "2999-01-01T00:00:00+01:00"}, "received_at"),
        ({"kind": "klacht"}, "kind"),
        ({"external_id": "  "}, "external_id"),
        ({"reporter": {"email": "geen-adres"}}, "reporter"),
    ],
)
def test_bad_reports_get_400_naming_the_field(api_as, payload, ago, change, field):
    body = {**payload("B-1", ago(hours=1)), **change}
    response = api_as("psc").post("/api/v1/meldingen/", body, format="json")
    assert response.status_code == 400
    assert field in response.data
    assert not Melding.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"), [("nl", "in de toekomst"), ("en", "in the future")]
)
def test_a_refusal_speaks_the_requests_language(api_as, payload, ago, language, message):
    from django.conf import settings

    api = api_as("psc")
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the switch; Accept-Language is not
    body = {**payload("B-2", ago(hours=1)), "received_at": "2999-01-01T00:00:00+01:00"}
    response = api.post("/api/v1/meldingen/", body, format="json")
    assert response.status_code == 400
    assert [str(m) for m in response.data["received_at"]] == [message]


def test_events_are_validated_and_recorded_with_who(api_as, payload, ago, users):
    api = api_as("noord")
    melding = (
        api_as("psc").post("/api/v1/meldingen/", payload("E-1", ago(days=1)), format="json").data
    )
    url = f"/api/v1/meldingen/{melding['id']}/events/"
    assert (
        api.post(
            url, {"type": "bedankt", "at": ago(hours=1).isoformat()}, format="json"
        ).status_code
        == 400
    )
    before = api.post(url, {"type": "feedback", "at": ago(days=2).isoformat()}, format="json")
    assert before.status_code == 400 and "at" in before.data
    ok = api.post(
        url, {"type": "feedback", "at": ago(hours=1).isoformat(), "note": "gebeld"}, format="json"
    )
    assert ok.status_code == 201 and ok.data["recorded_by"] == "noord"
    assert MeldingEvent.objects.get().recorded_by == users["noord"]


def test_another_base_team_may_not_record_events(api_as, payload, ago):
    melding = (
        api_as("psc").post("/api/v1/meldingen/", payload("E-2", ago(hours=3)), format="json").data
    )
    response = api_as("zuid").post(
        f"/api/v1/meldingen/{melding['id']}/events/",
        {"type": "feedback", "at": ago(hours=1).isoformat()},
        format="json",
    )
    assert response.status_code == 403


def test_municipal_advisor_may_read_but_not_register(api_as, payload, ago):
    api = api_as("rotterdam")
    assert (
        api.post("/api/v1/meldingen/", payload("R-1", ago(hours=1)), format="json").status_code
        == 403
    )
    assert api.get("/api/v1/meldingen/").status_code == 200
    assert api.get("/api/v1/compliance/", {"standard": "hic-progress-14d"}).status_code == 200


def test_anonymous_requests_are_refused(client):
    assert client.get("/api/v1/meldingen/").status_code in (401, 403)
    assert client.get("/api/v1/compliance/?standard=melding-feedback-48h").status_code in (401, 403)


def test_compliance_requires_a_known_standard_and_sane_dates(api_as):
    api = api_as("analist")
    assert api.get("/api/v1/compliance/").status_code == 400
    unknown = api.get("/api/v1/compliance/", {"standard": "snel-48u"})
    assert unknown.status_code == 404 and "melding-feedback-48h" in unknown.data["detail"]
    reversed_ = api.get(
        "/api/v1/compliance/",
        {"standard": "melding-feedback-48h", "from": "2026-02-01", "to": "2026-01-01"},
    )
    assert reversed_.status_code == 400


def test_compliance_per_base_team_and_hic_progress(api_as, payload, ago):
    api = api_as("psc")
    for i, team in enumerate(["BT-NOORD", "BT-NOORD", "BT-ZUID"]):
        received = ago(days=20)
        melding = api.post(
            "/api/v1/meldingen/",
            payload(
                f"H-{i}",
                received,
                kind="aangifte",
                category="woninginbraak",
                hic=True,
                base_team=team,
            ),
            format="json",
        ).data
        if i != 1:
            api.post(
                f"/api/v1/meldingen/{melding['id']}/events/",
                {"type": "progress", "at": (received + timedelta(days=10)).isoformat()},
                format="json",
            )
    result = api.get(
        "/api/v1/compliance/", {"standard": "hic-progress-14d", "group_by": "base_team"}
    ).data
    assert (result["due"], result["met"], result["open_overdue"]) == (3, 2, 1)
    groups = {g["key"]: g for g in result["groups"]}
    assert groups["BT-NOORD"]["percentage"] == 50.0 and groups["BT-ZUID"]["percentage"] == 100.0


def test_token_from_the_cli_authenticates(users, payload, ago):
    from rest_framework.test import APIClient
    from typer.testing import CliRunner

    from safetyplan.cli import app

    result = CliRunner().invoke(app, ["api-token", "psc"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert (
        api.post("/api/v1/meldingen/", payload("T-1", ago(hours=1)), format="json").status_code
        == 201
    )
    again = CliRunner().invoke(app, ["api-token", "psc"])
    assert again.output.strip().splitlines()[-1] == token
    missing = CliRunner().invoke(app, ["api-token", "niemand"])
    assert missing.exit_code != 0
