# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""`safetyplan plan template PLAN --goal ID`: a CSV the region fills in and loads with
`safetyplan ingest facts`; the monitor then shows the figure (issue 19 item 3)."""

import csv
import io
import json
import shlex
from pathlib import Path

import pytest

from safetyplan.monitor import evaluate_plan
from safetyplan.plan import load_plan
from safetyplan.warehouse import Warehouse

from ..cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def write_filled(rows: list[dict], path: Path, value) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "value": value(row)})
    return path


def test_template_of_a_clearance_rate_has_numerator_and_denominator_per_municipality(
    monkeypatch, capsys, home
):
    code, out, err = run(
        monkeypatch,
        capsys,
        "plan",
        "template",
        str(ROTTERDAM),
        "--goal",
        "woninginbraak-opheldering",
    )
    assert code == 0, err
    rows = rows_of(out)
    assert list(rows[0]) == ["area", "period", "measure", "value", "provisional", "area_name"]
    plan = load_plan(ROTTERDAM)
    assert {r["area"] for r in rows} == set(plan.region.municipalities)
    assert {r["period"] for r in rows} == {"2015", "2016", "2017", "2018"}
    assert {r["measure"] for r in rows} == {"cleared:pol:1.1.1", "registered:pol:1.1.1"}
    assert len(rows) == 33 * 4 * 2
    assert all(r["value"] == "" for r in rows)
    assert next(r for r in rows if r["area"] == "GM0599")["area_name"] == "Rotterdam"
    assert "safetyplan ingest facts" in err and "eigen-woninginbraak-opheldering" in err


def test_template_of_a_survey_goal_is_the_units_row_per_year(monkeypatch, capsys, home):
    code, out, _ = run(
        monkeypatch,
        capsys,
        "plan",
        "template",
        str(ROTTERDAM),
        "--goal",
        "onveilig-algemeen",
        "--from-year",
        "2013",
        "--to-year",
        "2017",
    )
    assert code == 0
    rows = rows_of(out)
    assert [(r["area"], r["period"], r["measure"]) for r in rows] == [
        ("RE07", str(y), "survey:vm:onveilig_algemeen") for y in range(2013, 2018)
    ]


def test_clearance_round_trip_template_fill_ingest_monitor(monkeypatch, capsys, home, tmp_path):
    """template -> fill in -> ingest facts (the commands the hint names) -> the monitor shows
    the figure and no longer 'no data'."""
    warehouse = tmp_path / "warehouse.duckdb"
    Warehouse.open(warehouse).close()
    plan = load_plan(ROTTERDAM)
    with Warehouse.open(warehouse, read_only=True) as wh:
        before = {r.goal: r for r in evaluate_plan(plan, wh, 2018, plan_file=str(ROTTERDAM))}
    hint = before["woninginbraak-opheldering"].fill[0]
    template_cmd, ingest_cmd = (shlex.split(c) for c in hint["commands"])
    template_file = tmp_path / "template.csv"
    code, _, err = run(monkeypatch, capsys, *template_cmd[1:-1], str(template_file))
    assert template_cmd[-2] == "--out" and code == 0, err

    rows = rows_of(template_file.read_text(encoding="utf-8"))
    # a made-up test registration: 100 burglaries and 12 cleared per municipality and year
    filled = write_filled(
        rows, tmp_path / "filled.csv", lambda r: 12 if r["measure"].startswith("cleared") else 100
    )
    assert ingest_cmd[:3] == ["safetyplan", "ingest", "facts"]
    code, _, err = run(
        monkeypatch,
        capsys,
        "ingest",
        "facts",
        str(filled),
        *ingest_cmd[4:],
        "--warehouse",
        str(warehouse),
    )
    assert code == 0, err
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
        "--warehouse",
        str(warehouse),
    )
    assert code == 0, err
    result = next(r for r in json.loads(out) if r["goal"] == "woninginbraak-opheldering")
    assert result["actual"] == pytest.approx(12.0)
    assert result["status"] == "achieved"  # 12% meets the target of 12%
    assert result["fill"] == []
    assert result["source"] == "eigen-woninginbraak-opheldering"


def test_survey_round_trip(monkeypatch, capsys, home, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    Warehouse.open(warehouse).close()
    out_file = tmp_path / "survey.csv"
    code, _, _ = run(
        monkeypatch,
        capsys,
        "plan",
        "template",
        str(ROTTERDAM),
        "--goal",
        "onveilig-buurt",
        "--out",
        str(out_file),
    )
    assert code == 0
    rows = rows_of(out_file.read_text(encoding="utf-8"))
    values = {"2015": "21,0", "2016": "20,5", "2017": "20,1", "2018": "19,8"}  # decimal commas
    filled = write_filled(rows, tmp_path / "filled.csv", lambda r: values[r["period"]])
    code, _, err = run(
        monkeypatch,
        capsys,
        "ingest",
        "facts",
        str(filled),
        "--source",
        "eigen-onveilig-buurt",
        "--warehouse",
        str(warehouse),
    )
    assert code == 0, err
    with Warehouse.open(warehouse, read_only=True) as wh:
        (result,) = [
            r for r in evaluate_plan(load_plan(ROTTERDAM), wh, 2018) if r.goal == "onveilig-buurt"
        ]
    assert result.actual == pytest.approx(19.8)
    assert result.series == {2015: 21.0, 2016: 20.5, 2017: 20.1, 2018: 19.8}
    assert result.fill == []


def test_an_unfilled_template_is_rejected_not_read_as_zero(monkeypatch, capsys, home, tmp_path):
    template = tmp_path / "t.csv"
    run(
        monkeypatch,
        capsys,
        "plan",
        "template",
        str(ROTTERDAM),
        "--goal",
        "afpakken",
        "--out",
        str(template),
    )
    code, _, err = run(
        monkeypatch,
        capsys,
        "ingest",
        "facts",
        str(template),
        "--source",
        "eigen-afpakken",
        "--warehouse",
        str(tmp_path / "wh.duckdb"),
    )
    assert code == 2
    assert "niets geladen" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--goal", "bestaat-niet"], "onbekend doel in plan 'rotterdam-2015-2018'"),
        (["--goal", "straatroof", "--from-year", "2018", "--to-year", "2015"], "ligt na"),
        (["--goal", "straatroof", "--out", "/no/such/folder/t.csv"], "de map bestaat niet"),
        (["--lang", "en", "--goal", "bestaat-niet"], "unknown goal in plan 'rotterdam-2015-2018'"),
        (
            ["--lang", "en", "--goal", "straatroof", "--from-year", "2018", "--to-year", "2015"],
            "is after",
        ),
        (
            ["--lang", "en", "--goal", "straatroof", "--out", "/no/such/folder/t.csv"],
            "folder does not exist",
        ),
    ],
)
def test_errors_name_the_problem(monkeypatch, capsys, home, args, message):
    lang = ["--lang", "en"] if args[0] == "--lang" else []
    args = args[2:] if lang else args
    code, out, err = run(monkeypatch, capsys, *lang, "plan", "template", str(ROTTERDAM), *args)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert out == ""


def test_a_broken_plan_names_file_and_line(monkeypatch, capsys, home, tmp_path):
    broken = tmp_path / "plan.yaml"
    broken.write_text(
        ROTTERDAM.read_text(encoding="utf-8").replace(
            "reference_year: 2011", "reference_year: soon"
        ),
        encoding="utf-8",
    )
    code, _, err = run(monkeypatch, capsys, "plan", "template", str(broken), "--goal", "straatroof")
    assert code == 2
    assert str(broken) in err and "regel" in err and "Traceback" not in err


def test_a_survey_indicator_without_area_is_refused_with_the_fix(
    monkeypatch, capsys, home, tmp_path
):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        ROTTERDAM.read_text(encoding="utf-8").replace(
            "    area: RE07  # the unit's score", "    # the unit's score"
        ),
        encoding="utf-8",
    )
    code, out, err = run(
        monkeypatch, capsys, "plan", "template", str(plan), "--goal", "onveilig-buurt"
    )
    assert code == 2 and out == ""
    assert "is een enquêtecijfer zonder 'area'" in err and "Traceback" not in err
