# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan serve``: the web application on a production server (gunicorn), and
``safetyplan manage ...``: Django's management commands (createsuperuser, migrate, ...)."""

from __future__ import annotations

from pathlib import Path

import typer

from safetyplan.i18n import _

from . import app
from ._common import console, err_console


@app.command(
    "serve",
    help=_(
        "Serve the web application (gunicorn, not runserver).\n\n"
        "The database is SQLite under SAFETYPLAN_HOME unless DATABASE_URL points elsewhere "
        "(e.g. postgres://user@host/db). Migrations run on start. Log in at /accounts/login/; "
        "create an administrator with 'safetyplan manage createsuperuser' (or run 'safetyplan "
        "demo' for the demo accounts)."
    ),
)
def serve(
    port: int = typer.Option(8000, "--port", help=_("Port.")),
    host: str = typer.Option("127.0.0.1", "--host", help=_("Address to listen on.")),
    workers: int = typer.Option(
        0,
        "--workers",
        help=_("Server processes (0 = automatic)."),
    ),
    plan: Path | None = typer.Option(
        None,
        "--plan",
        exists=True,
        dir_okay=False,
        help=_("Load (or reload) this plan file."),
    ),
    warehouse: Path | None = typer.Option(
        None,
        "--warehouse",
        dir_okay=False,
        help=_("The warehouse (DuckDB) with the figures."),
    ),
) -> None:
    """Serve the web application (gunicorn, not runserver).

    The database is SQLite under SAFETYPLAN_HOME unless DATABASE_URL points elsewhere
    (e.g. postgres://user@host/db). Migrations run on start. Log in at /accounts/login/;
    create an administrator with 'safetyplan manage createsuperuser' (or run 'safetyplan
    demo' for the demo accounts).
    """
    from safetyplan.web import runner

    runner.configure()
    runner.migrate()
    if plan or warehouse:
        runner.ensure_plan(plan, warehouse)
    url = f"http://{host}:{port}/"
    console.print(_("Safetyplan: {url}  (Ctrl+C to stop)").format(url=url))
    try:
        runner.serve(host=host, port=port, workers=workers or None)
    except KeyboardInterrupt:
        err_console.print(_("Stopped."))


@app.command(
    "manage",
    help=_("Django management commands, e.g. 'manage createsuperuser'."),
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage(ctx: typer.Context) -> None:
    """Django management commands, e.g. 'manage createsuperuser'."""
    from django.core.management import execute_from_command_line

    from safetyplan.web import runner

    runner.configure()
    execute_from_command_line(["safetyplan manage", *ctx.args])
