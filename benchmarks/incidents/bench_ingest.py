# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Benchmark: ``ingest incidents`` of N canonical rows against DuckDB alone reading the same
file into a table, in the same run; peak memory of each (max RSS of its own process).

    python benchmarks/incidents/bench_ingest.py --rows 5000000 [--points box|buurten]
        [--work /tmp/bench-incidents] [--repeat N] [--steps] [--against OTHER/src]

The file: canonical columns id, occurred_at (ISO date-time), crime_type, x, y, solved,
attempt. The points (RD New): ``box`` (default, issue 17) uniform over x 80-100 km, y 425-445
km, the Rotterdam area with its land and inland water, so that some fall in gaps of the
generalised boundary layers (placed at the nearest buurt, counted as ``located_nearest``);
``buurten`` drawn inside the bundled buurten (the file of the figures before 6 December
2026). Every row is valid, so both sides load every row. Our side does everything a real
load does: parse and check, point-in-polygon to buurt / wijk / municipality, insert,
duplicate-id check, facts per area x crime type x month and week, in one transaction.
Results as JSON on stdout: per run the wall-clock ``ratio`` (the figure of issue 17) and
``cpu_ratio`` (CPU seconds of all threads of each process, imports included), which varies
less when other users load the machine, and the peak RSS of each side. With ``--steps``
also the load's steps: ``steps`` (wall seconds) and ``steps_cpu`` (CPU seconds of all the
process's threads, ``whole_load`` included), each figure including the steps it calls.
With ``--against`` the load of another checkout (its ``src`` folder, e.g. a ``git worktree``
of an earlier commit) runs too, in every repetition right after ours: a paired before /
after on the same machine state (``against`` and ``against_ratio`` per run). With
``--repeat`` above 1, ``summary`` gives the median, lowest and highest of each ratio (one
run of a build varies by about 0.5 s on a 2-core machine: compare medians or pairs).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

CRIME_TYPES = ["1.1.1", "1.1.2", "1.2.1", "1.2.3", "1.4.6", "2.2.1", "3.1.1", "1.3.1"]


BOX = (80_000.0, 425_000.0, 100_000.0, 445_000.0)  # the issue 17 file: Rotterdam area


def make_file(path: Path, rows: int, points: str = "box", seed: int = 2015) -> None:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import shapely

    from safetyplan.incidents import locator

    layer = locator.bundled().buurten
    rng = np.random.default_rng(seed)
    pool_x, pool_y = [], []
    minx, miny, maxx, maxy = shapely.total_bounds(layer.geometries)
    while points == "buurten" and sum(len(p) for p in pool_x) < 400_000:
        x = rng.uniform(minx, maxx, 400_000)  # distinct points, reused by the rows
        y = rng.uniform(miny, maxy, 400_000)
        inside = layer.locate(x, y) >= 0
        pool_x.append(x[inside])
        pool_y.append(y[inside])
    chunk = 1_000_000
    with pacsv.CSVWriter(
        path,
        pa.schema(
            [
                ("id", pa.string()),
                ("occurred_at", pa.string()),
                ("crime_type", pa.string()),
                ("x", pa.float64()),
                ("y", pa.float64()),
                ("solved", pa.string()),
                ("attempt", pa.string()),
            ]
        ),
    ) as writer:
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            if points == "box":
                px, py = rng.uniform(BOX[0], BOX[2], n), rng.uniform(BOX[1], BOX[3], n)
                pick = np.arange(n)
            else:
                px, py = np.concatenate(pool_x), np.concatenate(pool_y)
                pick = rng.integers(0, len(px), n)
            when = np.datetime64("2015-01-01T00:00") + rng.integers(0, 4 * 525_600, n).astype(
                "timedelta64[m]"
            )
            frame = pd.DataFrame(
                {
                    "id": [f"INC{start + i:09d}" for i in range(n)],
                    "occurred_at": np.datetime_as_string(when, unit="m"),
                    "crime_type": np.array(CRIME_TYPES)[rng.integers(0, len(CRIME_TYPES), n)],
                    "x": np.round(px[pick], 1),
                    "y": np.round(py[pick], 1),
                    "solved": np.array(["true", "false", ""])[rng.integers(0, 3, n)],
                    "attempt": np.array(["false", "true"])[(rng.random(n) < 0.1).astype(int)],
                }
            )
            writer.write_table(pa.Table.from_pandas(frame, preserve_index=False))


def run_duckdb(path: Path, db: Path) -> dict:
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', header = true)")
    rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
    con.close()  # both sides include closing (the final checkpoint) in their time
    return {"seconds": time.perf_counter() - started, "rows": rows}


# The load's steps timed with --steps (each wraps the ones it calls: see ingest.py).
STEPS = {
    "ingest": ("check_file", "_number_lines", "duplicates_marked", "rejected_rows", "_swap_in"),
    "parse": ("settle_points",),
    "aggregate": ("write_facts",),
}


def timed_steps() -> tuple[dict[str, float], dict[str, float]]:
    """Wrap the load's steps in timers (module attributes, as the load looks them up):
    wall seconds, and CPU seconds of all the process's threads (DuckDB's included), which
    other users of the machine inflate less."""
    import functools
    import importlib

    spent: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for module_name, names in STEPS.items():
        module = importlib.import_module(f"safetyplan.incidents.{module_name}")
        for name in names:

            def wrap(fn, key=name):
                @functools.wraps(fn)
                def timed(*args, **kwargs):
                    t, c = time.perf_counter(), time.process_time()
                    try:
                        return fn(*args, **kwargs)
                    finally:
                        spent[key] = spent.get(key, 0.0) + time.perf_counter() - t
                        cpu[key] = cpu.get(key, 0.0) + time.process_time() - c

                return timed

            setattr(module, name, wrap(getattr(module, name)))
    return spent, cpu


def run_ours(path: Path, db: Path, steps: bool = False) -> dict:
    from safetyplan.incidents import ingest_incidents
    from safetyplan.warehouse import Warehouse

    spent, cpu = timed_steps() if steps else ({}, {})
    started, cpu_started = time.perf_counter(), time.process_time()
    with Warehouse.open(db) as wh:
        result = ingest_incidents(path, "bench", warehouse=wh)
        loaded, cpu_loaded = time.perf_counter(), time.process_time()
    elapsed = time.perf_counter() - started
    if steps:
        spent["commit_and_publish"] = elapsed - (loaded - started)
        cpu["commit_and_publish"] = time.process_time() - cpu_loaded
        cpu["whole_load"] = time.process_time() - cpu_started
    with Warehouse.open(db, read_only=True) as wh:  # not timed: the rows kept file order
        misnumbered = wh.connection.execute(
            "SELECT count(*) FROM incidents WHERE line <> CAST(substr(id, 4) AS BIGINT) + 2"
        ).fetchone()[0]
    return {
        "seconds": elapsed,
        "rows": result.rows,
        "facts": result.facts,
        "rejected": result.rejected,
        "located_nearest": getattr(result, "located_nearest", None),  # None: before it
        "misnumbered_lines": misnumbered,
        "code": str(Path(sys.modules["safetyplan"].__file__).parent.parent),  # which checkout
        **({"steps": {k: round(v, 2) for k, v in spent.items()}} if steps else {}),
        **({"steps_cpu": {k: round(v, 2) for k, v in cpu.items()}} if steps else {}),
    }


def child(kind: str, path: Path, db: Path, steps: bool = False) -> None:
    if db.exists():
        db.unlink()
    out = run_duckdb(path, db) if kind == "duckdb" else run_ours(path, db, steps)
    out["max_rss_mb"] = peak_rss_mb()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of all the process's threads: less sensitive to other users of the
    # machine than the wall time (both sides include imports and opening)
    out["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 2)
    print(json.dumps(out))


def peak_rss_mb() -> float:
    """The process's own peak RSS: VmHWM (Linux). ``ru_maxrss`` is not used where VmHWM
    exists: after fork + exec it keeps the parent's high-water mark (the file generation)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(
    kind: str, path: Path, work: Path, steps: bool = False, src: Path | None = None
) -> dict:
    """One run of ``kind`` in a process of its own; ``src``: import safetyplan from there."""
    env = dict(os.environ, PYTHONPATH=str(src)) if src else None  # src alone on the path
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--file",
            str(path),
            "--db",
            str(work / f"{kind}.duckdb"),
            *(["--steps"] if steps else []),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def summary(runs: list[dict]) -> dict:
    """Median, lowest and highest of each ratio over the runs."""
    names = ("ratio", "cpu_ratio", "against_ratio", "against_cpu_ratio", "peak_rss_mb")
    keys = [k for k in names if k in runs[0]]
    return {
        k: {
            "median": round(float(np.median([r[k] for r in runs])), 2),
            "min": min(r[k] for r in runs),
            "max": max(r[k] for r in runs),
        }
        for k in keys
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-incidents"))
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="repetitions, each DuckDB alone, then ours, then --against's",
    )
    parser.add_argument("--points", choices=("box", "buurten"), default="box")
    parser.add_argument(
        "--steps",
        action="store_true",
        help="time the load's steps too (check_file includes the main "
        "statement, _number_lines and settle_points)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="the src folder of another checkout (its process's PYTHONPATH): its load "
        "timed too, after ours in every run",
    )
    parser.add_argument("--child")
    parser.add_argument("--file", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file, args.db, args.steps)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    path = args.work / f"incidents_{args.points}_{args.rows}.csv"
    if not path.exists():
        t = time.perf_counter()
        make_file(path, args.rows, args.points)
        print(f"generated {path} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    runs = []
    for _ in range(args.repeat):
        load = os.getloadavg()
        duck = measure("duckdb", path, args.work)
        ours = measure("ours", path, args.work, args.steps)
        run = {
            "load_before": load,
            "load_after": os.getloadavg(),
            "duckdb": duck,
            "ours": ours,
            "ratio": round(ours["seconds"] / duck["seconds"], 2),
            "cpu_ratio": round(ours["cpu_seconds"] / duck["cpu_seconds"], 2),
            "peak_rss_mb": round(ours["max_rss_mb"]),
        }
        if args.against:
            other = measure("ours", path, args.work, args.steps, args.against.resolve())
            run["against"] = other
            run["against_ratio"] = round(other["seconds"] / duck["seconds"], 2)
            run["against_cpu_ratio"] = round(other["cpu_seconds"] / duck["cpu_seconds"], 2)
        runs.append(run)
    out = {
        "rows": args.rows,
        "points": args.points,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "runs": runs,
    }
    if args.repeat > 1:
        out["summary"] = summary(runs)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
