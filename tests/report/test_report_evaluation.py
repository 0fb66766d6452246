# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual report's evaluation chapter on the Rotterdam plan and the shipped data: in the
plan's evaluation years (2017 mid-term, 2018 end) and in no other, in Dutch and English,
checked in the PDF's text (pdftotext)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from safetyplan.evaluation import evaluate_goals
from safetyplan.evaluation.plan_eval import in_language
from safetyplan.plan import load_plan
from safetyplan.report import ReportOptions, make_report, write_output
from safetyplan.report.disclosure import DisclosurePolicy
from safetyplan.report.evaluation import evaluation_chapter
from safetyplan.report.i18n import Formatter
from safetyplan.sources.bundled import bundled_sources, load_bundled
from safetyplan.warehouse import Warehouse

from .report_fixtures import have_pdf_tools, weasyprint_works

ROTTERDAM = Path(__file__).resolve().parents[2] / "plans" / "rotterdam-2015-2018.yaml"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets in this checkout"),
]


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROTTERDAM)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("evaluation") / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        load_bundled(wh)
    wh = Warehouse.open(path, read_only=True)
    yield wh
    wh.close()


@pytest.fixture(scope="module")
def pdf_text(plan, warehouse, tmp_path_factory):
    """pdftotext of the annual report for (year, lang), made once per pair."""
    if not (weasyprint_works() and have_pdf_tools()):
        pytest.skip("WeasyPrint/Pango or poppler-utils not installed")
    folder = tmp_path_factory.mktemp("reports")
    made: dict[tuple[int, str], str] = {}

    def text(year: int, lang: str) -> str:
        if (year, lang) not in made:
            html = make_report(
                plan,
                warehouse,
                ReportOptions(
                    year=year, lang=lang, produced_on=dt.date(year + 1, 3, 1), with_maps=False
                ),
            )
            out = write_output(html, folder / f"jaarverslag-{year}-{lang}.pdf")
            done = subprocess.run(
                ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
            )
            made[(year, lang)] = re.sub(r"\s+", " ", done.stdout)
        return made[(year, lang)]

    return text


# the chapter's words as the catalogues give them (locale/nl, the English source)
TEXTS = {
    "nl": {
        "title": "Evaluatie: heeft de planperiode verschil gemaakt?",
        "toc": "Evaluatie",
        "no_effect": "Geen aantoonbaar effect: het interval omvat 0.",
        "method": "Per doel dat in aantallen wordt gemeten staan de cijfers van het gebied naast",
    },
    "en": {
        "title": "Evaluation: did the plan period make a difference?",
        "toc": "Evaluation",
        "no_effect": "No demonstrable effect: the interval includes 0.",
        "method": "For every goal measured in counts, the region's figures are set against",
    },
}


def _pct(value: float, lang: str) -> str:
    sign = "+" if value > 0 else "−"
    number = f"{abs(value):.1f}"
    return sign + (number.replace(".", ",") if lang == "nl" else number) + "%"


@pytest.mark.parametrize(("year", "lang"), [(2017, "nl"), (2018, "en")])
def test_an_evaluation_year_has_the_chapter_with_the_estimate(
    plan, warehouse, pdf_text, year, lang
):
    text = pdf_text(year, lang)
    words = TEXTS[lang]
    burglary = evaluate_goals(plan, warehouse, "woninginbraak", until=year)[0]
    assert burglary.estimated and burglary.post_years[-1] == year
    assert words["title"] in text
    assert words["toc"] in text.split(words["title"])[0]  # listed in the contents too
    chapter = text.split(words["title"], 1)[1]
    name = "Woninginbraken (misdrijven)" if lang == "nl" else "Residential burglaries (crimes)"
    assert name in chapter
    assert _pct(burglary.effect_pct, lang) in chapter
    assert _pct(burglary.effect_low_pct, lang) in chapter
    assert _pct(burglary.effect_high_pct, lang) in chapter
    if burglary.effect_low_pct <= 0 <= burglary.effect_high_pct:
        assert words["no_effect"].split(":")[0] in chapter
    # a row per year: actual, counterfactual and, in plan years, the effect; no later year
    fmt = Formatter(lang)
    for row in burglary.years:
        cells = [str(row["year"]), fmt.number(row["actual"]), fmt.number(row["counterfactual"])]
        if row["period"] == "plan":
            cells.append(_pct(row["effect_pct"], lang))
        assert re.search(r"\b" + r" (?:\([^)]*\) )?".join(map(re.escape, cells)), chapter), cells
    if year == 2017:
        assert not re.search(r"\b2018 [\d.,]+ [\d.,]+ [+−]", chapter)
    # the goals without an estimate say why; the caveats are in the report's language only
    survey = evaluate_goals(plan, warehouse, "onveilig-algemeen", until=year)[0]
    assert in_language(survey.note, lang)[:60] in chapter
    assert in_language(burglary.caveats[0], lang)[:60] in chapter
    other = "en" if lang == "nl" else "nl"
    assert in_language(burglary.caveats[0], other)[:40] not in chapter


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_year_that_is_no_evaluation_year_has_no_chapter(pdf_text, lang):
    text = pdf_text(2016, lang)
    assert TEXTS[lang]["title"] not in text
    assert TEXTS[lang]["method"][:50] not in text
    assert ("Jaarverslag 2016" if lang == "nl" else "Annual report 2016") in text


def test_a_plan_without_evaluation_years_gets_no_chapter(plan, warehouse):
    bare = plan.model_copy(update={"evaluation_years": []})
    assert evaluation_chapter(bare, warehouse, 2018, Formatter("nl"), DisclosurePolicy()) is None


def test_the_public_version_hides_a_small_actual_and_its_counterfactual(plan, warehouse):
    # a threshold above every territory count, so that each one counts as small
    policy = DisclosurePolicy(active=True, min_count=1_000_000)
    chapter = evaluation_chapter(plan, warehouse, 2018, Formatter("nl"), policy)
    rows = chapter["goals"][0]["rows"]
    assert rows and all(r["actual"] == r["counterfactual"] == "<1000000" for r in rows)
    assert chapter["goals"][0]["chart"] is None  # a chart would show the hidden figures
    internal = evaluation_chapter(plan, warehouse, 2018, Formatter("nl"), DisclosurePolicy())
    assert all(r["actual"] != "<1000000" for r in internal["goals"][0]["rows"])
    assert internal["goals"][0]["chart"]["src"].startswith("data:image/svg+xml;base64,")
