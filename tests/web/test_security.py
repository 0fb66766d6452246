# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Security: who may see and change what, CSRF on every form, no login = login page."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from safetyplan.web.annualplans.models import Activity, AnnualPlan
from safetyplan.web.organisations.models import Organisation
from safetyplan.web.priorities.models import ThemePriority

pytestmark = pytest.mark.django_db

WEB_DIR = Path(__file__).resolve().parents[2] / "src" / "safetyplan" / "web"


def _activity(plan, owner_code, title="Aanpak heling"):
    annual, _ = AnnualPlan.objects.get_or_create(plan=plan, year=2016)
    return Activity.objects.create(
        annual_plan=annual, title=title, owner=Organisation.objects.get(code=owner_code)
    )


PRIVATE_PAGES = [
    ("dashboard", {}),
    ("goal", {"code": "woninginbraak"}),
    ("goal_edit", {"code": "woninginbraak"}),
    ("goal_history", {"code": "woninginbraak"}),
    ("areas", {}),
    ("municipality", {"code": "GM0599"}),
    ("annualplan_current", {}),
    ("annualplan", {"year": 2016}),
    ("activity_create", {"year": 2016}),
    ("priorities", {}),
    ("priorities_edit", {"code": "GM0599"}),
    ("organisations", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PRIVATE_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(plan, client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_login_page_and_the_accessibility_statement_are_public(client):
    assert client.get("/accounts/login/").status_code == 200
    assert client.get(reverse("accessibility")).status_code == 200


def test_the_api_answers_anonymous_callers_with_401_not_a_redirect(plan, client):
    response = client.get("/api/v1/goals/")
    assert response.status_code == 401


def test_a_municipality_cannot_edit_another_municipalitys_priorities(plan, client_for):
    client = client_for("rotterdam")
    schiedam = reverse("priorities_edit", kwargs={"code": "GM0606"})
    assert client.get(schiedam).status_code == 403
    response = client.post(schiedam, {"theme-hic-level": "high", "theme-hic-note": "x"})
    assert response.status_code == 403
    assert not ThemePriority.objects.filter(municipality__code="GM0606").exists()
    add = reverse("priorities_add_local", kwargs={"code": "GM0606"})
    assert client.post(add, {"title": "Ondermijning haven"}).status_code == 403


def test_a_municipality_can_edit_its_own_priorities(plan, client_for):
    client = client_for("rotterdam")
    own = reverse("priorities_edit", kwargs={"code": "GM0599"})
    assert client.get(own).status_code == 200
    response = client.post(own, {"theme-hic-level": "high", "theme-hic-note": "woninginbraak"})
    assert response.status_code == 302
    cell = ThemePriority.objects.get(municipality__code="GM0599", theme__code="hic")
    assert cell.level == "high"


def test_a_viewer_of_a_municipality_cannot_edit_even_its_own_priorities(plan, client_for):
    client = client_for("kijker")  # viewer at Schiedam
    assert client.get(reverse("priorities_edit", kwargs={"code": "GM0606"})).status_code == 403


def test_a_municipality_cannot_edit_another_organisations_activity(plan, client_for):
    theirs = _activity(plan, "GM0606")
    client = client_for("rotterdam")
    edit = reverse("activity_edit", kwargs={"pk": theirs.pk})
    assert client.get(edit).status_code == 403
    assert (
        client.post(
            edit, {"title": "gekaapt", "owner": theirs.owner_id, "status": "done", "progress": 100}
        ).status_code
        == 403
    )
    note = reverse("activity_note", kwargs={"pk": theirs.pk})
    assert client.post(note, {"text": "niet van mij"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Aanpak heling"
    assert not theirs.notes.exists()


def test_a_municipality_cannot_create_an_activity_for_another_owner(plan, client_for):
    client = client_for("rotterdam")
    schiedam = Organisation.objects.get(code="GM0606")
    response = client.post(
        reverse("activity_create", kwargs={"year": 2016}),
        {
            "title": "Namens Schiedam",
            "owner": schiedam.pk,
            "status": "planned",
            "progress": 0,
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "owner" in response.context["form"].errors
    assert not Activity.objects.filter(title="Namens Schiedam").exists()


@pytest.mark.parametrize("who", ["rotterdam", "schiedam", "kijker"])
def test_municipal_users_cannot_see_pages_outside_their_rights(plan, client_for, who):
    client = client_for(who)
    assert client.get(reverse("goal_edit", kwargs={"code": "woninginbraak"})).status_code == 403
    assert client.get(reverse("organisations")).status_code == 403
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_the_403_page_explains_itself_in_dutch(plan, client_for):
    response = client_for("rotterdam").get(reverse("organisations"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


CSRF_FORMS = [
    ("goal_edit", {"code": "woninginbraak"}, "analist"),
    ("activity_create", {"year": 2016}, "analist"),
    ("annualplan_targets", {"year": 2016}, "analist"),
    ("annualplan_settings", {"year": 2016}, "rvo"),
    ("priorities_edit", {"code": "GM0599"}, "rotterdam"),
    ("priorities_add_local", {"code": "GM0599"}, "rotterdam"),
    ("set_language", {}, "rotterdam"),
    ("logout", {}, "rotterdam"),
]


@pytest.mark.parametrize(("name", "kwargs", "who"), CSRF_FORMS)
def test_every_form_is_protected_against_csrf(plan, users, name, kwargs, who):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[who])
    response = client.post(reverse(name, kwargs=kwargs), {"title": "x", "language": "en"})
    assert response.status_code == 403


def test_login_itself_needs_the_csrf_token(plan, users):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "rvo", "password": "pw"})
    assert response.status_code == 403


def test_every_rendered_form_carries_the_csrf_token(plan, client_for):
    pages = [(Client(), "/accounts/login/")]
    client = client_for("rvo")
    pages += [
        (client, url)
        for url in [
            reverse("goal_edit", kwargs={"code": "woninginbraak"}),
            reverse("annualplan", kwargs={"year": 2016}),
            reverse("activity_create", kwargs={"year": 2016}),
            reverse("priorities_edit", kwargs={"code": "GM0599"}),
        ]
    ]
    for page_client, url in pages:
        html = page_client.get(url).content.decode()
        post_forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S)
        assert post_forms, url
        for form in post_forms:
            assert 'name="csrfmiddlewaretoken"' in form, url


def test_pages_forbid_scripts_and_styles_from_other_hosts(plan, client_for):
    response = client_for("analist").get(reverse("dashboard"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "http" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_or_script_loads_anything_from_another_host():
    external = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)
    files = list(WEB_DIR.glob("**/templates/**/*.html")) + list(WEB_DIR.glob("static/**/*.js"))
    assert files
    offenders = [str(p) for p in files if external.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_session_cookie_is_not_readable_by_scripts(plan, users):
    client = Client()
    response = client.post("/accounts/login/", {"username": "analist", "password": "pw"})
    assert response.status_code == 302
    assert client.cookies["sessionid"]["httponly"]


def test_a_deactivated_or_deleted_user_is_logged_out_at_the_next_request(plan, users, client):
    client.force_login(users["schiedam"])
    assert client.get(reverse("dashboard")).status_code == 200
    users["schiedam"].is_active = False
    users["schiedam"].save()
    assert client.get(reverse("dashboard")).status_code == 302
    client.force_login(users["rotterdam"])
    users["rotterdam"].delete()
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_changed_password_ends_other_sessions(plan, users, client):
    client.force_login(users["analist"])
    users["analist"].set_password("nieuw-wachtwoord-123")
    users["analist"].save()
    assert client.get(reverse("dashboard")).status_code == 302
