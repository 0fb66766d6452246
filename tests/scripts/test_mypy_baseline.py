# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""scripts/mypy_baseline.py on saved mypy output: known errors pass, a new one fails, a fixed
one is reported, and the baseline may only shrink."""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import mypy_baseline  # noqa: E402

RUN = """\
src/safetyplan/a.py:10: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]
src/safetyplan/a.py:20: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]
src/safetyplan/b.py:3:5: error: Module has no attribute "x"  [attr-defined]
src/safetyplan/b.py:4: note: See https://mypy.readthedocs.io
Found 3 errors in 2 files (checked 2 source files)
"""  # noqa: E501


def _files(tmp_path, run, baseline=None):
    out = tmp_path / "mypy.txt"
    out.write_text(run)
    base = tmp_path / "mypy-baseline.txt"
    if baseline is not None:
        base.write_text(baseline)
    return ["--from-file", str(out), "--baseline", str(base)], base


def test_errors_are_keyed_without_line_numbers_and_counted():
    keys = mypy_baseline.parse(RUN)
    assert keys == {
        "src/safetyplan/a.py: [assignment] Incompatible types in assignment (expression has "
        'type "str", variable has type "int")': 2,
        'src/safetyplan/b.py: [attr-defined] Module has no attribute "x"': 1,
    }


def test_the_first_baseline_then_a_clean_check(tmp_path, capsys):
    args, base = _files(tmp_path, RUN)
    assert mypy_baseline.main([*args, "--update"]) == 1  # growth needs consent
    assert mypy_baseline.main([*args, "--update", "--allow-growth"]) == 0
    assert base.read_text().count("[assignment]") == 2
    assert mypy_baseline.main(args) == 0
    assert "3 known error(s), no new ones" in capsys.readouterr().out


def test_moved_code_is_not_new_but_a_third_copy_is(tmp_path, capsys):
    args, base = _files(tmp_path, RUN)
    mypy_baseline.main([*args, "--update", "--allow-growth"])
    moved = RUN.replace("a.py:10:", "a.py:14:")
    args, _ = _files(tmp_path, moved, base.read_text())
    assert mypy_baseline.main(args) == 0
    third = moved + RUN.splitlines()[0].replace(":10:", ":99:") + "\n"
    args, _ = _files(tmp_path, third, base.read_text())
    assert mypy_baseline.main(args) == 1
    assert "1 new mypy error(s)" in capsys.readouterr().err


def test_a_fixed_error_is_reported_and_the_baseline_shrinks(tmp_path, capsys):
    args, base = _files(tmp_path, RUN)
    mypy_baseline.main([*args, "--update", "--allow-growth"])
    fixed = "\n".join(line for line in RUN.splitlines() if "b.py:3" not in line)
    args, _ = _files(tmp_path, fixed, base.read_text())
    assert mypy_baseline.main(args) == 0
    assert "1 error(s) in mypy-baseline.txt are fixed" in capsys.readouterr().out
    assert mypy_baseline.main([*args, "--update"]) == 0  # shrinking needs no flag
    assert "attr-defined" not in base.read_text()


def test_a_missing_baseline_is_named(tmp_path):
    args, _ = _files(tmp_path, RUN)
    with pytest.raises(SystemExit, match="mypy-baseline.txt not found"):
        mypy_baseline.main(args)
