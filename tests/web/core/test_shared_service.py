# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Users browse while analysts load, on one real server (the small version of
``benchmarks/web/shared_service.py``: 2 browsing users, 3 loads in a row).

Every load succeeds while the server reads the warehouse, no page answers 5xx, and the
figure of each load is on the page right after it.
"""

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[3] / "benchmarks" / "web" / "shared_service.py"


def _scenario():
    spec = importlib.util.spec_from_file_location("shared_service", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_loads_and_browsing_at_the_same_time(tmp_path):
    if shutil.which("safetyplan", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("the safetyplan command is not installed next to this Python")

    result = _scenario().run(users=2, loads=3, workers=2, home=tmp_path)

    assert [load["exit"] for load in result["loads"]] == [0, 0, 0], result["loads"]
    assert result["pages_failed"] == []
    assert sum(result["pages"].values()) > 10  # the users really browsed meanwhile
    assert [load["figure_shown"] for load in result["loads"]] == [True, True, True]
    assert result["server_log_errors"] == []
    assert result["passed"]
