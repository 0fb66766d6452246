# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan backup DIR`` and ``safetyplan restore DIR``: the web database and the
warehouse, taken while the server runs (see safetyplan.web.backup and docs/deploy.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from safetyplan.i18n import _
from safetyplan.settings import warehouse_path

from . import app
from ._common import console, err_console, web_database
from ._loading import wait_option

WAREHOUSE_HELP = _("DuckDB warehouse (default: $SAFETYPLAN_HOME/warehouse.duckdb).")


@app.command(
    "backup",
    help=_(
        "Back up while the server runs.\n\n"
        "Writes the web database (every table, as Django fixtures; SQLite or PostgreSQL) and a "
        "copy of the published warehouse into TARGET (mode 0700), with a manifest of checksums."
    ),
)
def backup(
    target: Path = typer.Argument(..., help=_("A new, empty folder.")),
    warehouse: Path = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
) -> None:
    """Back up while the server runs.

    Writes the web database (every table, as Django fixtures; SQLite or PostgreSQL) and a
    copy of the published warehouse into TARGET (mode 0700), with a manifest of checksums.
    """
    web_database()
    from safetyplan.web.backup import backup as make_backup

    manifest = make_backup(target, warehouse or warehouse_path())
    for name in manifest["files"]:
        console.print(f"{target / name}")
    console.print(_("Backup done: {target}").format(target=target))


@app.command(
    "restore",
    help=_(
        "Restore a backup into this home.\n\n"
        "Checks the manifest's checksums, migrates the database, loads the web data in one "
        "transaction (refused when the database already has users, unless --force) and "
        "publishes the warehouse copy as the current snapshot (running servers see it at once)."
    ),
)
def restore(
    source: Path = typer.Argument(..., help=_("A folder made by 'safetyplan backup'.")),
    force: bool = typer.Option(
        False,
        "--force",
        help=_("Empty a database that holds data first."),
    ),
    warehouse: Path = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    wait: float = wait_option(),
) -> None:
    """Restore a backup into this home.

    Checks the manifest's checksums, migrates the database, loads the web data in one
    transaction (refused when the database already has users, unless --force) and publishes
    the warehouse copy as the current snapshot (running servers see it at once).
    """
    web_database()
    from safetyplan.web.backup import restore as restore_backup

    manifest = restore_backup(
        source, warehouse or warehouse_path(), force=force, wait=wait, on_wait=err_console.print
    )
    console.print(
        _("Restored: {source} (made {created})").format(
            source=source, created=manifest["created_at"]
        )
    )
