# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""An incident file (CSV, .csv.gz or Parquet) as a DuckDB relation of text columns.

DuckDB reads the file itself, in parallel and streaming (memory does not grow with the file):
``read_csv`` with every column as text, so that the checks of :mod:`.parse` see what the file
says, or ``read_parquet`` with the wanted columns cast to text.

Line numbers. For CSV, ``line`` is the record number with the header as line 1: the physical
line, unless quoted values hold line breaks (a record counts once) or the file has blank
lines. Records DuckDB cannot split into the header's fields (too few or too many, broken
quotes, bytes that are not text in the file's encoding) are rejects with their number, taken
from DuckDB's rejects table. For Parquet, ``line`` is the row number plus one (as if the file
had a header line), so that the same rows get the same numbers after a CSV export.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from safetyplan.csvread import Reject, sniff_delimiter
from safetyplan.errors import DataError
from safetyplan.i18n import _

REJECTS_TABLE = "_csv_reject_errors"
SCANS_TABLE = "_csv_reject_scans"
# Encodings DuckDB reads without an extension (others would need a download).
ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "latin-1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-1": "latin-1",
    "utf-16": "utf-16",
    "utf16": "utf-16",
}


@dataclass
class IncidentFile:
    """An open incident file: its header, and how DuckDB reads it."""

    path: Path
    kind: str  # "csv" | "parquet"
    columns: list[str]
    size: int
    delimiter: str = ","
    encoding: str = "utf-8"

    def relation_sql(self, wanted: dict[str, str]) -> str:
        """SELECT of the ``wanted`` file columns as text, named canonically
        (``{file column: canonical name}``), plus ``line`` (NULL for CSV: numbered after the
        load, see :func:`structural_rejects`)."""
        if self.kind == "parquet":
            picked = ", ".join(
                f"CAST({ident(c)} AS VARCHAR) AS {ident(n)}" for c, n in wanted.items()
            )
            return (
                f"SELECT {picked}, file_row_number + 2 AS line "
                f"FROM read_parquet({literal(str(self.path))}, file_row_number = true)"
            )
        picked = ", ".join(f"{ident(c)} AS {ident(n)}" for c, n in wanted.items())
        columns = "{" + ", ".join(f"{literal(c)}: 'VARCHAR'" for c in self.columns) + "}"
        return (
            f"SELECT {picked}, CAST(NULL AS BIGINT) AS line FROM read_csv("
            f"{literal(str(self.path))}, header = true, auto_detect = false, "
            f"columns = {columns}, delim = {literal(self.delimiter)}, quote = '\"', "
            f"escape = '\"', encoding = {literal(self.encoding)}, store_rejects = true, "
            f"rejects_table = '{REJECTS_TABLE}', rejects_scan = '{SCANS_TABLE}')"
        )


def ident(name: str) -> str:
    """A SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def reason_sql(message: str, **values: str) -> str:
    """A reject reason as SQL: *message* (already translated) as literals, each ``{name}``
    in it replaced by the SQL expression ``values[name]``; built once per load, so the
    reasons are in the language of the load."""
    parts = re.split(r"\{(\w+)\}", message)
    sql = [literal(part) if i % 2 == 0 else f"({values[part]})" for i, part in enumerate(parts)]
    return " || ".join(p for p in sql if p != "''") or "''"


def structural_rejects(con, file: IncidentFile) -> list[Reject]:
    """The records DuckDB's CSV reader skipped in the last read, with a reason each (column
    ``*``: the whole record)."""
    if file.kind != "csv":
        return []
    # DuckDB may list one record several times (once per missing field): the first counts
    rows = con.execute(
        f"SELECT line, arg_min(error_type, column_idx), "
        f"arg_min(error_message, column_idx) FROM {REJECTS_TABLE} "
        "GROUP BY line ORDER BY line"
    ).fetchall()
    return [
        Reject(int(line), "*", _reason(kind, message, file), file=str(file.path))
        for line, kind, message in rows
    ]


def _reason(kind: str, message: str, file: IncidentFile) -> str:
    counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message or "")
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS") and counts:
        return _("wrong number of fields: {found} (expected {expected})").format(
            found=counts.group(2), expected=counts.group(1)
        )
    if kind in ("INVALID ENCODING", "INVALID UNICODE"):
        return _(
            "not {encoding} text: save the file as UTF-8 or set csv.encoding in the mapping "
            "file (e.g. latin-1)"
        ).format(encoding=file.encoding)
    first = (message or kind).splitlines()[0]
    return _("broken CSV: {error}").format(error=first)


def drop_reject_tables(con) -> None:
    for name in (REJECTS_TABLE, SCANS_TABLE):
        con.execute(f"DROP TABLE IF EXISTS {name}")


def open_incident_file(
    path: str | Path, delimiter: str | None = None, encoding: str = "utf-8"
) -> IncidentFile:
    """Open a CSV (optionally .gz) or Parquet file and read its header."""
    source = Path(path)
    if not source.is_file():
        raise DataError(_("{file}: file not found").format(file=source))
    size = source.stat().st_size
    if _is_parquet(source):
        import pyarrow.parquet as pq

        try:
            schema = pq.read_schema(source)
        except (pa.ArrowInvalid, OSError) as exc:
            raise DataError(
                _("{file}: not a readable Parquet file: {error}").format(file=source, error=exc)
            ) from None
        return IncidentFile(source, "parquet", list(schema.names), size)
    duck_encoding = ENCODINGS.get(encoding.lower())
    if duck_encoding is None:
        raise DataError(
            _(
                "{file}: encoding {encoding} not supported; use one of utf-8, latin-1, utf-16 "
                "(csv.encoding in the mapping file)"
            ).format(file=source, encoding=repr(encoding))
        )
    header = _first_line(source, encoding)
    if not header.strip():
        raise DataError(_("{file}, line 1: empty file or no header").format(file=source))
    # the shared sniffer on the header line only: DuckDB reads the rest, at full speed
    sep = delimiter or sniff_delimiter(header)
    import csv

    columns = next(csv.reader([header], delimiter=sep))
    columns = [c.lstrip("\ufeff") for c in columns]
    if len(set(columns)) != len(columns):
        doubled = sorted({c for c in columns if columns.count(c) > 1})
        raise DataError(
            _("{file}, line 1: duplicate column(s): {columns}").format(
                file=source, columns=", ".join(doubled)
            )
        )
    return IncidentFile(source, "csv", columns, size, delimiter=sep, encoding=duck_encoding)


# -- helpers -------------------------------------------------------------------------------


def _is_parquet(path: Path) -> bool:
    if path.suffix.lower() in (".parquet", ".pq"):
        return True
    with open(path, "rb") as handle:
        return handle.read(4) == b"PAR1"


def _first_line(path: Path, encoding: str) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            raw = handle.readline(1 << 20)
    except (OSError, EOFError) as exc:
        raise DataError(_("{file}: unreadable: {error}").format(file=path, error=exc)) from None
    try:
        return raw.decode(encoding).lstrip("\ufeff").rstrip("\r\n")
    except (UnicodeDecodeError, LookupError) as exc:
        raise DataError(
            _(
                "{file}, line 1: cannot decode as {encoding}: {error}; set csv.encoding in the "
                "mapping file"
            ).format(file=path, encoding=encoding, error=exc)
        ) from None
