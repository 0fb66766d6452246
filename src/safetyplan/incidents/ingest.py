"""``safetyplan ingest incidents``: a CSV or Parquet export streamed into the warehouse.

One pass over the file, batch by batch (memory stays flat): each batch is checked and
converted (:mod:`.parse`), its points are assigned to buurt / wijk / municipality (:mod:`.geo`)
and its good rows are inserted inside one open transaction, which replaced the source's old
rows first. Rejects stream to the rejects file. At the end duplicate ids are found in SQL, the
facts are aggregated (:mod:`.aggregate`, Ibis on DuckDB) and loaded as source
``incidents.<source>``. With more rejected rows than ``max_rejects`` the transaction is rolled
back: nothing is loaded, and the scan still runs to the end so that every bad row is named.
"""

from __future__ import annotations

import csv
import queue
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from safetyplan.errors import DataError
from safetyplan.warehouse import Reject, Warehouse, check_source_name

from . import aggregate, geo, store
from .mapping import LOCATIONS, MAPPABLE, REQUIRED, Mapping
from .parse import parse_batch
from .read import IncidentFile, open_incident_file

REJECT_COLUMNS = ("line", "column", "reason")
# DuckDB's share of a load's memory: beyond it DuckDB spills to disk, so that a load of
# tens of millions of rows stays within a laptop's memory (docs/incidents.md).
DUCKDB_MEMORY_LIMIT = "600MB"
Progress = Callable[[int, int], None]  # (bytes read, file size)


@dataclass
class IngestResult:
    """What a load did (or, when ``loaded`` is false, would have done)."""

    source: str
    file: str
    rows: int
    rejected: int
    loaded: bool
    replaced: int = 0
    first_at: str | None = None
    last_at: str | None = None
    resolution: str = "day"
    crime_types: int = 0
    with_buurt: int = 0
    with_municipality: int = 0
    without_area: int = 0
    facts: int = 0
    rejects_file: str | None = None
    first_rejects: list[Reject] = field(default_factory=list)

    def as_dict(self) -> dict:
        out = asdict(self)
        out["first_rejects"] = [r._asdict() for r in self.first_rejects]
        return out


class RejectsWriter:
    """Rejects streamed to CSV (line, column, reason); the file is only made when needed."""

    SHOWN = 10

    def __init__(self, target: Path):
        self.target = target
        self.count = 0
        self.first: list[Reject] = []
        self._handle = None
        self._writer = None
        if target.exists():
            target.unlink()  # a stale rejects file of an earlier run would mislead

    def write(self, rejects: list[Reject]) -> None:
        if not rejects:
            return
        if self._writer is None:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.target.open("w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._handle)
            self._writer.writerow(REJECT_COLUMNS)
        self._writer.writerows((r.line, r.column, r.reason) for r in rejects)
        self.count += len(rejects)
        self.first.extend(rejects[: max(0, self.SHOWN - len(self.first))])

    def close(self) -> None:
        self.first.sort(key=lambda r: r.line)
        if self._handle is not None:
            self._handle.close()


def default_rejects_path(path: Path) -> Path:
    return path.with_name(path.name + ".rejects.csv")


def ingest_incidents(path: str | Path, source: str, *, mapping: Mapping | None = None,
                     max_rejects: int = 0, warehouse: Warehouse,
                     rejects_path: str | Path | None = None,
                     progress: Progress | None = None) -> IngestResult:
    """Load one incident file as ``source`` (replacing it). Raises DataError when the file
    cannot be read at all or has more rejected rows than ``max_rejects`` (nothing loaded)."""
    check_source_name(source)
    mapping = mapping or Mapping.identity()
    file = open_incident_file(path, mapping.csv.delimiter, mapping.csv.encoding)
    wanted = file_columns(file, mapping)
    boundaries = geo.bundled()
    rejects = RejectsWriter(Path(rejects_path) if rejects_path else
                            default_rejects_path(file.path))
    con = warehouse.connection
    state = _State()
    previous_limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")  # spill, don't grow
    con.execute("SET enable_progress_bar = false")  # ours is on stderr already
    try:
        with warehouse.transaction():
            store.ensure_tables(con)
            con.execute("CREATE OR REPLACE TEMP TABLE _incident_ids (id VARCHAR, line BIGINT)")
            state.replaced = _delete_source(con, source)
            for parsed, structural, bytes_read in _prefetched(file, wanted, mapping,
                                                              boundaries):
                rejects.write(_structural_rejects(structural, state))
                rejects.write(parsed.rejects)
                state.rejected += parsed.rejected_rows
                state.month_only += parsed.month_only
                state.good += parsed.rows
                if state.rejected + len(file.structural) <= max_rejects:
                    _insert(con, source, parsed.columns)
                else:  # only the ids: duplicates are still named, nothing more is loaded
                    _insert_ids(con, parsed.columns)
                if progress:
                    progress(bytes_read, file.size)
            rejects.write(_structural(file, state))
            state.rejected += len(file.structural)
            duplicates = _duplicate_rejects(con, source)
            rejects.write(duplicates)
            state.rejected += len(duplicates)
            con.execute("DROP TABLE _incident_ids")
            result = _result(file, source, rejects, state, loaded=False)
            if state.rejected > max_rejects:
                raise TooManyRejects(result, max_rejects)
            _drop_duplicates(con, source, duplicates)
            _finish(warehouse, source, mapping, file, state, result)
    finally:
        rejects.close()
        con.execute(f"SET memory_limit = '{previous_limit}'")
        con.execute("RESET enable_progress_bar")
    if progress:
        progress(file.size, file.size)
    return result


def _parsed_batches(file: IncidentFile, wanted: dict[str, str], mapping: Mapping,
                    boundaries: geo.Boundaries):
    for batch, lines in file.batches(list(wanted)):
        renamed = pa.RecordBatch.from_arrays(batch.columns,
                                             names=[wanted[c] for c in batch.schema.names])
        yield parse_batch(renamed, lines, mapping, boundaries)


_DONE = object()


def _prefetched(file: IncidentFile, wanted: dict[str, str], mapping: Mapping,
                boundaries: geo.Boundaries):
    """The parsed batches with the structural rejects found up to each and the bytes read,
    made one batch ahead in a worker thread: reading and checking the next batch overlaps
    DuckDB inserting this one (both release the GIL for much of their work). The queue
    holds one batch, so memory stays flat."""
    batches: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                batches.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        seen = 0
        try:
            for parsed in _parsed_batches(file, wanted, mapping, boundaries):
                new = file.structural[seen:]
                seen += len(new)
                if not put((parsed, new, file.bytes_read)):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)

    worker = threading.Thread(target=produce, name="incident-reader", daemon=True)
    worker.start()
    try:
        while (item := batches.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


class TooManyRejects(DataError):
    def __init__(self, result: IngestResult, limit: int):
        self.result = result
        super().__init__(
            f"{result.file}: {result.rejected} afgekeurde regel(s) / rejected row(s), meer dan "
            f"/ more than --max-rejects {limit}: niets geladen / nothing loaded. "
            f"Zie / see {result.rejects_file}")


@dataclass
class _State:
    replaced: int = 0
    rejected: int = 0
    month_only: int = 0
    good: int = 0
    structural_written: int = 0


def file_columns(file: IncidentFile, mapping: Mapping) -> dict[str, str]:
    """{file column: canonical name} of the columns to read; a located error when the
    header lacks a required column or any location."""
    present = {c: mapping.column_for(c) for c in MAPPABLE
               if mapping.column_for(c) in file.columns and c not in mapping.constants}
    available = set(present) | set(mapping.constants)
    missing = [c for c in REQUIRED if c not in available
               and not (c == "id" and mapping.missing_id == "line")]
    if not any(all(c in available for c in group) for group in LOCATIONS):
        missing.append("x,y | lat,lon | buurt | municipality")
    if missing:
        where = f" (mapping {mapping.origin})" if mapping.origin else ""
        raise DataError(
            f"{file.path}, line 1: kolom ontbreekt / missing column(s) {'; '.join(missing)}"
            f"{where}; found: {', '.join(file.columns)}")
    return {column: canonical for canonical, column in present.items()}


def _structural(file: IncidentFile, state: _State) -> list[Reject]:
    return _structural_rejects(file.structural[state.structural_written:], state)


def _structural_rejects(new: list, state: _State) -> list[Reject]:
    state.structural_written += len(new)
    return [Reject(r.line, "*", r.reason) for r in new]


def _delete_source(con, source: str) -> int:
    removed = con.execute("SELECT count(*) FROM incidents WHERE source = ?", [source]).fetchone()
    con.execute("DELETE FROM incidents WHERE source = ?", [source])
    return int(removed[0])


def _insert(con, source: str, columns: dict[str, np.ndarray]) -> None:
    n = len(columns["id"])
    if n == 0:
        return
    table = pa.table({  # the source is a query parameter: no column of n copies
        "id": pa.array(columns["id"], pa.string()),
        "line": pa.array(columns["line"], pa.int64()),
        "occurred_at": pa.array(columns["occurred_at"], pa.timestamp("s")),
        "crime_type": pa.array(columns["crime_type"], pa.string()),
        **{c: pa.array(columns[c], pa.float64(), from_pandas=True)
           for c in ("x", "y", "lat", "lon")},
        **{c: pa.array(columns[c], pa.string()) for c in ("buurt", "wijk", "municipality")},
        **{c: pa.array(columns[c], pa.bool_()) for c in ("solved", "attempt")},
    })
    con.register("_incoming_incidents", table)
    try:
        columns_sql = ", ".join(store.INCIDENT_COLUMNS)
        con.execute(f"INSERT INTO incidents ({columns_sql}) "
                    f"SELECT ?, {columns_sql.removeprefix('source, ')} FROM _incoming_incidents",
                    [source])
    finally:
        con.unregister("_incoming_incidents")


def _insert_ids(con, columns: dict[str, np.ndarray]) -> None:
    """Every good row's id and line, also once inserting has stopped, so that duplicate ids
    are named even when the load is refused for other rejects."""
    ids = pa.table({"id": pa.array(columns["id"], pa.string()),
                    "line": pa.array(columns["line"], pa.int64())})
    con.register("_incoming_ids", ids)
    try:
        con.execute("INSERT INTO _incident_ids SELECT id, line FROM _incoming_ids")
    finally:
        con.unregister("_incoming_ids")


def _duplicate_rejects(con, source: str) -> list[Reject]:
    """Every row whose id an earlier row already has (the first one is kept). A hash
    aggregate finds the doubled ids; only their rows are then sorted out."""
    rows = con.execute(
        """
        WITH seen AS (
            SELECT id, line FROM incidents WHERE source = ?
            UNION ALL SELECT id, line FROM _incident_ids),
        doubled AS (SELECT id FROM seen GROUP BY id HAVING count(*) > 1),
        lines AS (
            SELECT s.id, s.line, min(s.line) OVER (PARTITION BY s.id) AS first_line
            FROM seen s JOIN doubled d ON s.id = d.id)
        SELECT line, id, first_line FROM lines WHERE line > first_line ORDER BY line
        """, [source]).fetchall()
    return [Reject(int(line), "id", f"dubbel / duplicate id {ident!r} (ook op / also on line "
                                    f"{first})") for line, ident, first in rows]


def _drop_duplicates(con, source: str, duplicates: list[Reject]) -> None:
    if not duplicates:
        return
    lines = pa.table({"line": pa.array([r.line for r in duplicates], pa.int64())})
    con.register("_duplicate_lines", lines)
    try:
        con.execute("DELETE FROM incidents WHERE source = ? AND line IN "
                    "(SELECT line FROM _duplicate_lines)", [source])
    finally:
        con.unregister("_duplicate_lines")


def _result(file: IncidentFile, source: str, rejects: RejectsWriter, state: _State,
            loaded: bool) -> IngestResult:
    return IngestResult(source=source, file=str(file.path), rows=state.good,
                        rejected=state.rejected, loaded=loaded, replaced=state.replaced,
                        rejects_file=str(rejects.target) if rejects.count else None,
                        first_rejects=sorted(rejects.first, key=lambda r: r.line))


def _finish(warehouse: Warehouse, source: str, mapping: Mapping, file: IncidentFile,
            state: _State, result: IngestResult) -> None:
    con = warehouse.connection
    stats = con.execute(
        """
        SELECT count(*), min(occurred_at), max(occurred_at), count(DISTINCT crime_type),
               count(buurt), count(municipality) - count(buurt),
               count(*) - count(municipality)
        FROM incidents WHERE source = ?
        """, [source]).fetchone()
    rows = int(stats[0])
    if rows == 0:
        raise DataError(f"{file.path}: geen geldige regels / no valid rows: niets geladen / "
                        "nothing loaded")
    resolution = "month" if mapping.resolution == "month" or state.month_only else "day"
    facts = aggregate.write_facts(con, source, store.facts_source(source),
                                  mapping.classification, weekly=resolution == "day",
                                  origin=str(file.path))
    con.execute("INSERT OR REPLACE INTO incident_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [source, str(file.path), rows, state.rejected, datetime.now().replace(
                    microsecond=0), stats[1], stats[2], resolution, mapping.classification])
    result.rows = rows
    result.loaded = True
    result.first_at = _iso(stats[1])
    result.last_at = _iso(stats[2])
    result.resolution = resolution
    result.crime_types = int(stats[3])
    result.with_buurt = int(stats[4])
    result.with_municipality = int(stats[5])
    result.without_area = int(stats[6])
    result.facts = facts


def _iso(value) -> str | None:
    return None if value is None else pd.Timestamp(value).isoformat()


def read_incidents_frame(path: str | Path, mapping: Mapping | None = None,
                         max_rejects: int = 0, crime_type: str | None = None) -> pd.DataFrame:
    """A whole incident file, checked like a load, as one DataFrame (for analyses that need
    no warehouse, such as ``hotspots evaluate``). More rejects than ``max_rejects``: a
    DataError naming the first ones."""
    mapping = mapping or Mapping.identity()
    file = open_incident_file(path, mapping.csv.delimiter, mapping.csv.encoding)
    wanted = file_columns(file, mapping)
    boundaries = geo.bundled()
    parts, rejects, rejected = [], [], 0
    for batch, lines in file.batches(list(wanted)):
        renamed = pa.RecordBatch.from_arrays(batch.columns,
                                             names=[wanted[c] for c in batch.schema.names])
        parsed = parse_batch(renamed, lines, mapping, boundaries)
        rejected += parsed.rejected_rows
        rejects.extend(parsed.rejects[:RejectsWriter.SHOWN])
        frame = pd.DataFrame(parsed.columns)
        if crime_type:
            frame = frame[frame["crime_type"].str.lower() == crime_type.lower()]
        parts.append(frame)
    rejected += len(file.structural)
    rejects.extend(Reject(r.line, "*", r.reason) for r in file.structural[:RejectsWriter.SHOWN])
    if rejected > max_rejects:
        listed = "\n".join(f"  line {r.line}, {r.column}: {r.reason}"
                           for r in sorted(rejects, key=lambda r: r.line)[:RejectsWriter.SHOWN])
        raise DataError(f"{file.path}: {rejected} afgekeurde regel(s) / rejected row(s), meer "
                        f"dan / more than --max-rejects {max_rejects}:\n{listed}")
    frame = pd.concat(parts, ignore_index=True)
    frame["occurred_at"] = pd.to_datetime(frame["occurred_at"])
    return frame
