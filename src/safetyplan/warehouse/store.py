# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The DuckDB warehouse: one file, the ``facts`` table, idempotent and atomic loads per source."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from safetyplan import settings
from safetyplan.errors import DataError, SafetyplanError
from safetyplan.i18n import _

from . import snapshots
from .schema import ensure_schema
from .validate import validate_facts

SOURCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
log = logging.getLogger(__name__)
FACT_ORDER = ["area", "period", "measure", "value", "source", "provisional"]


@dataclass(frozen=True)
class LoadSummary:
    """What one load did. ``rows`` is what the source now holds in the warehouse."""

    source: str
    rows: int
    inserted: int
    replaced: int
    measures: int
    areas: int
    periods: tuple[str, str]
    unchanged: bool

    def as_dict(self) -> dict:
        return asdict(self)


class Warehouse:
    """A DuckDB file holding ``facts(area, period, measure, value, source, provisional)``.

    Open with :meth:`open` (a context manager). Readers open the published snapshot
    ``read_only``; a load works on a private copy and publishes it on close, so loads and
    readers never block each other, and loads take turns.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        read_only: bool,
        staged: Path | None = None,
        release=None,
    ):
        self._con = con
        self.path = path
        self.read_only = read_only
        self._outer_transaction = False
        self._staged = staged  # a writer's private copy, published on close
        self._release = release  # the load lock, released on close
        self._closed = False

    # -- lifecycle -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        read_only: bool = False,
        *,
        wait: float | None = None,
        on_wait=None,
    ) -> Warehouse:
        """Open the warehouse at ``path`` (default: the setting).

        ``read_only=True``: read the current published snapshot; never blocks, never fails
        because a load runs. Otherwise: a load. It waits up to ``wait`` seconds for another
        load (``on_wait`` gets a message to show), works on a private copy and publishes it
        when closed without an error (see :mod:`safetyplan.warehouse.snapshots`).
        """
        target = Path(path) if path is not None else settings.warehouse_path()
        if read_only:
            return cls._open_reader(target)
        return cls._open_writer(target, wait, on_wait)

    @classmethod
    def _open_reader(cls, target: Path) -> Warehouse:
        for _attempt in range(5):
            current = snapshots.current_file(target)
            if current is None:
                if target.is_symlink():  # the link moved on between two calls: look again
                    continue
                raise SafetyplanError(
                    _("No warehouse at {path}: load data first (safetyplan ingest bundled)").format(
                        path=target
                    )
                )
            try:
                con = duckdb.connect(str(current), read_only=True)
            except duckdb.Error as exc:
                if not current.exists():  # pruned after we resolved it: take the new one
                    continue
                log.error("cannot open warehouse snapshot %s: %s", current, exc)
                raise SafetyplanError(
                    _("Warehouse {path} cannot be read: {error}").format(path=target, error=exc)
                ) from exc
            return cls(con, target, True)
        raise SafetyplanError(
            _("Warehouse {path}: snapshot changed too often while opening").format(path=target)
        )

    @classmethod
    def _open_writer(cls, target: Path, wait: float | None, on_wait) -> Warehouse:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = snapshots.load_lock(target, wait=wait, on_wait=on_wait)
        lock.__enter__()
        try:
            staged = snapshots.stage(target)
            con = duckdb.connect(str(staged))
            wh = cls(con, target, False, staged=staged, release=lock)
            wh._in_transaction(lambda: ensure_schema(con))
        except BaseException as exc:
            lock.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return wh

    def close(self) -> None:
        """Close; a load publishes its work (readers see it from now on)."""
        self._finish(publish=True)

    def abandon(self) -> None:
        """Close a load without publishing anything."""
        self._finish(publish=False)

    def _finish(self, publish: bool) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self._staged is not None and publish:
                self._con.execute("CHECKPOINT")
            self._con.close()
            if self._staged is not None:
                if publish:
                    snapshots.publish(self.path, self._staged)
                else:
                    snapshots.discard(self._staged)
        except BaseException:
            if self._staged is not None:
                snapshots.discard(self._staged)
            raise
        finally:
            if self._release is not None:
                self._release.__exit__(None, None, None)

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        # a load that ends in an error publishes nothing: readers keep the state before it
        self._finish(publish=exc_type is None)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The raw DuckDB connection, for layers that add their own tables and queries."""
        return self._con

    # -- loading -------------------------------------------------------------------------

    def load_facts(
        self,
        df: pd.DataFrame,
        source: str,
        *,
        origin: str | None = None,
        extra_areas: Iterable[str] = (),
        known_measures: Iterable[str] | None = None,
    ) -> LoadSummary:
        """Replace everything of ``source`` by ``df`` (columns area, period, measure, value
        [, provisional]) in one transaction. Invalid input raises DataError before the
        warehouse is touched; loading the same content again changes nothing."""
        self._require_writable()
        check_source_name(source)
        where = origin or _("source {source}").format(source=source)
        facts = validate_facts(
            df, origin=where, extra_areas=extra_areas, known_measures=known_measures
        )
        if facts.empty:
            raise DataError(_("{place}: no facts to load").format(place=where))
        facts = facts.sort_values(["measure", "area", "period"], kind="stable")
        facts = facts.reset_index(drop=True)
        checksum = content_checksum(facts)
        previous = self._current(source)
        unchanged = previous is not None and previous == (checksum, len(facts))

        def write() -> tuple[int, int]:
            if unchanged:
                self._log(source, len(facts), 0, 0, True, checksum, origin)
                return 0, 0
            replaced = self._delete_source(source)
            self._after_delete(source)
            self._insert(facts, source)
            self._record_source(source, len(facts), checksum, origin)
            self._log(source, len(facts), len(facts), replaced, False, checksum, origin)
            return len(facts), replaced

        inserted, replaced = self._in_transaction(write)
        return LoadSummary(
            source=source,
            rows=len(facts),
            inserted=inserted,
            replaced=replaced,
            measures=int(facts["measure"].nunique()),
            areas=int(facts["area"].nunique()),
            periods=(str(facts["period"].min()), str(facts["period"].max())),
            unchanged=unchanged,
        )

    def drop_source(self, source: str) -> int:
        """Remove a source entirely; returns the number of facts removed."""
        self._require_writable()

        def drop() -> int:
            removed = self._delete_source(source)
            self._con.execute("DELETE FROM sources WHERE source = ?", [source])
            return removed

        return self._in_transaction(drop)

    def _after_delete(self, source: str) -> None:
        """Hook between the delete and the insert of a load (tests inject failures here)."""

    # -- queries -------------------------------------------------------------------------

    def facts(
        self,
        measures: Iterable[str] | str | None = None,
        areas: Iterable[str] | str | None = None,
        periods: Iterable[str] | str | None = None,
        sources: Iterable[str] | str | None = None,
    ) -> pd.DataFrame:
        """Facts filtered by any combination of lists (None = no filter)."""
        clauses, params = [], []
        for column, wanted in (
            ("measure", measures),
            ("area", areas),
            ("period", periods),
            ("source", sources),
        ):
            if wanted is None:
                continue
            clauses.append(f"list_contains(?::VARCHAR[], {column})")
            params.append([wanted] if isinstance(wanted, str) else [str(w) for w in wanted])
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            f"SELECT {', '.join(FACT_ORDER)} FROM facts {where} "
            "ORDER BY source, measure, area, period"
        )
        return self._query(sql, params)

    def sources(self) -> pd.DataFrame:
        """Loaded sources: source, rows, loaded_at, checksum."""
        return self._query("SELECT source, rows, loaded_at, checksum FROM sources ORDER BY source")

    def measures(self) -> pd.DataFrame:
        """Per measure: how many areas, the first and last period, rows and sources."""
        return self._query(
            """
            SELECT measure,
                   count(DISTINCT area)::BIGINT AS areas,
                   min(period) AS first_period,
                   max(period) AS last_period,
                   count(*)::BIGINT AS rows,
                   string_agg(DISTINCT source, ',' ORDER BY source) AS sources
            FROM facts GROUP BY measure ORDER BY measure
            """
        )

    def loads(self) -> pd.DataFrame:
        """The load history, newest first."""
        return self._query("SELECT * FROM loads ORDER BY loaded_at DESC")

    # -- internals -----------------------------------------------------------------------

    def _query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        if not self._has_table("facts"):
            raise SafetyplanError(
                _("{path}: not a Safetyplan warehouse (no facts table)").format(path=self.path)
            )
        return self._con.execute(sql, params or []).df()

    def _has_table(self, name: str) -> bool:
        found = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(found and found[0])

    def _require_writable(self) -> None:
        if self.read_only:
            raise SafetyplanError(_("{path}: opened read-only").format(path=self.path))

    @property
    def transaction_open(self) -> bool:
        """Whether a :meth:`transaction` is open (a load inside it must not commit)."""
        return self._outer_transaction

    @contextmanager
    def transaction(self):
        """One transaction around several loads (e.g. incident rows and the facts derived from
        them): loads inside it join it instead of committing on their own."""
        if self._outer_transaction:
            yield self
            return
        self._con.begin()
        self._outer_transaction = True
        try:
            yield self
        except BaseException:
            self._con.rollback()
            raise
        else:
            self._con.commit()
        finally:
            self._outer_transaction = False

    def _in_transaction(self, work):
        if self._outer_transaction:
            return work()
        self._con.begin()
        try:
            result = work()
        except BaseException:
            self._con.rollback()
            raise
        self._con.commit()
        return result

    def _current(self, source: str) -> tuple[str, int] | None:
        """(checksum, rows) of the source as recorded, if its facts are really there."""
        row = self._con.execute(
            "SELECT checksum, rows FROM sources WHERE source = ?", [source]
        ).fetchone()
        if row is None:
            return None
        present = self._con.execute(
            "SELECT count(*) FROM facts WHERE source = ?", [source]
        ).fetchone()[0]
        return (row[0], int(present)) if present == row[1] else None

    def _delete_source(self, source: str) -> int:
        removed = self._con.execute(
            "SELECT count(*) FROM facts WHERE source = ?", [source]
        ).fetchone()[0]
        self._con.execute("DELETE FROM facts WHERE source = ?", [source])
        return int(removed)

    def _insert(self, facts: pd.DataFrame, source: str) -> None:
        self._con.register("_incoming_facts", facts)
        try:
            self._con.execute(
                "INSERT INTO facts (area, period, measure, value, source, provisional) "
                "SELECT area, period, measure, value, ?, provisional FROM _incoming_facts",
                [source],
            )
        finally:
            self._con.unregister("_incoming_facts")

    def _record_source(self, source: str, rows: int, checksum: str, origin: str | None) -> None:
        self._con.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
            [source, rows, _now(), checksum, origin],
        )

    def _log(self, source, rows, inserted, replaced, unchanged, checksum, origin) -> None:
        self._con.execute(
            "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_now(), source, rows, inserted, replaced, unchanged, checksum, origin],
        )


def check_source_name(source: str) -> None:
    if not isinstance(source, str) or not SOURCE_PATTERN.match(source):
        raise DataError(
            _(
                "Invalid source name {source}: letters, digits, '_', '.', '-' (at most 100 "
                "characters, starting with a letter or digit)"
            ).format(source=repr(source))
        )


def content_checksum(facts: pd.DataFrame) -> str:
    """A digest of the normalised, sorted facts: equal content gives an equal checksum."""
    digest = hashlib.sha256()
    for column in ("area", "period", "measure", "value", "provisional"):
        hashed = pd.util.hash_pandas_object(facts[column], index=False)
        digest.update(column.encode())
        digest.update(hashed.to_numpy().tobytes())
    return "sha256:" + digest.hexdigest()


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
