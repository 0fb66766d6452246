# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What the goal page's "Evaluatie" section costs: the first view of a year (the synthetic
control is computed for every goal of the plan and cached) against the views after it (read
from the cache).

Builds the demo in a fresh SAFETYPLAN_HOME and serves it (as ``dashboard_load.py`` does),
logs in one session, then per year: the dashboard of that year first (so the monitor's
figures are cached and do not count), then the burglary goal page once cold and ``--views``
times warm. Only 127.0.0.1 is contacted. Prints JSON.

    python benchmarks/web/goal_evaluation.py [--years 2016 2017 2018] [--views 20]
"""

from __future__ import annotations

import argparse
import http.client
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # noqa: E402
from dashboard_load import start_demo_then_serve  # noqa: E402

GOAL = "woninginbraak"


def fetch(port: int, cookie: str, path: str) -> float:
    """Seconds for one page load; raises on anything but 200 or a page without the section."""
    conn = http.client.HTTPConnection(h.HOST, port, timeout=300)
    began = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read().decode()
    elapsed = time.perf_counter() - began
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    if "/doelen/" in path and 'id="evaluation-heading"' not in body:
        raise RuntimeError(f"{path}: no evaluation section")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[2016, 2017, 2018])
    parser.add_argument("--views", type=int, default=20, help="warm views per year")
    args = parser.parse_args()
    server, port = start_demo_then_serve()
    rows = []
    try:
        h.wait_ready(port, server)
        cookie = h.login(port, "analist", "demo")
        for year in args.years:
            fetch(port, cookie, f"/?year={year}")  # the monitor's figures: not measured here
            path = f"/doelen/{GOAL}/?year={year}"
            cold = fetch(port, cookie, path)
            warm = [fetch(port, cookie, path) for _ in range(args.views)]
            rows.append(
                {
                    "year": year,
                    "cold_ms": round(1000 * cold),
                    "warm": h.summary(warm),
                    "load_average": h.load_average(),
                }
            )
    finally:
        h.kill_group(server, 15)
    print(
        h.dump(
            {
                "date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
                "goal": GOAL,
                "views": args.views,
                "years": rows,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
