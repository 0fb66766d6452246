# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The ``ingest facts`` file format: any aggregated figures as tidy rows.

Columns ``area,period,measure,value`` and optionally ``provisional`` (header names are
case-insensitive, other columns are ignored). Tolerated: ``;`` or tab as separator (the
shared sniffer of :mod:`safetyplan.csvread`), a decimal comma
(``1,5``; with a comma present, dots are thousands separators: ``1.234,5``), UTF-8 with or
without BOM, gzip (``.gz``). Blank lines are skipped. Bad rows become rejects (file, line,
id, column, value, reason; :class:`safetyplan.csvread.Reject`); the caller decides how many
rejects it accepts.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from safetyplan.csvread import Reject, decode, records, sniff_delimiter, write_rejects
from safetyplan.csvsafe import MAX_FIELD_CHARS, check_file_size, field_too_long_message, too_long
from safetyplan.errors import DataError
from safetyplan.i18n import _
from safetyplan.warehouse.validate import check_facts, normalise_columns


@dataclass
class FactsFile:
    """A read facts file: the good rows and the rejected ones."""

    path: Path
    facts: pd.DataFrame
    rejects: list[Reject] = field(default_factory=list)
    lines: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    separator: str = ","

    @property
    def rejected_lines(self) -> int:
        return len({r.line for r in self.rejects})

    def write_rejects(self, target: str | Path) -> Path:
        return write_rejects(self.rejects, target, str(self.path))


def read_facts_csv(
    path: str | Path,
    known_measures: Iterable[str] | None = None,
    extra_areas: Iterable[str] = (),
) -> FactsFile:
    """Read and check a facts file. Raises DataError only for file-level problems (missing,
    unreadable, not UTF-8, empty, a missing column); bad rows are rejects."""
    source = Path(path)
    if not source.is_file():
        raise DataError(_("{file}: file not found").format(file=source))
    check_file_size(source)
    table = _read_table(source)
    raw = normalise_columns(table.frame, str(source))
    checked = check_facts(
        raw,
        origin=str(source),
        lines=table.lines,
        extra_areas=extra_areas,
        known_measures=known_measures,
    )
    return FactsFile(
        path=source,
        facts=checked.facts,
        rejects=sorted(checked.rejects + table.rejects, key=lambda r: r.line),
        lines=checked.lines,
        separator=table.separator,
    )


@dataclass
class _Table:
    frame: pd.DataFrame  # all cells as text, the header's column names
    lines: np.ndarray  # the file line of every row
    separator: str
    rejects: list[Reject]  # rows of the wrong width


def _read_table(path: Path) -> _Table:
    """The file's rows as text with their line numbers.

    Simple files (no quotes, every line as wide as the header, no blank lines) go through
    pandas' C parser; anything else through the csv module, which knows where each record
    starts and turns rows of the wrong width into rejects.
    """
    try:
        data = decode(_raw(path), str(path))
    except (OSError, EOFError) as exc:
        raise DataError(_("{file}: unreadable: {error}").format(file=path, error=exc)) from exc
    first = data.split("\n", 1)[0]
    if not first.strip():
        raise DataError(_("{file}, line 1: empty file or no header").format(file=path))
    separator = sniff_delimiter(first)
    header = next(csv.reader([first], delimiter=separator))
    try:
        return _read_simple(data, header, separator) or _read_exact(
            data, header, separator, str(path)
        )
    except csv.Error as exc:
        raise DataError(_("{file}: broken CSV: {error}").format(file=path, error=exc)) from exc


def _raw(path: Path) -> bytes:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


def _read_simple(data: str, header: list[str], separator: str) -> _Table | None:
    if '"' in data:
        return None
    lines = data.splitlines()[1:]
    width = len(header) - 1
    if any(
        line.count(separator) != width or not line.strip() or len(line) > MAX_FIELD_CHARS
        for line in lines
    ):
        return None
    frame = pd.read_csv(
        io.StringIO(data),
        sep=separator,
        dtype=str,
        keep_default_na=False,
        index_col=False,
        quoting=csv.QUOTE_NONE,
    )
    frame.columns = header
    lines = np.arange(len(frame), dtype=np.int64) + 2
    filled = np.zeros(len(frame), dtype=bool)
    for column in frame.columns:
        filled |= (frame[column].str.strip() != "").to_numpy(dtype=bool)
    if not filled.all():  # rows of only separators, as spreadsheets leave them
        frame, lines = frame[filled].reset_index(drop=True), lines[filled]
    return _Table(frame, lines, separator, [])


def _read_exact(data: str, header: list[str], separator: str, source: str) -> _Table:
    width = len(header)
    rows, lines, rejects = [], [], []
    found = records(data, separator, source)
    next(found)  # the header
    line = 1
    for line, record in found:
        if (column := too_long(record)) is not None:
            name = header[int(column) - 1] if int(column) <= width else column
            rejects.append(Reject(line, name, field_too_long_message(name)))
        elif len(record) == width:
            rows.append(record)
            lines.append(line)
        elif record and any(field.strip() for field in record):
            rejects.append(
                Reject(
                    line,
                    "*",
                    _("wrong number of fields: {found} (expected {expected})").format(
                        found=len(record), expected=width
                    ),
                )
            )
    if line > 1 and _open_quote_at_end(data, line):
        if lines and lines[-1] == line:
            rows.pop()
            lines.pop()
        rejects = [r for r in rejects if r.line != line]
        rejects.append(
            Reject(
                line,
                "*",
                _("unterminated quote at the end of the file"),
            )
        )
    rows, kept = _drop_blank(rows, np.asarray(lines, dtype=np.int64))
    frame = (
        pd.DataFrame(rows, columns=header, dtype=object)
        if rows
        else pd.DataFrame(columns=header, dtype=object)
    )
    return _Table(frame, kept, separator, rejects)


def _open_quote_at_end(data: str, line: int) -> bool:
    """True when the last record (from physical ``line``) has an odd number of quotes: the
    csv module then silently reads to the end of the file as one field."""
    tail = data.split("\n", line - 1)[-1]
    return tail.count('"') % 2 == 1


def _drop_blank(rows: list[list[str]], lines: np.ndarray) -> tuple[list[list[str]], np.ndarray]:
    """Rows of only separators (';;;;' at the end of a spreadsheet export) are not data."""
    keep = np.fromiter((any(f.strip() for f in r) for r in rows), dtype=bool, count=len(rows))
    if keep.all():
        return rows, lines
    return [r for r, k in zip(rows, keep, strict=True) if k], lines[keep]
