# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The analytics warehouse: one DuckDB file with the ``facts`` table.

>>> from safetyplan.warehouse import Warehouse
>>> with Warehouse.open() as wh:                      # doctest: +SKIP
...     wh.load_facts(df, source="cbs_47018ned_gemeente")
...     wh.facts(measures=["registered:pol:1.1.1"], areas=["GM0599"])

See ``docs/warehouse.md`` for the schema and the load semantics.
"""

import importlib

# Names are loaded on first use (PEP 562): the CLI imports the light ``.snapshots`` for its
# option help, and every command would otherwise pay for duckdb and pandas at start-up.
_WHERE = {
    "SCHEMA_VERSION": "schema",
    "TABLES": "schema",
    "register_table": "schema",
    "LoadBusy": "snapshots",
    "version_of": "snapshots",
    "LoadSummary": "store",
    "Warehouse": "store",
    "check_source_name": "store",
    "content_checksum": "store",
    "AREA_PATTERN": "validate",
    "FACT_COLUMNS": "validate",
    "PERIOD_PATTERN": "validate",
    "REQUIRED_COLUMNS": "validate",
    "CheckResult": "validate",
    "Reject": "validate",
    "check_facts": "validate",
    "describe_rejects": "validate",
    "validate_facts": "validate",
}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_WHERE))


__all__ = [
    "AREA_PATTERN",
    "FACT_COLUMNS",
    "PERIOD_PATTERN",
    "REQUIRED_COLUMNS",
    "SCHEMA_VERSION",
    "TABLES",
    "CheckResult",
    "LoadBusy",
    "LoadSummary",
    "Reject",
    "Warehouse",
    "check_facts",
    "check_source_name",
    "content_checksum",
    "describe_rejects",
    "register_table",
    "validate_facts",
    "version_of",
]
