# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Loads and readers at the same time: published snapshots and the load lock.

Readers in other processes hold the warehouse open while loads run; a second load waits its
turn; a load that fails or is killed half-way leaves the published state as it was.
"""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest

from safetyplan.warehouse import LoadBusy, Warehouse, version_of
from safetyplan.warehouse.snapshots import KEEP, lock_file, snapshot_dir

from .conftest import facts_frame

READER = textwrap.dedent(
    """
    import sys
    from safetyplan.warehouse import Warehouse
    with Warehouse.open(sys.argv[1], read_only=True) as wh:
        print(len(wh.facts()), flush=True)
        sys.stdin.readline()                      # the test loads meanwhile
        print(len(wh.facts()), flush=True)        # still the snapshot it opened
    """
)

SLOW_LOAD = textwrap.dedent(
    """
    import sys, time
    import pandas as pd
    from safetyplan.warehouse import Warehouse
    with Warehouse.open(sys.argv[1]) as wh:
        wh.load_facts(pd.DataFrame({"area": ["GM0599"], "period": ["2030"],
                                    "measure": ["registered:pol:1.1.1"], "value": [1.0]}),
                      source="slow")
        print("loading", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def burglary(values: dict[str, float]) -> pd.DataFrame:
    return facts_frame({("GM0599", "registered:pol:1.1.1"): values})


def load(path, source: str, frame: pd.DataFrame, **options) -> None:
    with Warehouse.open(path, **options) as wh:
        wh.load_facts(frame, source=source)


def count(path) -> int:
    with Warehouse.open(path, read_only=True) as wh:
        return len(wh.facts())


def python(script: str, *args, **popen):
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


@pytest.fixture
def loaded(wh_path):
    load(wh_path, "a", burglary({"2012": 4453, "2013": 4241}))
    return wh_path


def test_a_load_succeeds_while_another_process_reads_and_that_reader_keeps_its_snapshot(loaded):
    reader = python(READER, loaded, stdin=subprocess.PIPE)
    try:
        assert reader.stdout.readline().strip() == "2"

        load(loaded, "b", burglary({"2014": 3852, "2015": 3419, "2016": 2889}))

        assert count(loaded) == 5  # a new reader sees the load at once
        reader.stdin.write("go\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "2"  # never half of a load
    finally:
        out, err = reader.communicate(timeout=30)
    assert reader.returncode == 0, err


def test_readers_open_the_published_snapshot_never_the_file_being_written(loaded):
    with Warehouse.open(loaded) as writer:
        writer.load_facts(burglary({"2017": 2411}), source="b")
        assert count(loaded) == 2  # committed in the load's own copy, not published yet
    assert count(loaded) == 3


def test_a_second_load_waits_its_turn_and_says_so(loaded):
    first = python(SLOW_LOAD, loaded, 1.5)
    try:
        assert first.stdout.readline().strip() == "loading"
        messages = []
        started = time.monotonic()

        load(loaded, "b", burglary({"2017": 2411}), wait=60, on_wait=messages.append)

        assert time.monotonic() - started > 0.5
        assert messages and "Er loopt al een lading" in messages[0]
    finally:
        first.communicate(timeout=30)
    assert first.returncode == 0
    with Warehouse.open(loaded, read_only=True) as wh:  # both loads are there
        assert set(wh.sources()["source"]) == {"a", "slow", "b"}


def test_a_load_that_waits_too_long_gives_up_with_a_clear_message(loaded):
    first = python(SLOW_LOAD, loaded, 5)
    try:
        assert first.stdout.readline().strip() == "loading"
        with pytest.raises(LoadBusy, match="--wait"):
            load(loaded, "b", burglary({"2017": 2411}), wait=0.3)
    finally:
        first.kill()
        first.communicate(timeout=30)
    assert count(loaded) == 2


def test_a_failed_load_publishes_nothing_and_leaves_no_files(loaded):
    before = version_of(loaded)
    with pytest.raises(RuntimeError), Warehouse.open(loaded) as wh:
        wh.load_facts(burglary({"2017": 2411}), source="b")
        raise RuntimeError("crash after a committed load, before publishing")

    assert version_of(loaded) == before
    assert count(loaded) == 2
    assert not list(snapshot_dir(loaded).glob("*.loading*"))


def test_a_load_killed_half_way_loses_nothing_and_the_next_load_cleans_up(loaded):
    victim = python(SLOW_LOAD, loaded, 60)
    assert victim.stdout.readline().strip() == "loading"
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate(timeout=30)
    assert list(snapshot_dir(loaded).glob("*.loading*"))  # what it left behind

    assert count(loaded) == 2  # the published state is intact
    load(loaded, "b", burglary({"2017": 2411}), wait=5)  # the lock died with the process

    assert count(loaded) == 3
    assert not list(snapshot_dir(loaded).glob("*.loading*"))


def test_a_warehouse_from_before_snapshots_is_read_and_taken_over(tmp_path):
    import duckdb

    from safetyplan.warehouse.schema import ensure_schema

    legacy = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(legacy))
    ensure_schema(con)
    con.execute(
        "INSERT INTO facts VALUES ('GM0599', '2012', 'registered:pol:1.1.1', 4453, 'old', false)"
    )
    con.close()
    assert count(legacy) == 1

    load(legacy, "b", burglary({"2013": 4241}))

    assert legacy.is_symlink()
    with Warehouse.open(legacy, read_only=True) as wh:
        assert sorted(wh.facts()["source"]) == ["b", "old"]


def test_old_snapshots_are_pruned_and_the_name_always_opens(loaded):
    for n in range(KEEP + 2):
        load(loaded, f"s{n}", burglary({"2020": n}))
    kept = sorted(p.name for p in snapshot_dir(loaded).glob("*.duckdb"))
    assert len(kept) == KEEP
    assert os.path.realpath(loaded).endswith(kept[-1])
    assert count(loaded) == 2 + KEEP + 2


def test_many_readers_and_loads_in_threads_never_fail(loaded):
    """A small stress run: readers see a complete state (2 + 3k facts) at every moment."""
    errors, seen = [], set()
    stop = threading.Event()

    def read():
        while not stop.is_set():
            try:
                n = count(loaded)
                seen.add(n)
                if (n - 2) % 3:
                    errors.append(f"half a load: {n}")
            except Exception as exc:  # the test fails on any
                errors.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for k in range(4):
            load(loaded, f"load{k}", burglary({"2021": k, "2022": k, "2023": k}), wait=30)
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=30)
    assert errors == []
    assert count(loaded) == 2 + 4 * 3
    assert lock_file(loaded).exists()
