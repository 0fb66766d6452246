# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The one way our importers read a CSV file (ADR 0015).

Used by ``ingest facts`` (:mod:`safetyplan.sources.facts_csv`), ``ingest incidents``
(:mod:`safetyplan.incidents.read`, which sniffs here and leaves the reading to DuckDB),
``service import`` (:mod:`safetyplan.web.meldingen.importer`) and ``events import``
(:mod:`safetyplan.events.exchange`):

- one delimiter sniffer, :func:`sniff_delimiter`: the most frequent of ``,``, ``;`` and tab in
  the header line, outside double quotes; ``,`` on a tie or when there is none;
- one reader, :func:`read_rows`: UTF-8 with or without BOM, the sniffed delimiter, quoted
  fields (also over several lines), each record with the line it starts on;
- one reject record, :class:`Reject` (file, line, id, column, value, reason), and one rejects
  file, :func:`write_rejects` (columns :data:`REJECT_COLUMNS`);
- one set of yes/no words, :data:`YES_WORDS` / :data:`NO_WORDS` and :func:`yes_no`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from safetyplan.csvsafe import allow_long_fields, field_too_long_message, safe_row, too_long
from safetyplan.errors import DataError
from safetyplan.i18n import N_, _

DELIMITERS = (",", ";", "\t")  # on a tie the first wins: ',' before ';' before tab
_QUOTED = re.compile(r'"[^"]*"')

# Yes/no words, compared after strip() and lower(). Spreadsheets write 1.0 and 0.0 for a
# number column of ones and zeros. An empty cell is neither: each caller says what it means.
YES_WORDS = frozenset({"1", "1.0", "true", "t", "yes", "y", "ja", "j", "waar"})
NO_WORDS = frozenset({"0", "0.0", "false", "f", "no", "n", "nee", "onwaar"})

# id: the record's own key where the format has one (a report's external_id, an incident's
# id), so that the row can be found in the system that exported it
REJECT_COLUMNS = ("file", "line", "id", "column", "value", "reason")
# Python's words for a UTF-8 error (UnicodeDecodeError.reason), for people
DECODE_ERRORS = {
    "invalid start byte": N_("invalid start byte"),
    "invalid continuation byte": N_("invalid continuation byte"),
    "unexpected end of data": N_("unexpected end of data"),
}


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV file from its header line (Dutch spreadsheets use ';')."""
    bare = _QUOTED.sub("", header)  # a quoted column name may hold any of them
    counts = {sep: bare.count(sep) for sep in DELIMITERS}
    best = max(counts, key=counts.get)  # max() keeps the first of equal counts
    return best if counts[best] else ","


def yes_no(text: str | None) -> bool | None:
    """True for a yes word, False for a no word, None for anything else (empty included)."""
    word = (text or "").strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


class Reject(NamedTuple):
    """One problem in one record: where (file, line, the record's id, column), the text and
    what is wrong.

    ``column`` is ``*`` for the whole record and empty when the problem has no one column;
    ``value`` is empty when the reason already says it or there is no single cell; ``id``
    is empty where the format has no key."""

    line: int
    column: str
    reason: str
    value: str = ""
    file: str = ""
    id: str = ""

    def __str__(self) -> str:
        if self.file:
            place = _("{file}, line {line}").format(file=self.file, line=self.line)
        else:
            place = _("line {line}").format(line=self.line)
        if self.column:
            place += _(", column {column}").format(column=self.column)
        return f"{place}: {self.reason}"

    def row(self) -> list:
        return [self.file, self.line, self.id, self.column, self.value, self.reason]


def write_rejects(rejects: Iterable[Reject], target: str | Path, file: str = "") -> Path:
    """The rejects file: CSV (UTF-8) with :data:`REJECT_COLUMNS`; ``file`` fills in rejects
    that do not name theirs. Cells are spreadsheet-safe: they echo the input's text."""
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REJECT_COLUMNS)
        for reject in rejects:
            writer.writerow(safe_row((reject if reject.file else reject._replace(file=file)).row()))
    return out


def read_text(path: str | Path) -> str:
    """A file's text (UTF-8, a BOM dropped), or a DataError naming the first bad line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(
            _("{file}: unreadable: {error}").format(file=path, error=exc.strerror or exc)
        ) from None
    return decode(data, str(path))


def decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            _("{file}, line {line}: not UTF-8 text ({error}); save the file as UTF-8").format(
                file=source, line=line, error=_(DECODE_ERRORS.get(exc.reason, exc.reason))
            )
        ) from None


def records(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """Every record of ``text`` (the header included) with the line it starts on: a quoted
    field may span lines, and ``csv.reader.line_num`` counts where a record ends."""
    allow_long_fields()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ended = 0
    try:
        for record in reader:
            yield ended + 1, record
            ended = reader.line_num
    except csv.Error as exc:
        raise DataError(
            _("{file}, line {line}: broken CSV: {error}").format(
                file=source, line=ended + 1, error=exc
            )
        ) from None


@dataclass
class Row:
    """A record as ``{column: text}`` (short records: missing columns are None; long ones:
    the surplus under the key None, like csv.DictReader), or the reject of a long field."""

    line: int
    fields: dict
    reject: Reject | None = None


@dataclass
class Rows:
    """A CSV text's header (names stripped) and its records after the header; blank lines
    are skipped."""

    source: str
    header: list[str]
    delimiter: str
    _records: Iterator[tuple[int, list[str]]]

    def __iter__(self) -> Iterator[Row]:
        width = len(self.header)
        for line, record in self._records:
            if not record:
                continue
            fields = dict(zip(self.header, record, strict=False))
            for name in self.header[len(record) :]:
                fields[name] = None
            if len(record) > width:
                fields[None] = record[width:]
            column = too_long(fields)
            reject = None
            if column is not None:
                reject = Reject(line, column, field_too_long_message(column), file=self.source)
            yield Row(line, fields, reject)


def read_rows(text: str, source: str, delimiter: str | None = None) -> Rows:
    """The rows of CSV ``text`` (from :func:`read_text`); ``source`` names it in messages."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip():
        raise DataError(_("{file}, line 1: empty file or no header").format(file=source))
    delimiter = delimiter or sniff_delimiter(first)
    found = records(text, delimiter, source)
    _first_line, header = next(found)
    return Rows(source, [name.strip() for name in header], delimiter, found)
