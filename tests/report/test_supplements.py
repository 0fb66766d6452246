# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The sections other layers give the report: service-promise compliance and early signals
from the warehouse, the allocation of police strength; and what the report says without them."""

from __future__ import annotations

import pandas as pd
import pytest

from safetyplan.allocation import parse_scenario, run_scenario
from safetyplan.plan import parse_plan
from safetyplan.report import (
    DisclosurePolicy,
    ReportOptions,
    Supplements,
    build_report,
    render_html,
)
from safetyplan.report.i18n import Formatter
from safetyplan.report.supplements import (
    service_from_facts,
    signals_from_facts,
    warehouse_supplements,
)

from ..allocation.allocation_cases import SMALL
from .report_fixtures import CRAFTED_PLAN, FIXED_DATE, crafted_facts, read_only_warehouse

NL = Formatter("nl")

SERVICE_PLAN = (
    CRAFTED_PLAN
    + """\
service_standards:
  - {id: fb48, name: Terugkoppeling binnen 48 uur, promise: Elke melder hoort binnen 48 uur iets.,
     covers: melding, deadline: {amount: 48, unit: hours}, target_share: 100}
  - {id: hic14, name: HIC-slachtoffers binnen 2 weken, promise: Aangevers horen binnen 2 weken.,
     covers: "aangifte:hic", deadline: {amount: 14, unit: days}, target_share: 90}
  - {id: leeg, name: Zonder cijfers, promise: Nog niet gemeten., covers: melding,
     target_share: 100}
"""
)

# A monthly burglary series per municipality, 2015-01 .. 2017-12: a steady pattern with one
# crafted jump in June 2017 in Gemeente Aa (to be flagged) and none elsewhere.
PATTERN = [20, 22, 19, 21, 23, 20, 18, 22, 21, 19, 20, 22]
SPIKE = ("GM0001", "2017-06", 60)


def monthly_counts() -> pd.DataFrame:
    rows = []
    for area, scale in (("GM0001", 1), ("GM0003", 2)):
        for year in (2015, 2016, 2017):
            for month, n in enumerate(PATTERN, start=1):
                period = f"{year}-{month:02d}"
                value = SPIKE[2] if (area, period) == SPIKE[:2] else n * scale
                rows.append((area, period, "registered:pol:1.1.1", value))
    return pd.DataFrame(rows, columns=["area", "period", "measure", "value"])


def service_facts() -> pd.DataFrame:
    rows = [  # yearly per municipality: fb48 met 180 of 200; hic14 by month, small counts
        ("GM0001", "2017", "service:fb48:due", 150),
        ("GM0001", "2017", "service:fb48:met", 140),
        ("GM0003", "2017", "service:fb48:due", 50),
        ("GM0003", "2017", "service:fb48:met", 40),
        ("GM0001", "2016", "service:fb48:due", 999),
        ("GM0001", "2016", "service:fb48:met", 1),
        ("GM0001", "2017-03", "service:hic14:due", 2),
        ("GM0001", "2017-03", "service:hic14:met", 1),
        ("GM0003", "2017-07", "service:hic14:due", 1),
        ("GM0003", "2017-07", "service:hic14:met", 1),
    ]
    return pd.DataFrame(rows, columns=["area", "period", "measure", "value"])


@pytest.fixture(scope="module")
def plan():
    return parse_plan(SERVICE_PLAN, "crafted-service.yaml")


# Yearly bicycle thefts 2008-2017 per municipality: steady, and in Gemeente Cee a doubling in
# 2017 (crafted) that Farrington on the five previous years must flag.
BICYCLES = [120, 131, 118, 125, 129, 122, 127, 119, 124]


def yearly_counts() -> pd.DataFrame:
    rows = []
    for area in ("GM0001", "GM0003"):
        for year, n in zip(range(2008, 2017), BICYCLES, strict=True):
            rows.append((area, str(year), "registered:pol:1.2.3", n))
        rows.append((area, "2017", "registered:pol:1.2.3", 260 if area == "GM0003" else 123))
    return pd.DataFrame(rows, columns=["area", "period", "measure", "value"])


@pytest.fixture(scope="module")
def yearly_warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("yearly") / "warehouse.duckdb"
    yield from read_only_warehouse(path, yearly=yearly_counts())


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("supplements") / "warehouse.duckdb"
    yield from read_only_warehouse(
        path, crafted=crafted_facts(), monthly=monthly_counts(), service=service_facts()
    )


# --- service promises ----------------------------------------------------------------------------


def test_service_compliance_sums_the_years_figures_over_the_territory(plan, warehouse):
    rows, note = service_from_facts(plan, warehouse, 2017, NL)
    by_name = {r["name"]: r for r in rows}
    fb = by_name["Terugkoppeling binnen 48 uur"]
    assert (fb["due"], fb["met"], fb["percentage"]) == (200, 180, 90.0)  # 2016 left out
    hic = by_name["HIC-slachtoffers binnen 2 weken"]  # the year's months added up
    assert (hic["due"], hic["met"]) == (3, 2)
    assert "Zonder cijfers" not in by_name  # no figures: not shown as 0%
    assert note == ""


def test_service_section_in_the_report_and_disclosure_of_small_counts(plan, warehouse, registry):
    internal = _html(plan, warehouse, registry, DisclosurePolicy())
    assert "90,0%" in internal and "200" in internal
    public = _html(plan, warehouse, registry, DisclosurePolicy(active=True))
    hic_row = public.split("HIC-slachtoffers binnen 2 weken</td>")[1].split("</tr>")[0]
    assert "&lt;5" in hic_row and "66,7%" not in hic_row  # 2 of 3: no percentage either
    assert "90,0%" in public


def test_without_compliance_facts_the_report_says_geen_gegevens(plan, crafted_warehouse, registry):
    rows, note = service_from_facts(plan, crafted_warehouse, 2017, NL)
    assert rows is None and note.startswith("Geen gegevens")
    html = _html(plan, crafted_warehouse, registry, DisclosurePolicy())
    assert "geen nalevingscijfers voor 2017" in html
    assert "Elke melder hoort binnen 48 uur iets." in html  # the plan's promises still listed


def _html(plan, wh, registry, policy) -> str:
    supplements = warehouse_supplements(plan, wh, 2017, registry=registry)
    options = ReportOptions(year=2017, produced_on=FIXED_DATE, disclosure=policy)
    return render_html(build_report(plan, wh, options, registry=registry, supplements=supplements))


# --- early signals -------------------------------------------------------------------------------


def test_the_years_signals_come_from_the_engine_on_monthly_counts(plan, warehouse, registry):
    rows, note = signals_from_facts(plan, warehouse, 2017, NL, registry)
    assert rows, "the crafted jump must be flagged"
    flagged = {(r["series"], r["period"]) for r in rows}
    assert ("Gemeente Aa — Woninginbraken", "juni 2017") in flagged
    assert all(r["series"].startswith("Gemeente Aa") for r in rows)  # the steady series: none
    assert all(r["period"].endswith("2017") for r in rows)  # only the report year
    jump = next(r for r in rows if r["period"] == "juni 2017")
    assert jump["count"] == 60 and jump["threshold"] < 60
    # three years of history: not enough for the default (five years), so EARS C2
    assert "Methode ears-c2 op 2 maandreeksen" in note


def test_signals_in_the_rendered_report(plan, warehouse, registry):
    html = _html(plan, warehouse, registry, DisclosurePolicy())
    section = html.split('id="signals"')[1].split("</section>")[0]
    assert "Gemeente Aa — Woninginbraken" in section and "juni 2017" in section


def test_the_public_version_hides_small_counts_of_the_signals(plan, crafted_warehouse, registry):
    signals = [
        {
            "series": "Gemeente Bee — Woninginbraken",
            "period": "maart 2017",
            "count": 3,
            "expected": 0.4,
            "threshold": 1.9,
        },
        {
            "series": "Gemeente Aa — Woninginbraken",
            "period": "juni 2017",
            "count": 60,
            "expected": 20.5,
            "threshold": 27.0,
        },
    ]
    context = build_report(
        plan,
        crafted_warehouse,
        ReportOptions(year=2017, produced_on=FIXED_DATE, disclosure=DisclosurePolicy(active=True)),
        registry=registry,
        supplements=Supplements(signals=signals),
    )
    assert [r["count"] for r in context["signals"]["rows"]] == ["<5", "60"]


def test_yearly_series_are_judged_on_their_previous_years(plan, yearly_warehouse, registry):
    rows, note = signals_from_facts(plan, yearly_warehouse, 2017, NL, registry)
    assert [(r["series"], r["period"], r["count"]) for r in rows] == [
        ("Gemeente Cee — Diefstal van brom-, snor-, fietsen (1.2.3)", "2017", 260)
    ]
    assert rows[0]["threshold"] < 260
    assert "Methode nbcusum op" in note and "jaarreeksen" in note


def test_series_too_short_to_judge_say_so(plan, warehouse, registry):
    # 2014 has yearly figures, but no earlier years to compare with
    rows, note = signals_from_facts(plan, warehouse, 2014, NL, registry)
    assert rows is None
    assert note.startswith("Geen gegevens: de reeksen zijn te kort om 2014 te beoordelen")


def test_a_year_without_any_counts_has_no_signals_and_says_why(plan, warehouse, registry):
    rows, note = signals_from_facts(plan, warehouse, 2013, NL, registry)
    assert rows is None
    assert "geen cijfers van misdrijven voor 2013" in note


def test_same_inputs_give_the_same_signals(plan, warehouse, registry):
    assert signals_from_facts(plan, warehouse, 2017, NL, registry) == signals_from_facts(
        plan, warehouse, 2017, NL, registry
    )


# --- activities and allocation -------------------------------------------------------------------


def test_activities_missing_say_geen_gegevens_with_the_reason(plan, crafted_warehouse, registry):
    supplements = Supplements(notes={"activities": NL.t("activities_no_database")})
    context = build_report(
        plan,
        crafted_warehouse,
        ReportOptions(year=2017, produced_on=FIXED_DATE),
        registry=registry,
        supplements=supplements,
    )
    html = render_html(context)
    assert "Geen gegevens: geen webdatabase gevonden" in html


def test_the_allocation_can_go_into_the_annual_report(plan, crafted_warehouse, registry):
    scenario = parse_scenario(SMALL, "small.yaml")
    result = run_scenario(scenario)  # inline figures: no warehouse
    context = build_report(
        plan,
        crafted_warehouse,
        ReportOptions(year=2017, produced_on=FIXED_DATE),
        registry=registry,
        supplements=Supplements(allocation=result),
    )
    section = context["allocation"]
    assert [(r["name"], r["fte"]) for r in section["rows"]] == [
        ("A", "57"),
        ("B", "25"),
        ("C", "8"),
    ]
    assert section["rows"][1]["bound"] == "op minimum"  # B's minimum of 25 holds it
    assert section["total"] == "90"
    assert "90 fte verdeeld" in section["intro"] and "10 fte vaste delen" in section["intro"]
    html = render_html(context)
    assert 'id="allocation"' in html and "Verdeling van de politiesterkte" in html
    assert section["chart"] is not None and section["chart"]["src"] in html


def test_without_an_allocation_there_is_no_such_section(plan, crafted_warehouse, registry):
    context = build_report(
        plan, crafted_warehouse, ReportOptions(year=2017, produced_on=FIXED_DATE), registry=registry
    )
    assert context["allocation"] is None
    assert 'id="allocation"' not in render_html(context)
