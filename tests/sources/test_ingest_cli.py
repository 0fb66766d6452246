# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan ingest ...`` and ``safetyplan warehouse info``: exit codes, messages, no
tracebacks."""

import csv
import json
import subprocess
import sys

import pytest

from safetyplan.warehouse import Warehouse
from tests.cli_runner import run

from .conftest import NATIONAL_CSV, ROTTERDAM_BURGLARY_CSV, write

MAIN = [sys.executable, "-c", "from safetyplan.cli import main; main()"]


def stored(home) -> Warehouse:
    return Warehouse.open(home / "warehouse.duckdb", read_only=True)


class TestIngestFacts:
    def test_a_good_file_loads_and_says_what_it_loaded(self, home, tmp_path, monkeypatch, capsys):
        path = write(tmp_path / "burglary.csv", ROTTERDAM_BURGLARY_CSV)

        code, out, _ = run(
            monkeypatch,
            capsys,
            "ingest",
            "facts",
            str(path),
            "--source",
            "rotterdam",
            "--format",
            "json",
        )

        assert code == 0
        summary = json.loads(out)[0]
        rows = len(ROTTERDAM_BURGLARY_CSV.strip().splitlines()) - 1
        assert summary["source"] == "rotterdam" and summary["rows"] == rows
        with stored(home) as wh:
            assert len(wh.facts(sources=["rotterdam"])) == rows

    def test_the_second_load_reports_unchanged(self, home, tmp_path, monkeypatch, capsys):
        path = write(tmp_path / "burglary.csv", ROTTERDAM_BURGLARY_CSV)
        run(monkeypatch, capsys, "ingest", "facts", str(path), "--source", "rotterdam")

        code, out, _ = run(
            monkeypatch,
            capsys,
            "ingest",
            "facts",
            str(path),
            "--source",
            "rotterdam",
            "--format",
            "json",
        )

        assert code == 0
        assert json.loads(out)[0]["unchanged"] is True

    def test_rejects_over_the_limit_load_nothing_and_exit_2(
        self, home, tmp_path, monkeypatch, capsys
    ):
        path = write(
            tmp_path / "mixed.csv",
            ROTTERDAM_BURGLARY_CSV + "GM0599,2019,registered:pol:1.1.1,,false\n",
        )
        rejects = tmp_path / "rejects.csv"
        national = write(tmp_path / "national.csv", NATIONAL_CSV)
        run(monkeypatch, capsys, "ingest", "facts", str(national), "--source", "national")

        code, _, err = run(
            monkeypatch,
            capsys,
            "ingest",
            "facts",
            str(path),
            "--source",
            "rotterdam",
            "--rejects",
            str(rejects),
        )

        assert code == 2
        assert "niets geladen" in err and "Traceback" not in err
        rows = list(csv.DictReader(rejects.open(encoding="utf-8")))
        bad_line = len(ROTTERDAM_BURGLARY_CSV.strip().splitlines()) + 1
        assert [(int(r["line"]), r["column"]) for r in rows] == [(bad_line, "value")]
        with stored(home) as wh:
            assert list(wh.sources()["source"]) == ["national"]

    def test_rejects_within_the_limit_load_the_rest(self, home, tmp_path, monkeypatch, capsys):
        path = write(
            tmp_path / "mixed.csv",
            ROTTERDAM_BURGLARY_CSV + "GM0599,2019,registered:pol:1.1.1,,false\n",
        )

        code, _, err = run(
            monkeypatch,
            capsys,
            "ingest",
            "facts",
            str(path),
            "--source",
            "rotterdam",
            "--max-rejects",
            "1",
        )

        assert code == 0
        assert (tmp_path / "mixed.csv.rejects.csv").is_file()  # default rejects file
        with stored(home) as wh:
            assert len(wh.facts()) == len(ROTTERDAM_BURGLARY_CSV.strip().splitlines()) - 1

    def test_an_extra_area_code_can_be_declared(self, home, tmp_path, monkeypatch, capsys):
        path = write(
            tmp_path / "district.csv",
            "area,period,measure,value\nRR-ZUID,2015,registered:pol:1.1.1,1200\n",
        )

        refused, _, _ = run(monkeypatch, capsys, "ingest", "facts", str(path), "--source", "d")
        accepted, _, _ = run(
            monkeypatch,
            capsys,
            "ingest",
            "facts",
            str(path),
            "--source",
            "d",
            "--area-code",
            "RR-ZUID",
        )

        assert (refused, accepted) == (2, 0)

    @pytest.mark.parametrize(
        ("args", "phrase"),
        [
            (["absent.csv", "--source", "x"], "bestand niet gevonden"),
            (["{good}", "--source", "two words"], "Ongeldige bronnaam"),
        ],
    )
    def test_user_errors_exit_2_with_a_message(
        self, home, tmp_path, monkeypatch, capsys, args, phrase
    ):
        good = write(tmp_path / "good.csv", NATIONAL_CSV)
        args = [a.format(good=good) for a in args]

        code, _, err = run(monkeypatch, capsys, "ingest", "facts", *args)

        assert code == 2
        assert phrase in err


def test_a_broken_file_gives_a_message_not_a_traceback(tmp_path):
    """The real process: exit status 2, the file, the line and the problem on stderr."""
    path = write(
        tmp_path / "broken.csv",
        "area,period,measure,value\nGM0599,2015,registered:pol:1.1.1,3419\n"
        "GM0599,2015-13,registered:pol:1.1.1,2889\n",
    )
    env = {"SAFETYPLAN_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "COLUMNS": "200"}

    done = subprocess.run(
        [*MAIN, "ingest", "facts", str(path), "--source", "b"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "broken.csv" in done.stderr and "2015-13" in done.stderr
    assert "3" in done.stderr.split("2015-13")[0]  # the rejects table names line 3


class TestIngestBundled:
    def test_loads_every_dataset_and_shows_a_table(self, home, datasets_dir, monkeypatch, capsys):
        code, out, _ = run(
            monkeypatch, capsys, "ingest", "bundled", "--datasets", str(datasets_dir)
        )

        assert code == 0
        for source in ("national", "rotterdam_burglary"):
            assert source in out
        with stored(home) as wh:
            assert sorted(wh.sources()["source"]) == ["national", "rotterdam_burglary"]

    def test_without_datasets_exit_2(self, home, tmp_path, monkeypatch, capsys):
        code, _, err = run(
            monkeypatch, capsys, "ingest", "bundled", "--datasets", str(tmp_path / "none")
        )
        assert code == 2 and "geen meegeleverde gegevens" in err


class TestIngestStatline:
    def test_a_recorded_table_loads_under_its_default_source_name(
        self, home, statline, monkeypatch, capsys
    ):
        code, out, err = run(
            monkeypatch, capsys, "ingest", "statline", "47018NED", "--format", "json"
        )

        assert code == 0, err
        assert json.loads(out)[0]["source"] == "statline_47018ned"
        with stored(home) as wh:
            assert set(wh.measures()["measure"]) >= {
                "registered:pol:1.1.1",
                "registered:pol:totaal",
            }

    def test_no_network_exits_2_with_advice(self, home, statline, monkeypatch, capsys):
        requests = pytest.importorskip("requests")

        def offline(*args, **kwargs):
            raise requests.ConnectionError("Name or service not known")

        monkeypatch.setattr("cbsodata.get_meta", offline)
        code, _, err = run(monkeypatch, capsys, "ingest", "statline", "83648NED")

        assert code == 2
        assert "niet bereikbaar" in err and "Traceback" not in err


class TestWarehouseInfo:
    def test_lists_sources_and_measures(self, home, tmp_path, monkeypatch, capsys):
        path = write(tmp_path / "n.csv", NATIONAL_CSV)
        run(monkeypatch, capsys, "ingest", "facts", str(path), "--source", "national")

        code, out, _ = run(monkeypatch, capsys, "warehouse", "info", "--format", "json")

        assert code == 0
        info = json.loads(out)
        assert [s["source"] for s in info["sources"]] == ["national"]
        measures = {row.split(",")[2] for row in NATIONAL_CSV.strip().splitlines()[1:]}
        assert {m["measure"] for m in info["measures"]} == measures

    def test_without_a_warehouse_says_how_to_make_one(self, home, monkeypatch, capsys):
        code, _, err = run(monkeypatch, capsys, "warehouse", "info")
        assert code == 2 and "ingest bundled" in err
