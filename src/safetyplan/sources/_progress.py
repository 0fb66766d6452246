# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Progress reporting for long loads: a plain callback or a Rich ``Progress`` bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from safetyplan.i18n import _

# progress(description, done, total): called before each step and once at the end.
Progress = Callable[[str, int, int], None]


def as_reporter(progress: Progress | Any | None, total: int) -> Progress:
    """A plain callback from None, a callback, or a Rich Progress (a task is added to it)."""
    if progress is None:
        return lambda *_: None
    if hasattr(progress, "add_task") and hasattr(progress, "update"):
        task = progress.add_task(_("loading data"), total=total)

        def update(description: str, done: int, _total: int) -> None:
            progress.update(task, description=description, completed=done)

        return update
    return progress
