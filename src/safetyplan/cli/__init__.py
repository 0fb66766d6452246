# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The ``safetyplan`` command line (Typer + Rich).

Each command group lives in its own module and registers itself on ``app``; this module only
wires them together and turns :class:`SafetyplanError` into a clean message and exit status.
"""

import sys

import typer
from rich.markup import escape

from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _

from ._common import console, err_console


def _language_from_argv(argv: list[str]) -> str | None:
    """The ``--lang`` given before the command name, read before the commands are imported,
    because their help texts are translated when they are defined."""
    for i, arg in enumerate(argv[1:], start=1):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if not arg.startswith("-"):
            return None  # the command name: a later --lang belongs to the command
    return None


def _activate_language(report: bool = True) -> None:
    """The language of this run, for our texts and Typer's ("Usage", "Options")."""
    from ._typer_words import translate

    given = _language_from_argv(sys.argv)
    try:
        i18n.activate(i18n.resolve(given))
    except SafetyplanError as exc:
        i18n.activate(i18n.DEFAULT_LANGUAGE)
        if report and not given:  # SAFETYPLAN_LANG=xx; a wrong --lang is reported by its option
            err_console.print(f"[bold red]{escape(str(exc))}[/]", soft_wrap=True)
    translate()


_activate_language()

app = typer.Typer(
    name="safetyplan",
    help=_(
        "Safetyplan: steering regional safety policy: plan as data, real figures, goal "
        "monitor, early signals and reports."
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


@app.callback()
def _options(
    lang: str | None = typer.Option(
        None,
        "--lang",
        help=_(
            "Language of messages and tables: nl or en (default: SAFETYPLAN_LANG, the locale, nl)."
        ),
        show_default=False,
    ),
) -> None:
    if lang:  # also read from argv at start-up, for the help texts; this checks the value
        i18n.activate(i18n.check_language(lang))
        from ._typer_words import translate

        translate()


_register_commands()


def main() -> None:
    """Entry point: Typer handles usage errors (exit 2); ours become a message, not a traceback."""
    from safetyplan.settings import private_files

    private_files()
    # again, for a second run in one process (tests): the texts made at import stay as they are
    _activate_language(report=False)
    try:
        app()
    except SafetyplanError as exc:
        # escape: the message is text, not Rich markup ("[live]" would vanish as a tag)
        label = _("Error:")
        err_console.print(f"[bold red]{label}[/] {escape(str(exc))}", soft_wrap=True)
        sys.exit(exc.exit_code)


__all__ = ["app", "main", "console", "err_console"]
