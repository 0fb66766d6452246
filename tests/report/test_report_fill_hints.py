# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The report says, for every goal without figures, which public table would fill it and the
command, or that none exists and the region's own route (issue 19 item 3)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from safetyplan.plan import load_plan
from safetyplan.report import ReportOptions, build_report, render_html
from safetyplan.sources.bundled import bundled_sources, load_bundled
from safetyplan.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"

pytestmark = pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    with Warehouse.open(path) as wh:
        load_bundled(wh)
    return path


def goal_block(html: str, goal: str) -> str:
    start = html.index(f'id="goal-{goal}"')
    end = html.find('<div class="goal" id="goal-', start + 10)
    return unescape(re.sub(r"\s+", " ", html[start : end if end > 0 else None]))


@pytest.fixture(scope="module", params=["nl", "en"])
def report(request, warehouse):
    with Warehouse.open(warehouse, read_only=True) as wh:
        context = build_report(
            load_plan(ROTTERDAM),
            wh,
            ReportOptions(
                year=2018, lang=request.param, produced_on=dt.date(2026, 1, 1), with_maps=False
            ),
        )
    return request.param, context, render_html(context)


def test_every_goal_without_figures_has_its_route_in_the_report(report):
    lang, context, html = report
    goals = [g for theme in context["themes"] for g in theme["goals"]]
    without = [g for g in goals if g["result"].actual is None]
    assert without
    for g in without:
        block = goal_block(html, g["id"])
        assert 'class="fill small"' in html
        for hint in g["result"].fill:
            assert hint["measure"] in block
            for command in hint["commands"]:
                assert command in block
            label = (
                ("Openbare tabel " if lang == "nl" else "Public table ") + hint["table"]
                if hint["public"]
                else ("Geen openbare tabel" if lang == "nl" else "No public table")
            )
            assert label in block


def test_the_report_names_47018ned_and_the_clearance_proxy(report):
    lang, _, html = report
    street = goal_block(html, "straatroof")
    assert "safetyplan ingest statline 47018NED --region GM" in street
    robbery_rate = goal_block(html, "overvallen-opheldering")
    assert "safetyplan ingest statline 83648NED --region GM" in robbery_rate
    assert ("Verschil:" if lang == "nl" else "Difference:") in robbery_rate
    assert (
        "eigen cijfers van de politie" if lang == "nl" else "the police's own figures"
    ) in robbery_rate


def test_goals_with_figures_have_no_fill_list(report):
    _, _, html = report
    assert 'class="fill small"' not in goal_block(html, "woninginbraak")


def test_a_loaded_proxy_figure_is_printed_as_context():
    from types import SimpleNamespace

    from safetyplan.report.build import _fill_lines
    from safetyplan.report.i18n import Formatter
    from safetyplan.sources.catalogue import hints_for

    (hint,) = hints_for(["cleared:pol:1.4.7"], goal="overvallen-opheldering")
    data = hint.to_dict()
    data["proxy"]["figure"] = {
        "year": 2015,
        "value": 100 * 1020 / 2715,
        "cleared": 1020.0,
        "registered": 2715.0,
        "source": "statline_83648ned",
        "approximate": False,
        "provisional": False,
    }
    result = SimpleNamespace(fill=[data])
    (nl,) = _fill_lines(result, Formatter("nl"))
    assert nl["proxy"]["figure"] == (
        "Benadering 2015: 37,6% (1.020 van 2.715 opgehelderd); niet het doel zelf."
    )
    (en,) = _fill_lines(result, Formatter("en"))
    assert en["proxy"]["figure"] == (
        "Approximation 2015: 37.6% (1,020 of 2,715 cleared); not the goal itself."
    )
