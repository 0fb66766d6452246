# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The pages: list and month views, the intake form with the risk scan, the event with its
explanation and override, the clash list, capacity, import and export; permissions (403)."""

import pytest
from django.urls import reverse

from safetyplan.web.events.models import Capacity, ClassDemand, Event

from .conftest import at

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Havenfestival",
    "organiser": "Stichting Haven",
    "location": "Maasboulevard",
    "start": "2016-07-02T20:00",
    "end": "2016-07-03T02:00",
    "visitors_at_once": "20000",
    "visitors_total": "40000",
    "permit_status": "requested",
    "activity_type": "dance",
    "age_profile": "youth",
    "alcohol_drugs": "alcohol",
    "setting": "outdoor_public",
    "scan_duration": "one_day",
    "risk_groups": ["none"],
}


@pytest.fixture
def events(api_as, body):
    api = api_as("rotterdam")
    made = {}
    for eid, start, end, extra in [
        ("night", at(7, 2, 22), at(7, 3, 3), {"risk_groups": ["rival_supporters"]}),
        (
            "match",
            at(7, 3, 14),
            at(7, 3, 17),
            {"risk_groups": ["rival_supporters"], "activity_type": "football"},
        ),
        ("market", at(7, 9, 9), at(7, 9, 17), {}),
    ]:
        made[eid] = api.post("/api/v1/events/", body(eid, start, end, **extra), format="json").data
    return made


def test_the_list_shows_the_events_of_the_period_with_their_class(client, users, events):
    client.force_login(users["schiedam"])  # every municipality sees the shared calendar
    page = client.get("/evenementen/", {"start": "2016-07-01", "end": "2016-07-31"})
    text = page.content.decode()
    assert page.status_code == 200
    assert [e.external_id for e in page.context["events"]] == ["night", "match", "market"]
    assert 'risk-badge risk-C">C' in text and 'risk-badge risk-A">A' in text
    narrow = client.get("/evenementen/", {"start": "2016-07-05", "end": "2016-07-31"})
    assert [e.external_id for e in narrow.context["events"]] == ["market"]


def test_the_month_shows_an_event_on_every_day_it_touches_and_marks_clashes(client, users, events):
    client.force_login(users["kijker"])
    page = client.get("/evenementen/maand/2016/7/")
    assert page.status_code == 200
    cells = {c["day"].isoformat(): c for week in page.context["grid"] for c in week}
    assert [e.external_id for e in cells["2016-07-02"]["events"]] == ["night"]
    assert [e.external_id for e in cells["2016-07-03"]["events"]] == ["night", "match"]
    assert cells["2016-07-03"]["clash"] and not cells["2016-07-02"]["clash"]
    assert 'data-date="2016-07-03"' in page.content.decode()
    assert client.get("/evenementen/maand/2016/13/").status_code == 404


def test_the_event_page_explains_its_class(client, users, events):
    client.force_login(users["kijker"])
    text = client.get(f"/evenementen/{events['match']['id']}/").content.decode()
    assert "rivaliserende supporters" in text and "-&gt; minstens C" in text
    assert "niet beantwoord" in text
    assert "not answered" not in text and "at least" not in text and "rival supporters" not in text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(f"/evenementen/{events['match']['id']}/").content.decode()
    assert "rival supporters" in english and "-&gt; at least C" in english
    assert "not answered" in english
    assert "niet beantwoord" not in english and "minstens" not in english


def test_a_municipality_enters_an_event_with_the_risk_scan(client, users):
    client.force_login(users["rotterdam"])
    form = client.get("/evenementen/nieuw/")
    assert form.status_code == 200
    assert "Publieksprofiel" in form.content.decode()
    assert "Audience profile" not in form.content.decode()
    response = client.post("/evenementen/nieuw/", {**FORM, "municipality": _org("GM0599")})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    # 20,000 -> 4, youth 2, alcohol 2, dance 3, public space 2, one day 1 = 14: C
    assert (event.computed_class, event.score) == ("C", 14)
    assert event.municipality.code == "GM0599" and event.created_by == users["rotterdam"]


def test_the_form_rejects_bad_input_clearly(client, users):
    client.force_login(users["rotterdam"])
    bad = {
        **FORM,
        "municipality": _org("GM0599"),
        "end": "2016-07-02T19:00",
        "visitors_total": "-1",
    }
    response = client.post("/evenementen/nieuw/", bad)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["visitors_total"]  # a field error first
    assert "Zorg ervoor dat deze waarde minstens 0 is." in response.content.decode()
    assert Event.objects.count() == 0
    only_end = {**FORM, "municipality": _org("GM0599"), "end": "2016-07-02T19:00"}
    refused = client.post("/evenementen/nieuw/", only_end).content.decode()
    assert "ligt niet na begin" in refused and "is not after start" not in refused
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    refused = client.post("/evenementen/nieuw/", only_end).content.decode()
    assert "is not after start" in refused and "ligt niet na begin" not in refused


def test_a_municipality_cannot_enter_for_another_or_edit_anothers_event(client, users, events):
    client.force_login(users["schiedam"])
    response = client.post("/evenementen/nieuw/", {**FORM, "municipality": _org("GM0599")})
    assert response.status_code == 400  # Rotterdam is not a choice for Schiedam
    assert Event.objects.count() == 3
    pk = events["night"]["id"]
    assert client.get(f"/evenementen/{pk}/bewerken/").status_code == 403
    assert (
        client.post(
            f"/evenementen/{pk}/bewerken/", {**FORM, "municipality": _org("GM0606")}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/evenementen/{pk}/klasse/", {"class_override": "A", "override_reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(users["kijker"])
    assert client.get("/evenementen/nieuw/").status_code == 403


def test_the_owner_edits_and_the_page_keeps_the_scan(client, users, events):
    client.force_login(users["rotterdam"])
    pk = events["market"]["id"]
    form = client.get(f"/evenementen/{pk}/bewerken/")
    assert form.status_code == 200 and 'value="Evenement market"' in form.content.decode()
    response = client.post(
        f"/evenementen/{pk}/bewerken/",
        {
            **FORM,
            "municipality": _org("GM0599"),
            "name": "Markt groot",
            "activity_type": "market",
            "start": "2016-07-09T09:00",
            "end": "2016-07-09T17:00",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(pk=pk)
    assert event.name == "Markt groot" and event.external_id == "market"


def test_the_police_overrides_the_class_with_a_reason_on_the_page(client, users, events):
    client.force_login(users["analist"])
    pk = events["market"]["id"]
    assert client.post(f"/evenementen/{pk}/klasse/", {"class_override": "B"}).status_code == 400
    response = client.post(
        f"/evenementen/{pk}/klasse/", {"class_override": "B", "override_reason": "Koningsdag"}
    )
    assert response.status_code == 302
    event = Event.objects.get(pk=pk)
    assert (event.risk_class, event.computed_class, event.overridden_by) == (
        "B",
        "A",
        users["analist"],
    )
    assert "Koningsdag" in client.get(f"/evenementen/{pk}/").content.decode()


def test_the_clash_list_names_the_day_and_the_events(client, users, events):
    client.force_login(users["kijker"])
    page = client.get("/evenementen/conflicten/", {"start": "2016-07-01", "end": "2016-07-31"})
    assert page.status_code == 200
    clashes = page.context["clashes"]
    assert [(c["date"], c["kinds"]) for c in clashes] == [("2016-07-03", ["c_events"])]
    text = page.content.decode()
    assert "meerdere C-evenementen" in text and "Evenement night" in text
    assert "Evenement match" in text and "Evenement market" not in text


def test_capacity_is_entered_by_the_police_not_by_a_municipality(client, users):
    data = {
        "cap-area": _org("GM0599"),
        "cap-start": "2016-07-01",
        "cap-end": "2016-07-03",
        "cap-officers": "40",
        "capacity-submit": "1",
    }
    client.force_login(users["rotterdam"])
    assert client.post("/evenementen/capaciteit/", data).status_code == 403
    client.force_login(users["analist"])
    assert client.post("/evenementen/capaciteit/", data).status_code == 302
    assert Capacity.objects.count() == 3
    demand = {
        "demand-demand_A": "",
        "demand-demand_B": "10",
        "demand-demand_C": "45",
        "demand-submit": "1",
    }
    assert client.post("/evenementen/capaciteit/", demand).status_code == 302
    assert dict(ClassDemand.objects.values_list("risk_class", "officers")) == {
        "A": None,
        "B": 10,
        "C": 45,
    }
    page = client.get("/evenementen/capaciteit/", {"start": "2016-07-01", "end": "2016-07-31"})
    assert len(page.context["rows"]) == 3


def test_export_and_import_pages(client, users, events):
    client.force_login(users["rotterdam"])
    ics = client.get("/evenementen/export.ics", {"start": "2016-07-01", "end": "2016-07-31"})
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    assert ics.content.count(b"BEGIN:VEVENT") == 3
    csv = client.get("/evenementen/export.csv", {"start": "2016-07-01", "end": "2016-07-31"})
    assert csv.content.decode().count("\n") == 4
    from django.core.files.uploadedfile import SimpleUploadedFile

    Event.objects.all().delete()
    response = client.post(
        "/evenementen/importeren/", {"file": SimpleUploadedFile("kalender.ics", ics.content)}
    )
    assert response.status_code == 302 and Event.objects.count() == 3
    broken = client.post(
        "/evenementen/importeren/",
        {"file": SimpleUploadedFile("kapot.ics", b"BEGIN:VCALENDAR\r\nnonsense")},
    )
    assert broken.status_code == 400 and "kapot.ics" in broken.content.decode()


def test_the_pages_are_in_dutch(client, users, events):
    client.force_login(users["kijker"])
    text = client.get("/evenementen/").content.decode()
    assert "Evenementenkalender" in text and "Conflicten" in text


def _org(code):
    from safetyplan.web.organisations.models import Organisation

    return Organisation.objects.get(code=code).pk


def _visible_text(html: str) -> str:
    """The page's text without tags, scripts and styles, one line per block."""
    import re

    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html)
    return re.sub(r"<[^>]+>", "\n", html)


@pytest.mark.parametrize("code", ["nl", "en"])
def test_the_events_pages_speak_one_language(client, users, events, code):
    from tests.i18n.language_check import assert_only

    client.force_login(users["rotterdam"])
    if code == "en":
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    period = {"start": "2016-07-01", "end": "2016-07-31"}
    pages = {
        "list": client.get("/evenementen/", period),
        "clashes": client.get("/evenementen/conflicten/", period),
        "detail": client.get(f"/evenementen/{events['match']['id']}/"),
        "new": client.get("/evenementen/nieuw/"),
    }
    words = {
        "nl": {"clashes": "meerdere C-evenementen", "detail": "niet beantwoord", "new": "Binnen"},
        "en": {"clashes": "several C events", "detail": "not answered", "new": "Indoors"},
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        text = _visible_text(page.content.decode())
        assert_only(code, text, where=f"{code} {name}")
        if name in words[code]:
            assert words[code][name] in text, (code, name)
            other = words["en" if code == "nl" else "nl"][name]
            assert other not in text, (code, name)
