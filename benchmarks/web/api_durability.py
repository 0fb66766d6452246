# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Meldingen register (issue 7): sustained API writes with 16 clients on PostgreSQL, then a
``kill -9`` of the server in the middle of a write burst: is every acknowledged report kept?

Needs a PostgreSQL server you started yourself (never a shared one), e.g. as user postgres:

    /usr/lib/postgresql/15/bin/initdb -D /tmp/pg -A trust -U postgres
    /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/pg -o '-p 55434 -k /tmp \
        -c listen_addresses=127.0.0.1' -l /tmp/pg/log -w start

    python benchmarks/web/api_durability.py \
        --database-url postgres://postgres@127.0.0.1:55434/postgres [--clients 16] [--duration 30]

A fresh database is created for the run (and dropped afterwards unless --keep). The server is
``safetyplan serve`` (gunicorn) in its own process group; the kill signals the whole group
(master and workers) with SIGKILL, PostgreSQL itself keeps running. Every 10th request re-posts
an earlier external_id (idempotency: must answer 200 and add nothing). Only 127.0.0.1 is
contacted. Prints the figures as JSON; exit status 1 if an acknowledged report is missing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # noqa: E402

USER = "bench"
CATEGORIES = ["overlast", "verkeer", "woninginbraak", "diefstal", "vernieling"]


# -- database -------------------------------------------------------------------------------


def database_url_for(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("--database-url must point to a local server (127.0.0.1)")
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_sql(admin_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(statement)


def query(url: str, sql: str, params=()) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


# -- server ---------------------------------------------------------------------------------


def cli(args: list[str], env: dict[str, str]) -> str:
    exe = str(Path(sys.executable).with_name("safetyplan"))
    import os

    done = subprocess.run(
        [exe, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"safetyplan {' '.join(args)}: {done.stderr or done.stdout}")
    return done.stdout


def prepare(env: dict[str, str]) -> str:
    """Migrate, create the benchmark's administrator, return its API token."""
    cli(["manage", "migrate", "--noinput", "-v", "0"], env)
    cli(
        [
            "manage",
            "createsuperuser",
            "--noinput",
            "--username",
            USER,
            "--email",
            "bench@example.nl",
        ],
        {**env, "DJANGO_SUPERUSER_PASSWORD": "bench-pw-123"},
    )
    return cli(["api-token", USER], env).strip().splitlines()[-1]


def serve(port: int, env: dict[str, str], log: Path):
    proc = h.start(["serve", "--port", str(port)], env, log)
    ready = h.wait_ready(port, proc, timeout=300)
    return proc, ready


# -- clients --------------------------------------------------------------------------------


class Client:
    """One API client: keep-alive connection, JSON bodies, token authentication."""

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token
        self.conn = http.client.HTTPConnection(h.HOST, port, timeout=30)

    def post_melding(self, external_id: str, received_at: datetime) -> int:
        body = json.dumps(
            {
                "external_id": external_id,
                "category": random.choice(CATEGORIES),
                "received_at": received_at.isoformat(),
                "municipality": "GM0599",
                "hic": False,
                "channel": "telefoon",
                "reporter": {"name": "Benchmark", "email": "melder@example.nl"},
            }
        )
        self.conn.request(
            "POST",
            "/api/v1/meldingen/",
            body=body,
            headers={"Content-Type": "application/json", "Authorization": f"Token {self.token}"},
        )
        response = self.conn.getresponse()
        response.read()
        return response.status

    def find(self, external_id: str) -> int:
        self.conn.request(
            "GET",
            f"/api/v1/meldingen/?external_id={external_id}",
            headers={"Authorization": f"Token {self.token}"},
        )
        response = self.conn.getresponse()
        return json.loads(response.read())["count"]

    def reopen(self):
        self.conn.close()
        self.conn = http.client.HTTPConnection(h.HOST, self.port, timeout=30)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.acknowledged: set[str] = set()
        self.reposts = {"sent": 0, "answered_200": 0}
        self.in_flight: set[str] = set()  # sent, no answer (the server died)
        self.errors: list[str] = []


def writer(client: Client, prefix: str, stop: threading.Event, tally: Tally, stop_on_error: bool):
    mine: list[str] = []
    n = 0
    received = datetime.now(UTC) - timedelta(minutes=30)
    while not stop.is_set():
        repost = n % 10 == 9 and mine
        external_id = random.choice(mine) if repost else f"{prefix}-{n}"
        began = time.perf_counter()
        try:
            status = client.post_melding(external_id, received)
        except (OSError, http.client.HTTPException) as exc:
            with tally.lock:
                if not repost:
                    tally.in_flight.add(external_id)
                tally.errors.append(type(exc).__name__)
            if stop_on_error:
                return
            client.reopen()
            n += 1
            continue
        elapsed = time.perf_counter() - began
        with tally.lock:
            tally.latencies.append(elapsed)
            if repost:
                tally.reposts["sent"] += 1
                tally.reposts["answered_200"] += status == 200
            elif status in (200, 201):
                tally.acknowledged.add(external_id)
                mine.append(external_id)
            else:
                tally.errors.append(f"status {status}")
        n += 1


def run_writers(port, token, clients, prefix, stop, tally, stop_on_error):
    threads = [
        threading.Thread(
            target=writer, args=(Client(port, token), f"{prefix}{i}", stop, tally, stop_on_error)
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    return threads


# -- phases ---------------------------------------------------------------------------------


def sustained(port, token, clients, duration, prefix="S") -> dict:
    tally, stop = Tally(), threading.Event()
    began = time.perf_counter()
    threads = run_writers(port, token, clients, prefix, stop, tally, stop_on_error=False)
    time.sleep(duration)
    stop.set()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    result = h.summary(tally.latencies)
    result.update(
        clients=clients,
        duration_s=round(wall, 1),
        created=len(tally.acknowledged),
        writes_per_s=round(len(tally.acknowledged) / wall, 1),
        requests_per_s=round(len(tally.latencies) / wall, 1),
        reposts=tally.reposts,
        errors=len(tally.errors),
        error_examples=tally.errors[:3],
    )
    return result, tally


def kill_burst(port, token, clients, kill_after, server) -> Tally:
    tally, stop = Tally(), threading.Event()
    threads = run_writers(port, token, clients, "K", stop, tally, stop_on_error=True)
    time.sleep(kill_after)
    h.kill_group(server)  # SIGKILL to gunicorn's master and every worker at once
    for thread in threads:
        thread.join(timeout=60)
    stop.set()
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a local PostgreSQL server")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30, help="sustained phase, seconds")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured writes, seconds")
    parser.add_argument("--kill-after", type=float, default=5, help="seconds into the burst")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()

    name = f"safetyplan_bench_{int(time.time())}"
    url = database_url_for(args.database_url, name)
    admin_sql(args.database_url, f'CREATE DATABASE "{name}"')
    home = Path(tempfile.mkdtemp(prefix="safetyplan-bench-api-"))
    env = {"SAFETYPLAN_HOME": str(home), "DATABASE_URL": url}
    log = home / "server.log"
    print(f"database {name}, home {home} (server log {log})", file=sys.stderr)
    server = None
    try:
        token = prepare(env)
        port = h.free_port()
        server, ready_s = serve(port, env, log)
        settings = dict(
            query(
                url,
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('fsync', 'synchronous_commit', 'server_version')",
            )
        )
        # unmeasured: each worker imports the API's code and opens its connections
        sustained(port, token, args.clients, args.warmup, prefix="W")
        steady, _ = sustained(port, token, args.clients, args.duration)

        burst = kill_burst(port, token, args.clients, args.kill_after, server)
        server, restart_s = serve(port, env, log)
        stored = {
            row[0]
            for row in query(
                url, "SELECT external_id FROM meldingen_melding WHERE external_id LIKE 'K%%'"
            )
        }
        missing = sorted(burst.acknowledged - stored)
        committed_unanswered = sorted(burst.in_flight & stored)
        api_sample = random.sample(sorted(burst.acknowledged), min(200, len(burst.acknowledged)))
        api = Client(port, token)
        api_found = sum(api.find(x) == 1 for x in api_sample)
        # the clients' retry after the restart: in-flight reports again, none twice
        retry = [
            api.post_melding(x, datetime.now(UTC) - timedelta(minutes=30))
            for x in sorted(burst.in_flight)
        ]
        duplicates = query(
            url,
            "SELECT count(*) FROM (SELECT source, external_id FROM "
            "meldingen_melding GROUP BY 1, 2 HAVING count(*) > 1) d",
        )[0][0]
        result = {
            "date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
            "load_average": h.load_average(),
            "postgresql": settings,
            "server_ready_s": round(ready_s, 1),
            "sustained": steady,
            "kill": {
                "kill_after_s": args.kill_after,
                "acknowledged": len(burst.acknowledged),
                "acknowledged_found_after_restart": len(burst.acknowledged & stored),
                "missing": len(missing),
                "missing_examples": missing[:5],
                "in_flight_at_kill": len(burst.in_flight),
                "in_flight_committed_unanswered": len(committed_unanswered),
                "api_sample_checked": len(api_sample),
                "api_sample_found": api_found,
                "restart_s": round(restart_s, 1),
                "retry_in_flight_statuses": {str(s): retry.count(s) for s in set(retry)},
                "duplicates_in_database": duplicates,
            },
        }
    finally:
        if server is not None and server.poll() is None:
            h.kill_group(server, 15)
        if not args.keep:
            admin_sql(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(h.dump(result))
    ok = not missing and duplicates == 0 and api_found == len(api_sample)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
