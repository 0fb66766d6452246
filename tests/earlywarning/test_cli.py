# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan signals``: the detect contract, the real-data run, CompStat and clean errors."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from safetyplan import i18n
from safetyplan.cli import app
from safetyplan.errors import DataError

ROOT = Path(__file__).resolve().parents[2]
ROTTERDAM = ROOT / "plans" / "rotterdam-2015-2018.yaml"
CONTRACT = ["series", "period", "count", "expected", "threshold", "alarm"]
runner = CliRunner()


@pytest.fixture(autouse=True)
def dutch(monkeypatch):
    """Dutch, the default language, whatever the machine's locale (subprocesses inherit it);
    tests/i18n/test_signals_language.py checks both languages."""
    monkeypatch.setenv("SAFETYPLAN_LANG", "nl")
    i18n.activate(None)
    yield
    i18n.activate(None)


def weekly_counts(path: Path, weeks: int = 364) -> Path:
    """Three weekly series: a steady one, one with a clear outbreak in its last weeks, and one
    too short for a baseline."""
    rng = np.random.default_rng(1)
    start = pd.Timestamp("2017-01-02")
    rows = []
    for name, mean in (("steady", 6.0), ("outbreak", 6.0)):
        y = rng.poisson(mean, weeks)
        if name == "outbreak":
            y[-3:] += 40
        rows += [
            (name, (start + pd.Timedelta(weeks=t)).date().isoformat(), int(v))
            for t, v in enumerate(y)
        ]
    rows += [
        ("short", (start + pd.Timedelta(weeks=t)).date().isoformat(), 4)
        for t in range(weeks - 60, weeks)
    ]
    pd.DataFrame(rows, columns=["series", "period", "count"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def counts_file(tmp_path_factory):
    return weekly_counts(tmp_path_factory.mktemp("signals") / "counts.csv")


@pytest.mark.parametrize("method", ["nbcusum", "farrington", "ears-c2"])
def test_detect_writes_the_contract_columns_for_every_judged_period(tmp_path, counts_file, method):
    out = tmp_path / "alarms.csv"
    result = runner.invoke(
        app, ["signals", "detect", str(counts_file), "--out", str(out), "--method", method]
    )
    assert result.exit_code == 0, result.output
    alarms = pd.read_csv(out, keep_default_na=False)
    assert list(alarms.columns[:6]) == CONTRACT
    # default: the last year of data, 52 weeks per series
    assert alarms.groupby("series").size().to_dict() == {"outbreak": 52, "short": 52, "steady": 52}
    last = alarms[alarms.series == "outbreak"].tail(3)
    assert (last.alarm.astype(str) == "1").any()
    steady = alarms[alarms.series == "steady"]
    assert (steady.alarm.astype(str) == "1").sum() <= 2
    short = alarms[alarms.series == "short"]
    if method.startswith("ears"):
        # C2 needs 9 weeks before a judged week: the short series (60 weeks) misses it only
        # in the first judged week
        assert list(short.alarm.astype(str) == "") == [True] + [False] * 51
        assert "not enough history" in short.note.iloc[0]
    else:
        assert (short.alarm == "").all()
        assert short.note.str.contains("not enough history").all()
    assert "alarmen in" in result.stdout


def test_detect_since_and_alpha(tmp_path, counts_file):
    out = tmp_path / "alarms.csv"
    result = runner.invoke(
        app,
        [
            "signals",
            "detect",
            str(counts_file),
            "--out",
            str(out),
            "--since",
            "2023-11-01",
            "--alpha",
            "0.001",
        ],
    )
    assert result.exit_code == 0, result.output
    alarms = pd.read_csv(out)
    assert alarms.period.min() >= "2023-11-01"
    assert alarms.groupby("series").size().nunique() == 1


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--method", "magic"], "onbekende methode 'magic'"),
        (["--alpha", "0.7"], "alpha moet tussen 0 en 0,5 liggen"),
        (["--since", "gisteren"], "--since: geen datum"),
        (["--since", "2031-01-01"], "geen perioden vanaf 2031-01-01"),
    ],
)
def test_detect_bad_options_are_errors(tmp_path, counts_file, args, problem):
    result = runner.invoke(
        app, ["signals", "detect", str(counts_file), "--out", str(tmp_path / "a.csv"), *args]
    )
    assert isinstance(result.exception, DataError)
    assert problem in str(result.exception)


BAD_FILES = {
    "negative": ("series,period,count\na,2024-01-01,-3\n", "regel 2", "negatieve telling"),
    "fraction": ("series,period,count\na,2024-01-01,1.5\n", "regel 2", "geen geheel getal"),
    "not_a_date": ("series,period,count\na,week 3,1\n", "regel 2", "is geen datum"),
    "duplicate": (
        "series,period,count\na,2024-01-01,1\na,2024-01-01,2\n",
        "regel 3",
        "dubbele periode",
    ),
    "missing_column": (
        "serie,period,count\na,2024-01-01,1\n",
        "regel 1",
        "kolom(men) ontbreken: series",
    ),
    "mixed": (
        "series,period,count\na,2024-01-01,1\na,2024-01-08,1\na,2024-02-01,1\n",
        "regel 4",
        "gemengde of onregelmatige frequenties",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_detect_rejects_bad_files_with_file_and_line(tmp_path, case):
    text, where, problem = BAD_FILES[case]
    path = tmp_path / f"{case}.csv"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["signals", "detect", str(path), "--out", str(tmp_path / "a.csv")])
    assert isinstance(result.exception, DataError)
    message = str(result.exception)
    assert f"{case}.csv, {where}: " in message and problem in message
    assert not (tmp_path / "a.csv").exists()


def _main(*args):
    code = "from safetyplan.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def test_bad_input_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("series,period,count\na,2024-01-01,-3\n", encoding="utf-8")
    for target, expected in (
        (bad, "bad.csv, regel 2: negatieve telling"),
        (tmp_path / "nope.csv", "Bestand niet gevonden"),
    ):
        result = _main("signals", "detect", str(target), "--out", str(tmp_path / "a.csv"))
        assert result.returncode == 2
        assert expected in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


def test_run_on_the_shipped_data_for_the_rotterdam_unit(home):
    result = runner.invoke(
        app,
        [
            "signals",
            "run",
            "--plan",
            str(ROTTERDAM),
            "--format",
            "json",
            "--warehouse",
            str(home / "wh.duckdb"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = pd.DataFrame(data["rows"])
    assert data["summary"]["alarms"] == len(rows) > 0
    assert rows.alarm.all()
    # monthly street robberies 2011-2012: too short for Farrington, so EARS C2, and it says so
    monthly = rows[rows.frequency == "month"]
    assert set(monthly.method) == {"ears-c2"}
    assert any("onvoldoende historie" in e for e in data["explanation"])
    # yearly 47018NED per municipality and police crime class: the calibrated CUSUM (ADR 0007)
    yearly = rows[rows.frequency == "year"]
    assert set(yearly.method) == {"nbcusum"} and yearly.period.min() >= "2016-01-01"
    assert (yearly["count"] >= yearly.threshold).all()  # threshold: the smallest alarming count
    assert "GM0599" in set(rows.area) and "Rotterdam" in set(rows.area_name)
    assert set(rows.area) <= _plan_related_codes()


def _plan_related_codes():
    from safetyplan.areas import load_registry
    from safetyplan.earlywarning.realdata import plan_areas
    from safetyplan.plan import load_plan

    return plan_areas(load_plan(ROTTERDAM), load_registry())


def test_run_table(home):
    result = runner.invoke(
        app,
        ["signals", "run", "--plan", str(ROTTERDAM), "--warehouse", str(home / "wh.duckdb")],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert ": alarmen" in result.stdout and "Rotterdam (GM0599)" in result.stdout


def test_compstat_on_the_shipped_street_robberies():
    result = runner.invoke(app, ["signals", "compstat", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    from safetyplan.earlywarning.incidents import street_robberies

    assert data["as_of"] == street_robberies()[0].day.max().date().isoformat()
    rows = pd.DataFrame(data["rows"])
    assert set(rows.window) == {"week", "week_prev", "28d", "28d_prev", "ytd"}
    rdam = rows[(rows.area == "GM0599") & (rows.window == "ytd")].iloc[0]
    assert rdam.area_name == "Rotterdam"
    assert rdam.z == pytest.approx(2 * (np.sqrt(rdam.now) - np.sqrt(rdam.before)), abs=0.01)
    assert rdam.now > 0 and rdam.before > 0


def test_compstat_on_an_incident_file(tmp_path):
    path = tmp_path / "inc.csv"
    path.write_text(
        "occurred_at,crime_type,area\n"
        + "".join(f"2024-03-0{d}T10:00,fietsdiefstal,BU1\n" for d in range(1, 8)) * 2
        + "2023-03-03,fietsdiefstal,BU1\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["signals", "compstat", str(path), "--as-of", "2024-03-07", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["window"]: r for r in json.loads(result.stdout)["rows"]}
    # the same weekdays a year earlier: 2023-03-03 .. 2023-03-09
    assert (rows["week"]["now"], rows["week"]["before"]) == (14, 1)
    assert rows["week"]["z"] == pytest.approx(2 * (np.sqrt(14) - 1), abs=0.01)
    # the year to date would start on 2023-01-01, before the data (from 2023-03-03)
    assert rows["ytd"]["before"] is None and rows["ytd"]["judgement"] == "no_comparison"
    table = runner.invoke(
        app, ["signals", "compstat", str(path), "--as-of", "2024-03-07"], env={"COLUMNS": "200"}
    )
    assert table.exit_code == 0 and "geen gegevens" in table.stdout


def test_compstat_bad_incident_file(tmp_path):
    path = tmp_path / "inc.csv"
    path.write_text("occurred_at,crime_type,area\n2024-13-45,x,A\n", encoding="utf-8")
    result = runner.invoke(app, ["signals", "compstat", str(path)])
    assert isinstance(result.exception, DataError)
    assert "inc.csv, regel 2: occurred_at onleesbaar" in str(result.exception)


def test_run_counts_each_figure_once(home):
    # 47018NED and a hand-transcribed page both give Rotterdam's burglaries: one source per
    # series, so the counts are the published ones (provenance: 2,068 in 2018, 1,268 in 2023)
    result = runner.invoke(
        app,
        [
            "signals",
            "run",
            "--plan",
            str(ROTTERDAM),
            "--format",
            "json",
            "--all",
            "--warehouse",
            str(home / "wh.duckdb"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = pd.DataFrame(data["rows"])
    burglary = rows[(rows.area == "GM0599") & (rows.measure == "registered:pol:1.1.1")]
    counts = dict(zip(burglary.period.str[:4], burglary["count"], strict=True))
    assert (counts["2018"], counts["2023"]) == (2068, 1268)
    assert any("uit een tweede bron overgeslagen" in n for n in data["notes"])
    assert rows.alarm.isna().any()  # series too short for a baseline are listed, unjudged


def test_detect_monthly_series(tmp_path):
    rng = np.random.default_rng(2)
    months = pd.date_range("2017-01-01", periods=84, freq="MS").strftime("%Y-%m-%d")
    y = rng.poisson(20, 84)
    y[-1] += 60
    path = tmp_path / "monthly.csv"
    pd.DataFrame({"series": "GM0599 | 1.1.1", "period": months, "count": y}).to_csv(
        path, index=False
    )
    out = tmp_path / "alarms.csv"
    result = runner.invoke(
        app, ["signals", "detect", str(path), "--out", str(out), "--method", "farrington"]
    )
    assert result.exit_code == 0, result.output
    alarms = pd.read_csv(out)
    assert list(alarms.period) == list(months[-12:])
    assert alarms.alarm.notna().all() and alarms.alarm.iloc[-1] == 1
    assert alarms.expected.iloc[-1] == pytest.approx(20, rel=0.3)


def test_detect_since_skips_series_that_ended_before_it(tmp_path, counts_file):
    # a monthly series that ended in 2019 beside the weekly ones running to 2023
    path = tmp_path / "mixed.csv"
    text = counts_file.read_text(encoding="utf-8")
    path.write_text(
        text + "".join(f"old,2019-{m:02d}-01,3\n" for m in range(1, 13)), encoding="utf-8"
    )
    out = tmp_path / "alarms.csv"
    result = runner.invoke(
        app, ["signals", "detect", str(path), "--out", str(out), "--since", "2023-11-01"]
    )
    assert result.exit_code == 0, result.output
    assert "old" not in set(pd.read_csv(out).series)


# -- --method auto (the default) --------------------------------------------------------------


def eleven_months(path: Path) -> Path:
    """An export of 48 weeks (11 months) per area x type: too short for any baseline."""
    rng = np.random.default_rng(5)
    start = pd.Timestamp("2025-01-06")
    rows = [
        (
            f"BU{a} | {kind}",
            (start + pd.Timedelta(weeks=w)).date().isoformat(),
            int(rng.poisson(4)) + (30 if (a, kind, w) == (1, "fiets", 47) else 0),
        )
        for a in range(3)
        for kind in ("fiets", "woning")
        for w in range(48)
    ]
    pd.DataFrame(rows, columns=["series", "period", "count"]).to_csv(path, index=False)
    return path


def test_auto_is_the_default_and_judges_short_series_with_ears(tmp_path):
    counts = eleven_months(tmp_path / "short.csv")
    out = tmp_path / "alarms.csv"
    result = runner.invoke(app, ["signals", "detect", str(counts), "--out", str(out)])
    assert result.exit_code == 0, result.output
    alarms = pd.read_csv(out, keep_default_na=False)
    judged = alarms[alarms.alarm.astype(str) != ""]
    # 48 weeks, the last 52 judged: C2 needs 9 weeks before a judged week -> 39 per series
    assert judged.groupby("series").size().to_dict() == {s: 39 for s in alarms.series.unique()}
    assert set(judged.method) == {"ears-c2"}
    unjudged = alarms[alarms.alarm.astype(str) == ""]
    assert set(unjudged.method) == {"auto"}
    assert unjudged.note.str.contains("needs 9 weeks for ears-c2, 263 for nbcusum").all()
    outbreak = alarms[(alarms.series == "BU1 | fiets")].iloc[-1]
    assert str(outbreak.alarm) == "1" and outbreak.method == "ears-c2"
    assert "(auto, alpha 0,01)" in result.stdout
    assert "ears-c2 234 perioden" in result.stdout  # 6 series x 39
    # the short-history method used explicitly gives the same alarms
    same = tmp_path / "c2.csv"
    runner.invoke(
        app, ["signals", "detect", str(counts), "--out", str(same), "--method", "ears-c2"]
    )
    explicit = pd.read_csv(same, keep_default_na=False)
    pd.testing.assert_series_equal(explicit.alarm, alarms.alarm)


def test_auto_uses_the_cusum_where_the_history_allows(tmp_path, counts_file):
    out, ref = tmp_path / "auto.csv", tmp_path / "nbcusum.csv"
    # the fixture: two series of 7 years (NB-CUSUM) and one of 60 weeks (EARS C2)
    assert (
        runner.invoke(app, ["signals", "detect", str(counts_file), "--out", str(out)]).exit_code
        == 0
    )
    assert (
        runner.invoke(
            app, ["signals", "detect", str(counts_file), "--out", str(ref), "--method", "nbcusum"]
        ).exit_code
        == 0
    )
    auto = pd.read_csv(out, keep_default_na=False)
    cusum = pd.read_csv(ref, keep_default_na=False)
    long = auto.series != "short"
    assert set(auto[long].method) == {"nbcusum"}
    cols = ["series", "period", "count", "expected", "threshold", "alarm", "score"]
    pd.testing.assert_frame_equal(
        auto[long][cols].reset_index(drop=True),
        cusum[cusum.series != "short"][cols].reset_index(drop=True),
    )
    short = auto[~long]
    assert list(short.method) == ["auto"] + ["ears-c2"] * 51


def test_auto_switches_to_the_cusum_once_a_series_has_five_years(tmp_path):
    # 5 years + 20 weeks of weekly data: the first 32 judged weeks lack Farrington's 263
    # weeks of history (EARS C2), the last 20 have it (NB-CUSUM)
    rng = np.random.default_rng(7)
    weeks = 5 * 52 + 3 + 20
    periods = pd.date_range("2019-01-07", periods=weeks, freq="7D").strftime("%Y-%m-%d")
    path = tmp_path / "counts.csv"
    pd.DataFrame({"series": "a", "period": periods, "count": rng.poisson(8, weeks)}).to_csv(
        path, index=False
    )
    out = tmp_path / "alarms.csv"
    assert runner.invoke(app, ["signals", "detect", str(path), "--out", str(out)]).exit_code == 0
    alarms = pd.read_csv(out, keep_default_na=False)
    assert list(alarms.method) == ["ears-c2"] * 32 + ["nbcusum"] * 20
    assert (alarms.alarm.astype(str) != "").all()


# -- compstat on data shorter than a year ------------------------------------------------------


@pytest.fixture(scope="module")
def eleven_months_of_incidents(tmp_path_factory) -> Path:
    """Incidents from 2025-01-01 to 2025-11-30 in two areas: BU1 steady (1 a day), BU2 with
    a jump in the last week (16 against 4 the week before)."""
    days = pd.date_range("2025-01-01", "2025-11-30", freq="D")
    lines = [f"{d.date()}T12:00,fietsdiefstal,BU1\n" for d in days]
    lines += [f"{d.date()}T09:00,woninginbraak,BU2\n" for d in days[::7]]
    lines += ["2025-11-20T10:00,woninginbraak,BU2\n"] * 3 + [
        "2025-11-29T22:00,woninginbraak,BU2\n"
    ] * 15
    path = tmp_path_factory.mktemp("compstat") / "short.csv"
    path.write_text("occurred_at,crime_type,area\n" + "".join(lines), encoding="utf-8")
    return path


def test_compstat_notable_on_eleven_months(eleven_months_of_incidents):
    # before the fix: TypeError: bad operand type for abs(): 'NoneType'
    result = runner.invoke(
        app,
        ["signals", "compstat", str(eleven_months_of_incidents), "--notable", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    # BU2's week 2025-11-24..30 holds the weekly case of 11-26 and 15 on 11-29 (16); the week
    # before holds the weekly 11-19 and 3 on 11-20 (4): z = 2 * (4 - 2) = 4
    week = [
        r
        for r in rows
        if r["window"] == "week_prev" and r["area"] == "BU2" and r["crime_type"] == "woninginbraak"
    ]
    assert len(week) == 1 and (week[0]["now"], week[0]["before"], week[0]["z"]) == (16, 4, 4.0)
    assert week[0]["judgement"] == "strong_rise" and week[0]["against"] == "previous"
    assert all(r["z"] is not None and abs(r["z"]) > 2 for r in rows)
    assert not any(r["area"] == "BU1" for r in rows)  # steady: nothing notable
    table = runner.invoke(
        app,
        ["signals", "compstat", str(eleven_months_of_incidents), "--notable"],
        env={"COLUMNS": "250"},
    )
    assert table.exit_code == 0, table.output
    assert "tegen de vorige" in table.stdout  # the label of the period-over-period rows
    assert "sterke stijging" in table.stdout


def test_compstat_table_and_json_on_eleven_months(eleven_months_of_incidents):
    result = runner.invoke(
        app, ["signals", "compstat", str(eleven_months_of_incidents), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = pd.DataFrame(json.loads(result.stdout)["rows"])
    yearly = rows[rows.against == "year"]
    assert yearly.before.isna().all() and set(yearly.judgement) == {"no_comparison"}
    steady = rows[(rows.area == "BU1") & (rows.crime_type == "fietsdiefstal")].set_index("window")
    # one a day: 28 against 28, 7 against 7
    assert (steady.loc["28d_prev", "now"], steady.loc["28d_prev", "before"]) == (28, 28)
    assert steady.loc["28d_prev", "z"] == 0.0 and steady.loc["week_prev", "change"] == 0
    table = runner.invoke(
        app, ["signals", "compstat", str(eleven_months_of_incidents)], env={"COLUMNS": "250"}
    )
    assert table.exit_code == 0, table.output
    assert "geen gegevens" in table.stdout and "tegen de vorige" in table.stdout


def test_cli_start_up_imports_no_heavy_libraries():
    # start-up time counts against every command (issue 16: `signals detect` on 480 series
    # spent 1.2 s importing); the libraries are imported where a command uses them
    code = (
        "import sys; from safetyplan.cli import main; "
        "print(sorted(m for m in ('pandas', 'duckdb', 'pydantic', 'scipy', 'django', "
        "'numpy', 'yaml') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
