# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Validation of tidy facts before they reach the warehouse.

Checks are vectorised (pandas string operations), so a file of millions of rows is checked in
seconds. :func:`check_facts` separates good rows from rejects (line, column, reason);
:func:`validate_facts` is the strict form used by :meth:`Warehouse.load_facts`: any reject
raises :class:`DataError` naming the origin, the line and the problem.

Line numbers count like a CSV file with a header: the first data row is line 2, unless the
caller passes the real line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from safetyplan.csvread import NO_WORDS, YES_WORDS, Reject
from safetyplan.errors import DataError
from safetyplan.i18n import _, ngettext

REQUIRED_COLUMNS = ("area", "period", "measure", "value")
OPTIONAL_COLUMNS = ("provisional",)
FACT_COLUMNS = (*REQUIRED_COLUMNS, "provisional")

# CBS area codes (NL01 country, PVdd province, GMdddd municipality, WKdddddd wijk,
# BUdddddddd buurt) and police units (REdd). The police tables call the country NL00;
# it is stored as NL01 so that one country has one code.
AREA_PATTERN = re.compile(r"^(?:NL01|PV[0-9]{2}|GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8}|RE[0-9]{2})$")
COUNTRY_ALIASES = {"NL00": "NL01"}
PERIOD_PATTERN = re.compile(
    r"^(?:19|20)[0-9]{2}(?:-(?:0[1-9]|1[0-2])|-W(?:0[1-9]|[1-4][0-9]|5[0-3]))?$"
)
MEASURE_PATTERN = re.compile(r"^\S{1,200}$")
# Plain decimal notation (after a decimal comma is turned into a point); no 'inf', 'nan',
# '1_000' or non-ASCII digits.
NUMBER_PATTERN = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")

# provisional: the shared yes/no words, the words of CBS tables ("voorlopig", "*" as in
# "2017*", "definitief") and an empty cell for no
TRUE_WORDS = YES_WORDS | {"voorlopig", "*"}
FALSE_WORDS = NO_WORDS | {"", "definitief"}

MAX_LISTED = 10  # rejects listed in an error message
TEXT = "string[pyarrow]"


@dataclass
class Problem:
    """One rule over all rows: where it fails and how to word it (built only for failures)."""

    mask: pd.Series
    column: str
    what: str
    shown: pd.Series | None = None  # the offending text, quoted in the reason
    hint: str | None = None
    quote: bool = True

    def values(self, where: np.ndarray) -> list[str]:
        """The offending text of each failing row, empty where the rule shows none."""
        if self.shown is None:
            return [""] * len(where)
        return [str(t) for t in self.shown.reset_index(drop=True).to_numpy()[where]]

    def reasons(self, where: np.ndarray) -> list[str]:
        suffix = f" ({self.hint})" if self.hint else ""
        if self.shown is None:
            return [self.what + suffix] * len(where)
        texts = self.shown.reset_index(drop=True).to_numpy()[where]
        if not self.quote:
            return [f"{self.what} {t}{suffix}" for t in texts]
        return [f"{self.what}: '{_shorten(str(t))}'{suffix}" for t in texts]


@dataclass
class CheckResult:
    facts: pd.DataFrame  # the good rows: area, period, measure, value, provisional
    rejects: list[Reject]
    lines: np.ndarray  # line number of every good row

    @property
    def rejected_lines(self) -> int:
        return len({r.line for r in self.rejects})


def normalise_columns(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Lower-case, stripped column names; raise if a required column is missing."""
    names = [str(c).strip().lstrip("\ufeff").strip().lower() for c in raw.columns]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise DataError(
            _("{file}: duplicate column(s): {columns}").format(
                file=origin, columns=", ".join(doubled)
            )
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise DataError(
            _(
                "{file}: missing column(s): {columns}; expected: "
                "area,period,measure,value[,provisional] (found: {found})"
            ).format(file=origin, columns=", ".join(missing), found=",".join(names) or _("none"))
        )
    out = raw.reset_index(drop=True)
    out.columns = names
    return out


def check_facts(
    raw: pd.DataFrame,
    *,
    origin: str,
    lines: Sequence[int] | np.ndarray | None = None,
    extra_areas: Iterable[str] = (),
    known_measures: Iterable[str] | None = None,
) -> CheckResult:
    """Split ``raw`` into valid, normalised facts and a list of rejects."""
    df = normalise_columns(raw, origin)
    line_no = np.arange(len(df)) + 2 if lines is None else np.asarray(lines, dtype=np.int64)
    if len(line_no) != len(df):
        raise ValueError("lines must have one entry per row")

    area, bad_area = _check_areas(df["area"], set(_stripped(extra_areas)))
    period = _text(df["period"])
    measure = _text(df["measure"])
    value, value_text = _parse_values(df["value"])
    provisional, bad_provisional = _parse_provisional(df.get("provisional"), len(df))

    good_measure = measure.str.match(MEASURE_PATTERN.pattern)
    problems: list[Problem] = [
        Problem(
            bad_area,
            "area",
            _("not a valid area code"),
            area,
            _("expected NL01, PVdd, GMdddd, WKdddddd, BUdddddddd, REdd"),
        ),
        Problem(
            ~period.str.match(PERIOD_PATTERN.pattern),
            "period",
            _("not a valid period"),
            period,
            _("expected YYYY, YYYY-MM or YYYY-Www"),
        ),
        Problem(
            ~good_measure,
            "measure",
            _("not a valid measure"),
            measure,
            _("non-empty, no spaces, at most 200 characters"),
        ),
    ]
    if known_measures is not None:
        unknown = ~measure.isin(set(known_measures)) & good_measure
        problems.append(Problem(unknown, "measure", _("unknown measure"), measure))
    empty_value = value_text == ""
    problems += [
        Problem(empty_value, "value", _("empty value")),
        Problem(value.isna() & ~empty_value, "value", _("not a number"), value_text),
        Problem(
            value.notna() & ~np.isfinite(value.fillna(0.0)),
            "value",
            _("not a finite number"),
            value_text,
        ),
        Problem(
            bad_provisional,
            "provisional",
            _("not a yes/no value"),
            _text(df["provisional"]) if "provisional" in df else None,
            _("expected true/false, 1/0, ja/nee"),
        ),
    ]

    bad_row = np.zeros(len(df), dtype=bool)
    for problem in problems:
        bad_row |= problem.mask.to_numpy(dtype=bool)

    facts = pd.DataFrame(
        {
            "area": area,
            "period": period,
            "measure": measure,
            "value": value.astype("float64"),
            "provisional": provisional,
        }
    )
    duplicate, first_line = _duplicates(facts, line_no, bad_row)
    problems.append(
        Problem(
            duplicate,
            "area,period,measure",
            _("duplicate of line"),
            first_line.astype(str),
            _("same area, period and measure"),
            quote=False,
        )
    )
    bad_row |= duplicate.to_numpy(dtype=bool)

    rejects = _collect(problems, line_no)
    good = ~bad_row
    return CheckResult(
        facts=facts[good].reset_index(drop=True),
        rejects=rejects,
        lines=line_no[good],
    )


def validate_facts(
    raw: pd.DataFrame,
    *,
    origin: str,
    lines: Sequence[int] | np.ndarray | None = None,
    extra_areas: Iterable[str] = (),
    known_measures: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The strict check: return normalised facts, or raise DataError on the first problems."""
    result = check_facts(
        raw, origin=origin, lines=lines, extra_areas=extra_areas, known_measures=known_measures
    )
    if result.rejects:
        raise DataError(describe_rejects(origin, result.rejects))
    return result.facts


def describe_rejects(origin: str, rejects: Sequence[Reject]) -> str:
    """A readable message listing the first rejects."""
    rows = len({r.line for r in rejects})
    head = [f"  {origin}, {r}" for r in rejects[:MAX_LISTED]]
    more = len(rejects) - MAX_LISTED
    tail = [_("  ... and {n} more").format(n=more)] if more > 0 else []
    title = ngettext("{file}: {n} invalid row:", "{file}: {n} invalid rows:", rows).format(
        file=origin, n=rows
    )
    return "\n".join([title, *head, *tail])


# -- column parsers ------------------------------------------------------------------------


def _stripped(values: Iterable[str]) -> list[str]:
    return [str(v).strip() for v in values]


def _text(col: pd.Series) -> pd.Series:
    """Any column as stripped text (Arrow-backed, so string checks are vectorised); missing
    cells become ''."""
    return col.astype(TEXT).fillna("").str.strip()


def _check_areas(col: pd.Series, extra: set[str]) -> tuple[pd.Series, pd.Series]:
    text = _text(col)
    upper = text.str.upper().replace(COUNTRY_ALIASES)
    is_cbs = upper.str.match(AREA_PATTERN.pattern)
    is_extra = text.isin(extra)
    area = upper.where(is_cbs, text)
    return area, ~(is_cbs | is_extra)


def _parse_values(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from numbers or text; a decimal comma is accepted ('1,5' and '1.234,5')."""
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        values = col.astype("float64")
        return values, values.astype(str).where(values.notna(), "")
    text = _text(col)
    has_comma = text.str.contains(",", regex=False)
    dutch = text.where(~has_comma, text.str.replace(".", "", regex=False))
    normalised = dutch.str.replace(",", ".", regex=False)
    numeric = normalised.where(normalised.str.match(NUMBER_PATTERN.pattern), None)
    return numeric.astype("float64"), text


def _parse_provisional(col: pd.Series | None, n: int) -> tuple[pd.Series, pd.Series]:
    if col is None:
        return pd.Series(np.zeros(n, dtype=bool)), pd.Series(np.zeros(n, dtype=bool))
    if pd.api.types.is_bool_dtype(col):
        flags = col.fillna(False).astype(bool)
        return flags.reset_index(drop=True), pd.Series(np.zeros(n, dtype=bool))
    word = _text(col).str.lower().reset_index(drop=True)
    flags = word.isin(TRUE_WORDS)
    return flags, ~(flags | word.isin(FALSE_WORDS))


def _duplicates(
    facts: pd.DataFrame, line_no: np.ndarray, bad_row: np.ndarray
) -> tuple[pd.Series, pd.Series]:
    """Later occurrences of an (area, period, measure) among otherwise valid rows."""
    key = ["area", "period", "measure"]
    candidates = facts.loc[~bad_row, key].assign(line=line_no[~bad_row])
    first_line = candidates.groupby(key, sort=False)["line"].transform("first")
    dup = candidates.duplicated(subset=key, keep="first")
    duplicate = pd.Series(np.zeros(len(facts), dtype=bool))
    first = pd.Series(np.zeros(len(facts), dtype=np.int64))
    duplicate[np.flatnonzero(~bad_row)] = dup.to_numpy()
    first[np.flatnonzero(~bad_row)] = first_line.to_numpy()
    return duplicate, first


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _collect(problems: list[Problem], line_no: np.ndarray) -> list[Reject]:
    parts = []
    for order, problem in enumerate(problems):
        where = np.flatnonzero(problem.mask.to_numpy(dtype=bool))
        if len(where) == 0:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "line": line_no[where],
                    "order": order,
                    "column": problem.column,
                    "reason": problem.reasons(where),
                    "value": problem.values(where),
                }
            )
        )
    if not parts:
        return []
    table = pd.concat(parts).sort_values(["line", "order"], kind="stable")
    return [
        Reject(int(line), column, str(reason), str(value))
        for line, column, reason, value in zip(
            table["line"], table["column"], table["reason"], table["value"], strict=True
        )
    ]
