# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""End-to-end: the real production server (gunicorn, as ``safetyplan serve`` runs it) on a
fresh demo database, driven by Playwright with Debian's chromium (no browser download).

The browser comes from ``SAFETYPLAN_CHROMIUM`` (CI sets /usr/bin/chromium) or the PATH. Without
one the tests are skipped locally; when ``SAFETYPLAN_CHROMIUM`` names a browser that is not
there, they fail, so CI cannot silently skip them. Screenshots go to
``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"


def chromium_path() -> str | None:
    explicit = os.environ.get("SAFETYPLAN_CHROMIUM")
    if explicit:
        if not Path(explicit).exists():
            pytest.fail(f"SAFETYPLAN_CHROMIUM={explicit} does not exist")
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text()[-3000:]
            pytest.fail(f"the server stopped (exit {process.returncode}):\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the server did not answer within {seconds} s:\n{log.read_text()[-3000:]}")


SERVER = """
import sys
from safetyplan.settings import bundled_plan
from safetyplan.web import runner
runner.prepare_demo(bundled_plan(), sys.argv[1])
runner.serve(host="127.0.0.1", port=int(sys.argv[2]), workers=2, threads=4)
"""


@pytest.fixture(scope="session")
def live_demo(tmp_path_factory, warehouse_path):
    """Base URL of a demo server on a fresh SQLite database (the demo's own setup)."""
    if chromium_path() is None:
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    home = tmp_path_factory.mktemp("demo-home")
    warehouse = home / "warehouse.duckdb"
    shutil.copy(warehouse_path, warehouse)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SAFETYPLAN_TEST_POSTGRES"}
    }
    env["SAFETYPLAN_HOME"] = str(home)
    port = _free_port()
    log = home / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(warehouse), str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser(live_demo):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_demo):
    """A fresh browser tab; every request it makes is recorded in ``page.requested``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(20000)
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


@pytest.fixture
def login(page, live_demo):
    def as_user(username: str, password: str = "demo"):
        page.goto(f"{live_demo}/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(f"{live_demo}/")
        return page

    return as_user


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
