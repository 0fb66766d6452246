# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The web page: the division, the comparison with its map, and clean messages."""

import json
import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

from .allocation_cases import ROOT, SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_client(client):
    client.force_login(UserFactory(username="analist"))
    return client


@pytest.fixture
def small_dir(tmp_path, settings):
    (tmp_path / "a.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "extends: a.yaml\nid: b\ntitle: Meer HIC\npriorities: {hic: 4}\n", encoding="utf-8"
    )
    settings.SAFETYPLAN_SCENARIOS_DIRS = [tmp_path]
    return tmp_path


def chart_spec(html: str, chart_id: str) -> dict:
    found = re.search(
        rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, chart_id
    return json.loads(found.group(1))


def test_the_page_needs_a_login(client, small_dir):
    response = client.get("/sterkte/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_shows_the_division_its_assumptions_and_sensitivity(user_client, small_dir):
    response = user_client.get("/sterkte/?a=a")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klein voorbeeld" in html
    assert "Totaal 100 fte: aanname — illustratief" in html  # the scenario's assumptions
    assert "Verdeling van de politiesterkte" in html
    assert "Distribution of police strength" not in html and "assumption" not in html
    user_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = user_client.get("/sterkte/?a=a").content.decode()
    assert "Distribution of police strength" in english
    assert "Total 100 FTE: assumption — illustratief" in english  # the note: the file's words
    assert "Verdeling van de politiesterkte" not in english and "aanname" not in english
    units = response.context["allocation"].units
    assert [u.fte for u in units] == [57, 25, 8]
    assert "Staf" in html  # the fixed part
    spec = chart_spec(html, "division-chart")
    assert {row["driver"] for row in spec["data"]["values"]} == {"Criminaliteit", "Basis"}
    assert len(response.context["sensitivity"]) == 3


def test_comparing_shows_the_shift_why_and_a_chart(user_client, small_dir):
    response = user_client.get("/sterkte/?a=a&b=b")
    assert response.status_code == 200
    rows = response.context["shift_rows"]
    assert [r["row"].unit for r in rows] == ["a", "b", "c"]
    assert rows[0]["row"].shift > 0 and "Criminaliteit" in rows[0]["reason"]
    shifts = chart_spec(response.content.decode(), "shift-chart")["data"]["values"]
    assert sum(r["shift"] for r in shifts) == 0


def test_an_unknown_scenario_name_is_a_404_not_a_file_read(user_client, small_dir):
    response = user_client.get("/sterkte/?a=../../etc/passwd")
    assert response.status_code == 404
    assert (
        "No scenario file found" in response.content.decode()
        or "Geen scenariobestand" in response.content.decode()
    )


def test_a_broken_scenario_file_is_listed_with_its_problem(user_client, small_dir):
    (small_dir / "kapot.yaml").write_text(
        SMALL.replace("min_fte: 25}", "min_fte: 95}"), encoding="utf-8"
    )
    response = user_client.get("/sterkte/?a=a")
    assert response.status_code == 200
    assert "de minima tellen op tot 95 fte" in response.content.decode()
    broken = user_client.get("/sterkte/?a=kapot")
    assert "de minima tellen op tot 95 fte" in broken.content.decode()
    user_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = user_client.get("/sterkte/?a=kapot").content.decode()
    assert "kapot.yaml, line 17 (units): the minimums add up to 95 FTE" in english


def test_the_rotterdam_demo_maps_the_shift_over_the_municipalities(
    user_client, settings, tmp_path, monkeypatch
):
    from safetyplan import settings as sp_settings
    from safetyplan.sources.facts_csv import read_facts_csv
    from safetyplan.warehouse import Warehouse

    path = tmp_path / "wh.duckdb"
    facts = read_facts_csv(sp_settings.DATASETS_DIR / "cbs_47018ned_gemeente" / "facts.csv.gz")
    with Warehouse.open(path) as wh:
        wh.load_facts(facts.facts, source="cbs_47018ned_gemeente")
    monkeypatch.setenv("SAFETYPLAN_WAREHOUSE", str(path))
    settings.SAFETYPLAN_SCENARIOS_DIRS = [ROOT / "scenarios"]
    response = user_client.get("/sterkte/?a=rotterdam-demo&b=rotterdam-demo-prioriteiten")
    assert response.status_code == 200, response.content.decode()[:500]
    features = chart_spec(response.content.decode(), "map-chart")["data"]["values"]
    assert len(features) == 24  # the unit's municipalities on 2024 boundaries
    shifts = {r["row"].unit: r["row"].shift for r in response.context["shift_rows"]}
    for f in features:
        assert f["properties"]["value"] == shifts[f["properties"]["code"]]
    assert any(
        "(partly" in f["properties"]["name"] or "(deels" in f["properties"]["name"]
        for f in features
    )


def test_without_a_warehouse_the_page_says_what_to_do(user_client, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("SAFETYPLAN_WAREHOUSE", str(tmp_path / "none.duckdb"))
    settings.SAFETYPLAN_SCENARIOS_DIRS = [ROOT / "scenarios"]
    response = user_client.get("/sterkte/?a=rotterdam-demo")
    assert response.status_code == 200
    assert "safetyplan demo" in response.content.decode()
