# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Write docs/cli.md, the reference of every `safetyplan` command, from the command line itself.

    python scripts/cli_reference.py           # rewrite docs/cli.md
    python scripts/cli_reference.py --check   # exit 1 when docs/cli.md is not current

tests/cli/test_cli_reference.py runs the check, so the reference cannot fall behind a new
command, option or help text (as Datasette keeps its CLI reference, with cog). The reference is
in English, the language of the docs: the script sets SAFETYPLAN_LANG=en, because the help
texts are translated when the commands are defined.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "cli.md"

INTRO = """# Command-line reference

Every command of `safetyplan`, with its arguments and options, as `safetyplan COMMAND --help`
shows them in English (`safetyplan` speaks Dutch by default: docs/translating.md). Generated
by `python scripts/cli_reference.py` from the command line itself; do not edit by hand:
`tests/cli/test_cli_reference.py` fails when this file and the commands disagree. The README's
table gives the overview; the documents named in the help texts explain each area.

Errors the user can fix (a bad file, a missing warehouse) print one message
(`Error: ...`, in Dutch `Fout: ...`; no traceback) and exit with status 2, as do wrong
arguments.
"""


def command_tree():
    """(path, click command, is_group) for every command and group, depth first, sorted."""
    import typer.main

    from safetyplan.cli import app

    def walk(cmd, path):
        if hasattr(cmd, "commands"):  # a group (typer vendors click: no isinstance check)
            if path:
                yield path, cmd, True
            for name in sorted(cmd.commands):
                yield from walk(cmd.commands[name], [*path, name])
        else:
            yield path, cmd, False

    return list(walk(typer.main.get_command(app), []))


def _cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _default(param) -> str:
    if param.required or param.default is None or callable(param.default):
        return ""
    if isinstance(param.default, bool):
        return "" if not param.default else "on"
    if isinstance(param.default, list | tuple):
        return ", ".join(map(str, param.default)) if param.default else ""
    return f"`{param.default}`"


def _usage(path, cmd) -> str:
    pieces = []
    for param in cmd.params:
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            name = param.name.upper()
            name = f"{name}..." if param.nargs == -1 else name
            pieces.append(name if param.required else f"[{name}]")
    if any(p.param_type_name == "option" and not getattr(p, "hidden", False) for p in cmd.params):
        pieces.insert(0, "[OPTIONS]")
    if getattr(cmd, "context_settings", {}).get("allow_extra_args"):
        pieces.append("[ARGS]...")
    return " ".join(["safetyplan", *path, *pieces])


def render() -> str:
    out = [INTRO]
    for path, cmd, is_group in command_tree():
        level = "##" if len(path) == 1 else "###"
        out.append(f"{level} `safetyplan {' '.join(path)}`\n")
        help_text = (cmd.help or "").strip()
        if help_text:
            out.append(help_text + "\n")
        if is_group:
            subs = ", ".join(f"`{name}`" for name in sorted(cmd.commands))
            out.append(f"Subcommands: {subs}.\n")
            if not cmd.invoke_without_command:  # a group that also runs itself: its options
                continue
        out.append(f"```\n{_usage(path, cmd)}\n```\n")
        rows = []
        for param in cmd.params:
            if getattr(param, "hidden", False) or param.name == "help":
                continue
            if param.param_type_name == "argument":
                flag = param.name.upper()
            else:
                flag = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
            what = _cell(getattr(param, "help", "") or "")
            rows.append(f"| {flag} | {_default(param)} | {what} |")
        if rows:
            out.append(
                "| argument / option | default | what |\n|---|---|---|\n" + "\n".join(rows) + "\n"
            )
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only tell whether it is current")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not DOC.exists() or DOC.read_text() != text:
            print(
                f"{DOC.relative_to(REPO)} is not current: run python scripts/cli_reference.py",
                file=sys.stderr,
            )
            return 1
        print(f"{DOC.relative_to(REPO)} is current")
        return 0
    DOC.write_text(text)
    print(f"wrote {DOC.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    os.environ["SAFETYPLAN_LANG"] = "en"  # before safetyplan.cli is imported: see the docstring
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
