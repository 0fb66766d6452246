"""Where Safetyplan keeps its files. One setting, one environment variable.

``SAFETYPLAN_HOME`` (default ``./safetyplan-data``) holds the DuckDB warehouse and, for the
web application, the SQLite database unless ``DATABASE_URL`` points elsewhere.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATASETS_DIR = PACKAGE_DIR / "datasets"


def data_home() -> Path:
    home = Path(os.environ.get("SAFETYPLAN_HOME", "safetyplan-data"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def warehouse_path() -> Path:
    return Path(os.environ.get("SAFETYPLAN_WAREHOUSE", data_home() / "warehouse.duckdb"))


def bundled_plan(name: str = "rotterdam-2015-2018") -> Path:
    """Plans shipped with the package (copied from the repository's plans/ folder)."""
    return DATASETS_DIR / "plans" / f"{name}.yaml"
