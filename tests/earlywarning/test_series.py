# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Reading counts files: panels, frequencies, and every bad input with file and line."""

import numpy as np
import pytest

from safetyplan import i18n
from safetyplan.earlywarning import read_counts_csv
from safetyplan.earlywarning.series import MONTH, WEEK
from safetyplan.errors import DataError


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The engine's messages in English here (the Dutch ones: tests/earlywarning/test_cli.py
    and tests/i18n/test_signals_language.py)."""
    monkeypatch.setenv("SAFETYPLAN_LANG", "en")
    i18n.activate(None)
    yield
    i18n.activate(None)


def write(tmp_path, text, name="counts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_weekly_and_monthly_series_become_panels(tmp_path):
    path = write(
        tmp_path,
        "series,period,count\n"
        "a,2024-01-01,3\na,2024-01-08,4\na,2024-01-22,1\n"
        "m,2024-01-01,10\nm,2024-02-01,12\nm,2024-03,9\n"
        "w,2024-W02,5\nw,2024-W03,6\n",
    )
    panels = {p.freq: p for p in read_counts_csv(path)}
    assert set(panels) == {WEEK, MONTH}
    week = panels[WEEK]
    assert week.names == ["a", "w"]
    a = week.counts[0]
    assert list(a[:4]) == [3, 4, 0, 1]  # the missing week inside the series counts as 0
    assert week.filled_gaps == 1
    assert np.isnan(week.counts[1, 0])  # w starts a week later: unknown, not 0
    assert list(panels[MONTH].counts[0]) == [10, 12, 9]


BAD = [
    ("series,period,count\na,2024-01-01,-1\n", "line 2", "negative count"),
    ("series,period,count\na,2024-01-01,2.5\n", "line 2", "not a whole number"),
    ("series,period,count\na,2024-01-01,drie\n", "line 2", "not a number"),
    ("series,period,count\na,2024-01-01,1\na,1 januari,2\n", "line 3", "is not a date"),
    (
        "series,period,count\na,2024-01-01,1\na,2024-01-08,2\na,2024-01-01,3\n",
        "line 4",
        "duplicate period 2024-01-01 in series 'a' (first on line 2)",
    ),
    ("series,period\na,2024-01-01\n", "line 1", "missing column(s) count"),
    (
        "series,period,count\na,2024-01-01,1\na,2024-01-08,1\na,2024-02-01,1\n",
        "line 4",
        "mixed or irregular frequencies in series 'a'",
    ),
    (
        "series,period,count\na,2024-01-01,1\na,2024-02,1\na,2024-W10,1\n",
        "line",
        "mixed or irregular frequencies",
    ),
    ("series,period,count\na,2024-01-01,\n", "line 2", "missing count"),
]


@pytest.mark.parametrize(("text", "where", "problem"), BAD)
def test_bad_input_names_file_line_and_problem(tmp_path, text, where, problem):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as err:
        read_counts_csv(path)
    message = str(err.value)
    assert str(path) in message and where in message and problem in message


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="File not found"):
        read_counts_csv(tmp_path / "nope.csv")


def test_many_problems_are_listed_with_a_count(tmp_path):
    rows = "".join(f"a,2024-01-{d:02d},-1\n" for d in range(1, 15))
    with pytest.raises(DataError) as err:
        read_counts_csv(write(tmp_path, "series,period,count\n" + rows))
    assert "line 2:" in str(err.value) and "and 4 more" in str(err.value)
