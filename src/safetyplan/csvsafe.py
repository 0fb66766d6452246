# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""CSV files that are safe to open in a spreadsheet, and safe to read.

Read: the csv module stops at a field over 128 KB with ``_csv.Error``, a traceback in the
middle of a file. Importers call :func:`allow_long_fields` and then reject, by line and
column, any field over :data:`MAX_FIELD_CHARS`; a file over the size limit is refused before
it is read (:func:`check_file_size`, :func:`check_upload_size`).

Out: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel and LibreOffice (``=HYPERLINK(...)``, ``+cmd|...``); such text gets a leading
apostrophe, which spreadsheets show as text (OWASP "CSV injection"). Plain numbers (``-3.5``)
stay as they are. In: our own importers take the apostrophe off again, so an export reads back
unchanged.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from safetyplan.errors import DataError
from safetyplan.i18n import _

MAX_FIELD_CHARS = 65_536  # one cell; longer is a reject naming the column
_READ_LIMIT = 2**31 - 1  # the csv module reads any field; our check names the long ones
DEFAULT_MAX_IMPORT_BYTES = 2 * 1024**3  # a file given to the command line
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024**2  # a file uploaded to the web application or API

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?([eE][+-]?\d+)?$")


def safe_cell(value):
    """``value`` as a spreadsheet shows it as text; other types pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def safe_row(row) -> list:
    return [safe_cell(value) for value in row]


def unsafe_cell(value: str) -> str:
    """The text :func:`safe_cell` was given (for reading our own exports back)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def allow_long_fields() -> None:
    """Let the csv module read long fields, so that an importer can reject them by name."""
    if csv.field_size_limit() < _READ_LIMIT:
        csv.field_size_limit(_READ_LIMIT)


def too_long(row) -> str | None:
    """The first column (name or 1-based number) whose value is over the limit, else None."""
    items = row.items() if isinstance(row, dict) else enumerate(row, start=1)
    for name, value in items:
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            return str(name)
        if isinstance(value, list) and any(len(v) > MAX_FIELD_CHARS for v in value):
            return "*"  # DictReader: the surplus fields of a long row
    return None


def field_too_long_message(column: str) -> str:
    return _("field '{column}' longer than {limit} characters").format(
        column=column, limit=MAX_FIELD_CHARS
    )


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def max_import_bytes() -> int:
    return _limit("SAFETYPLAN_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES)


def max_upload_bytes() -> int:
    return _limit("SAFETYPLAN_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def _refuse(name, size: int, limit: int, variable: str) -> DataError:
    return DataError(
        _("{file}: file too large ({size} bytes; at most {limit}, setting {variable})").format(
            file=name, size=size, limit=limit, variable=variable
        )
    )


def check_file_size(path: str | Path) -> None:
    """Refuse a command-line input file over ``SAFETYPLAN_MAX_IMPORT_BYTES``."""
    path = Path(path)
    if path.is_file() and path.stat().st_size > max_import_bytes():
        raise _refuse(path, path.stat().st_size, max_import_bytes(), "SAFETYPLAN_MAX_IMPORT_BYTES")


def check_upload_size(name: str, size: int) -> None:
    """Refuse an upload over ``SAFETYPLAN_MAX_UPLOAD_BYTES``."""
    if size > max_upload_bytes():
        raise _refuse(name, size, max_upload_bytes(), "SAFETYPLAN_MAX_UPLOAD_BYTES")
