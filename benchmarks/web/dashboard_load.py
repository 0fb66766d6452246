# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Dashboard under 50 concurrent logged-in users (issue 5): 95th percentile < 300 ms.

Builds the demo in a fresh SAFETYPLAN_HOME (``safetyplan demo``: data and demo accounts),
then serves it with ``safetyplan serve`` (gunicorn, SQLite by default), logs in 50 sessions
through the login form (the four demo accounts in turn, each session its own cookie), warms
up, then lets 50 threads each fetch the dashboard ``/`` a fixed number of times over
keep-alive connections, without pause (the harshest reading of "50 concurrent users"),
in ``--rounds`` rounds. Only 127.0.0.1 is contacted. Prints the figures as JSON; the target
counts as met when the median round's 95th percentile is under 300 ms.

    python benchmarks/web/dashboard_load.py [--users 50] [--requests 40] [--rounds 3]
        [--think SECONDS] [--no-keep-alive] [--url-port PORT]

``--url-port`` measures a server that is already running (demo accounts, password demo).
"""

from __future__ import annotations

import argparse
import http.client
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # noqa: E402

ACCOUNTS = ["rvo", "analist", "rotterdam", "schiedam"]
TARGET_P95_MS = 300.0


def log_in_sessions(port: int, count: int) -> list[str]:
    return [h.login(port, ACCOUNTS[i % len(ACCOUNTS)], "demo") for i in range(count)]


def user_loop(
    port, cookie, path, requests, start_gate, latencies, errors, keep_alive=True, think=0.0
):
    """One user: wait for the common start, then ``requests`` page loads one after another,
    ``think`` seconds apart (reading the page). Without keep-alive every page load opens a
    new connection, as a browser does once its idle connection has been closed (gunicorn
    closes idle connections after 2 s)."""
    conn = http.client.HTTPConnection(h.HOST, port, timeout=60)
    headers = {"Cookie": cookie} if keep_alive else {"Cookie": cookie, "Connection": "close"}
    start_gate.wait()
    for i in range(requests):
        if think and i:
            time.sleep(think)
        began = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(repr(exc))
            conn.close()
            conn = http.client.HTTPConnection(h.HOST, port, timeout=60)
            continue
        elapsed = time.perf_counter() - began
        if not keep_alive:
            conn.close()
        if response.status != 200 or b"goal-card" not in body:
            errors.append(f"status {response.status}")
        else:
            latencies.append(elapsed)
    conn.close()


def run_load(
    port: int, cookies: list[str], path: str, requests: int, keep_alive=True, think=0.0
) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    gate = threading.Barrier(len(cookies) + 1)
    threads = [
        threading.Thread(
            target=user_loop,
            args=(port, c, path, requests, gate, latencies, errors, keep_alive, think),
        )
        for c in cookies
    ]
    for thread in threads:
        thread.start()
    gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    result = h.summary(latencies)
    result.update(
        errors=len(errors),
        error_examples=errors[:3],
        wall_s=round(wall, 2),
        throughput_rps=round(len(latencies) / wall, 1),
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="page loads per user")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured loads per user")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds")
    parser.add_argument("--path", default="/")
    parser.add_argument(
        "--no-keep-alive", action="store_true", help="a new connection for every page load"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds each user waits between page loads (default 0)",
    )
    parser.add_argument("--url-port", type=int, default=0, help="use a running server")
    args = parser.parse_args()

    server = None
    if args.url_port:
        port = args.url_port
    else:
        server, port = start_demo_then_serve()
    try:
        ready_s = h.wait_ready(port, server) if server else 0.0
        cookies = log_in_sessions(port, args.users)
        keep_alive = not args.no_keep_alive
        if args.warmup:
            run_load(port, cookies, args.path, args.warmup, keep_alive)
        rounds = [measure(port, cookies, args, keep_alive, server) for _ in range(args.rounds)]
    finally:
        if server is not None:
            h.kill_group(server, 15)
    p95s = sorted(r["p95_ms"] for r in rounds)
    median_p95 = p95s[len(p95s) // 2]
    result = {
        "date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "users": args.users,
        "requests_per_user": args.requests,
        "path": args.path,
        "keep_alive": keep_alive,
        "think_s": args.think,
        "cpus": os.cpu_count(),
        "server_ready_s": round(ready_s, 1),
        "rounds": rounds,
        "median_p95_ms": median_p95,
        "target_p95_ms": TARGET_P95_MS,
        "target_met": median_p95 < TARGET_P95_MS and all(r["errors"] == 0 for r in rounds),
    }
    print(h.dump(result))
    return 0 if result["target_met"] else 1


def start_demo_then_serve():
    """Build the demo (data and demo accounts) in a fresh SAFETYPLAN_HOME with
    ``safetyplan demo``, stop it, then serve that home with ``safetyplan serve``: the server
    measured is the production runner, on SQLite (the default)."""
    home = Path(tempfile.mkdtemp(prefix="safetyplan-bench-web-"))
    port = h.free_port()
    log = home / "server.log"
    os.environ.pop("DATABASE_URL", None)  # SQLite, the default
    env = {"SAFETYPLAN_HOME": str(home)}
    print(f"demo building in {home} (log {log}) ...", file=sys.stderr)
    demo = h.start(["demo", "--port", str(port)], env, log)
    h.wait_ready(port, demo)
    h.kill_group(demo, 15)
    return h.start(["serve", "--port", str(port)], env, log), port


def measure(port, cookies, args, keep_alive, server) -> dict:
    """One measured round: latencies, throughput, CPU per request of server and client."""
    pgid = server.pid if server else None
    cpu_before = h.group_cpu_seconds(pgid) if pgid else 0.0
    client_before = h.own_cpu_seconds()
    result = run_load(port, cookies, args.path, args.requests, keep_alive, args.think)
    done = max(1, result["requests"])
    result["client_cpu_ms_per_request"] = round(
        1000 * (h.own_cpu_seconds() - client_before) / done, 2
    )
    if pgid:  # what the server itself spent per page (all workers)
        result["server_cpu_ms_per_request"] = round(
            1000 * (h.group_cpu_seconds(pgid) - cpu_before) / done, 2
        )
    result["load_average"] = h.load_average()
    return result


if __name__ == "__main__":
    sys.exit(main())
