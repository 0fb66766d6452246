"""The analytics warehouse: one DuckDB file with the ``facts`` table.

>>> from safetyplan.warehouse import Warehouse
>>> with Warehouse.open() as wh:                      # doctest: +SKIP
...     wh.load_facts(df, source="cbs_47018ned_gemeente")
...     wh.facts(measures=["registered:pol:1.1.1"], areas=["GM0599"])

See ``docs/warehouse.md`` for the schema and the load semantics.
"""

from .schema import SCHEMA_VERSION, TABLES, register_table
from .snapshots import LoadBusy, version_of
from .store import LoadSummary, Warehouse, check_source_name, content_checksum
from .validate import (
    AREA_PATTERN,
    FACT_COLUMNS,
    PERIOD_PATTERN,
    REQUIRED_COLUMNS,
    CheckResult,
    Reject,
    check_facts,
    describe_rejects,
    validate_facts,
)

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
