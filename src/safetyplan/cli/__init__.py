# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The ``safetyplan`` command line (Typer + Rich).

Each command group lives in its own module and registers itself on ``app``; this module only
wires them together and turns :class:`SafetyplanError` into a clean message and exit status.
"""

import sys

import typer
from rich.markup import escape

from safetyplan.errors import SafetyplanError

from ._common import console, err_console

app = typer.Typer(
    name="safetyplan",
    help=(
        "Safetyplan: het regionaal beleidsplan als meetbare sturingscyclus.\n\n"
        "Steering regional safety policy: plan as data, real figures, goal monitor, "
        "early signals and reports."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

# Command modules register themselves on import. Keep this list sorted.
_COMMAND_MODULES = [
    "safetyplan.cli.allocate_cmd",
    "safetyplan.cli.backup_cmd",
    "safetyplan.cli.demo_cmd",
    "safetyplan.cli.evaluate_cmd",
    "safetyplan.cli.events_cmd",
    "safetyplan.cli.hotspots_cmd",
    "safetyplan.cli.incidents_cmd",
    "safetyplan.cli.ingest_cmd",
    "safetyplan.cli.monitor_cmd",
    "safetyplan.cli.plan_cmd",
    "safetyplan.cli.report_cmd",
    "safetyplan.cli.scan_cmd",
    "safetyplan.cli.serve_cmd",
    "safetyplan.cli.service_cmd",
    "safetyplan.cli.signals_cmd",
    "safetyplan.cli.unlock_cmd",
]


def _register_commands() -> None:
    import importlib

    for name in _COMMAND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a module not written yet must not break the rest
            if exc.name != name:
                raise


_register_commands()


def main() -> None:
    """Entry point: Typer handles usage errors (exit 2); ours become a message, not a traceback."""
    from safetyplan.settings import private_files

    private_files()
    try:
        app()
    except SafetyplanError as exc:
        # escape: the message is text, not Rich markup ("[live]" would vanish as a tag)
        err_console.print(f"[bold red]Fout / error:[/] {escape(str(exc))}", soft_wrap=True)
        sys.exit(exc.exit_code)


__all__ = ["app", "main", "console", "err_console"]
