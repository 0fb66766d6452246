# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Benchmark: computing the checked SELECT of ``parse.checked_sql`` over a CSV file, without
writing it (``SELECT sum(hash(COLUMNS(*)))`` over it: every output column is computed, the
sums show that two versions give the same results).

    PYTHONPATH=$PWD/src python benchmarks/incidents/bench_checks.py FILE
        [--base REV] [--repeat 3] [--simplest trim,bool,date,number] [--explain] [--threads N]

``--base REV`` also times ``parse.py`` of the git revision REV (e.g. ``main``; or a file: a
variant of ``parse.py``), alternating with the working tree's, and checks that both give the
same hash sums. ``--simplest`` times the working tree's SELECT with parts replaced by the
simplest SQL that reads the bench file (not correct in general: only to see what a part
costs). ``--explain`` prints EXPLAIN ANALYZE of the working tree's SELECT; ``--threads 1``
gives steadier CPU times on a busy machine. Prints wall and CPU seconds (all threads) per
run and the load average.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from types import ModuleType

import duckdb

from safetyplan.incidents import area_index, parse, read
from safetyplan.incidents.mapping import Mapping

ROOT = Path(__file__).resolve().parents[2]


def base_module(rev: str) -> ModuleType:
    """``parse.py`` of git revision ``rev`` (or the file ``rev``) as a sibling module (its
    relative imports work)."""
    if Path(rev).is_file():
        text = Path(rev).read_text()
    else:
        text = subprocess.run(
            ["git", "show", f"{rev}:src/safetyplan/incidents/parse.py"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    path = Path(f"/tmp/bench_checks_base_{os.getpid()}.py")
    path.write_text(text)
    spec = importlib.util.spec_from_file_location("safetyplan.incidents._bench_base", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # for its dataclasses
    spec.loader.exec_module(module)
    path.unlink()
    return module


def simplest(names: set[str]) -> None:
    """Replace parts of the working tree's ``parse`` by their simplest SQL."""
    if "trim" in names:
        parse._trimmed = lambda column: column
    if "bool" in names:
        parse._boolean = lambda name, checks, text: (
            f"CASE {text.raw} WHEN 'true' THEN true WHEN 'false' THEN false END AS b_{name}"
        )
    if "date" in names:
        parse._date = lambda columns, mapping, checks, today: (
            "TRY_CAST(t_occurred_at AS TIMESTAMP) AS d_parsed, false AS d_month_only",
            "d_parsed AS d_stamp",
        )
    if "number" in names:
        parse._number_sql = lambda t: f"TRY_CAST({t} AS DOUBLE)"


def select_sql(module: ModuleType, con, path: Path) -> str:
    file = read.IncidentFile(path, "csv", _header(path), path.stat().st_size)
    wanted = {c: c for c in file.columns}
    index = area_index.register(con)
    return module.checked_sql(
        file.relation_sql(wanted), set(wanted.values()), Mapping(), date(2026, 12, 1), index
    )


def _header(path: Path) -> list[str]:
    with path.open() as f:
        return [c.strip('"') for c in f.readline().strip().split(",")]


def timed(con, sql: str) -> tuple[float, float, tuple]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = con.execute(f"SELECT sum(hash(COLUMNS(*))) FROM ({sql})").fetchone()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--base", help="git revision of parse.py to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--simplest", default="", help="trim,bool,date,number")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--threads", type=int, help="DuckDB threads (1: steadier CPU times)")
    args = parser.parse_args()
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    con.execute("SET disabled_optimizers = 'join_order,build_side_probe_side'")  # as a load
    versions = {"tree": select_sql(parse, con, args.file)}
    if args.base:
        versions["base"] = select_sql(base_module(args.base), con, args.file)
    if args.simplest:
        simplest(set(args.simplest.split(",")))
        versions["simplest"] = select_sql(parse, con, args.file)
    if args.explain:
        print(con.execute(f"EXPLAIN ANALYZE SELECT * FROM ({versions['tree']})").fetchall()[0][1])
    sums = {}
    for run in range(args.repeat):
        for name, sql in versions.items():
            wall, cpu, sums[name] = timed(con, sql)
            load = os.getloadavg()[0]
            print(f"run {run} {name:8} wall {wall:6.2f} s  cpu {cpu:6.2f} s  load {load:.2f}")
    if "base" in sums and sums["base"] != sums["tree"]:
        sys.exit(f"different results: tree {sums['tree']} base {sums['base']}")


if __name__ == "__main__":
    main()
