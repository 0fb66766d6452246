# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Typer's and Click's own words ("Usage", "Options", "Missing argument"...) in the active
language.

Typer (0.29) ships its own copy of Click with the texts written into the code, and reads
its panel titles from module constants made at import. There is no catalogue to hook into,
so :func:`translate` sets those constants and wraps the few places that write a text, each
from our catalogue; the messages of Typer's value checks (Pydantic's, "Input should be a valid
integer, ...") are recognised by their wording (:data:`KNOWN`). A message not listed there
stays English.
"""

from __future__ import annotations

import functools
import re
import sys

from safetyplan.i18n import N_, gettext

# Messages Typer writes with the standard library's gettext (typer.core): listed here so that
# the extractor puts them in our catalogue; the module's ``_`` then reads ours.
TYPER_CORE_MESSAGES = (
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
)

MISSING = {
    "argument": N_("Missing argument"),
    "option": N_("Missing option"),
    "parameter": N_("Missing parameter"),
}

# The placeholders of a usage line ("Usage: safetyplan plan [OPTIONS] COMMAND [ARGS]...").
_METAVARS = {
    "[OPTIONS]": lambda: gettext("[OPTIONS]"),
    "COMMAND [ARGS]...": lambda: gettext("COMMAND [ARGS]..."),
}

# Messages of Typer's value checks and parser, by their English wording -> ours.
KNOWN = [
    (
        re.compile(r"Value error, (?P<value>.+) is not one of (?P<choices>.+)\.$"),
        N_("{value} is not one of {choices}."),
    ),
    (
        re.compile(r"Input should be a valid integer, unable to parse string as an integer$"),
        N_("not a whole number"),
    ),
    (
        re.compile(r"Input should be a valid number, unable to parse string as a number$"),
        N_("not a number"),
    ),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)$"), N_("at most {n}")),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)$"), N_("at least {n}")),
    (re.compile(r"Input should be less than (?P<n>\S+)$"), N_("less than {n}")),
    (re.compile(r"Input should be greater than (?P<n>\S+)$"), N_("greater than {n}")),
    (
        re.compile(r"Option (?P<name>'[^']+') requires an argument\.$"),
        N_("Option {name} requires an argument."),
    ),
    (
        re.compile(r"Option (?P<name>'[^']+') does not take a value\.$"),
        N_("Option {name} does not take a value."),
    ),
    (re.compile(r"Did you mean (?P<suggestions>.+)\?$"), N_("Did you mean {suggestions}?")),
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<extra>.+)\)$"),
        N_("Unexpected extra argument(s): {extra}"),
    ),
]


def translate_known(text: str) -> str:
    """*text* with the known English phrases of :data:`KNOWN` in the active language."""
    for pattern, msgid in KNOWN:

        def ours(match: re.Match[str], msgid: str = msgid) -> str:
            return gettext(msgid).format(**match.groupdict())

        text = pattern.sub(ours, text)
    return text


_done = False


def translate() -> None:
    """Make Typer's and Click's texts follow the active language (idempotent; the wrapped
    functions look the language up on every call)."""
    global _done
    from typer import core
    from typer._click import core as click_core
    from typer._click import exceptions, formatting

    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is not None:
        _set_rich_constants(rich_utils)
    if _done:
        return
    _done = True
    # Typer imports rich_utils only for help and errors, and it costs about 0.1 s: translate
    # its constants when it is imported rather than import it at every start
    sys.meta_path.insert(0, _RichUtilsFinder())
    core._ = gettext  # type: ignore[attr-defined]  # typer.core's `from gettext import gettext as _`

    write_usage = formatting.HelpFormatter.write_usage

    @functools.wraps(write_usage)
    def translated_write_usage(self, prog, args="", prefix=None):
        if prefix is None:
            prefix = gettext("Usage:") + " "
        return write_usage(self, prog, args, prefix)

    formatting.HelpFormatter.write_usage = translated_write_usage  # type: ignore[method-assign]

    get_help_option = click_core.Command.get_help_option

    @functools.wraps(get_help_option)
    def translated_help_option(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = gettext("Show this message and exit.")
        return option

    click_core.Command.get_help_option = translated_help_option  # type: ignore[method-assign]

    for cls in (click_core.Command, core.TyperGroup):  # a group adds "COMMAND [ARGS]..."
        cls.collect_usage_pieces = _translated_usage_pieces(cls.collect_usage_pieces)  # type: ignore[method-assign]

    missing_message = exceptions.MissingParameter.format_message

    @functools.wraps(missing_message)
    def translated_missing(self):
        text = missing_message(self)
        for kind, msgid in MISSING.items():
            english = f"Missing {kind}"
            if text.startswith(english):
                return gettext(msgid) + text[len(english) :]
        return text

    exceptions.MissingParameter.format_message = translated_missing  # type: ignore[method-assign]

    bad_parameter = exceptions.BadParameter.format_message

    @functools.wraps(bad_parameter)
    def translated_bad_parameter(self):
        text = translate_known(bad_parameter(self))
        if text.startswith("Invalid value for "):
            hint, sep, rest = text.removeprefix("Invalid value for ").partition(": ")
            return gettext("Invalid value for {hint}").format(hint=hint) + sep + rest
        if text.startswith("Invalid value: "):
            return gettext("Invalid value") + text.removeprefix("Invalid value")
        return text

    exceptions.BadParameter.format_message = translated_bad_parameter  # type: ignore[method-assign]

    plain = exceptions.ClickException.format_message

    @functools.wraps(plain)
    def translated_plain(self):
        return translate_known(plain(self))

    exceptions.ClickException.format_message = translated_plain  # type: ignore[method-assign]

    no_such_option = exceptions.NoSuchOption.__init__

    @functools.wraps(no_such_option)
    def translated_no_such_option(self, option_name, message=None, possibilities=None, ctx=None):
        if message is None:
            message = gettext("No such option: {name}").format(name=option_name)
        no_such_option(self, option_name, message, possibilities, ctx)

    exceptions.NoSuchOption.__init__ = translated_no_such_option  # type: ignore[method-assign]

    possible = exceptions.NoSuchOption.format_message

    @functools.wraps(possible)
    def translated_possible(self):
        return possible(self).replace(
            "(Possible options: ", "(" + gettext("Possible options:") + " "
        )

    exceptions.NoSuchOption.format_message = translated_possible  # type: ignore[method-assign]


def _translated_usage_pieces(usage_pieces):
    @functools.wraps(usage_pieces)
    def translated(self, ctx):
        return [_METAVARS[p]() if p in _METAVARS else p for p in usage_pieces(self, ctx)]

    return translated


def _set_rich_constants(rich_utils) -> None:
    """The panel titles and hints of Typer's Rich help and errors, read at every use."""
    rich_utils.ARGUMENTS_PANEL_TITLE = gettext("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = gettext("Options")
    rich_utils.COMMANDS_PANEL_TITLE = gettext("Commands")
    rich_utils.ERRORS_PANEL_TITLE = gettext("Error")
    rich_utils.ABORTED_TEXT = gettext("Aborted.")
    rich_utils.RICH_HELP = gettext("Try [blue]'{command_path} {help_option}'[/] for help.")
    rich_utils.DEFAULT_STRING = gettext("[default: {}]")
    rich_utils.REQUIRED_LONG_STRING = gettext("[required]")
    rich_utils.ENVVAR_STRING = gettext("[env var: {}]")


class _RichUtilsFinder:
    """Sets the constants of ``typer.rich_utils`` in the active language as it is imported."""

    def find_spec(self, name, path=None, target=None):
        if name != "typer.rich_utils":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                break
        else:
            return None
        exec_module = spec.loader.exec_module

        def exec_and_translate(module):
            exec_module(module)
            _set_rich_constants(module)

        spec.loader.exec_module = exec_and_translate  # type: ignore[method-assign]
        return spec
