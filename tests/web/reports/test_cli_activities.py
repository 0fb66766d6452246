# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""`safetyplan report` on the command line takes the annual plan's activities from the web
database when there is one (SAFETYPLAN_HOME/web.sqlite3), as the web download does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PLAN = ROOT / "plans" / "rotterdam-2015-2018.yaml"

pytestmark = pytest.mark.slow

SEED = """
import datetime as dt
from safetyplan.web.runner import configure, migrate
configure(); migrate()
from safetyplan.settings import bundled_plan
from safetyplan.web.plans.seeding import seed_plan
from safetyplan.web.organisations.seeding import seed_organisations
from safetyplan.web.annualplans.models import AnnualPlan, Activity
from safetyplan.web.organisations.models import Organisation
plan = seed_plan(bundled_plan(), None)
seed_organisations(plan)
annual = AnnualPlan.objects.create(plan=plan, year=2017)
Activity.objects.create(annual_plan=annual, title="Cameratoezicht Zuidplein", status="done",
                        progress=100, due=dt.date(2017, 6, 1),
                        owner=Organisation.objects.get(code="GM0599"))
"""


def run(code: str, *args: str, home: Path) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["SAFETYPLAN_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=home,
    )


def test_the_command_line_report_lists_the_web_databases_activities(warehouse_path, tmp_path):
    seeded = run(SEED, home=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    assert (tmp_path / "web.sqlite3").exists()
    out = tmp_path / "report.html"
    result = run(
        "from safetyplan.cli import main; main()",
        "report",
        "--plan",
        str(PLAN),
        "--year",
        "2017",
        "--out",
        str(out),
        "--warehouse",
        str(warehouse_path),
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    activities = out.read_text(encoding="utf-8").split('id="activities"')[1]
    activities = activities.split("</section>")[0]
    assert "Cameratoezicht Zuidplein" in activities
    assert "Afgerond" in activities and "1 juni 2017" in activities and "100%" in activities
    # a year without an annual plan in that database says so
    result = run(
        "from safetyplan.cli import main; main()",
        "report",
        "--plan",
        str(PLAN),
        "--year",
        "2016",
        "--out",
        str(out),
        "--warehouse",
        str(warehouse_path),
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "geen jaarschijf 2016" in out.read_text(encoding="utf-8")
