# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Where Safetyplan keeps its files. One setting, one environment variable.

``SAFETYPLAN_HOME`` (default ``./safetyplan-data``) holds the DuckDB warehouse and, for the
web application, the SQLite database unless ``DATABASE_URL`` points elsewhere.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATASETS_DIR = PACKAGE_DIR / "datasets"


def data_home() -> Path:
    """The data folder, made private (0700): it holds reporters' contact details."""
    home = Path(os.environ.get("SAFETYPLAN_HOME", "safetyplan-data"))
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    _make_private(home)
    return home


def _make_private(folder: Path) -> None:
    """0700 for a folder of ours that others can enter; never a shared one such as /tmp."""
    info = folder.stat()
    if info.st_uid == os.getuid() and not info.st_mode & 0o1000 and info.st_mode & 0o077:
        folder.chmod(0o700)


def private_files() -> None:
    """Files Safetyplan creates from now on (databases, snapshots, exports, rejects) are
    readable by their owner only: 0600, folders 0700 (the process's umask 077)."""
    os.umask(0o077)


def warehouse_path() -> Path:
    return Path(os.environ.get("SAFETYPLAN_WAREHOUSE", data_home() / "warehouse.duckdb"))


def bundled_plan(name: str = "rotterdam-2015-2018") -> Path:
    """Plans shipped with the package (copied from the repository's plans/ folder)."""
    return DATASETS_DIR / "plans" / f"{name}.yaml"
