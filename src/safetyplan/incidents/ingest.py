# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan ingest incidents``: a CSV or Parquet export loaded into the warehouse.

One statement does the heavy work: DuckDB reads the file (:mod:`.read`), checks and converts
every row and assigns its point to buurt / wijk / municipality (:mod:`.parse`,
:mod:`.area_index`), and writes the result as a new table beside the source's old one, rows
with problems included and marked. Then, still in the same transaction: line numbers, the
duplicate-id check, the rejects file; with more rejected rows than ``max_rejects`` the
transaction is rolled back (nothing loaded, every bad row named). Otherwise the bad rows are
dropped, the new table takes the old one's place, and the facts are aggregated
(:mod:`.aggregate`, Ibis on DuckDB) and loaded as source ``incidents.<source>``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from safetyplan.errors import DataError
from safetyplan.i18n import _, ngettext
from safetyplan.warehouse import Reject, Warehouse, check_source_name

from . import aggregate, area_index, parse, read, tables
from .mapping import LOCATIONS, MAPPABLE, REQUIRED, Mapping
from .read import IncidentFile, literal, open_incident_file, reason_sql

log = logging.getLogger(__name__)

SHOWN_REJECTS = 10
# DuckDB's share of a load's memory: beyond it DuckDB spills to disk, so that a load of
# tens of millions of rows stays within a laptop's memory (docs/incidents.md).
DUCKDB_MEMORY_LIMIT = "1GB"
Progress = Callable[[int, int], None]  # (work done, total work): bytes of the file


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
    located_nearest: int = 0  # points in a gap of the boundary layers, given the nearest area
    facts: int = 0
    rejects_file: str | None = None
    first_rejects: list[Reject] = field(default_factory=list)

    def as_dict(self) -> dict:
        out = asdict(self)
        out["first_rejects"] = [r._asdict() for r in self.first_rejects]
        return out


class TooManyRejects(DataError):
    def __init__(self, result: IngestResult, limit: int):
        self.result = result
        super().__init__(
            ngettext(
                "{file}: {n} rejected row, more than --max-rejects {max}: nothing loaded. "
                "See {target}",
                "{file}: {n} rejected rows, more than --max-rejects {max}: nothing loaded. "
                "See {target}",
                result.rejected,
            ).format(file=result.file, n=result.rejected, max=limit, target=result.rejects_file)
        )


def default_rejects_path(path: Path) -> Path:
    return path.with_name(path.name + ".rejects.csv")


def ingest_incidents(
    path: str | Path,
    source: str,
    *,
    mapping: Mapping | None = None,
    max_rejects: int = 0,
    warehouse: Warehouse,
    rejects_path: str | Path | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Load one incident file as ``source`` (replacing it). Raises DataError when the file
    cannot be read at all or has more rejected rows than ``max_rejects`` (nothing loaded)."""
    check_source_name(source)
    mapping = mapping or Mapping.identity()
    file = open_incident_file(path, mapping.csv.delimiter, mapping.csv.encoding)
    wanted = file_columns(file, mapping)
    target = Path(rejects_path) if rejects_path else default_rejects_path(file.path)
    if target.exists():
        target.unlink()  # a stale rejects file of an earlier run would mislead
    con = warehouse.connection
    staging = tables.source_table(f"{source}:load")
    # The new table is committed as soon as it is written, under its staging name, so that
    # the steps after it scan it on all threads (DuckDB scans a table not yet committed on
    # one). Nothing a reader or a later load sees changes before the final commit: a failed
    # load drops the staging tables again. Inside a caller's transaction: one transaction.
    early_commit = not warehouse.transaction_open
    try:
        with _load_settings(con), warehouse.transaction():
            result = _load(
                con, file, wanted, mapping, source, staging, target, progress, early_commit
            )
            summary = _summary(con, staging, mapping)
            result.rows = summary.rows
            if result.rejected > max_rejects:
                raise TooManyRejects(result, max_rejects)
            if result.rows == 0:
                raise DataError(_("{file}: no valid rows: nothing loaded").format(file=file.path))
            _group(con, staging, summary)  # not committed early: no gain (ADR 0006)
            tables.ensure_tables(con)
            _swap_in(con, source, staging, file, mapping, result, summary)
    except BaseException:
        if early_commit:
            _drop_staging(con, staging)
        raise
    if progress:
        progress(file.size, file.size)
    return result


def _load(
    con,
    file: IncidentFile,
    wanted: dict[str, str],
    mapping: Mapping,
    source: str,
    staging: str,
    target: Path,
    progress: Progress | None,
    early_commit: bool,
) -> IngestResult:
    """The checked rows in the staging tables, duplicates marked, rejects counted and
    written to ``target``; ``early_commit``: the new table is committed once written."""
    # With the table committed early, a second connection looks for doubled ids while this
    # one settles the open points (ids numbered by line are only known after that).
    probe = _DuplicateProbe(con, staging) if early_commit and mapping.missing_id != "line" else None

    def on_written() -> None:
        con.commit()
        con.begin()
        if probe:
            probe.start()

    try:
        checked = check_file(
            con,
            file,
            wanted,
            mapping,
            staging,
            progress,
            constant_source=source,
            written=on_written if early_commit else None,
        )
    finally:
        if probe:
            probe.wait()
    if probe is None or probe.may_have_doubles():
        duplicates_marked(con, staging)
    result = IngestResult(source=source, file=str(file.path), rows=0, rejected=0, loaded=False)
    result.rejected = rejected_rows(con, staging, checked)
    if result.rejected:
        result.first_rejects = write_rejects(con, staging, checked, target, str(file.path))
        result.rejects_file = str(target)
    return result


class _DuplicateProbe:
    """Whether the good rows of a committed staging table may hold a doubled id, asked on
    a connection of its own in a thread. Its rows are a superset of the final good rows
    (settling the open points only adds rejects), so "no double" here holds for the load;
    otherwise :func:`duplicates_marked` searches as usual."""

    def __init__(self, con, table: str):
        self._con = con
        self._ids = f"SELECT id FROM {table} WHERE reject IS NULL"
        self._doubled = True
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        cursor = self._con.cursor()
        self._thread = threading.Thread(
            target=self._run, args=(cursor,), name="incident-duplicates", daemon=True
        )
        self._thread.start()

    def _run(self, cursor) -> None:
        try:
            cursor.begin()  # the count and the hashes of may_have_doubled_ids: one snapshot
            self._doubled = may_have_doubled_ids(cursor, self._ids)
            cursor.rollback()  # it only read
        except BaseException as exc:  # handed to the load's thread by may_have_doubles
            self._error = exc
        finally:
            cursor.close()

    def wait(self) -> None:
        """Let the query end (a failed load drops the table it reads)."""
        if self._thread is not None:
            self._thread.join()

    def may_have_doubles(self) -> bool:
        if self._thread is None:
            return True
        self.wait()
        if self._error is not None:
            raise self._error
        return self._doubled


# Ids whose hashes are sorted in memory (8 bytes each) to look for a doubled one; more go
# to DuckDB's hash aggregate, which may spill to disk. Fetched in batches of HASH_BATCH.
HASHES_IN_MEMORY = 25_000_000
HASH_BATCH = 1_000_000


def may_have_doubled_ids(con, ids: str) -> bool:
    """Whether the ids of query ``ids`` (a column ``id``) may hold a doubled one: two equal
    64-bit hashes (different ids with one hash merely send the load to the full search).
    The hashes are sorted in numpy: 0.25 CPU s per 5 million ids, where DuckDB's
    ``count(DISTINCT hash(id))`` took 0.8 (ADR 0006). Run it inside a transaction: the
    ids are counted, then their hashes fetched (more hashes than counted: True)."""
    rows = con.execute(f"SELECT count(*) FROM ({ids})").fetchone()[0]
    if rows > HASHES_IN_MEMORY:
        total, distinct = con.execute(
            f"SELECT count(*), count(DISTINCT hash(id)) FROM ({ids})"
        ).fetchone()
        return total != distinct
    hashes = np.empty(rows, dtype=np.uint64)
    filled = 0
    for batch in con.execute(f"SELECT hash(id) AS h FROM ({ids})").to_arrow_reader(HASH_BATCH):
        part = batch.column(0).to_numpy()
        if filled + len(part) > rows:  # not one snapshot: the full search decides
            return True
        hashes[filled : filled + len(part)] = part
        filled += len(part)
    hashes = hashes[:filled]
    hashes.sort()
    return bool((hashes[1:] == hashes[:-1]).any())


def _drop_staging(con, staging: str) -> None:
    """Drop the staging tables of a failed load (committed early: see ingest_incidents)."""
    try:
        for name in (staging, parse.settled_table(staging), parse.areas_table(staging), GROUPED):
            con.execute(f"DROP TABLE IF EXISTS {name}")
    except duckdb.Error:
        # the warehouse is then abandoned unpublished (Warehouse.__exit__), the next load
        # replaces the tables: nothing is lost, but say so
        log.exception("could not drop the staging tables %s of a failed load", staging)


def file_columns(file: IncidentFile, mapping: Mapping) -> dict[str, str]:
    """{file column: canonical name} of the columns to read; a located error when the
    header lacks a required column or any location."""
    present = {
        c: mapping.column_for(c)
        for c in MAPPABLE
        if mapping.column_for(c) in file.columns and c not in mapping.constants
    }
    available = set(present) | set(mapping.constants)
    missing = [
        c
        for c in REQUIRED
        if c not in available and not (c == "id" and mapping.missing_id == "line")
    ]
    if not any(all(c in available for c in group) for group in LOCATIONS):
        missing.append("x,y | lat,lon | buurt | municipality")
    if missing:
        where = _(" (mapping file {file})").format(file=mapping.origin) if mapping.origin else ""
        raise DataError(
            _("{file}, line 1: missing column(s) {columns}{mapping}; found: {found}").format(
                file=file.path,
                columns="; ".join(missing),
                mapping=where,
                found=", ".join(file.columns),
            )
        )
    return {column: canonical for canonical, column in present.items()}


# -- the steps ------------------------------------------------------------------------------


def check_file(
    con,
    file: IncidentFile,
    wanted: dict[str, str],
    mapping: Mapping,
    table: str,
    progress: Progress | None = None,
    constant_source: str | None = None,
    written: Callable[[], None] | None = None,
) -> list[Reject]:
    """Read, check and locate every row of ``file`` into the new table ``table`` (with
    ``reject``), number the lines; returns the records the reader itself skipped.
    ``written`` is called once the table is written (the load commits it there)."""
    index = area_index.register(con)
    read.drop_reject_tables(con)
    con.execute(f"DROP TABLE IF EXISTS {table}")
    select = parse.checked_sql(
        file.relation_sql(wanted),
        set(wanted.values()),
        mapping,
        date.today(),
        index,
        numbered=file.kind != "csv",  # a CSV's lines: _number_lines
    )
    parse.write_areas(con, table, constant_source)  # the source's name is read from there too
    # The file's rows must reach the table in file order (CSV line numbers come from it):
    # the file side stays the probe side of the tile joins, which keeps its order. (Reset
    # below; after a failure, which leaves the transaction aborted, by _restore_settings.)
    con.execute("SET disabled_optimizers = 'join_order,build_side_probe_side'")
    try:
        create = _create_sql(con, table, select)  # binding the SELECT opens the file
    except duckdb.Error as exc:
        raise _read_error(exc, file) from None
    con.execute(create)
    try:
        with _reporting(con, file.size, progress):
            con.execute(f"INSERT INTO {table} {select}")
    except duckdb.Error as exc:
        raise _read_error(exc, file) from None
    con.execute("RESET disabled_optimizers")
    if written:
        written()
    structural = read.structural_rejects(con, file)
    if file.kind == "csv":
        _number_lines(con, table, structural, mapping)
    parse.settle_points(con, table, mapping)
    return structural


# Compression named for columns where DuckDB's choice costs more than it finds: for ids,
# all different, it tries a dictionary of every value first (0.3 s per 5 million rows,
# ADR 0006) before it takes FSST; where FSST cannot compress it stores them uncompressed.
COMPRESSION = {"id": "fsst"}


def _create_sql(con, table: str, select: str) -> str:
    """``CREATE TABLE`` for the rows of ``select`` (its column types, bound not run), with
    :data:`COMPRESSION`."""
    columns = ", ".join(
        f"{read.ident(name)} {kind}"
        + (f" USING COMPRESSION {COMPRESSION[name]}" if name in COMPRESSION else "")
        for name, kind, *_ in con.execute(f"DESCRIBE {select}").fetchall()
    )
    return f"CREATE TABLE {table} ({columns})"


def _number_lines(con, table: str, structural: list[Reject], mapping: Mapping):
    """Record numbers from the table's row order (DuckDB keeps the file's order), stepping
    over the records the reader skipped: with none, only the offset of ``rowid``
    (:func:`parse.line_sql`); otherwise written into every row, in a column ``line`` added
    for them (the load writes none for a CSV: :func:`parse.written_columns`)."""
    base = f"(SELECT min(rowid) FROM {table})"
    con.execute(f"UPDATE {parse.areas_table(table)} SET line_base = 2")
    if structural:
        if "line" not in parse.stored_columns(con, table):
            con.execute(f"ALTER TABLE {table} ADD COLUMN line BIGINT")
        # good row k (0-based) is preceded by the skipped records j with c_j <= k, where
        # c_j = line_j - 2 - j is the number of good rows before skipped record j
        skipped = sorted(r.line for r in structural)
        cuts = pa.table(
            {
                "c": pa.array([b - 2 - j for j, b in enumerate(skipped)], pa.int64()),
                "n": pa.array(range(1, len(skipped) + 1), pa.int64()),
            }
        )
        con.register("_skipped_records", cuts)
        try:
            con.execute(f"""
                CREATE OR REPLACE TEMP TABLE _record_lines AS
                SELECT g.rid, g.k + 2 + coalesce(s.n, 0) AS line
                FROM (SELECT rowid AS rid, rowid - {base} AS k FROM {table}) g
                ASOF LEFT JOIN _skipped_records s ON g.k >= s.c""")
            con.execute(
                f"UPDATE {table} SET line = l.line FROM _record_lines l WHERE {table}.rowid = l.rid"
            )
            con.execute("DROP TABLE _record_lines")
        finally:
            con.unregister("_skipped_records")
    if mapping.missing_id == "line":
        con.execute(
            f"UPDATE {table} SET id = 'L' || "
            f"CAST({_line(con, table, table)} AS VARCHAR) WHERE id IS NULL"
        )


def duplicates_marked(con, table: str) -> int:
    """Mark every good row whose id an earlier good row already has (the first is kept),
    in the table and in its settled points; returns how many."""
    ids = (
        f"SELECT id FROM {table} WHERE reject IS NULL AND NOT {parse.OPEN_ROWS} "
        f"UNION ALL SELECT id FROM {parse.settled_table(table)} WHERE reject IS NULL"
    )
    # The ids' 8-byte hashes first, cheaper than grouping the id strings: a valid file pays
    # only this.
    if not may_have_doubled_ids(con, ids):
        return 0
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _doubled AS
        SELECT id, min(line) AS first FROM {parse.rows_sql(con, table)} WHERE reject IS NULL
        GROUP BY id HAVING count(*) > 1""")
    marked = 0
    # the big table's open rows have their settled copy: those are the ones that count
    for target, not_open in (
        (table, f"AND NOT {parse.OPEN_ROWS}"),
        (parse.settled_table(table), ""),
    ):
        shown = parse.quoted(f"{target}.id")
        reason = f"'id' || {parse.ITEM} || " + reason_sql(
            _("duplicate id {id} (also on line {line})"),
            id=shown,
            line="CAST(d.first AS VARCHAR)",
        )
        done = con.execute(f"""
            UPDATE {target} SET reject = {reason} FROM _doubled d
            WHERE {target}.id = d.id AND {target}.reject IS NULL
                  AND {_line(con, target, table)} > d.first
                  {not_open}""").fetchone()
        marked += int(done[0]) if done else 0
    con.execute("DROP TABLE _doubled")
    return marked


def rejected_rows(con, table: str, structural: list[Reject]) -> int:
    return _count(
        con, f"SELECT count(*) FROM {parse.rows_sql(con, table)} WHERE reject IS NOT NULL"
    ) + len(structural)


def write_rejects(
    con, table: str, structural: list[Reject], target: Path, file: str = ""
) -> list[Reject]:
    """The rejects file in the importers' format (:data:`safetyplan.csvread.REJECT_COLUMNS`,
    file order), written by DuckDB whatever their number; returns the first ones. ``value``
    stays empty: the reason quotes the text; ``id`` is the row's id where it has one (a
    record DuckDB could not split has none)."""
    con.register(
        "_structural_rejects",
        pa.table(
            {
                "line": pa.array([r.line for r in structural], pa.int64()),
                "reason": pa.array([r.reason for r in structural], pa.string()),
            }
        ),
    )
    try:
        items = parse.reject_items_sql(parse.rows_sql(con, table) + " AS _rows")
        rows = (
            f'SELECT line, "column", reason, item, id FROM ({items}) '
            "UNION ALL SELECT line, '*', reason, 0, NULL FROM _structural_rejects"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"COPY (SELECT {literal(file)} AS file, line, coalesce(id, '') AS id, "
            f"\"column\", '' AS value, reason "
            f"FROM ({rows}) ORDER BY line, item) "
            f"TO {literal(str(target))} (HEADER, DELIMITER ',')"
        )
        first = con.execute(
            f'SELECT line, "column", reason, id FROM ({rows}) '
            f"ORDER BY line, item LIMIT {SHOWN_REJECTS}"
        ).fetchall()
    finally:
        con.unregister("_structural_rejects")
    return [Reject(int(line), column, reason, id=key or "") for line, column, reason, key in first]


GROUPED = "_incident_pregrouped"  # the load's grouped counts (a temporary table)


@dataclass
class _Summary:
    """The staging tables' good rows: how many, the first and last date, and the facts'
    resolution (months when the mapping says so or a row gives only its month)."""

    rows: int
    first_at: datetime | None
    last_at: datetime | None
    resolution: str


def _summary(con, staging: str, mapping: Mapping) -> _Summary:
    # from the raw columns in one scan; the rest of the load summary comes from the facts'
    # grouped counts, not from the codes of every row (0.26 CPU s per million rows)
    rows, first_at, last_at, month_only = con.execute(
        "SELECT count(*), min(occurred_at), max(occurred_at), count_if(month_only) "
        f"FROM {parse.rows_sql(con, staging)} WHERE reject IS NULL"
    ).fetchone()
    resolution = "month" if mapping.resolution == "month" or month_only else "day"
    return _Summary(int(rows), first_at, last_at, resolution)


def _group(con, staging: str, summary: _Summary) -> None:
    """The good rows counted per area, crime type and period into ``GROUPED``."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {GROUPED} AS "
        f"{parse.grouped_sql(con, staging, weekly=summary.resolution == 'day')}"
    )


def _swap_in(
    con,
    source: str,
    staging: str,
    file: IncidentFile,
    mapping: Mapping,
    result: IngestResult,
    summary: _Summary,
) -> None:
    """Put the new tables in the old ones' place (the rejected rows stay in them, marked,
    out of the view) and write the facts from the grouped counts."""
    final = tables.source_table(source)
    old = con.execute("SELECT rows FROM incident_sources WHERE source = ?", [source]).fetchone()
    result.replaced = int(old[0]) if old else 0
    for new, target in (
        (staging, final),
        (parse.settled_table(staging), parse.settled_table(final)),
        (parse.areas_table(staging), parse.areas_table(final)),
    ):
        con.execute(f"DROP TABLE IF EXISTS {target}")
        con.execute(f"ALTER TABLE {new} RENAME TO {target}")
    types, with_buurt, with_municipality, without_area = con.execute(f"""
        SELECT count(DISTINCT raw_type), coalesce(sum(n) FILTER (buurt IS NOT NULL), 0),
               coalesce(sum(n) FILTER (municipality IS NOT NULL AND buurt IS NULL), 0),
               coalesce(sum(n) FILTER (municipality IS NULL), 0)
        FROM {GROUPED}""").fetchone()
    nearest = con.execute(
        f"SELECT count(*) FROM {parse.settled_table(final)} "
        "WHERE reject IS NULL AND located = 'nearest'"
    ).fetchone()[0]  # only the settled points are placed by distance
    result.facts = aggregate.write_facts(
        con,
        tables.source_rows(con, source),
        tables.facts_source(source),
        mapping.classification,
        weekly=summary.resolution == "day",
        origin=str(file.path),
        grouped_table=GROUPED,
    )
    con.execute(f"DROP TABLE {GROUPED}")
    con.execute(
        "INSERT OR REPLACE INTO incident_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            source,
            str(file.path),
            result.rows,
            result.rejected,
            datetime.now().replace(microsecond=0),
            summary.first_at,
            summary.last_at,
            summary.resolution,
            mapping.classification,
        ],
    )
    tables.refresh_view(con)
    result.loaded = True
    result.first_at, result.last_at = _iso(summary.first_at), _iso(summary.last_at)
    result.resolution = summary.resolution
    result.crime_types, result.with_buurt = int(types), int(with_buurt)
    result.with_municipality, result.without_area = int(with_municipality), int(without_area)
    result.located_nearest = int(nearest)


# -- helpers --------------------------------------------------------------------------------


# settings a load changes on the connection besides memory_limit (check_file, _reporting)
LOAD_SETTINGS = ("disabled_optimizers", "enable_progress_bar", "enable_progress_bar_print")


@contextlib.contextmanager
def _load_settings(con):
    previous = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")  # spill, don't grow
    con.execute("SET preserve_insertion_order = true")  # line numbers follow the row order
    try:
        yield
    finally:
        _restore_settings(con, previous)


def _restore_settings(con, memory_limit: str) -> None:
    """The connection's settings as before the load, after its transaction has ended (a
    statement that failed leaves a transaction aborted: no statement runs before its
    rollback). Inside a caller's transaction that a failure aborted they cannot be set
    until the caller rolls back: the load's error is the one that counts, this is logged."""
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        for name in LOAD_SETTINGS:
            con.execute(f"RESET {name}")
    except duckdb.Error:
        log.warning("could not restore the DuckDB settings after the load", exc_info=True)


@contextlib.contextmanager
def _reporting(con, total: int, progress: Progress | None):
    """Pass DuckDB's progress of the running statement on to ``progress`` (a thread polls)."""
    if progress is None:
        yield
        return
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")  # ours is on stderr already
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.25):
            with contextlib.suppress(Exception):
                share = con.query_progress()
                if share and share > 0:
                    progress(int(total * min(share, 100.0) / 100), total)

    watcher = threading.Thread(target=poll, name="incident-load-progress", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
    # not after a failure (see _restore_settings)
    con.execute("RESET enable_progress_bar")
    con.execute("RESET enable_progress_bar_print")


def _read_error(exc: Exception, file: IncidentFile) -> DataError:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return DataError(_("{file}: cannot read the file: {error}").format(file=file.path, error=first))


def _line(con, target: str, table: str) -> str:
    """:func:`parse.line_sql` of the rows of ``target`` (``table`` or its settled table)."""
    return parse.line_sql(target, table, "line" in parse.stored_columns(con, target))


def _count(con, sql: str) -> int:
    return int(con.execute(sql).fetchone()[0])


def _iso(value) -> str | None:
    return None if value is None else pd.Timestamp(value).isoformat()


def read_incidents_frame(
    path: str | Path,
    mapping: Mapping | None = None,
    max_rejects: int = 0,
    crime_type: str | None = None,
) -> pd.DataFrame:
    """A whole incident file, checked like a load, as one DataFrame (for analyses that need
    no warehouse, such as ``hotspots evaluate``). More rejects than ``max_rejects``: a
    DataError naming the first ones."""
    mapping = mapping or Mapping.identity()
    file = open_incident_file(path, mapping.csv.delimiter, mapping.csv.encoding)
    wanted = file_columns(file, mapping)
    con = duckdb.connect()
    try:
        table = "_checked"
        structural = check_file(con, file, wanted, mapping, table)
        rejected = rejected_rows(con, table, structural)
        if rejected > max_rejects:
            items = parse.reject_items_sql(parse.rows_sql(con, table) + " AS _rows")
            first = con.execute(items + f" ORDER BY line, item LIMIT {SHOWN_REJECTS}").fetchall()
            shown = sorted(
                [(r.line, "*", r.reason) for r in structural]
                + [(line, col, why) for line, col, why, _, _ in first]
            )[:SHOWN_REJECTS]
            listed = "\n".join(
                _("  line {line}, {column}: {reason}").format(line=line, column=col, reason=why)
                for line, col, why in shown
            )
            raise DataError(
                ngettext(
                    "{file}: {n} rejected row, more than --max-rejects {max}:\n{rows}",
                    "{file}: {n} rejected rows, more than --max-rejects {max}:\n{rows}",
                    rejected,
                ).format(file=file.path, n=rejected, max=max_rejects, rows=listed)
            )
        where = "reject IS NULL"
        params: list = []
        if crime_type:
            where += " AND lower(crime_type) = lower(?)"
            params.append(crime_type)
        frame = con.execute(
            f"SELECT * EXCLUDE (source, reject, month_only, _poly, _convert) "
            f"FROM {parse.rows_sql(con, table)} "
            f"WHERE {where} ORDER BY line",
            params,
        ).df()
    finally:
        con.close()
    frame["occurred_at"] = pd.to_datetime(frame["occurred_at"])
    return frame
