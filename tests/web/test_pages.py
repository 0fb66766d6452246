# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The pages on the test database (SQLite, and PostgreSQL 15 in CI): dashboard, goal page,
goal editing with its history, annual plan and activities, priorities, Dutch formats,
the accessibility basics and the administration."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from safetyplan.web.annualplans.models import Activity, AnnualPlan
from safetyplan.web.history.models import Change
from safetyplan.web.plans.models import Goal
from safetyplan.web.priorities.models import LocalPriority, ThemePriority

pytestmark = pytest.mark.django_db


def _key_figures(html: str) -> str:
    return re.search(r'<table class="key-figures">.*?</table>', html, re.S).group(0)


def _goal_form(goal, **changes):
    """The goal form's current values, with some of them changed."""
    data = {field: getattr(goal, field) for field in Goal.EDITABLE_FIELDS}
    data.update(changes)
    return {k: "" if v is None else v for k, v in data.items()}


# -- dashboard ------------------------------------------------------------------------------


def test_dashboard_shows_every_goal_as_a_card_grouped_by_theme(plan, client_for):
    response = client_for("rvo").get(reverse("dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<article class="goal-card"') == plan.goals.count() == 13
    assert html.count('<article class="objective-card"') == plan.objectives.count() == 3
    assert html.index("objective-card") < html.index("goal-card")  # objectives on top
    for theme in plan.themes.all():
        if theme.goals.exists():
            assert f">{theme.display_name}</h2>" in html
    assert html.count('class="sparkline"') >= 5  # a trend chart on the cards with a series


def test_a_deleted_goal_leaves_the_dashboard_at_once(plan, client_for):
    """Deleting a goal that was not the last one edited must still change the cache key."""
    client = client_for("analist")
    plan.goals.get(code="overvallen").save()  # the latest edit is another goal's
    gone = plan.goals.exclude(code="overvallen").filter(year_targets__isnull=True).first()
    card = f'id="card-{gone.code}"'
    assert card in client.get(reverse("dashboard")).content.decode()
    gone.delete()
    assert card not in client.get(reverse("dashboard")).content.decode()


def test_the_year_switch_answers_htmx_with_the_overview_only(plan, client_for):
    client = client_for("analist")
    page = client.get(reverse("dashboard"), {"year": 2016}, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.lstrip().startswith('<div id="overview"') and "<html" not in html
    assert "gemeten over 2016" in html


def test_an_edited_target_shows_on_the_dashboard_at_once(plan, client_for):
    """The rendered overview is cached; the cache key must follow every edit."""
    client = client_for("analist")
    before = client.get(reverse("dashboard")).content.decode()
    goal = plan.goals.get(code="straatroof")
    card = re.compile(r'id="card-straatroof".*?</article>', re.S)
    assert "1.200" in card.search(before).group(0)
    response = client.post(
        reverse("goal_edit", kwargs={"code": "straatroof"}),
        _goal_form(goal, target=987, comment="test"),
    )
    assert response.status_code == 302
    after = card.search(client.get(reverse("dashboard")).content.decode()).group(0)
    assert "987" in after and "1.200" not in after


def test_without_a_warehouse_the_dashboard_says_there_is_no_data(plan, client_for):
    plan.warehouse_path = "/nonexistent/warehouse.duckdb"
    plan.save(update_fields=["warehouse_path"])
    response = client_for("rvo").get(reverse("dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geen gegevens" in html and "safetyplan demo" in html
    assert "/nonexistent" not in html  # paths go to the log, not to users (issue 14)
    assert "goal-card" not in html


# -- goal page ------------------------------------------------------------------------------


def test_goal_page_shows_actual_trajectory_forecast_breakdown_and_source(plan, client_for):
    response = client_for("rotterdam").get(reverse("goal", kwargs={"code": "woninginbraak"}))
    assert response.status_code == 200
    html = response.content.decode()
    result = response.context["result"]
    assert result["goal"] == "woninginbraak"
    for label in (
        "Nulmeting",
        "Streefwaarde",
        "Waarde doelpad",
        "Realisatie",
        "Prognose 2018",
        "Bron",
        "Landelijke vergelijking",
    ):
        assert f'<th scope="row">{label}</th>' in html
    assert "8.470" in _key_figures(html)  # the baseline in Dutch format
    assert result["forecast"] is not None and "interval" in _key_figures(html)
    assert response.context["breakdown"], "per-municipality breakdown"
    assert 'href="/gebieden/GM0599/"' in html
    assert 'data-chart="goal-chart"' in html and 'id="goal-chart"' in html


def test_goal_page_of_an_unknown_goal_is_404(plan, client_for):
    assert (
        client_for("rvo").get(reverse("goal", kwargs={"code": "bestaat-niet"})).status_code == 404
    )


# -- goal editing and its history -----------------------------------------------------------


def test_editing_a_goal_records_who_changed_what_and_when(plan, client_for, users):
    client = client_for("analist")
    goal = plan.goals.get(code="straatroof")
    old_target = goal.target
    response = client.post(
        reverse("goal_edit", kwargs={"code": "straatroof"}),
        _goal_form(goal, target=1150, comment="Besluit RVO 12 mei"),
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.target == 1150 and goal.updated_by == users["analist"]
    change = Change.objects.get(object_id=str(goal.pk))
    assert change.user == users["analist"] and change.action == "updated"
    assert change.changes == {"target": {"old": old_target, "new": 1150}}
    assert change.comment == "Besluit RVO 12 mei" and change.at is not None
    history = client.get(reverse("goal_history", kwargs={"code": "straatroof"})).content.decode()
    assert "analist" in history and "1150" in history and "Besluit RVO 12 mei" in history
    assert "Streefwaarde: " in history  # the field's Dutch label, not its code name


def test_an_unchanged_save_adds_no_history(plan, client_for):
    goal = plan.goals.get(code="overvallen")
    client_for("analist").post(
        reverse("goal_edit", kwargs={"code": "overvallen"}), _goal_form(goal)
    )
    assert not Change.objects.filter(object_id=str(goal.pk)).exclude(changes={}).exists()


def test_an_inconsistent_goal_is_refused_with_a_message(plan, client_for):
    goal = plan.goals.get(code="straatroof")
    response = client_for("analist").post(
        reverse("goal_edit", kwargs={"code": "straatroof"}), _goal_form(goal, target_year=2010)
    )
    assert response.status_code == 200
    assert "target_year" in response.context["form"].errors
    goal.refresh_from_db()
    assert goal.target_year == 2018


# -- annual plan ----------------------------------------------------------------------------


def test_an_activity_links_themes_strategies_goals_and_takes_progress_notes(plan, client_for):
    client = client_for("rotterdam")
    theme = plan.themes.get(code="hic")
    strategy = plan.strategies.first()
    goal = plan.goals.get(code="woninginbraak")
    rotterdam = client.get(reverse("activity_create", kwargs={"year": 2016})).context["form"]
    owner = rotterdam.fields["owner"].queryset.get()
    response = client.post(
        reverse("activity_create", kwargs={"year": 2016}),
        {
            "title": "Buurtpreventie Zuid",
            "description": "voorlichting",
            "owner": owner.pk,
            "status": "in_progress",
            "progress": 20,
            "due": "2016-12-31",
            "themes": [theme.pk],
            "strategies": [strategy.pk],
            "goals": [goal.pk],
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Buurtpreventie Zuid")
    assert activity.annual_plan == AnnualPlan.objects.get(plan=plan, year=2016)
    assert list(activity.themes.all()) == [theme] and list(activity.goals.all()) == [goal]
    assert list(activity.strategies.all()) == [strategy] and activity.owner.code == "GM0599"
    note = client.post(
        reverse("activity_note", kwargs={"pk": activity.pk}),
        {"text": "Eerste bijeenkomst"},
        HTTP_HX_REQUEST="true",
    )
    assert note.status_code == 200 and "Eerste bijeenkomst" in note.content.decode()
    assert activity.notes.get().text == "Eerste bijeenkomst"
    listing = client.get(reverse("annualplan", kwargs={"year": 2016})).content.decode()
    assert "Buurtpreventie Zuid" in listing
    goal_page = client.get(reverse("goal", kwargs={"code": "woninginbraak"})).content.decode()
    assert "Buurtpreventie Zuid" in goal_page  # the goal lists its activities
    assert Change.objects.filter(object_id=str(activity.pk), action="created").exists()
    detail = client.get(reverse("activity", kwargs={"pk": activity.pk})).content.decode()
    assert "Status: – → In uitvoering" in detail  # label and choice in Dutch, not "in_progress"
    assert "→ in_progress" not in detail


def test_a_viewer_cannot_add_activities(plan, client_for):
    assert (
        client_for("kijker").get(reverse("activity_create", kwargs={"year": 2016})).status_code
        == 403
    )


# -- priorities -----------------------------------------------------------------------------


def test_a_municipality_keeps_its_own_priorities_next_to_the_regional_themes(plan, client_for):
    client = client_for("schiedam")
    added = client.post(
        reverse("priorities_add_local", kwargs={"code": "GM0606"}),
        {"title": "Ondermijning in de haven", "description": ""},
    )
    assert added.status_code == 302
    assert (
        LocalPriority.objects.get(municipality__code="GM0606").title == "Ondermijning in de haven"
    )
    client.post(
        reverse("priorities_edit", kwargs={"code": "GM0606"}),
        {"theme-jeugd-level": "high", "theme-jeugd-note": "jeugdgroepen"},
    )
    assert (
        ThemePriority.objects.get(municipality__code="GM0606", theme__code="jeugd").level == "high"
    )
    matrix = client.get(reverse("priorities")).content.decode()
    assert "Ondermijning in de haven" in matrix
    history = client.get(reverse("priorities_history", kwargs={"code": "GM0606"}))
    assert history.status_code == 200 and "schiedam" in history.content.decode()


# -- Dutch first, English second ------------------------------------------------------------


def test_numbers_and_dates_are_dutch_by_default_and_english_on_request(plan, client_for):
    client = client_for("analist")
    goal = plan.goals.get(code="straatroof")
    client.post(
        reverse("goal_edit", kwargs={"code": "straatroof"}),
        _goal_form(goal, target=1150, comment="x"),
    )
    dutch = client.get(reverse("goal", kwargs={"code": "woninginbraak"}))
    assert dutch["Content-Language"] == "nl"
    figures = _key_figures(dutch.content.decode())
    assert "8.470" in figures and "8,470" not in figures
    history = client.get(reverse("goal_history", kwargs={"code": "straatroof"})).content.decode()
    assert re.search(r"<td>\d{1,2}-\d{1,2}-\d{4} \d{2}:\d{2}</td>", history)  # d-m-jjjj uu:mm
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("goal", kwargs={"code": "woninginbraak"}))
    assert english["Content-Language"] == "en"
    figures = _key_figures(english.content.decode())
    assert "8,470" in figures and "8.470" not in figures and ">Baseline</th>" in figures


def test_the_browser_language_does_not_switch_to_english(plan, client_for):
    page = client_for("rvo").get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert page["Content-Language"] == "nl"


# -- accessibility basics -------------------------------------------------------------------


class _Controls(HTMLParser):
    """Form controls, the labels' targets, and the page's language."""

    def __init__(self):
        super().__init__()
        self.controls, self.labelled, self.lang, self.in_label = [], set(), None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.labelled.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.controls.append((a, self.in_label > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


FORM_PAGES = [
    ("rvo", "goal_edit", {"code": "woninginbraak"}),
    ("rvo", "activity_create", {"year": 2016}),
    ("rvo", "annualplan", {"year": 2016}),
    ("rotterdam", "priorities_edit", {"code": "GM0599"}),
    ("rvo", "dashboard", {}),
    ("rvo", "areas", {}),
]


@pytest.mark.parametrize(("who", "name", "kwargs"), FORM_PAGES)
def test_every_form_control_has_a_label(plan, client_for, who, name, kwargs):
    parser = _Controls()
    parser.feed(client_for(who).get(reverse(name, kwargs=kwargs)).content.decode())
    assert parser.lang == "nl" and parser.controls
    unlabelled = [
        a
        for a, wrapped in parser.controls
        if not wrapped
        and a.get("id") not in parser.labelled
        and not a.get("aria-label")
        and not a.get("aria-labelledby")
    ]
    assert unlabelled == []


def test_pages_have_a_skip_link_a_main_landmark_and_described_charts(plan, client_for):
    html = client_for("rvo").get(reverse("goal", kwargs={"code": "woninginbraak"})).content.decode()
    assert '<a class="skip-link" href="#content">' in html and '<main id="content"' in html
    for chart in re.findall(r"<div[^>]*data-chart=[^>]*>", html):
        assert 'role="img"' in chart and "aria-label=" in chart
    assert "<th scope=" in html  # data tables mark their headers


def test_form_errors_are_announced_next_to_the_field(plan, client_for):
    goal = plan.goals.get(code="straatroof")
    html = (
        client_for("analist")
        .post(
            reverse("goal_edit", kwargs={"code": "straatroof"}), _goal_form(goal, target_year=2010)
        )
        .content.decode()
    )
    assert 'aria-invalid="true"' in html or 'role="alert"' in html


# -- administration -------------------------------------------------------------------------


def test_the_administrator_has_django_admin(plan, client_for):
    client = client_for("rvo")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/plans/goal/").status_code == 200
    assert client.get("/admin/organisations/organisation/").status_code == 200


def test_an_analyst_has_no_django_admin(plan, client_for):
    response = client_for("analist").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# -- service promises -----------------------------------------------------------------------


def _feedback_promise(plan):
    from safetyplan.web.dashboard.promises import service_promises

    return next(p for p in service_promises(plan) if p["standard"] == "melding-feedback-48h")


def test_the_dashboard_shows_this_years_service_promises(plan, client_for):
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from safetyplan.web.meldingen import services

    cache.clear()
    now = timezone.now()
    new_year = timezone.localtime(now).replace(month=1, day=1, hour=0, minute=1)
    start = max(new_year, now - timedelta(days=3))  # received this year
    fields = {"kind": "melding", "category": "overlast", "municipality": "GM0599"}
    met, _ = services.register_melding({**fields, "external_id": "D-1", "received_at": start})
    services.add_event(met, "feedback", start + timedelta(hours=3))
    client = client_for("rotterdam")
    feedback = _feedback_promise(plan)
    assert (feedback["compliance"].due, feedback["compliance"].met) == (1, 1)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Servicebeloften" in html and "Terugkoppeling op elke melding binnen 48 uur" in html
    assert "100,0%" in html
    # a new overdue report changes the figures at once (the cache follows the register)
    services.register_melding(
        {**fields, "external_id": "D-2", "received_at": now - timedelta(hours=49)}
    )
    assert "Servicebeloften" in client.get(reverse("dashboard")).content.decode()
    feedback = _feedback_promise(plan)
    if (now - timedelta(hours=49)).year == now.year:
        assert (feedback["compliance"].due, feedback["compliance"].open_overdue) == (2, 1)


def test_the_register_pages_are_in_dutch(plan, client_for):
    html = client_for("analist").get(reverse("melding_queue")).content.decode()
    assert "Werkvoorraad" in html and "Work queue" not in html
    compliance = client_for("analist").get(reverse("melding_compliance")).content.decode()
    assert "Verschuldigd" in compliance and "Op tijd" in compliance
    assert "Naleving van de servicenormen" in compliance


# -- areas ----------------------------------------------------------------------------------


def test_the_area_map_gives_rates_per_1000_for_the_units_municipalities(plan, client_for):
    response = client_for("rotterdam").get(reverse("areas"))
    assert response.status_code == 200
    rows = response.context["map_rows"]
    codes = {row["code"] for row in rows}  # today's municipalities of the territory (mergers)
    assert len(rows) >= 20 and {"GM0599", "GM0606"} <= codes
    for row in rows:
        if row["rate"] is not None and row["count"] is not None:
            assert row["rate"] > 0
    spec = response.context["map_chart"]
    assert "geoshape" in str(spec) and "http" not in str(spec.get("data", ""))
    html = response.content.decode()
    assert "per 1.000 inwoners" in html and 'href="/gebieden/GM0599/?measure=' in html


def test_a_municipality_profile_and_an_unknown_one(plan, client_for):
    client = client_for("schiedam")
    profile = client.get(reverse("municipality", kwargs={"code": "GM0606"}))
    assert profile.status_code == 200 and "Schiedam" in profile.content.decode()
    assert client.get(reverse("municipality", kwargs={"code": "GM0363"})).status_code == 404


def test_the_cached_navigation_follows_role_language_and_page(plan, client_for):
    admin = client_for("rvo").get(reverse("dashboard")).content.decode()
    assert 'href="/organisaties/"' in admin and 'aria-current="page">Dashboard' in admin
    client = client_for("rotterdam")
    analyst = client.get(reverse("dashboard")).content.decode()
    assert 'href="/organisaties/"' not in analyst and 'href="/admin/"' not in analyst
    priorities = client.get(reverse("priorities")).content.decode()
    assert 'aria-current="page">Prioriteiten' in priorities
    assert 'aria-current="page">Dashboard' not in priorities
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert ">Annual plan</a>" in client.get(reverse("dashboard")).content.decode()


def test_the_main_navigation_reaches_every_part_in_dutch(plan, client_for):
    client = client_for("schiedam")
    html = client.get(reverse("dashboard")).content.decode()
    nav = re.search(r'<nav aria-label="[^"]*" class="main-nav">.*?</nav>', html, re.S).group(0)
    for name, label in [
        ("event_list", "Evenementenkalender"),
        ("allocation", "Sterkteverdeling"),
        ("reports", "Jaarverslag"),
        ("melding_queue", "Meldingenregister"),
    ]:
        assert f'href="{reverse(name)}"' in nav and label in nav
        assert client.get(reverse(name)).status_code == 200
    assert 'aria-current="page">Dashboard' in nav
