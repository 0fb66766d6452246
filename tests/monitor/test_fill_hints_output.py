# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The monitor's output for goals without figures: JSON carries the fill hints, the table
lists them under the goals with the commands (issue 19 item 3)."""

import json
from pathlib import Path

import pytest

from safetyplan.sources.bundled import bundled_sources

from ..cli_runner import run
from ..i18n.language_words import assert_only

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"

pytestmark = pytest.mark.skipif(not bundled_sources(), reason="no shipped datasets")


def test_json_has_the_fill_hints_of_goals_without_figures(monkeypatch, capsys, home):
    code, out, err = run(
        monkeypatch,
        capsys,
        "monitor",
        "--plan",
        str(ROTTERDAM),
        "--year",
        "2018",
        "--format",
        "json",
    )
    assert code == 0, err
    results = {r["goal"]: r for r in json.loads(out)}
    street = results["straatroof"]
    assert street["status"] == "no data"
    assert street["fill"][0]["table"] == "47018NED"
    assert street["fill"][0]["commands"] == ["safetyplan ingest statline 47018NED --region GM"]
    clearance = results["overvallen-opheldering"]["fill"][0]
    assert clearance["measure"] == "cleared:pol:1.4.7" and clearance["public"] is False
    assert clearance["commands"][0].startswith(f"safetyplan plan template {ROTTERDAM} ")
    assert clearance["proxy"]["table"] == "83648NED"
    assert results["woninginbraak"]["fill"] == []


def test_table_lists_the_hints_under_the_goals(monkeypatch, capsys, home):
    code, out, err = run(monkeypatch, capsys, "monitor", "--plan", str(ROTTERDAM), "--year", "2018")
    assert code == 0, err
    hints = out[out.index("Ontbrekende cijfers aanvullen") :]
    assert "$ safetyplan ingest statline 47018NED --region GM" in hints
    assert (
        f"$ safetyplan plan template {ROTTERDAM} --goal woninginbraak-opheldering "
        "--out woninginbraak-opheldering.csv"
    ) in hints
    assert "geen openbare tabel" in hints and "Geen openbare tabel: de politietabellen" in hints
    assert_only("nl", hints)
    assert "Woninginbraken (misdrijven) (woninginbraak)" not in hints  # it has figures


def test_a_loaded_proxy_figure_is_printed_as_context(capsys):
    from types import SimpleNamespace

    from safetyplan.cli.monitor_cmd import print_fill_hints
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
    print_fill_hints(
        [
            SimpleNamespace(
                name="Oplossingspercentage overvallen", goal="overvallen-opheldering", fill=[data]
            )
        ]
    )
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Benadering 2015: 37,6% (1.020 van 2.715 opgehelderd, statline_83648ned); "
        "niet het doel zelf"
    ) in out
    assert "Approximation" not in out
