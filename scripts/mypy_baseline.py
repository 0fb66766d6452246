# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Run mypy and compare its errors with ``mypy-baseline.txt``: the known errors are
tolerated, a new one fails, and a fixed one is reported so that the baseline can shrink.

    python scripts/mypy_baseline.py             # check (what CI runs)
    python scripts/mypy_baseline.py --update    # write the current errors as the baseline
    python scripts/mypy_baseline.py --from-file OUT.txt   # compare saved mypy output

An error is known by file, error code and message, not by line number, so that moving code
does not count as a new error; the same error twice in one file counts twice. The baseline
may only shrink: ``--update`` refuses to add errors unless ``--allow-growth`` is given (for
the first baseline, or a mypy upgrade that finds more).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "mypy-baseline.txt"
# "src/safetyplan/x.py:12: error: Message  [code]" (column optional)
LINE = re.compile(
    r"^(?P<path>[^:\n]+\.pyi?):\d+(?::\d+)?: error: (?P<message>.*?)"
    r"(?:\s+\[(?P<code>[a-z0-9-]+)\])?$"
)
HEADER = (
    "# mypy errors tolerated for now: scripts/mypy_baseline.py. Only remove lines;\n"
    "# a new error is fixed, not added here.\n"
)


def parse(output: str) -> Counter:
    """The errors of a mypy run as a multiset of 'path: [code] message' keys."""
    keys: Counter = Counter()
    for line in output.splitlines():
        match = LINE.match(line.strip())
        if match:
            path = match["path"].replace("\\", "/")
            keys[f"{path}: [{match['code'] or 'misc'}] {match['message']}"] += 1
    return keys


def read_baseline(path: Path) -> Counter:
    if not path.exists():
        raise SystemExit(
            f"error: {path.name} not found: make the first baseline with "
            "python scripts/mypy_baseline.py --update --allow-growth"
        )
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return Counter(lines)


def write_baseline(path: Path, errors: Counter) -> None:
    lines = sorted(errors.elements())
    path.write_text(HEADER + "".join(f"{ln}\n" for ln in lines), encoding="utf-8")


def run_mypy() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-pretty", "--no-error-summary", "--show-error-codes"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    # 0: no errors, 1: type errors; anything else (2: bad configuration, a crash) must never
    # pass for "no errors"
    if result.returncode not in (0, 1):
        raise SystemExit(
            f"error: mypy did not run (exit {result.returncode}):\n{result.stderr or result.stdout}"
        )
    return result.stdout


def compare(current: Counter, baseline: Counter) -> tuple[Counter, Counter]:
    """(new errors, errors fixed since the baseline)."""
    return current - baseline, baseline - current


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the baseline")
    parser.add_argument(
        "--allow-growth", action="store_true", help="with --update: let the baseline gain errors"
    )
    parser.add_argument("--from-file", type=Path, help="mypy output saved in a file")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    output = args.from_file.read_text(encoding="utf-8") if args.from_file else run_mypy()
    current = parse(output)
    if args.update:
        old = read_baseline(args.baseline) if args.baseline.exists() else Counter()
        grown = current - old
        if grown and not args.allow_growth:
            print(
                f"error: the baseline may only shrink; {sum(grown.values())} new error(s):",
                file=sys.stderr,
            )
            for key in sorted(grown.elements()):
                print(f"  {key}", file=sys.stderr)
            return 1
        write_baseline(args.baseline, current)
        print(f"wrote {args.baseline.name}: {sum(current.values())} error(s)")
        return 0
    new, fixed = compare(current, read_baseline(args.baseline))
    if new:
        print(
            f"{sum(new.values())} new mypy error(s), not in {args.baseline.name}:", file=sys.stderr
        )
        for key in sorted(new.elements()):
            print(f"  {key}", file=sys.stderr)
    if fixed:
        print(
            f"{sum(fixed.values())} error(s) in {args.baseline.name} are fixed: shrink it "
            f"with python scripts/mypy_baseline.py --update"
        )
    if not new:
        print(f"mypy: {sum(current.values())} known error(s), no new ones")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
