# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The report on a small crafted region: content, disclosure control, 'geen gegevens',
supplied sections, language, determinism, and the PDF itself (text and rendered pages)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest

from safetyplan.report import (
    DisclosurePolicy,
    ReportOptions,
    Supplements,
    build_report,
    render_html,
)
from safetyplan.report.disclosure import SUPPRESSED_SECONDARY

from .report_fixtures import (
    BURGLARIES,
    FIXED_DATE,
    POPULATION,
    have_pdf_tools,
    weasyprint_works,
)

PUBLIC = DisclosurePolicy(active=True)


needs_pdf = pytest.mark.skipif(not weasyprint_works(), reason="WeasyPrint/Pango not installed")


def build(plan, wh, registry, **options):
    options.setdefault("produced_on", FIXED_DATE)
    return build_report(plan, wh, ReportOptions(year=2017, **options), registry=registry)


@pytest.fixture(scope="module")
def internal(crafted_plan, crafted_warehouse, registry):
    return build(crafted_plan, crafted_warehouse, registry)


@pytest.fixture(scope="module")
def public(crafted_plan, crafted_warehouse, registry):
    return build(crafted_plan, crafted_warehouse, registry, disclosure=PUBLIC)


def goal(context, goal_id):
    return next(g for theme in context["themes"] for g in theme["goals"] if g["id"] == goal_id)


def rows_by_area(context, goal_id):
    return {row["area"]: row for row in goal(context, goal_id)["table"]["rows"]}


# --- content -------------------------------------------------------------------------------------


def test_summary_lists_every_goal_with_plan_figures_and_actual(internal, crafted_plan):
    rows = {r["id"]: r for group in internal["summary"] for r in group["rows"]}
    assert set(rows) == {g.id for g in crafted_plan.goals}
    burglary = rows["inbraak"]
    total_2017 = sum(by_year[2017] for by_year in BURGLARIES.values())
    assert (burglary["baseline"], burglary["target"]) == ("180 (2014)", "150 (2018)")
    assert burglary["actual"] == f"{total_2017}"
    assert burglary["status_label"] == "Behaald"  # safetyplan.labels: one label per status


def test_missing_figures_say_geen_gegevens_and_are_never_filled_in(internal):
    survey = goal(internal, "onveilig")
    assert survey["actual"] == "geen gegevens"
    assert survey["status_label"] == "Geen gegevens"
    assert survey["reason"].startswith("Geen gegevens")
    html = render_html(internal)
    assert "Nog niet beschikbaar" in html  # activities, service promises, signals


def test_municipal_table_has_counts_change_and_rates(internal):
    rows = rows_by_area(internal, "inbraak")
    aa = rows["GM0001"]
    assert (aa["previous"], aa["value"]) == ("118", "104")
    assert aa["change"] == "−12%"
    assert aa["rate"] == f"{1000 * 104 / POPULATION['GM0001']:.1f}".replace(".", ",")
    assert rows["GM0002"]["value"] == "3"  # the internal version shows small counts


def test_clearance_rate_of_the_territory(internal):
    cleared = goal(internal, "opheldering")
    assert cleared["actual"] == "12,3%"  # (12 + 1 + 4) / 138


# --- disclosure control --------------------------------------------------------------------------


def test_public_version_shows_small_counts_as_less_than_five(public):
    rows = rows_by_area(public, "inbraak")
    assert rows["GM0002"]["value"] == "<5"
    assert rows["GM0002"]["rate"] == "—"
    html = render_html(public)
    bee_row = re.search(r"Gemeente Bee</td>(.*?)</tr>", html, re.S).group(1)
    assert "&lt;5" in bee_row and ">3<" not in bee_row


def test_public_version_masks_a_second_cell_so_the_total_gives_nothing_away(public):
    rows = rows_by_area(public, "inbraak")
    assert rows["GM0003"]["value"] == SUPPRESSED_SECONDARY  # 31: else 138 - 104 - 31 = 3
    assert rows["GM0003"]["rate"] == "—"
    assert rows["GM0001"]["value"] == "104"


def test_rates_are_hidden_for_small_populations_even_when_the_count_may_show(
    crafted_plan, crafted_warehouse, registry
):
    policy = DisclosurePolicy(active=True, min_count=2, min_population=1000)
    context = build(crafted_plan, crafted_warehouse, registry, disclosure=policy)
    bee = rows_by_area(context, "inbraak")["GM0002"]
    assert bee["value"] == "3"  # 3 >= min_count 2
    assert bee["rate"] == "—"  # 800 inhabitants < 1000


def test_public_version_says_what_it_suppressed(public, internal):
    assert "Openbare versie" in public["meta"]["version"]
    assert "Interne versie" in internal["meta"]["version"]
    assert any("aantallen van 1 tot 4" in line for line in public["appendix"]["method"])


# --- sections other layers supply ----------------------------------------------------------------


def test_supplied_activities_service_and_signals_appear(crafted_plan, crafted_warehouse, registry):
    supplements = Supplements(
        activities=[
            {
                "title": "Buurtpreventie-app",
                "owner": "Gemeente Aa",
                "status": "Gereed",
                "progress": 100,
                "due": dt.date(2017, 6, 1),
            }
        ],
        service=[
            {
                "name": "Terugkoppeling binnen 48 uur",
                "due": 1200,
                "met": 1104,
                "percentage": 92.0,
                "target_share": 100,
            }
        ],
        signals=[],
    )
    context = build_report(
        crafted_plan,
        crafted_warehouse,
        ReportOptions(year=2017, produced_on=FIXED_DATE),
        registry=registry,
        supplements=supplements,
    )
    html = render_html(context)
    assert "Buurtpreventie-app" in html and "1 juni 2017" in html
    assert "1.104" in html and "92,0%" in html
    assert "Geen signalen in 2017." in html


def test_english_option(crafted_plan, crafted_warehouse, registry):
    context = build(crafted_plan, crafted_warehouse, registry, lang="en")
    html = render_html(context)
    assert "Annual report 2017" in html and "3 March 2018" in html
    assert goal(context, "onveilig")["actual"] == "no data"


def test_quarterly_monitor_is_compact(crafted_plan, crafted_warehouse, registry):
    context = build(crafted_plan, crafted_warehouse, registry, kind="quarter")
    html = render_html(context)
    assert "Kwartaalmonitor 2017" in html and "Stand per 3 maart 2018" in html
    assert goal(context, "inbraak")["table"] is None
    assert 'id="maps"' not in html


# --- determinism and offline ---------------------------------------------------------------------


def test_same_inputs_give_the_same_html(crafted_plan, crafted_warehouse, registry):
    first = render_html(build(crafted_plan, crafted_warehouse, registry, disclosure=PUBLIC))
    second = render_html(build(crafted_plan, crafted_warehouse, registry, disclosure=PUBLIC))
    assert first == second


def test_html_is_self_contained(public):
    html = render_html(public)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "url(http" not in html and "@import" not in html
    assert html.count('src="data:image/svg+xml;base64,') >= 2  # goal charts


# --- the PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def public_pdf(public):
    from safetyplan.report import render_pdf

    return render_pdf(render_html(public))


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@needs_pdf
def test_pdf_has_the_headings_figures_and_suppression(public_pdf):
    text = pdf_text(public_pdf)
    for heading in (
        "Jaarverslag 2017",
        "Samenvatting",
        "Doelen per thema",
        "Bijlage: bronnen en definities",
    ):
        assert heading in text
    assert "<5" in text and "geen gegevens" in text
    assert "Woninginbraken" in text and "104" in text


@needs_pdf
def test_same_inputs_give_the_same_pdf(public, public_pdf):
    from safetyplan.report import render_pdf

    again = render_pdf(render_html(public))
    assert pdf_text(again) == pdf_text(public_pdf)
    assert again == public_pdf  # even byte for byte: fixed date and identifier


@needs_pdf
@pytest.mark.skipif(not have_pdf_tools(), reason="poppler-utils (pdftoppm) not installed")
def test_first_pages_render_to_png_for_a_person_to_look_at(public_pdf, artifacts, tmp_path):
    pdf = tmp_path / "crafted-public.pdf"
    pdf.write_bytes(public_pdf)
    for old in artifacts.glob("crafted-public-*.png"):
        old.unlink()
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "4",
            str(pdf),
            str(artifacts / "crafted-public"),
        ],
        check=True,
        timeout=120,
    )
    pages = sorted(artifacts.glob("crafted-public-*.png"))
    assert len(pages) == 4
    assert all(p.stat().st_size > 5_000 for p in pages)  # not blank
