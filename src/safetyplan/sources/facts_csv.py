"""The ``ingest facts`` file format: any aggregated figures as tidy rows.

Columns ``area,period,measure,value`` and optionally ``provisional`` (header names are
case-insensitive, other columns are ignored). Tolerated: ``;`` as separator, a decimal comma
(``1,5``; with a comma present, dots are thousands separators: ``1.234,5``), UTF-8 with or
without BOM, gzip (``.gz``). Blank lines are skipped. Bad rows become rejects with their line
number, column and reason; the caller decides how many rejects it accepts.
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

from safetyplan.errors import DataError
from safetyplan.warehouse.validate import Reject, check_facts, normalise_columns

REJECT_COLUMNS = ("line", "column", "reason")


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
        return write_rejects(self.rejects, target)


def read_facts_csv(
    path: str | Path,
    known_measures: Iterable[str] | None = None,
    extra_areas: Iterable[str] = (),
) -> FactsFile:
    """Read and check a facts file. Raises DataError only for file-level problems (missing,
    unreadable, not UTF-8, empty, a missing column); bad rows are rejects."""
    source = Path(path)
    if not source.is_file():
        raise DataError(f"{source}: bestand niet gevonden / file not found")
    table = _read_rows(source)
    raw = normalise_columns(
        pd.DataFrame(table.rows, columns=table.header, dtype=object), str(source)
    )
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


def write_rejects(rejects: Iterable[Reject], target: str | Path) -> Path:
    """Rejects as CSV: line, column, reason (UTF-8)."""
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REJECT_COLUMNS)
        for reject in rejects:
            writer.writerow([reject.line, reject.column, reject.reason])
    return out


@dataclass
class _Rows:
    header: list[str]
    rows: list[list[str]]
    lines: np.ndarray
    separator: str
    rejects: list[Reject]


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open("r", encoding="utf-8-sig", newline="")


def _read_rows(path: Path) -> _Rows:
    """Parse with the csv module: exact line numbers, rows of the wrong width as rejects."""
    try:
        with _open_text(path) as handle:
            first = handle.readline()
            if not first.strip():
                raise DataError(
                    f"{path}, line 1: leeg bestand of geen kopregel / empty file or no header"
                )
            separator = _separator(first)
            header = next(csv.reader([first], delimiter=separator))
            return _collect_rows(handle, header, separator)
    except UnicodeDecodeError as exc:
        line = _undecodable_line(path)
        raise DataError(
            f"{path}, line {line}: geen UTF-8 / not UTF-8 text ({exc.reason}); "
            "save the file as UTF-8"
        ) from exc
    except csv.Error as exc:
        raise DataError(f"{path}: kapotte CSV / broken CSV: {exc}") from exc
    except (OSError, EOFError) as exc:
        raise DataError(f"{path}: onleesbaar / unreadable: {exc}") from exc


def _collect_rows(handle, header: list[str], separator: str) -> _Rows:
    width = len(header)
    rows, lines, rejects = [], [], []
    reader = csv.reader(handle, delimiter=separator)
    start = 2  # the header was line 1; reader.line_num counts from after it
    for record in reader:
        line = start + reader.line_num - 1 - (record_lines(record) - 1)
        if not any(field.strip() for field in record):
            continue  # blank line
        if len(record) != width:
            rejects.append(
                Reject(line, "*", f"verkeerd aantal velden / wrong number of fields: "
                                  f"{len(record)} (expected {width})")
            )
            continue
        rows.append(record)
        lines.append(line)
    return _Rows(header, rows, np.asarray(lines, dtype=np.int64), separator, rejects)


def record_lines(record: list[str]) -> int:
    """How many physical lines a parsed record spanned (quoted fields may hold newlines)."""
    return 1 + sum(field.count("\n") for field in record)


def _undecodable_line(path: Path) -> int:
    """The first line that is not UTF-8 (only called on the error path)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def _separator(header: str) -> str:
    """';' when the header uses it more than ',' (Dutch spreadsheets), else ','."""
    return ";" if header.count(";") > header.count(",") else ","
