# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What every command that loads into the warehouse shares: the ``--wait`` option and a load
that tells the user when it waits for another load (see safetyplan.warehouse.snapshots)."""

from pathlib import Path

import typer

from safetyplan.i18n import _
from safetyplan.warehouse.snapshots import DEFAULT_WAIT_SECONDS, WAIT_ENV

from ._common import err_console

WAIT_HELP = _(
    "Seconds to wait for another load that is still running (default {variable} or {seconds})."
).format(variable=WAIT_ENV, seconds=f"{DEFAULT_WAIT_SECONDS:.0f}")


def wait_option():
    return typer.Option(None, "--wait", min=0, help=WAIT_HELP)


def open_load(warehouse: Path | None, wait: float | None):
    """The warehouse opened for a load; readers keep working, a second load waits its turn."""
    from safetyplan.warehouse import Warehouse

    return Warehouse.open(warehouse, wait=wait, on_wait=err_console.print)
