# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The goal page's "Evaluatie" section on the shipped data: the region against its
counterfactual, the note where no estimate is possible, a message when the warehouse cannot
be read, and the cache that spares a page view the synthetic control's computation."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from safetyplan.evaluation import evaluate_goals, in_language
from safetyplan.sources.bundled import bundled_sources
from safetyplan.warehouse import Warehouse

pytestmark = pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets")


def _section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="evaluation-heading".*?</section>', html, re.S)
    assert match, "no evaluation section on the page"
    return match.group(0)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _pct(value: float, lang: str) -> str:
    text = f"{value:+.1f}%"
    return text.replace(".", ",") if lang == "nl" else text


@pytest.fixture
def burglary(plan, warehouse_path):
    """The evaluation the page should show, computed directly (plan years up to 2018)."""
    from safetyplan.web.plans.services import effective_plan

    with Warehouse.open(warehouse_path, read_only=True) as wh:
        return evaluate_goals(effective_plan(plan), wh, "woninginbraak", until=2018)[0]


def test_the_goal_page_shows_the_region_against_its_counterfactual(burglary, client_for):
    assert burglary.estimated  # the shipped data allow an estimate for burglary
    html = (
        client_for("rotterdam")
        .get(reverse("goal", kwargs={"code": "woninginbraak"}) + "?year=2018")
        .content.decode()
    )
    section = _section(html)
    text = _text(section)
    assert "<h2" in section and "Evaluatie" in section
    assert _pct(burglary.effect_pct, "nl") in text
    assert (
        f"90%-interval {_pct(burglary.effect_low_pct, 'nl')} – "
        f"{_pct(burglary.effect_high_pct, 'nl')}" in text
    )
    if burglary.effect_low_pct <= 0 <= burglary.effect_high_pct:
        assert "Geen aantoonbaar effect" in text
    # a row per year, plan years with their effect; the donors with their weights
    rows = re.findall(r"<tr( class=\"plan-year\")?><th scope=\"row\">(\d{4})", section)
    assert [int(y) for _, y in rows] == [y["year"] for y in burglary.years]
    assert sum(1 for cls, _ in rows if cls) == len(burglary.post_years)
    top = burglary.donors[0]
    assert top["name"] in section
    assert f"{burglary.donor_count} gemeenten buiten het gebied" in text
    # the caveats in plain words, Dutch only (no English half)
    assert "De vergelijking gaat ervan uit" in text
    assert in_language(burglary.caveats[0], "nl") in text
    assert in_language(burglary.caveats[0], "en") not in text
    # the chart: a Vega-Lite spec served with the page, drawn by the local bundle
    assert 'data-chart="evaluation-chart"' in section
    assert 'id="evaluation-chart"' in html and "Zonder plan (synthetische vergelijking)" in html


def test_the_section_in_english(burglary, client_for):
    client = client_for("rotterdam")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = _text(
        _section(
            client.get(
                reverse("goal", kwargs={"code": "woninginbraak"}) + "?year=2018"
            ).content.decode()
        )
    )
    assert "Evaluation" in text and "Without the plan" in text
    assert (
        f"90% interval {_pct(burglary.effect_low_pct, 'en')} – "
        f"{_pct(burglary.effect_high_pct, 'en')}" in text
    )
    assert in_language(burglary.caveats[0], "en") in text
    assert "The comparison assumes" in text


def test_a_mid_term_year_evaluates_the_plan_years_up_to_it(plan, warehouse_path, client_for):
    from safetyplan.web.plans.services import effective_plan

    with Warehouse.open(warehouse_path, read_only=True) as wh:
        mid = evaluate_goals(effective_plan(plan), wh, "woninginbraak", until=2016)[0]
    section = _section(
        client_for("rotterdam")
        .get(reverse("goal", kwargs={"code": "woninginbraak"}) + "?year=2016")
        .content.decode()
    )
    years = [int(y) for y in re.findall(r'<tr class="plan-year"><th scope="row">(\d{4})', section)]
    assert years == mid.post_years == [2015, 2016]
    assert _pct(mid.effect_pct, "nl") in _text(section)


def test_a_goal_without_an_estimate_says_why(plan, client_for):
    text = _text(
        _section(
            client_for("rotterdam")
            .get(reverse("goal", kwargs={"code": "onveilig-algemeen"}))
            .content.decode()
        )
    )
    assert "Geen schatting: een enquêtedoel (Veiligheidsmonitor)" in text
    assert "No estimate" not in text and "90%-interval" not in text


def test_a_page_view_reads_the_cache_not_the_warehouse(plan, client_for, monkeypatch):
    from safetyplan.web.evaluation import services

    calls = []
    compute = services._compute
    monkeypatch.setattr(services, "_compute", lambda *a: calls.append(a) or compute(*a))
    client = client_for("rotterdam")
    url = reverse("goal", kwargs={"code": "woninginbraak"})
    first = _section(client.get(url).content.decode())
    again = _section(client.get(reverse("goal", kwargs={"code": "straatroof"})).content.decode())
    assert _section(client.get(url).content.decode()) == first
    assert "Geen schatting" in again
    assert len(calls) == 1  # one computation for every goal of the plan and the year


def test_an_unreadable_warehouse_gives_a_message_not_a_500(plan, client_for, tmp_path):
    damaged = tmp_path / "warehouse.duckdb"
    damaged.write_bytes(b"not a DuckDB file\n" * 1000)
    plan.warehouse_path = str(damaged)
    plan.save(update_fields=["warehouse_path"])
    response = client_for("rotterdam").get(reverse("goal", kwargs={"code": "woninginbraak"}))
    assert response.status_code == 200
    text = _text(_section(response.content.decode()))
    assert "Evaluatie niet beschikbaar" in text
    assert "De cijfers zijn nu niet te lezen" in text
    assert str(damaged) not in response.content.decode()


def test_serving_warms_the_evaluation_of_the_default_year(plan, monkeypatch):
    from safetyplan.web import runner
    from safetyplan.web.evaluation import services

    runner.warm_up(plan)
    monkeypatch.setattr(services, "_compute", lambda *a: pytest.fail("computed again"))
    results = services.evaluation_results(plan, plan.period_end)
    assert any(r["effect_pct"] is not None for r in results)
