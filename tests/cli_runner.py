# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Running the real ``safetyplan`` entry point in-process, in a home of its own."""

import sys


def run(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """Run the real entry point in-process: exit status, stdout, stderr."""
    from safetyplan.cli import main

    monkeypatch.setattr(sys, "argv", ["safetyplan", *args])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code or 0
    out, err = capsys.readouterr()
    return code, out, err
