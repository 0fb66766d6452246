# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The datasets shipped inside the package: ``datasets/<source>/facts.csv.gz``.

Each folder is one source, named after the folder. All files are read and checked before the
first one is loaded, so a broken shipped file leaves the warehouse as it was; each source is
then replaced in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from safetyplan import settings
from safetyplan.errors import DataError, SafetyplanError
from safetyplan.i18n import _
from safetyplan.warehouse import LoadSummary, Warehouse, describe_rejects

from ._progress import Progress, as_reporter
from .facts_csv import FactsFile, read_facts_csv

FACTS_FILE = "facts.csv.gz"


def bundled_sources(datasets_dir: str | Path | None = None) -> list[Path]:
    """The facts files shipped with the package, sorted by source name."""
    root = Path(datasets_dir) if datasets_dir is not None else settings.DATASETS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob(f"*/{FACTS_FILE}") if p.is_file())


def shipped_source_names() -> set[str]:
    """The source names the package ships; a user load under one of them replaces real
    data, so ``ingest facts`` asks for ``--replace-shipped`` first."""
    return {path.parent.name for path in bundled_sources()}


def load_bundled(
    wh: Warehouse,
    progress: Progress | None = None,
    datasets_dir: str | Path | None = None,
) -> list[LoadSummary]:
    """Load every shipped dataset as its own source; returns one summary per source."""
    files = bundled_sources(datasets_dir)
    if not files:
        where = datasets_dir or settings.DATASETS_DIR
        raise DataError(_("{folder}: no shipped datasets found").format(folder=where))
    total = 2 * len(files)  # read + load per source
    report = as_reporter(progress, total)

    read: list[tuple[str, FactsFile]] = []
    for step, path in enumerate(files):
        source = path.parent.name
        report(_("reading {file}").format(file=source), step, total)
        facts_file = read_facts_csv(path)
        if facts_file.rejects:
            raise DataError(describe_rejects(str(path), facts_file.rejects))
        read.append((source, facts_file))

    summaries = []
    for step, (source, facts_file) in enumerate(read, start=len(files)):
        report(_("loading {source}").format(source=source), step, total)
        summaries.append(
            wh.load_facts(facts_file.facts, source=source, origin=str(facts_file.path))
        )
    report(_("done"), total, total)
    return summaries


def open_with_data(
    path: str | Path | None = None,
    *,
    notice: Callable[[str], None] | None = None,
    wait: float | None = None,
) -> Warehouse:
    """The warehouse opened read-only; a missing or empty one is first filled with the shipped
    data (one load, published like any other), so a first run shows real figures."""
    target = Path(path) if path is not None else settings.warehouse_path()
    if not _has_sources(target):
        with Warehouse.open(target, wait=wait, on_wait=notice) as wh:
            if wh.sources().empty:  # another process may have filled it while we waited
                if notice is not None:
                    notice(_("Empty warehouse: loading the shipped data."))
                load_bundled(wh)
    return Warehouse.open(target, read_only=True)


def _has_sources(target: Path) -> bool:
    try:
        with Warehouse.open(target, read_only=True) as wh:
            return not wh.sources().empty
    except SafetyplanError:  # no warehouse yet, or no facts table
        return False
