# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The demo's examples (issue 19): the annual plans' activities from the plan itself, and
fictitious reports and events that every page and export marks as "fictief voorbeeld"."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

THEMES = {"hic", "jeugd", "drugs", "veiligheid-in-de-buurt", "ondermijning"}


@pytest.fixture
def examples(plan):
    from safetyplan.web import examples

    return examples.load(plan)


def test_the_annual_plans_hold_the_plans_own_activities_citing_their_section(plan, examples):
    from safetyplan.web.annualplans.models import Activity

    activities = Activity.objects.filter(annual_plan__plan=plan)
    assert examples["activities"] == activities.count() >= 10
    assert all(a.source.startswith("Beleidsplan §") and a.example_status for a in activities)
    assert {a.annual_plan.year for a in activities} == {2015, 2016, 2017, 2018}
    assert {t.code for a in activities for t in a.themes.all()} >= THEMES
    assert all(a.strategies.exists() for a in activities)
    assert activities.filter(owner__code="RIEC").exists()
    assert activities.filter(owner__code__in=["VHR", "VHZHZ"]).exists()


def test_the_48_hour_promise_counts_due_late_and_overdue_example_reports(plan, examples):
    from safetyplan.web.meldingen import services

    today = timezone.localdate()
    total, _ = services.compliance(
        services.standard("melding-feedback-48h"), today - timedelta(days=365), today
    )
    assert total.due >= 50 and total.late > 0 and total.open_overdue > 0
    hic, _ = services.compliance(
        services.standard("hic-progress-14d"), today - timedelta(days=365), today
    )
    assert hic.due > 0 and hic.met > 0 and hic.open_overdue > 0


def test_the_example_calendar_has_every_class_and_a_clash(plan, examples):
    from safetyplan.web.events import services
    from safetyplan.web.events.models import Event

    assert examples["events"] >= 30
    assert {e.risk_class for e in Event.objects.all()} == {"A", "B", "C"}
    assert Event.objects.values("municipality").distinct().count() > 3
    today = timezone.localdate()
    assert services.clashes(today, today + timedelta(days=190))


def test_loading_again_does_not_duplicate_and_the_same_seed_gives_the_same_records(plan):
    from safetyplan.web import examples
    from safetyplan.web.events.models import Event
    from safetyplan.web.meldingen.models import Melding

    def snapshot():
        return (
            sorted(Melding.objects.values_list("external_id", "received_at", "category")),
            sorted(Event.objects.values_list("external_id", "start", "computed_class")),
        )

    first = examples.load(plan)
    before = snapshot()
    assert examples.load(plan) == first
    assert snapshot() == before


def test_removing_the_examples_keeps_real_records(plan, examples):
    from safetyplan.web import examples as demo_examples
    from safetyplan.web.events.models import Capacity, Event
    from safetyplan.web.meldingen.models import Melding
    from safetyplan.web.meldingen.services import register_melding

    register_melding(
        {
            "external_id": "echt-1",
            "kind": "melding",
            "category": "overlast",
            "received_at": timezone.now(),
            "municipality": "GM0599",
        }
    )
    real = Event.objects.filter(is_example=True).first()
    Event.objects.filter(pk=real.pk).update(is_example=False)
    demo_examples.remove_records()
    assert list(Melding.objects.values_list("external_id", flat=True)) == ["echt-1"]
    assert list(Event.objects.values_list("pk", flat=True)) == [real.pk]
    assert not Capacity.objects.filter(note="fictief voorbeeld").exists()


@pytest.mark.parametrize(
    "name",
    ["melding_queue", "melding_compliance", "event_list", "event_clashes", "event_month_current"],
)
def test_register_and_calendar_pages_say_the_records_are_fictitious(
    plan, examples, client_for, name
):
    page = client_for("rvo").get(reverse(name)).content.decode()
    assert "Fictief voorbeeld" in page and "fictieve voorbeeld" in page


def test_detail_pages_exports_and_api_mark_each_example(plan, examples, client_for):
    from safetyplan.web.events.models import Event
    from safetyplan.web.meldingen.models import Melding

    client = client_for("rvo")
    melding = Melding.objects.first()
    event = Event.objects.first()
    for url in (
        reverse("melding_detail", args=[melding.pk]),
        reverse("event_detail", args=[event.pk]),
    ):
        assert "fictief voorbeeld" in client.get(url).content.decode()
    for name in ("event_export_csv", "event_export_ics"):
        assert "fictief voorbeeld" in client.get(reverse(name)).content.decode().lower()
    listed = client.get(reverse("api-events")).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows and all(row["is_example"] for row in rows)
    listed = client.get(reverse("melding-list")).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows and all(row["is_example"] for row in rows)


def test_english_pages_say_fictitious_example(plan, examples, client_for):
    client = client_for("rvo")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("melding_queue")).content.decode()
    assert "Fictitious example" in page and "Fictief voorbeeld" not in page


def test_an_activity_shows_its_source_and_example_status(plan, examples, client_for):
    page = client_for("rvo").get(reverse("annualplan", args=[2016])).content.decode()
    assert "Beleidsplan §" in page and "voorbeeldstatus" in page


def test_the_empty_priority_matrix_says_why_and_how_a_municipality_fills_its_row(plan, client_for):
    page = client_for("rotterdam").get(reverse("priorities")).content.decode()
    assert 'id="matrix-empty"' in page
    assert "figuur" in page and "vult een gemeente haar rij" in page


def test_the_public_report_reads_no_example_records():
    # the report is built from the warehouse and the plan only: never from the web
    # database that holds the register and the calendar
    report = Path(__file__).resolve().parents[3] / "src" / "safetyplan" / "report"
    for path in report.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "web.meldingen" not in text and "web.events" not in text, path


def test_the_warehouse_facts_of_the_register_leave_the_examples_out(plan, examples):
    from safetyplan.web.meldingen.services import compliance_facts

    assert compliance_facts() == []  # only examples in the register: nothing to publish


def test_the_reports_activity_table_labels_example_statuses(plan, examples):
    from safetyplan.web.reports.activities import activities_for

    rows, _note = activities_for(plan.code, 2016, "nl")
    assert rows and all(row["status"].endswith("(voorbeeldstatus)") for row in rows)


def test_the_reports_activity_table_is_in_the_reports_language(plan, examples):
    from safetyplan.web.reports.activities import activities_for

    dutch = {row["title"] for row in activities_for(plan.code, 2017, "nl")[0]}
    english = {row["title"] for row in activities_for(plan.code, 2017, "en")[0]}
    assert "Aanpak van heling" in dutch and "Aanpak van heling" not in english
    assert "Tackling the handling of stolen goods" in english
    assert len(dutch) == len(english)


def test_a_status_set_by_hand_is_no_longer_an_example_status(plan, examples, users):
    from safetyplan.web.annualplans.forms import ActivityForm
    from safetyplan.web.annualplans.models import Activity

    activity = Activity.objects.filter(status="planned").first()
    data = {
        "title": activity.title,
        "description": activity.description,
        "owner": activity.owner.pk,
        "status": "in_progress",
        "progress": 10,
        "themes": [t.pk for t in activity.themes.all()],
        "strategies": [s.pk for s in activity.strategies.all()],
        "goals": [g.pk for g in activity.goals.all()],
    }
    form = ActivityForm(data, instance=activity, plan=plan, user=users["rvo"])
    assert form.is_valid(), form.errors
    form.save()
    activity.refresh_from_db()
    assert activity.status == "in_progress" and not activity.example_status


def test_the_dashboards_service_promises_say_they_count_fictitious_reports(
    plan, examples, client_for
):
    page = client_for("rvo").get(reverse("dashboard")).content.decode()
    promises = page[page.index('id="promises-heading"') :]
    assert "Fictief voorbeeld" in promises


def test_the_admin_filters_the_examples(plan, examples, client_for):
    client = client_for("rvo")
    for url in (
        "/admin/meldingen/melding/?is_example__exact=1",
        "/admin/events/event/?is_example__exact=1",
        "/admin/events/capacity/",
    ):
        assert client.get(url).status_code == 200, url
