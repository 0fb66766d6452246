# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The Rotterdam plan on the shipped real data, through the command line, as a person gets it:
`safetyplan report --plan plans/rotterdam-2015-2018.yaml --year 2017 --out report.pdf`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from safetyplan import formatting as fmt
from safetyplan.monitor import evaluate_plan
from safetyplan.plan import load_plan
from safetyplan.sources.bundled import bundled_sources, load_bundled
from safetyplan.warehouse import Warehouse

from .report_fixtures import have_pdf_tools, weasyprint_works

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"
DEMO_SCENARIO = ROOT / "scenarios" / "rotterdam-demo.yaml"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets in this checkout"),
]


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    """The CLI in a fresh process; SAFETYPLAN_HOME an empty folder (no web database, so the
    activities say 'geen gegevens' whatever lies in the working directory)."""
    code = "from safetyplan.cli import main; main()"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SAFETYPLAN_HOME"] = str(home or Path(tempfile.mkdtemp(prefix="safetyplan-home-")))
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600, env=env
    )


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rotterdam") / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        load_bundled(wh)
    return path


@pytest.fixture(scope="module")
def monitor_2017(warehouse_file):
    with Warehouse.open(warehouse_file, read_only=True) as wh:
        return {r.goal: r for r in evaluate_plan(load_plan(ROTTERDAM), wh, 2017)}


@pytest.fixture(scope="module")
def report_pdf(warehouse_file, tmp_path_factory) -> Path:
    if not weasyprint_works():
        pytest.skip("WeasyPrint/Pango not installed")
    out = tmp_path_factory.mktemp("out") / "report.pdf"
    result = run(
        "report",
        "--plan",
        str(ROTTERDAM),
        "--year",
        "2017",
        "--out",
        str(out),
        "--date",
        "2018-03-03",
        "--warehouse",
        str(warehouse_file),
        "--allocation",
        str(DEMO_SCENARIO),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


@pytest.fixture(scope="module")
def pages(report_pdf) -> list[str]:
    """The text of every page (read once: pypdf takes a moment)."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(report_pdf)).pages]


@pytest.fixture(scope="module")
def text(pages) -> str:
    return "\n".join(pages)


def test_the_pdf_has_several_pages_with_the_plans_figures(pages, text):
    assert len(pages) >= 8
    assert "Jaarverslag 2017" in pages[0]
    assert "Regionaal beleidsplan politie-eenheid Rotterdam 2015-2018" in pages[0]
    for figure in ("486 (2011)", "300 (2018)", "8.470 (2011)", "7.500 (2018)"):
        assert figure in text


def test_the_pdf_shows_the_real_burglary_actuals_of_the_monitor(text, monitor_2017):
    burglary = monitor_2017["woninginbraak"]
    assert burglary.actual is not None  # 47018NED on the plan's territory
    assert f"Werkelijk 2017: {fmt.number(burglary.actual)}" in text
    assert fmt.number(burglary.breakdown[0]["value"]) in text  # the largest municipality
    assert "Rotterdam" in text and "Per 1.000 inwoners" in text


def test_goals_without_figures_say_so(text, monitor_2017):
    assert "geen gegevens" in text
    if monitor_2017["onveilig-algemeen"].actual is None:  # and where they would come from
        assert "Geen tabel die Safetyplan kan laden" in text.replace("\n", " ")


def test_charts_and_map_are_drawn(text):
    assert "Traject (plan)" in text  # the goal charts' legends (SVG text)
    assert "Kaart: Woninginbraken" in text


def test_sections_without_figures_say_geen_gegevens_and_why(text):
    flat = " ".join(text.split())
    assert "Geen gegevens: geen webdatabase gevonden met de jaarschijf" in flat
    assert "Geen gegevens: het datawarehouse heeft geen nalevingscijfers voor 2017" in flat
    assert "Terugkoppeling op elke melding binnen 48 uur" in flat  # the plan's promises


def test_the_years_early_signals_come_from_the_yearly_47018ned_series(text, warehouse_file):
    """The shipped monthly series (street robberies) end in 2012; 2017 is judged on the yearly
    47018NED series per municipality and crime class with the calibrated CUSUM (ADR 0007),
    and the report lists exactly the alarms that judgement gives (none is a result too)."""
    from safetyplan.report.i18n import Formatter
    from safetyplan.report.supplements import signals_from_facts

    section = text.split("Vroegsignalering: signalen van het jaar")[-1]
    section = " ".join(section.split("Verdeling van de politiesterkte")[0].split())
    assert "Methode nbcusum op" in section and "jaarreeksen" in section
    assert "beoordeeld: 2017" in section
    with Warehouse.open(warehouse_file, read_only=True) as wh:
        alarms, _note = signals_from_facts(load_plan(ROTTERDAM), wh, 2017, Formatter("nl"))
    rows = re.findall(r"(\S[^—]*?) — (.+?) 2017 ([\d.]+) ([\d.]+,\d) ([\d.]+,\d)", section)
    assert len(rows) == len(alarms or [])
    if not rows:
        assert "Geen signalen in 2017" in section
    for _place, _crime, count, _expected, threshold in rows:
        assert int(count.replace(".", "")) >= float(threshold.replace(".", "").replace(",", "."))


def test_the_allocation_scenario_is_a_section_of_the_report(text, warehouse_file):
    from safetyplan.allocation import run_scenario

    with Warehouse.open(warehouse_file, read_only=True) as wh:
        result = run_scenario(DEMO_SCENARIO, wh=wh)
    section = text.split("Verdeling van de politiesterkte")[-1].split("Bijlage: bronnen")[0]
    rotterdam = result.unit("GM0599")
    assert f"Rotterdam {fmt.percent(rotterdam.workload_share, 1)}" in " ".join(section.split())
    assert fmt.number(rotterdam.fte) in section
    assert "Totaal te verdelen" in section and fmt.number(result.available_fte) in section


def test_the_appendix_names_the_table_and_the_approximations(text):
    appendix = text.split("Bijlage: bronnen en definities")[-1]
    assert "cbs_47018ned_gemeente" in appendix
    assert "47018NED" in appendix
    assert "benadering grondgebied" in appendix  # Vijfheerenlanden only partly in the unit


def test_the_same_command_again_gives_the_same_pdf(report_pdf, warehouse_file, tmp_path):
    """A fresh process, the same inputs: the same bytes (fonts subset by HarfBuzz, a fixed
    date and a PDF identifier derived from the content)."""
    again = tmp_path / "again.pdf"
    result = run(
        "report",
        "--plan",
        str(ROTTERDAM),
        "--year",
        "2017",
        "--out",
        str(again),
        "--date",
        "2018-03-03",
        "--warehouse",
        str(warehouse_file),
        "--allocation",
        str(DEMO_SCENARIO),
    )
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == report_pdf.read_bytes()


@pytest.mark.skipif(not have_pdf_tools(), reason="poppler-utils (pdftoppm) not installed")
def test_pages_render_to_png_for_a_person_to_look_at(report_pdf, artifacts):
    for old in artifacts.glob("rotterdam-2017-*.png"):
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
            str(report_pdf),
            str(artifacts / "rotterdam-2017"),
        ],
        check=True,
        timeout=120,
    )
    pages = sorted(artifacts.glob("rotterdam-2017-*.png"))
    assert len(pages) == 4 and all(p.stat().st_size > 5_000 for p in pages)


def test_public_html_version(warehouse_file, tmp_path):
    out = tmp_path / "openbaar.html"
    result = run(
        "report",
        "--plan",
        str(ROTTERDAM),
        "--year",
        "2017",
        "--out",
        str(out),
        "--public",
        "--date",
        "2018-03-03",
        "--warehouse",
        str(warehouse_file),
    )
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Openbare versie" in html and "3 maart 2018" in html
    municipal_cells = re.findall(r'<td class="num">(\d+)</td>', html)
    assert municipal_cells and not any(1 <= int(c) <= 4 for c in municipal_cells)


def test_a_wrong_output_name_is_a_clean_error(tmp_path):
    result = run(
        "report", "--plan", str(ROTTERDAM), "--year", "2017", "--out", str(tmp_path / "report.docx")
    )
    assert result.returncode == 2
    assert ".pdf" in result.stderr and "Traceback" not in result.stderr
