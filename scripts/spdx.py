# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Check or add the SPDX licence header of every source file (EUPL article 5 asks that the
notices travel with the code; the SPDX form is what REUSE tools and scanners read).

    python scripts/spdx.py --check [PATH ...]   # exit 1 and list the files without one
    python scripts/spdx.py --fix [PATH ...]     # add the header where it is missing

Without paths: every file git tracks. Which files: our code and configuration (Python,
shell, R, Dockerfile, templates, CSS/JS, TOML/YAML configuration). Not: the shipped datasets
and test fixtures (data, with their own licences in PROVENANCE.md), vendored third-party
code, plans and scenarios (content, not code), generated files (.mo, lock files), empty
files (``__init__.py``, ``py.typed``). The header, after a shebang line if there is one:

    # SPDX-License-Identifier: EUPL-1.2
    # SPDX-FileCopyrightText: 2026 Safetyplan contributors

in the comment syntax of the file (``{# ... #}`` in Django and Jinja templates, ``/* ... */``
in CSS, ``//`` in JavaScript). In templates both comments go on the first line, joined to
the template's own first line: a template renders exactly as before (a newline after a
comment would be output). The copyright line is the one LICENSE and publiccode.yml state.
"""

from __future__ import annotations

import argparse
import fnmatch
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LICENSE_ID = "EUPL-1.2"
COPYRIGHT = "2026 Safetyplan contributors"
TAGS = (f"SPDX-License-Identifier: {LICENSE_ID}", f"SPDX-FileCopyrightText: {COPYRIGHT}")
LOOK_LINES = 5  # the header must start within the first lines (after shebang / encoding)

# (pattern, comment start, comment end); the first pattern that matches a path wins.
# Comments ending in "#}" are template comments: written inline, without newlines.
STYLES = [
    ("*.py", "# ", ""),
    ("*.sh", "# ", ""),
    ("*.R", "# ", ""),
    (".ci/run", "# ", ""),
    ("*Dockerfile", "# ", ""),
    ("*.toml", "# ", ""),
    ("*.yaml", "# ", ""),
    ("*.yml", "# ", ""),
    ("*/templates/*.html", "{# ", " #}"),
    ("*.j2", "{# ", " #}"),
    ("*.css", "/* ", " */"),
    ("*.js", "// ", ""),
]
EXCLUDE = [
    "src/safetyplan/datasets/*",  # shipped data, licences in each PROVENANCE.md
    "tests/fixtures/*",
    "tests/*/fixtures/*",  # test data
    "*/vendor/*",  # third-party code under its own licence
    "plans/*",
    "scenarios/*",  # plan content and example scenarios, not code
    "requirements/*",  # generated lock files
]


def style(path: str) -> tuple[str, str] | None:
    """The comment syntax for ``path`` (relative, with /), or None when it needs no header."""
    if any(fnmatch.fnmatch(path, pattern) for pattern in EXCLUDE):
        return None
    for pattern, start, end in STYLES:
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            return start, end
    return None


def _inline(end: str) -> bool:
    return end.strip() == "#}"


def header(start: str, end: str) -> str:
    newline = "" if _inline(end) else "\n"
    return "".join(f"{start}{tag}{end}{newline}" for tag in TAGS)


def has_header(text: str) -> bool:
    head = text.splitlines()[: LOOK_LINES + len(TAGS)]
    return all(any(tag in line for line in head) for tag in TAGS)


def with_header(text: str, start: str, end: str) -> str:
    """``text`` with the header added after a shebang / encoding line; unchanged if present."""
    if has_header(text):
        return text
    lines = text.splitlines(keepends=True)
    keep = 0
    while (
        keep < len(lines)
        and keep < 2
        and (lines[keep].startswith("#!") or "coding:" in lines[keep] or "coding=" in lines[keep])
    ):
        keep += 1
    return "".join(lines[:keep]) + header(start, end) + "".join(lines[keep:])


def candidates(paths: list[str]) -> list[Path]:
    """Tracked files (or the given ones) that need a header: right type, not empty."""
    if paths:
        files = [Path(p).resolve() for p in paths]
    else:
        listed = (
            subprocess.run(
                ["git", "-C", str(REPO), "ls-files", "-z"], check=True, capture_output=True
            )
            .stdout.decode()
            .split("\0")
        )
        files = [REPO / name for name in listed if name]
    out = []
    for file in files:
        try:
            rel = file.relative_to(REPO).as_posix()
        except ValueError:
            rel = file.as_posix()
        if file.is_file() and file.stat().st_size > 0 and style(rel) is not None:
            out.append(file)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="list files without the header")
    mode.add_argument("--fix", action="store_true", help="add the header where it is missing")
    parser.add_argument("paths", nargs="*", help="files to look at (default: all tracked)")
    args = parser.parse_args(argv)
    missing = []
    for file in candidates(args.paths):
        rel = file.relative_to(REPO).as_posix() if file.is_relative_to(REPO) else str(file)
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            print(f"{rel}: not UTF-8 text, skipped", file=sys.stderr)
            continue
        if has_header(text):
            continue
        if args.fix:
            file.write_text(with_header(text, *style(rel)), encoding="utf-8")
            print(f"added: {rel}")
        else:
            missing.append(rel)
    if missing:
        print(
            f"{len(missing)} file(s) without the SPDX header "
            f"(python scripts/spdx.py --fix adds it):",
            file=sys.stderr,
        )
        for rel in missing:
            print(f"  {rel}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
