"""CSV files that are safe to open in a spreadsheet, and safe to read.

Out: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel and LibreOffice (``=HYPERLINK(...)``, ``+cmd|...``); such text gets a leading
apostrophe, which spreadsheets show as text (OWASP "CSV injection"). Plain numbers (``-3.5``)
stay as they are. In: our own importers take the apostrophe off again, so an export reads back
unchanged.
"""

from __future__ import annotations

import re

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
