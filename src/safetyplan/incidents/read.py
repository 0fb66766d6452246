"""Streaming readers: a CSV or Parquet file as batches of text columns with their line numbers.

Memory stays flat whatever the file size: Arrow reads blocks of a few MB (CSV) or row groups
(Parquet) and the caller consumes one batch at a time.

Line numbers. For CSV, ``line`` is the record number with the header as line 1: the physical
line in the file, unless quoted values hold line breaks or the file has blank lines (those
are not counted). Records with the wrong number of fields are reported with their number and
skipped. For Parquet, ``line`` is the row number plus one (as if the file had a header line),
so that the same rows get the same numbers after a CSV export.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from safetyplan.errors import DataError

BLOCK_BYTES = 16 << 20
PARQUET_BATCH_ROWS = 262_144


@dataclass
class StructuralReject:
    line: int
    reason: str


@dataclass
class IncidentFile:
    """An open incident file: its header and a stream of (batch, lines)."""

    path: Path
    kind: str  # "csv" | "parquet"
    columns: list[str]
    size: int
    delimiter: str = ","
    encoding: str = "utf-8"
    structural: list[StructuralReject] = field(default_factory=list)
    bytes_read: int = 0

    def batches(self, wanted: list[str]) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
        """Batches of the ``wanted`` file columns as text, with each row's line number."""
        if self.kind == "parquet":
            yield from self._parquet_batches(wanted)
        else:
            yield from self._csv_batches(wanted)

    # -- CSV -------------------------------------------------------------------------------

    def _csv_batches(self, wanted: list[str]) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
        """Chunks of whole records (cut at a newline outside quotes), each parsed on its own:
        memory holds one chunk, whatever the file size. (Arrow's own streaming reader reads
        ahead of a slow consumer without bound: the whole file ends up in memory.)"""
        raw = open(self.path, "rb")  # noqa: SIM115 - closed below
        handle = gzip.GzipFile(fileobj=raw) if self.path.suffix == ".gz" else raw
        try:
            data = _skip_header(handle)
            next_line = 2
            while True:
                block = handle.read(BLOCK_BYTES)
                data += block
                cut = len(data) if not block else _last_record_end(data)
                chunk, data = data[:cut], data[cut:]
                if chunk.strip():
                    batch, lines = self._parse_chunk(chunk, wanted, next_line)
                    next_line = int(lines[-1]) + 1 if len(lines) else next_line
                    next_line = max([next_line, *(r.line + 1 for r in self.structural[-1:])])
                    self.bytes_read = raw.tell()
                    if batch.num_rows:
                        yield batch, lines
                if not block:
                    break
        finally:
            handle.close()
            raw.close()

    def _parse_chunk(self, chunk: bytes, wanted: list[str],
                     first_line: int) -> tuple[pa.RecordBatch, np.ndarray]:
        skipped: list[int] = []

        def invalid_row(row) -> str:
            number = first_line + int(row.number) - 1
            skipped.append(number)
            self.structural.append(StructuralReject(
                number, f"verkeerd aantal velden / wrong number of fields: {row.actual_columns} "
                        f"(expected {row.expected_columns})"))
            return "skip"

        try:
            table = pacsv.read_csv(
                pa.py_buffer(chunk),
                read_options=pacsv.ReadOptions(column_names=self.columns, use_threads=False,
                                               encoding=self.encoding,
                                               block_size=max(len(chunk) + 1, 1 << 20)),
                parse_options=pacsv.ParseOptions(delimiter=self.delimiter,
                                                  newlines_in_values=True,
                                                  invalid_row_handler=invalid_row),
                convert_options=pacsv.ConvertOptions(
                    column_types={c: pa.string() for c in self.columns},
                    include_columns=wanted, strings_can_be_null=False,
                    quoted_strings_can_be_null=False),
            )
        except pa.ArrowInvalid as exc:
            raise _read_error(exc, self.path) from None
        batch = table.combine_chunks().to_batches()
        batch = batch[0] if batch else pa.RecordBatch.from_pylist(
            [], schema=pa.schema([(c, pa.string()) for c in wanted]))
        lines, _ = _number(batch.num_rows, first_line, skipped)
        return batch, lines

    # -- Parquet ---------------------------------------------------------------------------

    def _parquet_batches(self, wanted: list[str]) -> Iterator[tuple[pa.RecordBatch, np.ndarray]]:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(self.path)
        start = 2
        total_rows = max(parquet.metadata.num_rows, 1)
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
            text = [_as_text(col) for col in batch.columns]
            lines = np.arange(start, start + batch.num_rows, dtype=np.int64)
            start += batch.num_rows
            self.bytes_read = int(self.size * min(1.0, (start - 2) / total_rows))
            yield pa.RecordBatch.from_arrays(text, names=batch.schema.names), lines


def open_incident_file(path: str | Path, delimiter: str | None = None,
                       encoding: str = "utf-8") -> IncidentFile:
    """Open a CSV (optionally .gz) or Parquet file and read its header."""
    source = Path(path)
    if not source.is_file():
        raise DataError(f"{source}: bestand niet gevonden / file not found")
    size = source.stat().st_size
    if _is_parquet(source):
        import pyarrow.parquet as pq

        try:
            schema = pq.read_schema(source)
        except (pa.ArrowInvalid, OSError) as exc:
            raise DataError(f"{source}: geen leesbaar Parquet / not a readable Parquet "
                            f"file: {exc}") from None
        return IncidentFile(source, "parquet", list(schema.names), size)
    header = _first_line(source, encoding)
    if not header.strip():
        raise DataError(f"{source}, line 1: leeg bestand of geen kopregel / "
                        "empty file or no header")
    sep = delimiter or _sniff_delimiter(header)
    import csv

    columns = next(csv.reader([header], delimiter=sep))
    columns = [c.lstrip("\ufeff") for c in columns]
    if len(set(columns)) != len(columns):
        doubled = sorted({c for c in columns if columns.count(c) > 1})
        raise DataError(f"{source}, line 1: kolom dubbel / duplicate column(s): "
                        f"{', '.join(doubled)}")
    return IncidentFile(source, "csv", columns, size, delimiter=sep, encoding=encoding)


# -- helpers -------------------------------------------------------------------------------


def _read_error(exc: pa.ArrowInvalid, path: Path) -> DataError:
    message = str(exc)
    if "UTF8" in message or "utf8" in message.lower():
        return DataError(
            f"{path}: geen UTF-8 / not UTF-8 text ({message.splitlines()[0]}); save the "
            "file as UTF-8 or set csv.encoding in the mapping file (e.g. latin-1)")
    return DataError(f"{path}: kapotte CSV / broken CSV: {message.splitlines()[0]}")


def _last_record_end(data: bytes) -> int:
    """Index just after the last newline that lies outside quotes (0: none yet). A chunk
    starts at a record boundary, so quotes are balanced wherever their count is even.
    Walks back from the end one newline at a time (usually one step), counting quotes in C."""
    end = data.rfind(b"\n")
    if end < 0:
        return 0
    quotes = data.count(b'"', 0, end)
    while quotes % 2:
        previous = data.rfind(b"\n", 0, end)
        if previous < 0:
            return 0
        quotes -= data.count(b'"', previous, end)
        end = previous
    return end + 1


def _skip_header(handle) -> bytes:
    """Read past the header record; returns what was read after it."""
    data = b""
    while True:
        block = handle.read(min(1 << 16, BLOCK_BYTES))
        data += block
        bytes_ = np.frombuffer(data, dtype=np.uint8)
        quotes = np.cumsum(bytes_ == 34)
        newlines = np.flatnonzero(bytes_ == 10)
        ends = newlines[quotes[newlines] % 2 == 0]
        if len(ends):
            return data[int(ends[0]) + 1:]
        if not block:
            return b""


def _number(n: int, next_line: int, skipped: list[int]) -> tuple[np.ndarray, int]:
    """Line numbers of ``n`` good records starting at ``next_line``, stepping over the
    record numbers the parser skipped as invalid (reported before their batch arrives)."""
    lines = np.arange(next_line, next_line + n, dtype=np.int64)
    for number in sorted(s for s in skipped if s >= next_line):
        lines[lines >= number] += 1
    last = int(lines[-1]) if n else next_line - 1
    return lines, last + 1


def _as_text(column: pa.Array) -> pa.Array:
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column.cast(pa.string())
    if pa.types.is_dictionary(column.type):
        return _as_text(column.dictionary_decode())
    if pa.types.is_timestamp(column.type) and column.type.tz is not None:
        column = pc.local_timestamp(column)
    return pc.cast(column, pa.string())


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
        raise DataError(f"{path}: onleesbaar / unreadable: {exc}") from None
    try:
        return raw.decode(encoding).lstrip("\ufeff").rstrip("\r\n")
    except (UnicodeDecodeError, LookupError) as exc:
        raise DataError(f"{path}, line 1: kan niet lezen als / cannot decode as {encoding}: "
                        f"{exc}; set csv.encoding in the mapping file") from None


def _sniff_delimiter(header: str) -> str:
    """The most frequent of ',', ';' and tab in the header (Dutch spreadsheets use ';')."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","
