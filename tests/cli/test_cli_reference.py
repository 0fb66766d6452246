# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""docs/cli.md and the command line agree both ways: every command and subcommand of
`safetyplan` is documented with all its options, every documented command exists, and the
commands the other documents name exist too (issue 20, item 7)."""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import cli_reference  # noqa: E402

DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
TREE = cli_reference.command_tree()
COMMANDS = {" ".join(path): cmd for path, cmd, _ in TREE}


def _sections() -> dict[str, str]:
    """'events export' -> the text under its heading."""
    parts = re.split(r"^#{2,3} `safetyplan ([a-z][a-z -]*)`$", DOC, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_the_tree_has_the_commands_the_issue_named():
    assert {
        "manage",
        "events export",
        "events capacity",
        "service centre",
        "service import",
        "service facts",
    } <= set(COMMANDS)


def test_every_command_is_documented():
    missing = set(COMMANDS) - set(_sections())
    assert not missing, f"not in docs/cli.md (run python scripts/cli_reference.py): {missing}"


def test_every_documented_command_exists():
    stale = set(_sections()) - set(COMMANDS)
    assert not stale, f"docs/cli.md documents commands that do not exist: {sorted(stale)}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_documented_under_its_command(name):
    section = _sections()[name]
    for param in COMMANDS[name].params:
        if getattr(param, "hidden", False) or param.param_type_name != "option":
            continue
        for opt in param.opts:
            assert f"`{opt}`" in section, f"docs/cli.md, safetyplan {name}: {opt} missing"


def test_the_reference_is_current():
    # a process of its own: the help texts are in the language of the process that defines
    # the commands, and the reference is in English
    import subprocess

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        "docs/cli.md is not what the commands say: run python scripts/cli_reference.py"
    )


def test_the_check_mode_tells_a_stale_reference(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "cli.md"
    stale.write_text(DOC.replace("## `safetyplan manage`", "## `safetyplan manage-old`"))
    monkeypatch.setattr(cli_reference, "DOC", stale)
    monkeypatch.setattr(cli_reference, "REPO", tmp_path)
    assert cli_reference.main(["--check"]) == 1
    assert "not current" in capsys.readouterr().err
    assert cli_reference.main([]) == 0  # rewrites it
    assert cli_reference.main(["--check"]) == 0


def _named_in_docs():
    """Every `safetyplan word [word]` in a code span or block of README.md and docs/*.md."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        code = re.findall(r"```.*?```|`[^`\n]+`", text, flags=re.S)
        for span in code:
            for match in re.finditer(
                r"(?<![\w/.-])safetyplan ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)", span
            ):
                found.append((path.relative_to(ROOT).as_posix(), match.group(1)))
    return sorted(set(found))


def test_the_documents_name_commands():
    assert len(_named_in_docs()) >= 30


@pytest.mark.parametrize(("where", "words"), _named_in_docs())
def test_every_command_a_document_names_exists(where, words):
    first, _, second = words.partition(" ")
    assert first in COMMANDS, f"{where}: no command safetyplan {first}"
    group = COMMANDS[first]
    # after a group, a word is its subcommand, unless the group runs itself (allocate)
    if second and hasattr(group, "commands") and not group.invoke_without_command:
        assert second in group.commands, f"{where}: no command safetyplan {words}"


def test_the_readme_table_names_every_command():
    table = "\n".join(
        line
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.startswith("| `safetyplan")
    )
    named = {
        m.group(1) for m in re.finditer(r"`safetyplan ([a-z][a-z-]*(?: [a-z][a-z-]*)?)", table)
    }
    leaves = {name for name, cmd in COMMANDS.items() if not hasattr(cmd, "commands")}
    missing = leaves - named
    assert not missing, f"README.md's command table lacks: {sorted(missing)}"
