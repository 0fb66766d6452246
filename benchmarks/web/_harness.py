# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Shared pieces of the web benchmarks: start a server as the CLI does, wait for it, log in,
measure latencies. Only 127.0.0.1 is ever contacted."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

HOST = "127.0.0.1"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Run ``safetyplan ARGS`` in its own process group (so -9 reaches every worker)."""
    handle = log.open("ab")
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("safetyplan")), *args],
        env={**os.environ, **env},
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Signal the server's whole process group (gunicorn master and its workers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    proc.wait(timeout=60)


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 900) -> float:
    """Seconds until /healthz answers 200; raises if the server exits or never answers."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode} (see its log)")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return time.monotonic() - began
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server on port {port} not ready after {timeout:.0f} s")


def _cookies(response) -> dict[str, str]:
    jar = SimpleCookie()
    for header in response.msg.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def login(port: int, username: str, password: str) -> str:
    """Log in through the login form (CSRF token and all); returns the Cookie header."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    page = conn.getresponse()
    html = page.read().decode()
    cookies = _cookies(page)
    token = CSRF_FIELD.search(html)
    if page.status != 200 or token is None or "csrftoken" not in cookies:
        raise RuntimeError(f"login page: status {page.status}, no CSRF token")
    from urllib.parse import urlencode

    body = urlencode(
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1),
            "next": "/",
        }
    )
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
    )
    answer = conn.getresponse()
    answer.read()
    cookies.update(_cookies(answer))
    conn.close()
    if answer.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed: status {answer.status}")
    return f"csrftoken={cookies['csrftoken']}; sessionid={cookies['sessionid']}"


def group_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) used so far by the live processes of a process group."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (no interpolation), ``share`` from 0 to 100."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, int(-(-share * len(ordered) // 100)))  # ceil
    return ordered[rank - 1]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def summary(latencies_s: list[float]) -> dict:
    ms = [x * 1000 for x in latencies_s]
    return {
        "requests": len(ms),
        "p50_ms": round(percentile(ms, 50), 1),
        "p90_ms": round(percentile(ms, 90), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1) if ms else None,
    }


def dump(result: dict) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False)
