# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The README is part of the product: every command it names exists with every option it
shows, and every document it links is there (as Datasette checks its docs against its CLI)."""

import re
from pathlib import Path

import pytest
import typer.main

from safetyplan.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"`(safetyplan [a-z][^`]*)`", README)  # not `safetyplan COMMAND`


def _is_group(command) -> bool:
    return hasattr(command, "commands")  # Typer's click may be its own copy: no isinstance


def _resolve(words: list[str]):
    """The (sub)command the words name, and the words left after it."""
    command = typer.main.get_command(app)
    while words and _is_group(command) and words[0] in command.commands:
        command = command.commands[words.pop(0)]
    return command, words


def test_the_readme_names_commands():
    assert len(COMMANDS) >= 15


@pytest.mark.parametrize("line", COMMANDS)
def test_every_command_in_the_readme_exists_with_its_options(line):
    words = line.replace("\\|", "|").split()[1:]
    command, rest = _resolve(words)
    assert command.name != "safetyplan", f"no such command: {line}"
    takes_words = not _is_group(command) or command.invoke_without_command
    if rest and not rest[0].startswith("-") and not takes_words:
        pytest.fail(f"{line}: {rest[0]!r} is not a subcommand of {command.name}")
    known = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for word in rest:
        option = word.strip("[]").split("=")[0]
        if option.startswith("--"):
            assert option in known, f"{line}: {option} is not an option of {command.name}"


def test_every_document_the_readme_links_exists():
    for path in set(re.findall(r"`(docs/[^`]+)`", README)):
        assert (ROOT / path.rstrip("/")).exists(), path
