# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Shared pieces for the incident tests: points inside known buurten, small CSV files, a
fresh warehouse."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

from safetyplan.cli import main
from safetyplan.incidents import locator
from safetyplan.settings import DATASETS_DIR
from safetyplan.warehouse import Warehouse

STREET_ROBBERIES = DATASETS_DIR / "rotterdam_straatroven_2011_2012" / "incidents.csv.gz"
ESSEX = DATASETS_DIR / "essex_street_crime_2018" / "incidents.parquet"
ESSEX_MAPPING = DATASETS_DIR / "essex_street_crime_2018" / "mapping.yaml"


def point_in(code: str) -> tuple[float, float]:
    """An RD New point inside the bundled polygon of buurt ``code``."""
    layer = locator.bundled().buurten
    index = int(np.flatnonzero(layer.codes == code)[0])
    point = shapely.point_on_surface(layer.geometries[index])
    return float(point.x), float(point.y)


def write_csv(path: Path, header: str, rows: list[str], sep: str = ",") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def warehouse(tmp_path):
    with Warehouse.open(tmp_path / "wh.duckdb") as wh:
        yield wh


def count(wh, sql: str, params=None) -> int:
    return int(wh.connection.execute(sql, params or []).fetchone()[0])


def run_cli(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """Run ``safetyplan *args`` in-process: exit status, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["safetyplan", *args])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def one_language(monkeypatch):
    """Dutch (the default) whatever the developer's locale; a test switches to English with
    ``monkeypatch.setenv("SAFETYPLAN_LANG", "en")`` or ``--lang en``. Nothing leaks out."""
    from safetyplan import i18n

    for name in ("SAFETYPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.activate(None)
    yield monkeypatch
    i18n.activate(None)
