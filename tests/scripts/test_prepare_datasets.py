# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""scripts/prepare_datasets on a small raw fixture: the command runs a step end to end, writes
byte-stable files that the warehouse accepts, and refuses raw data whose figures are off."""

import gzip
import io
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "raw"
sys.path.insert(0, str(REPO / "scripts"))

from prepare_datasets import cli, common  # noqa: E402


def _facts(out: Path, source: str) -> pd.DataFrame:
    data = gzip.decompress((out / source / "facts.csv.gz").read_bytes()).decode()
    return pd.read_csv(io.StringIO(data), dtype={"period": str})


def test_the_national_series_step_runs_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "datasets"
    code = cli.main(["--raw", str(FIXTURE), "--out", str(out), "--only", "politie_47018ned_nl"])
    assert code == 0, capsys.readouterr().err
    facts = _facts(out, "politie_47018ned_nl")
    got = facts.set_index(["period", "measure"])["value"]
    assert got[("2015", "registered:pol:totaal")] == 961208
    assert got[("2015", "registered:pol:1.4.7")] == 1226
    # population only for the years with crime figures, 2023 flagged provisional
    population = facts[facts.measure == "population"]
    assert sorted(population.period) == ["2012", "2015", "2023"]
    assert population.set_index("period").loc["2023", "provisional"]
    assert set(facts.area) == {"NL01"}
    provenance = (out / "politie_47018ned_nl" / "PROVENANCE.md").read_text()
    assert "961,208 (2015)" in provenance


def test_a_rerun_writes_byte_identical_files(tmp_path):
    out = tmp_path / "datasets"
    args = ["--raw", str(FIXTURE), "--out", str(out), "--only", "politie_47018ned_nl"]
    assert cli.main(args) == 0
    first = (out / "politie_47018ned_nl" / "facts.csv.gz").read_bytes()
    (out / "politie_47018ned_nl" / "facts.csv.gz").unlink()
    assert cli.main(args) == 0
    assert (out / "politie_47018ned_nl" / "facts.csv.gz").read_bytes() == first


def test_a_figure_that_differs_from_the_provenance_stops_the_step(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE, raw)
    crime = raw / "bernasco_staat_van_de_misdaad" / "NL_Crime.csv"
    crime.write_text(crime.read_text().replace("1.4.7 Overval,2015,1226", "1.4.7 Overval,2015,9"))
    out = tmp_path / "datasets"
    assert cli.main(["--raw", str(raw), "--out", str(out), "--only", "politie_47018ned_nl"]) == 1
    assert "error: NL 1.4.7 2015" in capsys.readouterr().err
    assert not (out / "politie_47018ned_nl").exists()  # nothing written for a failed step


def test_a_missing_raw_file_is_named(tmp_path, capsys):
    code = cli.main(
        ["--raw", str(tmp_path), "--out", str(tmp_path / "o"), "--only", "politie_47018ned_nl"]
    )
    assert code == 1
    assert "missing raw file" in capsys.readouterr().err


def _frame(**overrides):
    row = {
        "area": "NL01",
        "period": "2015",
        "measure": "registered:pol:totaal",
        "value": 1.0,
        "provisional": False,
    } | overrides
    return pd.DataFrame([row], columns=common.FACT_COLUMNS)


def test_facts_are_checked_by_the_warehouse_rules():
    assert len(common.validate_facts(_frame(), "src")) == 1
    with pytest.raises(common.PrepareError, match="geen geldige gebiedscode"):
        common.validate_facts(_frame(area="XX01"), "src")
    with pytest.raises(common.PrepareError, match="geen geldige periode"):
        common.validate_facts(_frame(period="2015-13"), "src")
    with pytest.raises(common.PrepareError, match="dubbel met regel"):
        common.validate_facts(pd.concat([_frame(), _frame()]), "src")


def test_shipped_measures_keep_to_the_naming_scheme():
    with pytest.raises(common.PrepareError, match="naming scheme"):
        common.validate_facts(_frame(measure="my_own_indicator"), "src")


def test_every_shipped_source_has_a_step_of_its_own():
    shipped = {p.parent.name for p in (REPO / "src/safetyplan/datasets").glob("*/facts.csv.gz")}
    assert shipped <= set(cli.STEPS)
    for step in cli.STEPS:
        assert (REPO / "scripts" / "prepare_datasets" / f"{step}.py").is_file(), step
