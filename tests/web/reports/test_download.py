# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The web application offers the annual report for download: the same report as
`safetyplan report`, with the annual plan's activities from the web database."""

from __future__ import annotations

import datetime as dt
import io

import pytest

pytestmark = pytest.mark.django_db


def weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401  (needs Pango at import)
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture
def activity(plan):
    """An activity in the annual plan 2017, owned by Rotterdam."""
    from safetyplan.web.annualplans.models import Activity, AnnualPlan
    from safetyplan.web.organisations.models import Organisation

    annual = AnnualPlan.objects.create(plan=plan, year=2017)
    return Activity.objects.create(
        annual_plan=annual,
        title="Buurtpreventie Delfshaven",
        status="in_progress",
        progress=40,
        due=dt.date(2017, 11, 30),
        owner=Organisation.objects.get(code="GM0599"),
    )


def test_the_page_and_the_download_need_a_login(client, plan):
    for url in ("/verslag/", "/verslag/download/?year=2017"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_offers_the_plans_years(user_client):
    response = user_client.get("/verslag/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jaarverslag en kwartaalmonitor" in html
    assert all(f'<option value="{y}"' in html for y in range(2015, 2019))
    assert 'action="/verslag/download/"' in html


def test_html_download_is_the_report_with_the_activities_of_the_annual_plan(user_client, activity):
    response = user_client.get("/verslag/download/?year=2017&format=html&public=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'filename="jaarverslag-2017-openbaar.html"' in response["Content-Disposition"]
    html = response.content.decode()
    assert "Jaarverslag 2017" in html and "Openbare versie" in html
    assert "486 (2011)" in html and "8.470 (2011)" in html  # the plan's figures
    activities = html.split('id="activities"')[1].split("</section>")[0]
    assert "Buurtpreventie Delfshaven" in activities
    assert "30 november 2017" in activities and "40%" in activities
    assert "In uitvoering" in activities or "In progress" in activities


def test_without_an_annual_plan_the_activities_say_geen_gegevens(user_client):
    response = user_client.get("/verslag/download/?year=2016&format=html")
    html = response.content.decode()
    activities = html.split('id="activities"')[1].split("</section>")[0]
    assert "Geen gegevens: de webdatabase heeft geen jaarschijf 2016" in activities


@pytest.mark.skipif(not weasyprint_works(), reason="WeasyPrint/Pango not installed")
def test_pdf_download(user_client, activity):
    from pypdf import PdfReader

    response = user_client.get("/verslag/download/?year=2017")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="jaarverslag-2017.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 8
    assert "Jaarverslag 2017" in text and "Buurtpreventie Delfshaven" in text


@pytest.mark.parametrize(
    "query, what",
    [
        ("year=1999", "year"),
        ("year=abc", "year"),
        ("year=2017&format=docx", "format"),
        ("year=2017&kind=weekly", "kind"),
    ],
)
def test_bad_choices_are_a_clear_400(user_client, query, what):
    response = user_client.get(f"/verslag/download/?{query}")
    assert response.status_code == 400
    assert f"Ongeldige keuze: {what}." in response.content.decode()


def test_a_missing_warehouse_is_a_clear_message(user_client, plan, tmp_path):
    plan.warehouse_path = str(tmp_path / "missing.duckdb")
    plan.save(update_fields=["warehouse_path"])
    response = user_client.get("/verslag/download/?year=2017&format=html")
    assert response.status_code == 503
    assert "bestaat nog niet" in response.content.decode()
