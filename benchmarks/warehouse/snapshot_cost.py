# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What a published snapshot costs (issue 13, docs/adr/0004-concurrent-loads-snapshots.md).

Every load copies the current snapshot before it writes, so its fixed cost grows with the
warehouse. This builds warehouses of growing size (a ballast table of random numbers, as an
incident table would fill it; no figure from it is used anywhere), then times a small load of
one fact: the whole load, the copy alone, and a reader opening the warehouse meanwhile.

    python benchmarks/warehouse/snapshot_cost.py [--rows 1e6 1e7 5e7] [--repeat 3]

Prints JSON, one entry per size: file size (MB), load seconds (median), copy seconds
(median), reader open+query seconds (median).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from safetyplan.warehouse import Warehouse
from safetyplan.warehouse.snapshots import current_file

FACT = pd.DataFrame(
    [{"area": "GM0606", "period": "2099", "measure": "registered:pol:1.1.1", "value": 1.0}]
)


def build(path: Path, rows: int) -> None:
    with Warehouse.open(path) as wh:
        wh.connection.execute(
            "CREATE TABLE bench_ballast AS SELECT range AS id, random() AS x, "
            "(random() * 1e6)::INTEGER AS y FROM range(?)",
            [rows],
        )


def one_load(path: Path, value: float) -> float:
    started = time.perf_counter()
    with Warehouse.open(path) as wh:
        wh.load_facts(FACT.assign(value=value), "bench_probe")
    return time.perf_counter() - started


def one_copy(path: Path, scratch: Path) -> float:
    started = time.perf_counter()
    shutil.copyfile(current_file(path), scratch)
    elapsed = time.perf_counter() - started
    scratch.unlink()
    return elapsed


def one_read(path: Path) -> float:
    started = time.perf_counter()
    with Warehouse.open(path, read_only=True) as wh:
        wh.connection.execute("SELECT count(*) FROM facts").fetchone()
    return time.perf_counter() - started


def measure(rows: int, repeat: int, folder: Path) -> dict:
    path = folder / f"w{rows}" / "warehouse.duckdb"
    path.parent.mkdir()
    build(path, rows)
    loads = [one_load(path, float(k)) for k in range(repeat)]
    copies = [one_copy(path, folder / "copy.duckdb") for _ in range(repeat)]
    reads = [one_read(path) for _ in range(repeat)]
    size = current_file(path).stat().st_size
    shutil.rmtree(path.parent)
    return {
        "ballast_rows": rows,
        "file_mb": round(size / 2**20, 1),
        "load_s": round(statistics.median(loads), 3),
        "copy_s": round(statistics.median(copies), 3),
        "read_s": round(statistics.median(reads), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, nargs="+", default=[1e6, 1e7, 5e7])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="safetyplan-snapshot-") as tmp:
        results = [measure(int(rows), args.repeat, Path(tmp)) for rows in args.rows]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
