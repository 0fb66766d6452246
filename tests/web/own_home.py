# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A Safetyplan home of its own, driven through the command line and served by
``safetyplan serve``, for the tests that use the whole program as a user would."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    spec.loader.exec_module(module)
    return module


bench = _module(REPO / "benchmarks" / "web" / "shared_service.py", "shared_service")


def safetyplan(args, env, check=True) -> subprocess.CompletedProcess:
    done = bench.safetyplan(args, env)
    if check:
        assert done.returncode == 0, f"safetyplan {' '.join(args)}:\n{done.stderr[-3000:]}"
    return done


def home_env(home: Path, database_url: str | None) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "SAFETYPLAN_WAREHOUSE",
            "SAFETYPLAN_SECRET_KEY",
        }
    }
    env["SAFETYPLAN_HOME"] = str(home)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


class Served:
    """``safetyplan serve`` on a home, logged in as rvo, for as long as the block runs."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log

    def __enter__(self):
        self.port = bench.h.free_port()
        self.process = bench.serve(self.port, 2, self.env, self.log)
        bench.h.wait_ready(self.port, self.process, timeout=300)
        self.cookie = bench.h.login(self.port, "rvo", "demo")
        return self

    def page(self, path: str) -> tuple[int, str]:
        return bench.get(self.port, self.cookie, path)

    def __exit__(self, *exc):
        bench.h.kill_group(self.process, bench.h.signal.SIGTERM)
