# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A shared regional service (issue 13): users browse while analysts load, on one server.

Builds the demo in a fresh SAFETYPLAN_HOME (``safetyplan demo --no-serve``), serves it with
``safetyplan serve`` (gunicorn, SQLite), logs in ``--users`` sessions and lets each browse
area and goal pages (``/gebieden/GMxxxx/?measure=...``, ``/doelen/<goal>/?year=...``, every
request another page, so caches rarely help) without pause, while ``safetyplan ingest facts``
loads a small file ``--loads`` times in a row into the same warehouse. Each load writes
another figure (Schiedam, burglary, 2099, fictitious) and the profile page of Schiedam must
show it right after the load. Only 127.0.0.1 is contacted.

    python benchmarks/web/shared_service.py [--users 8] [--loads 10] [--workers 2]

Prints JSON: every load's exit status and time, page statuses, latencies, whether each load's
figure appeared. The run counts as passed when every load succeeded, no page answered 5xx and
every load's figure was shown. ``tests/web/core/test_shared_service.py`` runs a small version.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # noqa: E402

ACCOUNTS = ["rvo", "analist", "rotterdam", "schiedam"]
PROBE_AREA = "GM0606"  # Schiedam
PROBE_MEASURE = "registered:pol:1.1.1"
PROBE_YEAR = "2099"  # no real figure exists for it: the loaded one is the only one


def safetyplan(args: list[str], env: dict, timeout: float = 900) -> subprocess.CompletedProcess:
    exe = str(Path(sys.executable).with_name("safetyplan"))
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=timeout)


def serve(port: int, workers: int, env: dict, log: Path) -> subprocess.Popen:
    """``safetyplan serve`` in its own process group, with exactly ``env`` (not the caller's
    settings module: a test runner's would point the server at its in-memory database)."""
    exe = str(Path(sys.executable).with_name("safetyplan"))
    with log.open("ab") as out:
        return subprocess.Popen(
            [exe, "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def page_urls(port: int, cookie: str) -> list[str]:
    """Area pages (municipality x crime type) and goal pages (goal x year) of the demo."""
    areas_html = get(port, cookie, "/gebieden/")[1]
    dashboard_html = get(port, cookie, "/")[1]
    codes = sorted(set(re.findall(r"/gebieden/(GM\d{4})/", areas_html)))
    measures = sorted(set(re.findall(r'<option value="(registered:[^"]+)"', areas_html)))
    goals = sorted(set(re.findall(r"/doelen/([\w-]+)/", dashboard_html)))
    if not codes or not measures or not goals:
        raise RuntimeError(
            f"no pages found: {len(codes)} areas, {len(measures)} measures, {len(goals)} goals"
        )
    urls = [f"/gebieden/{c}/?measure={m}" for c, m in itertools.product(codes, measures[:6])]
    urls += [f"/doelen/{g}/?year={y}" for g, y in itertools.product(goals, range(2015, 2019))]
    return urls


def get(port: int, cookie: str, path: str, conn=None) -> tuple[int, str]:
    own = conn is None
    conn = conn or http.client.HTTPConnection(h.HOST, port, timeout=120)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        if own:
            conn.close()


def browse(port, cookie, urls, offset, stop, results):
    """One user: page after page until the loads are done."""
    conn = http.client.HTTPConnection(h.HOST, port, timeout=120)
    for i in itertools.count(offset):
        if stop.is_set():
            break
        path = urls[i % len(urls)]
        began = time.monotonic()
        try:
            status, _body = get(port, cookie, path, conn)
        except OSError as exc:
            results.append((path, f"error: {exc}", time.monotonic() - began))
            conn.close()
            conn = http.client.HTTPConnection(h.HOST, port, timeout=120)
            continue
        results.append((path, status, time.monotonic() - began))
    conn.close()


def run_loads(count: int, env: dict, work: Path, port: int, cookie: str) -> list[dict]:
    loads = []
    for k in range(count):
        value = 7001 + k
        csv = work / f"load-{k}.csv"
        csv.write_text(
            f"area,period,measure,value\n{PROBE_AREA},{PROBE_YEAR},{PROBE_MEASURE},{value}\n"
        )
        began = time.monotonic()
        done = safetyplan(
            ["ingest", "facts", str(csv), "--source", "shared_service_bench", "--wait", "120"], env
        )
        seconds = time.monotonic() - began
        status, html = get(port, cookie, f"/gebieden/{PROBE_AREA}/?measure={PROBE_MEASURE}")
        shown = f"{value // 1000}.{value % 1000:03d}"  # Dutch thousands separator
        loads.append(
            {
                "exit": done.returncode,
                "seconds": round(seconds, 2),
                "figure_shown": status == 200 and shown in html,
                "stderr": done.stderr[-500:] if done.returncode else "",
            }
        )
    return loads


def run(users: int = 8, loads: int = 10, workers: int = 2, home: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="safetyplan-shared-") as tmp:
        home = home or Path(tmp)
        env = {**h.os.environ, "SAFETYPLAN_HOME": str(home)}
        for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SAFETYPLAN_WAREHOUSE"):
            env.pop(name, None)
        built = safetyplan(["demo", "--no-serve"], env)
        if built.returncode:
            raise RuntimeError(f"demo --no-serve failed:\n{built.stderr[-2000:]}")
        port = h.free_port()
        server = serve(port, workers, env, home / "server.log")
        try:
            h.wait_ready(port, server, timeout=300)
            cookies = [h.login(port, ACCOUNTS[i % len(ACCOUNTS)], "demo") for i in range(users)]
            urls = page_urls(port, cookies[0])
            stop, results = threading.Event(), []
            threads = [
                threading.Thread(target=browse, args=(port, c, urls, i * 7, stop, results))
                for i, c in enumerate(cookies)
            ]
            for t in threads:
                t.start()
            time.sleep(1.0)  # the users are busy before the first load starts
            load_results = run_loads(loads, env, home, port, cookies[0])
            stop.set()
            for t in threads:
                t.join(timeout=180)
        finally:
            h.kill_group(server, h.signal.SIGTERM)
        return report(users, workers, load_results, results, home / "server.log")


def report(users, workers, loads, pages, log: Path) -> dict:
    statuses = Counter(str(status) for _path, status, _s in pages)
    failed = [
        (path, status)
        for path, status, _s in pages
        if not (isinstance(status, int) and status < 500)
    ]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_at_end": h.load_average(),
        "users": users,
        "workers": workers,
        "loads": loads,
        "loads_ok": sum(1 for x in loads if x["exit"] == 0),
        "figures_shown": sum(1 for x in loads if x["figure_shown"]),
        "pages": dict(statuses),
        "pages_failed": failed[:20],
        "page_latency": h.summary([s for _p, status, s in pages if isinstance(status, int)]),
        "server_log_errors": [
            line
            for line in log.read_text(errors="replace").splitlines()
            if "Traceback" in line or " 500 " in line
        ][:20],
        "passed": bool(loads)
        and all(x["exit"] == 0 and x["figure_shown"] for x in loads)
        and not failed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--loads", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    result = run(args.users, args.loads, args.workers)
    print(h.dump(result))
    sys.exit(0 if result["passed"] else 1)


if __name__ == "__main__":
    main()
