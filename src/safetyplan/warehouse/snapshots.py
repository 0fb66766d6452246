# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Published snapshots: many readers and one load at a time, without DuckDB's file lock.

DuckDB lets one process write a file, and no other process open it meanwhile, not even to
read. A shared server cannot live with that, so the warehouse path is a *name*, not a file:

- ``warehouse.duckdb`` is a symbolic link to the current, immutable snapshot
  ``warehouse.snapshots/000042.duckdb``. Readers resolve the link once and open that file
  read-only; nothing ever writes to a published snapshot.
- A load takes the load lock (``warehouse.duckdb.lock``, ``flock``; a second load waits its
  turn), copies the current snapshot to ``000043.duckdb.loading``, writes there, checkpoints,
  and publishes by renaming the link in one atomic step. Readers that opened 000042 keep
  reading it (a deleted file stays readable while open); new readers get 000043.
- A crash half-way leaves a ``.loading`` file that the next load removes: the published
  snapshot is untouched. The last :data:`KEEP` snapshots are kept, older ones deleted.

A warehouse from before this design (a plain file at the path) is read as it is and becomes
the first snapshot at the next load. See docs/adr/0004-concurrent-loads-snapshots.md.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _

log = logging.getLogger(__name__)

KEEP = 3  # published snapshots kept: the current one and two before it
DEFAULT_WAIT_SECONDS = 600.0  # how long a load waits for another load by default
WAIT_ENV = "SAFETYPLAN_LOAD_WAIT"
_VERSION = re.compile(r"^(\d{6,})\.duckdb$")
_POLL_SECONDS = 0.2


class LoadBusy(SafetyplanError):
    """Another load held the warehouse for longer than this load would wait."""


def snapshot_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}.snapshots")


def lock_file(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


def current_file(path: Path) -> Path | None:
    """The file a reader should open now: the snapshot the link points to, or a legacy file."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        return target if target.exists() else None
    return path if path.exists() else None


def version_of(path: Path) -> str:
    """A short id of the published state (changes with every load), for cache keys."""
    current = current_file(path)
    if current is None:
        return "none"
    stat = current.stat()
    return f"{current.name}:{stat.st_ino}:{stat.st_mtime_ns}"


def default_wait() -> float:
    raw = os.environ.get(WAIT_ENV)
    if not raw:
        return DEFAULT_WAIT_SECONDS
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise SafetyplanError(
            _("{variable}={value}: not a number of seconds").format(
                variable=WAIT_ENV, value=repr(raw)
            )
        ) from None


@contextlib.contextmanager
def load_lock(
    path: Path,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the warehouse's load lock; wait up to ``wait`` seconds for another load."""
    wait = default_wait() if wait is None else wait
    lock_path = lock_file(path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole load
    try:
        _acquire(handle, lock_path, wait, on_wait)
        _write_holder(handle)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _acquire(handle, lock_path: Path, wait: float, on_wait) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if told:
                log.info("load lock %s acquired after waiting", lock_path)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
        if not told:
            holder = _read_holder(lock_path)
            message = _(
                "Another load is running{since}; waiting for it (at most {seconds} s)."
            ).format(since=holder, seconds=f"{wait:.0f}")
            log.info("waiting for load lock %s%s", lock_path, holder)
            if on_wait is not None:
                on_wait(message)
            told = True
        if time.monotonic() >= deadline:
            log.warning("gave up waiting %.0f s for load lock %s", wait, lock_path)
            raise LoadBusy(
                _(
                    "Another load is still running after {seconds} s; try again later or wait "
                    "longer with --wait."
                ).format(seconds=f"{wait:.0f}")
            )
        time.sleep(_POLL_SECONDS)


def _write_holder(handle) -> None:
    """Note who loads, so a waiting load can say so (informative only)."""
    with contextlib.suppress(OSError):
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()


def _read_holder(lock_path: Path) -> str:
    try:
        text = lock_path.read_text().split()
    except OSError:
        return ""
    return _(" (since {time})").format(time=" ".join(text[1:3])) if len(text) >= 3 else ""


def stage(path: Path) -> Path:
    """Copy the current state to a new ``.loading`` file (the caller holds the load lock)."""
    folder = snapshot_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(folder)
    staged = folder / f"{_next_version(folder):06d}.duckdb.loading"
    current = current_file(path)
    if current is not None:
        shutil.copyfile(current, staged)
        wal = current.with_name(current.name + ".wal")
        if wal.exists():  # a legacy file left by a crashed writer: keep its last commits
            shutil.copyfile(wal, staged.with_name(staged.name + ".wal"))
    return staged


def publish(path: Path, staged: Path) -> Path:
    """Make the closed, checkpointed ``staged`` file the current snapshot, atomically."""
    if staged.with_name(staged.name + ".wal").exists():
        raise SafetyplanError(
            _("{file}: not checkpointed, refusing to publish").format(file=staged)
        )
    final = staged.with_name(staged.name.removesuffix(".loading"))
    _fsync(staged)
    os.replace(staged, final)
    link = path.with_name(f".{path.name}.new")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(os.path.relpath(final, path.parent), link)
    os.replace(link, path)  # readers see the old or the new snapshot, never a mix
    _fsync_dir(path.parent)
    _fsync_dir(final.parent)
    log.info("published warehouse snapshot %s", final)
    _prune(snapshot_dir(path), keep=KEEP)
    return final


def discard(staged: Path) -> None:
    for leftover in (staged, staged.with_name(staged.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _next_version(folder: Path) -> int:
    numbers = [int(m.group(1)) for f in folder.iterdir() if (m := _VERSION.match(f.name))]
    return max(numbers, default=0) + 1


def _remove_leftovers(folder: Path) -> None:
    for leftover in folder.glob("*.loading*"):
        log.warning("removing %s, left by a load that did not finish", leftover)
        leftover.unlink()


def _prune(folder: Path, keep: int) -> None:
    versions = sorted(f for f in folder.iterdir() if _VERSION.match(f.name))
    for old in versions[:-keep]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()  # a reader that has it open keeps reading it


def _fsync(file: Path) -> None:
    fd = os.open(file, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(folder)


def copy_current(path: Path, destination: Path) -> bool:
    """Copy the published state to ``destination`` (False when there is none). Consistent
    while loads run: a published snapshot never changes, and the file is opened before a load
    could prune it."""
    for _attempt in range(5):
        current = current_file(path)
        if current is None:
            return False
        try:
            source = open(current, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            continue  # pruned between the two calls: take the new one
        with source, open(destination, "wb") as target:
            shutil.copyfileobj(source, target, length=16 * 1024 * 1024)
        return True
    raise SafetyplanError(
        _("{path}: the warehouse changed too often during the copy").format(path=path)
    )


def restore_file(
    path: Path,
    backup: Path,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Path:
    """Publish a copy of ``backup`` as the current snapshot, like a load (readers go on)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with load_lock(path, wait=wait, on_wait=on_wait):
        staged = stage(path)
        try:
            shutil.copyfile(backup, staged)
            return publish(path, staged)
        except BaseException:
            discard(staged)
            raise
