# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Shared pieces for CLI commands: consoles, progress bars, output formats, the web database,
date options."""

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from safetyplan.bounds import finite_or_none
from safetyplan.errors import DataError
from safetyplan.i18n import _

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def print_table(table) -> None:
    """Print a wide table; when stdout is not a terminal (a pipe, a log), use 160 columns
    instead of Rich's 80 so that rows stay readable."""
    if console.is_terminal:
        console.print(table)
    else:
        Console(width=160, soft_wrap=True).print(table)


def progress() -> Progress:
    """A progress bar on stderr, so JSON on stdout stays clean."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def print_json(data: Any) -> None:
    """JSON on stdout, without Rich markup or wrapping; never Infinity or NaN (not JSON)."""
    print(
        json.dumps(finite_or_none(data), ensure_ascii=False, indent=2, default=str, allow_nan=False)
    )


def web_database() -> None:
    """Set up Django and bring the web application's database schema up to date (for
    commands that read or write it; the import is lazy to keep CLI start-up fast)."""
    from safetyplan.web import runner

    runner.migrate()  # configures Django first


def parse_date(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD command-line option as a date (None stays None); a clear error naming
    the option otherwise."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DataError(
            _("{option}: not a date (YYYY-MM-DD): {text}").format(option=option, text=repr(text))
        ) from None


def check_rejects_target(path: Path | None) -> None:
    """A ``--rejects`` file goes into a folder that exists: a typo should not create folders."""
    if path is not None and not path.parent.is_dir():
        raise DataError(
            _("--rejects {path}: the folder does not exist: {folder}").format(
                path=path, folder=path.parent
            )
        )
