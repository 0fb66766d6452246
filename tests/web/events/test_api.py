# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The API: enter, update idempotently, classify, override, clashes, capacity, import and
export; a municipality writes only its own events."""

import json

import pytest

from safetyplan.web.events.models import Capacity, Event

from .conftest import at

pytestmark = pytest.mark.django_db

C_MATCH = {"risk_groups": ["rival_supporters"], "activity_type": "football"}


def test_a_municipality_enters_an_event_and_gets_its_class_explained(api_as, body):
    api = api_as("rotterdam")
    response = api.post(
        "/api/v1/events/", body("m-1", at(7, 2, 14), at(7, 2, 17), **C_MATCH), format="json"
    )
    assert response.status_code == 201, response.data
    data = response.data
    assert data["risk_class"] == "C" and data["computed_class"] == "C"
    assert data["score"] == 9  # 1,000 visitors 0 + rival supporters 6 + football 3
    assert any("rivaliserende supporters" in r for r in data["explanation"]["reasons"])
    assert data["area"] == "GM0599"  # Rotterdam has no district in this region
    from django.conf import settings

    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the user's choice, as the web keeps it
    english = api.get(f"/api/v1/events/{data['id']}/").data
    reasons = english["explanation"]["reasons"]
    assert "Known risk groups: rival supporters -> at least C" in reasons
    assert not any("rivaliserende" in r or "minstens" in r for r in reasons)


def test_posting_the_same_external_id_again_updates_it(api_as, body):
    api = api_as("rotterdam")
    first = api.post("/api/v1/events/", body("m-1", at(7, 2, 14), at(7, 2, 17)), format="json")
    again = api.post(
        "/api/v1/events/", body("m-1", at(7, 2, 14), at(7, 2, 18), name="Nieuw"), format="json"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.data["id"] == first.data["id"] and again.data["name"] == "Nieuw"
    assert Event.objects.count() == 1
    found = api.get("/api/v1/events/", {"external_id": "m-1"}).data["results"]
    assert [e["id"] for e in found] == [first.data["id"]]


def test_bad_input_is_rejected_with_a_clear_message(api_as, body):
    api = api_as("rotterdam")
    cases = {
        "end": body("x", at(7, 2, 17), at(7, 2, 14)),
        "visitors": body("x", at(7, 2, 14), at(7, 2, 17), visitors_at_once=-3),
        "municipality": body("x", at(7, 2, 14), at(7, 2, 17), municipality="GM9999"),
        "answer": body("x", at(7, 2, 14), at(7, 2, 17), activity_type="rave"),
        "override": body("x", at(7, 2, 14), at(7, 2, 17), class_override="C"),
    }
    messages = {}
    for case, payload in cases.items():
        response = api.post("/api/v1/events/", payload, format="json")
        assert response.status_code == 400, case
        messages[case] = str(response.data)
    assert "ligt niet na begin" in messages["end"]  # Dutch, the API's default language
    assert "visitors_at_once" in messages["visitors"]
    assert "GM9999" in messages["municipality"]
    assert "rave" in messages["answer"]
    assert "reden" in messages["override"]
    assert Event.objects.count() == 0


def test_a_municipality_cannot_enter_or_change_another_municipalitys_event(api_as, body):
    created = (
        api_as("rotterdam")
        .post("/api/v1/events/", body("m-1", at(7, 2, 14), at(7, 2, 17)), format="json")
        .data
    )
    schiedam = api_as("schiedam")
    assert (
        schiedam.post(
            "/api/v1/events/", body("s-1", at(7, 2, 14), at(7, 2, 17)), format="json"
        ).status_code
        == 403
    )  # for GM0599
    assert (
        schiedam.post(
            "/api/v1/events/",
            body("m-1", at(7, 2, 14), at(7, 2, 17), municipality="GM0606"),
            format="json",
        ).status_code
        == 403
    )  # take-over
    assert (
        schiedam.patch(f"/api/v1/events/{created['id']}/", {"name": "x"}, format="json").status_code
        == 403
    )
    assert schiedam.delete(f"/api/v1/events/{created['id']}/").status_code == 403
    assert (
        api_as("kijker")
        .post("/api/v1/events/", body("k", at(7, 2, 14), at(7, 2, 17)), format="json")
        .status_code
        == 403
    )
    assert Event.objects.get().name == "Evenement m-1"
    assert schiedam.get(f"/api/v1/events/{created['id']}/").status_code == 200  # reads all


def test_the_owner_and_the_administrator_edit(api_as, body):
    created = (
        api_as("rotterdam")
        .post("/api/v1/events/", body("m-1", at(7, 2, 14), at(7, 2, 17)), format="json")
        .data
    )
    url = f"/api/v1/events/{created['id']}/"
    own = api_as("rotterdam").patch(url, {"visitors_at_once": 60000}, format="json")
    assert own.status_code == 200 and own.data["risk_class"] == "B"  # 50,000+ is at least B
    assert api_as("rvo").patch(url, {"name": "Door RVO"}, format="json").status_code == 200
    assert api_as("rotterdam").delete(url).status_code == 204


def test_the_police_overrides_a_class_with_a_reason(api_as, body):
    created = (
        api_as("rotterdam")
        .post("/api/v1/events/", body("m-1", at(7, 2, 14), at(7, 2, 17)), format="json")
        .data
    )
    url = f"/api/v1/events/{created['id']}/override/"
    police = api_as("analist")
    assert police.post(url, {"class_override": "B"}, format="json").status_code == 400
    done = police.post(url, {"class_override": "B", "override_reason": "derby"}, format="json")
    assert done.status_code == 200 and done.data["risk_class"] == "B"
    assert done.data["computed_class"] == "A" and done.data["override_reason"] == "derby"
    assert api_as("schiedam").post(url, {"class_override": ""}, format="json").status_code == 403
    assert (
        police.patch(f"/api/v1/events/{created['id']}/", {"name": "x"}, format="json").status_code
        == 403
    )  # the data stays the municipality's


def test_conflicts_in_a_district_across_municipalities_and_midnight(api_as, body, users):
    from rest_framework.test import APIClient

    admin = APIClient()
    admin.force_authenticate(users["rvo"])
    # Schiedam and Vlaardingen share District West: a C night in Schiedam crossing into
    # 3 July and a C match in Vlaardingen on 3 July clash there.
    admin.post(
        "/api/v1/events/",
        body("night", at(7, 2, 22), at(7, 3, 4), municipality="GM0606", **C_MATCH),
        format="json",
    )
    admin.post(
        "/api/v1/events/",
        body("match", at(7, 3, 14), at(7, 3, 17), municipality="GM0622", **C_MATCH),
        format="json",
    )
    admin.post(
        "/api/v1/events/", body("rdam", at(7, 3, 14), at(7, 3, 17), **C_MATCH), format="json"
    )
    response = api_as("kijker").get(
        "/api/v1/events/conflicts/", {"from": "2016-07-01", "to": "2016-07-31"}
    )
    assert response.status_code == 200
    clashes = response.data["clashes"]
    assert [(c["area"], c["date"], c["kinds"]) for c in clashes] == [
        ("D-WEST", "2016-07-03", ["c_events"])
    ]
    assert [e["external_id"] for e in clashes[0]["events"]] == ["night", "match"]


def test_capacity_and_demand_give_an_over_capacity_clash(api_as, body):
    from safetyplan.web.events.models import ClassDemand

    ClassDemand.objects.create(risk_class="C", officers=60)
    police = api_as("analist")
    assert (
        api_as("rotterdam")
        .post(
            "/api/v1/events/capacity/",
            {"area": "GM0599", "day": "2016-07-02", "officers": 50},
            format="json",
        )
        .status_code
        == 403
    )
    saved = police.post(
        "/api/v1/events/capacity/",
        [
            {"area": "GM0599", "day": "2016-07-02", "officers": 50},
            {"area": "GM0599", "day": "2016-07-03", "officers": 80},
        ],
        format="json",
    )
    assert saved.status_code == 200 and Capacity.objects.count() == 2
    api = api_as("rotterdam")
    api.post("/api/v1/events/", body("m-1", at(7, 2, 20), at(7, 3, 1), **C_MATCH), format="json")
    api.post(
        "/api/v1/events/", body("m-2", at(7, 3, 12), at(7, 3, 13), police_demand=25), format="json"
    )
    clashes = police.get(
        "/api/v1/events/conflicts/", {"from": "2016-07-01", "to": "2016-07-05"}
    ).data["clashes"]
    assert [(c["date"], c["kinds"], c["demand"], c["capacity"]) for c in clashes] == [
        ("2016-07-02", ["over_capacity"], 60, 50),
        ("2016-07-03", ["over_capacity"], 85, 80),
    ]


def test_conflicts_need_a_valid_period(api_as):
    api = api_as("kijker")
    assert api.get("/api/v1/events/conflicts/").status_code == 400
    assert (
        api.get("/api/v1/events/conflicts/", {"from": "2016-07-05", "to": "2016-07-01"}).status_code
        == 400
    )


def test_import_and_export_round_trip_is_idempotent(api_as, body):
    api = api_as("rotterdam")
    api.post(
        "/api/v1/events/",
        body(
            "m-1",
            at(7, 2, 22),
            at(7, 3, 2),
            organiser="Club, BV",
            risk_groups=["vulnerable", "known_troublemakers"],
            answers={"access": "limited"},
            police_demand=12.5,
        ),
        format="json",
    )
    api.post("/api/v1/events/", body("m-2", at(7, 9, 10), at(7, 11, 18)), format="json")
    before = {e.external_id: e.to_record() for e in Event.objects.all()}
    for kind in ("ics", "csv"):
        exported = api.get(
            "/api/v1/events/export/", {"type": kind, "from": "2016-07-01", "to": "2016-07-31"}
        )
        assert exported.status_code == 200
        Event.objects.all().delete()
        upload = _file(exported.content, f"kalender.{kind}")
        first = api.post("/api/v1/events/import/", {"file": upload}, format="multipart")
        assert first.data == {"created": 2, "updated": 0, "unchanged": 0}, first.data
        again = api.post(
            "/api/v1/events/import/",
            {"file": _file(exported.content, f"k.{kind}")},
            format="multipart",
        )
        assert again.data == {"created": 0, "updated": 0, "unchanged": 2}
        assert {e.external_id: e.to_record() for e in Event.objects.all()} == before


def test_a_file_with_one_bad_event_loads_nothing(api_as, body):
    text = (
        "external_id,name,municipality,start,end\n"
        "ok,Goed,GM0599,2016-07-01T10:00,2016-07-01T12:00\n"
        "bad,Fout,GM0599,2016-07-01T12:00,2016-07-01T10:00\n"
    )
    response = _upload_csv(api_as("rotterdam"), text)
    assert response.status_code == 400 and "e.csv, regel 3" in str(response.data)
    assert "niets geladen" in str(response.data) and "nothing loaded" not in str(response.data)
    assert Event.objects.count() == 0


def test_an_import_touching_another_municipality_loads_nothing(api_as):
    text = (
        "external_id,name,municipality,start,end\n"
        "ok,Goed,GM0599,2016-07-01T10:00,2016-07-01T12:00\n"
        "theirs,Schiedam,GM0606,2016-07-01T10:00,2016-07-01T12:00\n"
    )
    response = _upload_csv(api_as("rotterdam"), text)
    assert response.status_code == 403 and "GM0606" in str(response.data)
    assert Event.objects.count() == 0


def test_a_broken_icalendar_upload_is_rejected(api_as):
    response = api_as("rotterdam").post(
        "/api/v1/events/import/",
        {"file": _file(b"BEGIN:VCALENDAR\r\nfoo", "x.ics")},
        format="multipart",
    )
    assert response.status_code == 400 and "iCalendar" in str(response.data)


def test_anonymous_requests_are_refused(client):
    assert client.get("/api/v1/events/").status_code in {401, 403}


def _file(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _upload_csv(api, text: str):
    """POST text as the CSV file e.csv to the import endpoint."""
    return api.post(
        "/api/v1/events/import/", {"file": _file(text.encode(), "e.csv")}, format="multipart"
    )


def test_text_no_database_stores_is_refused_not_a_server_error(api_as, body):
    api = api_as("rotterdam")
    for payload in (
        body("x", at(7, 2, 14), at(7, 2, 17), municipality="GM\x000599"),
        body("x", at(7, 2, 14), at(7, 2, 17), answers={"thr\x00eat": "none"}),
        body("x\x00", at(7, 2, 14), at(7, 2, 17)),
        body("x\ud800", at(7, 2, 14), at(7, 2, 17)),
    ):
        raw = json.dumps(payload)  # ASCII escapes: a lone surrogate travels as \\ud800
        response = api.post("/api/v1/events/", raw, content_type="application/json")
        assert response.status_code == 400, payload
    text = (
        "external_id,name,municipality,start,end\n"
        "n,Naam\x00,GM0599,2016-07-01T10:00,2016-07-01T12:00\n"
    )
    response = api.post(
        "/api/v1/events/import/", {"file": _file(text.encode(), "nul.csv")}, format="multipart"
    )
    assert response.status_code == 400 and "NUL" in str(response.data)
    assert Event.objects.count() == 0
