# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A PostgreSQL 15 cluster of the tests' own, started and stopped with initdb/pg_ctl as the
user ``postgres`` (only when ``SAFETYPLAN_TEST_PGCTL=1``, as in CI: the tests stop it under
a running server, which a shared database must not see)."""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    pytest.fail("SAFETYPLAN_TEST_PGCTL=1 but no pg_ctl (apt-get install postgresql)")


class Cluster:
    def __init__(self, root: Path, port: int):
        self.bin = _pg_bin()
        self.data = root / "data"
        self.port = port
        self.root = root
        self.url = f"postgres://postgres@127.0.0.1:{port}/postgres"

    def run(self, *args: str) -> None:
        """A PostgreSQL tool as the user postgres (it refuses to run as root)."""
        command = " ".join(shlex.quote(a) for a in (str(self.bin / args[0]), *args[1:]))
        if getpass.getuser() != "postgres":
            command = f"su postgres -c {shlex.quote(command)}"
        subprocess.run(command, shell=True, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture(scope="module")
def postgres():
    """A fresh PostgreSQL cluster on a free port, in a temporary folder owned by postgres."""
    if os.environ.get("SAFETYPLAN_TEST_PGCTL") != "1":
        pytest.skip(
            "set SAFETYPLAN_TEST_PGCTL=1 to let the test start and stop its own "
            "PostgreSQL with initdb/pg_ctl (CI does)"
        )
    root = Path(tempfile.mkdtemp(prefix="safetyplan-deploy-pg-"))
    root.chmod(0o755)
    if getpass.getuser() != "postgres":
        shutil.chown(root, "postgres", "postgres")
    cluster = Cluster(root, free_port())
    cluster.run("initdb", "-D", str(cluster.data), "-A", "trust", "-U", "postgres")
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # the test stopped it
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
