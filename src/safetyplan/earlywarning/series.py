# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Count series: reading and checking ``series,period,count`` files, and the panel the
detectors work on (one row per series, one column per period on a regular calendar).

A period is the ISO date of its first day (``2024-03-04``); ``2024-03`` (a month) and
``2024-W10`` (an ISO week) are accepted too. A series is weekly when its periods are whole
weeks apart and monthly when they all fall on the first of a month. Periods missing inside a
series count as 0 by default (exports often leave out empty periods); ``gaps="missing"``
keeps them unknown instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from safetyplan.errors import DataError
from safetyplan.i18n import N_, _

WEEK = "week"
MONTH = "month"
YEAR = "year"  # only for yearly figures from the warehouse (signals run), not COUNTS files
PERIODS_PER_YEAR = {WEEK: 52, MONTH: 12, YEAR: 1}
REQUIRED = ("series", "period", "count")
# a period off the forced calendar; one whole sentence per frequency, for the translators
FITS = {
    WEEK: N_("period does not fit the weekly calendar in series {series!r}: {period}"),
    MONTH: N_("period does not fit the monthly calendar in series {series!r}: {period}"),
}
MAX_LISTED = 10

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_ISOWEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_WHOLE = re.compile(r"^[+]?\d+(\.0*)?$")


@dataclass
class CountPanel:
    """Series on one regular calendar: ``counts[s, t]`` is the count of series ``names[s]``
    in the period starting ``periods[t]`` (NaN: no value)."""

    names: list[str]
    periods: pd.DatetimeIndex
    freq: str
    counts: np.ndarray
    filled_gaps: int = 0
    lines: dict[str, int] = field(default_factory=dict)  # first line of each series in a file

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self.freq]

    def __len__(self) -> int:
        return len(self.names)


class _Problems:
    """Collects located problems and raises them together (the first few, and how many)."""

    def __init__(self, source: str):
        self.source = source
        self.items: list[tuple[int, str]] = []

    def add(self, line: int | None, message: str) -> None:
        self.items.append((line or 0, message))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        items = sorted(self.items)
        shown = [
            _("{source}, line {line}: {problem}").format(source=self.source, line=ln, problem=msg)
            if ln
            else f"{self.source}: {msg}"
            for ln, msg in items[:MAX_LISTED]
        ]
        more = len(items) - MAX_LISTED
        if more > 0:
            shown.append(_("... and {n} more").format(n=more))
        raise DataError("\n".join(shown))


def parse_periods(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Period strings to first-day timestamps (NaT where unreadable) and a frequency hint per
    value: 'month' for ``YYYY-MM``, 'week' for ``YYYY-Www``, '' for a plain date."""
    text = values.astype(str).str.strip()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    hint = pd.Series("", index=values.index, dtype=object)
    is_date = text.str.match(_DATE.pattern)
    out[is_date] = pd.to_datetime(text[is_date], format="%Y-%m-%d", errors="coerce")
    is_month = text.str.match(_MONTH.pattern)
    out[is_month] = pd.to_datetime(text[is_month] + "-01", format="%Y-%m-%d", errors="coerce")
    hint[is_month] = MONTH
    is_week = text.str.match(_ISOWEEK.pattern)
    if is_week.any():
        weeks = pd.to_datetime(text[is_week] + "-1", format="%G-W%V-%u", errors="coerce")
        out[is_week] = weeks
        hint[is_week] = WEEK
    return out, hint


def _series_frequency(dates: np.ndarray, hints: set[str]) -> tuple[str | None, int | None]:
    """The frequency of one series' sorted dates, or (None, index of the first period that
    breaks the pattern)."""
    if len(hints) > 1:
        return None, 0
    hint = next(iter(hints)) if hints else ""
    if len(dates) < 2:
        if hint:
            return hint, None
        return (MONTH if pd.Timestamp(dates[0]).day == 1 else None), None
    days = np.diff(dates).astype("timedelta64[D]").astype(int)
    first_of_month = all(pd.Timestamp(d).day == 1 for d in dates)
    weekly_steps = days % 7 == 0
    if hint != MONTH and weekly_steps.all() and (days.min() == 7 or not first_of_month):
        return WEEK, None
    if hint != WEEK and first_of_month:
        return MONTH, None
    if hint != MONTH and days.min() == 7:
        return None, int(np.argmin(weekly_steps)) + 1
    bad = [i for i, d in enumerate(dates) if pd.Timestamp(d).day != 1]
    return None, (bad[0] if bad else 1)


def read_counts_csv(
    path: str | Path, *, freq: str | None = None, gaps: str = "zero"
) -> list[CountPanel]:
    """Read and check a counts file; one panel per frequency found in it.

    Raises :class:`DataError` naming the file, the line and the problem for: a missing file
    or column, a count that is missing, negative or not a whole number, a period that is not
    a date, a period given twice in a series, or a series that mixes weekly and monthly steps.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(_("File not found: {path}").format(path=path))
    if path.is_dir():
        raise DataError(_("{path}: is a directory, not a file").format(path=path))
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except pd.errors.EmptyDataError:
        raise DataError(_("{path}: empty file").format(path=path)) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(
            _("{path}: not a readable CSV: {error}").format(path=path, error=exc)
        ) from None
    return counts_from_frame(raw, source=str(path), freq=freq, gaps=gaps)


def counts_from_frame(
    raw: pd.DataFrame,
    *,
    source: str = "<data>",
    freq: str | None = None,
    gaps: str = "zero",
    first_line: int = 2,
) -> list[CountPanel]:
    """Check a frame with columns series, period, count (strings or numbers) and build panels.
    Row ``i`` is reported as line ``first_line + i`` (line 1 is the CSV header)."""
    problems = _Problems(source)
    raw = raw.rename(columns=lambda c: str(c).strip().lower())
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        found = ", ".join(map(str, raw.columns)) or _("none")
        problems.add(
            1,
            _("missing column(s) {columns} (found: {found})").format(
                columns=", ".join(missing), found=found
            ),
        )
        problems.raise_if_any()
    if raw.empty:
        raise DataError(_("{source}: no data rows").format(source=source))
    if freq not in (None, WEEK, MONTH):
        raise DataError(_("unknown frequency {freq!r} (week or month)").format(freq=freq))
    if gaps not in ("zero", "missing"):
        raise DataError(_("unknown gaps option {gaps!r} (zero or missing)").format(gaps=gaps))

    df = pd.DataFrame(
        {
            "series": raw["series"].astype(str).str.strip(),
            "period_text": raw["period"].astype(str).str.strip(),
            "count_text": raw["count"].astype(str).str.strip(),
            "line": np.arange(first_line, first_line + len(raw)),
        }
    )
    for line in df.loc[df.series == "", "line"]:
        problems.add(line, _("missing series name"))
    df["period"], df["hint"] = parse_periods(df.period_text)
    for line, text in df.loc[df.period.isna(), ["line", "period_text"]].itertuples(index=False):
        problems.add(
            line,
            _("period missing")
            if text == ""
            else _("period is not a date: {text!r}").format(text=text),
        )
    number = _check_counts(df, problems)
    problems.raise_if_any()

    df["count"] = number.astype(float)  # parsed once (the checks did it)
    dup = df.duplicated(["series", "period"], keep="first")
    if dup.any():
        first = df[~dup].set_index(["series", "period"]).line
        for row in df[dup].itertuples(index=False):
            problems.add(
                row.line,
                _("duplicate period {period} in series {series!r} (first on line {first})").format(
                    period=row.period.date(),
                    series=row.series,
                    first=first[(row.series, row.period)],
                ),
            )
        problems.raise_if_any()
    return _build_panels(df.sort_values(["series", "period"]), problems, freq, gaps)


def _check_counts(df: pd.DataFrame, problems: _Problems) -> pd.Series:
    """Add the problems of the count column; return it as numbers (NaN where unreadable)."""
    text = df.count_text
    empty = text == ""
    number = pd.to_numeric(text, errors="coerce")
    for line in df.line[empty]:
        problems.add(line, _("missing count"))
    bad = ~empty & number.isna()
    for line, t in df.loc[bad, ["line", "count_text"]].itertuples(index=False):
        problems.add(line, _("count is not a number: {text!r}").format(text=t))
    negative = number < 0
    for line, t in df.loc[negative, ["line", "count_text"]].itertuples(index=False):
        problems.add(line, _("negative count: {text}").format(text=t))
    fractional = ~bad & ~empty & ~negative & ~text.str.match(_WHOLE.pattern)
    for line, t in df.loc[fractional, ["line", "count_text"]].itertuples(index=False):
        problems.add(line, _("count is not a whole number: {text}").format(text=t))
    return number


def _build_panels(
    df: pd.DataFrame, problems: _Problems, forced: str | None, gaps: str
) -> list[CountPanel]:
    freq_of = _frequencies(df)
    # only series that are forced or look irregular are looked at one by one (for the line)
    todo = df.series.unique() if forced else [n for n, f in freq_of.items() if f is None]
    groups = df[df.series.isin(set(todo))].groupby("series", sort=False)
    for name, group in groups:
        dates = group.period.to_numpy()
        hints = {h for h in group.hint if h}
        found, bad = _series_frequency(dates, hints)
        if forced:
            ok = _fits(dates, forced)
            if ok is not None:
                problems.add(
                    int(group.line.iloc[ok]),
                    _(FITS[forced]).format(series=name, period=pd.Timestamp(dates[ok]).date()),
                )
            found = forced
        elif found is None and bad is not None:
            problems.add(
                int(group.line.iloc[bad]),
                _(
                    "mixed or irregular frequencies in series {series!r} at {period} "
                    "(weekly and monthly periods, or steps that are neither)"
                ).format(series=name, period=pd.Timestamp(dates[bad]).date()),
            )
        freq_of[name] = found
    problems.raise_if_any()

    known = [f for f in freq_of.values() if f]
    default = max(set(known), key=known.count) if known else WEEK
    # a dict, not a function: mapped per distinct name instead of per row
    df = df.assign(freq=df.series.map({k: v or default for k, v in freq_of.items()}))
    panels = []
    for freq, part in df.groupby("freq", sort=True):
        for anchor, sub in _by_anchor(part, freq):
            panels.append(_panel(sub, freq, anchor, gaps))
    return panels


def _frequencies(df: pd.DataFrame) -> dict[str, str | None]:
    """The frequency of every series (sorted by series and period) at once, with the rules of
    :func:`_series_frequency`; None where a series needs a closer look (irregular, mixed, or
    a single period that is not the first of a month)."""
    same = df.series.eq(df.series.shift())
    step = df.period.diff().dt.days.where(same)
    frame = pd.DataFrame(
        {
            "series": df.series,
            "first": df.period.dt.day.eq(1),
            "step": step,
            "weekly_step": (step % 7 == 0) | step.isna(),
            "week_hint": df.hint.eq(WEEK),
            "month_hint": df.hint.eq(MONTH),
        }
    )
    agg = frame.groupby("series", sort=False).agg(
        n=("first", "size"),
        all_first=("first", "all"),
        min_step=("step", "min"),
        weekly=("weekly_step", "all"),
        week_hint=("week_hint", "any"),
        month_hint=("month_hint", "any"),
    )
    mixed = agg.week_hint & agg.month_hint
    single = agg.n < 2
    is_week = (~agg.month_hint & agg.weekly & ((agg.min_step == 7) | ~agg.all_first) & ~single) | (
        single & agg.week_hint
    )
    is_month = ~is_week & ~agg.week_hint & agg.all_first
    freq = np.where(mixed, None, np.where(is_week, WEEK, np.where(is_month, MONTH, None)))
    return dict(zip(agg.index, freq, strict=True))


def _fits(dates: np.ndarray, freq: str) -> int | None:
    """Index of the first date that does not fit ``freq`` (relative to the first date)."""
    if freq == MONTH:
        for i, d in enumerate(dates):
            if pd.Timestamp(d).day != 1:
                return i
        return None
    days = (dates - dates[0]).astype("timedelta64[D]").astype(int)
    off = np.flatnonzero(days % 7 != 0)
    return int(off[0]) if off.size else None


def _by_anchor(part: pd.DataFrame, freq: str):
    """Weekly series on different weekdays cannot share a calendar: split them."""
    if freq == MONTH:
        yield None, part
        return
    weekday = part.groupby("series").period.transform("min").dt.day_of_week
    yield from part.groupby(weekday, sort=True)


def _panel(df: pd.DataFrame, freq: str, anchor, gaps: str, start=None, end=None) -> CountPanel:
    start = pd.Timestamp(start) if start is not None else df.period.min()
    end = pd.Timestamp(end) if end is not None else df.period.max()
    if freq == YEAR:
        grid = pd.date_range(start, end, freq="YS")
        pos = df.period.dt.year - start.year
    elif freq == MONTH:
        grid = pd.date_range(start, end, freq="MS")
        pos = (df.period.dt.year - start.year) * 12 + df.period.dt.month - start.month
    else:
        grid = pd.date_range(start, end, freq="7D")
        pos = (df.period - start).dt.days // 7
    names = sorted(df.series.unique())
    row = pd.Series(np.arange(len(names)), index=names)[df.series].to_numpy()
    counts = np.full((len(names), len(grid)), np.nan)
    counts[row, pos.to_numpy()] = df["count"].to_numpy()
    filled = 0
    if gaps == "zero":
        # inside each series' span (first to last period) a missing period counts as 0
        observed = ~np.isnan(counts)
        first = observed.argmax(axis=1)
        last = counts.shape[1] - 1 - observed[:, ::-1].argmax(axis=1)
        t = np.arange(counts.shape[1])
        inside = (t >= first[:, None]) & (t <= last[:, None]) & ~observed
        filled = int(inside.sum())
        counts[inside] = 0.0
    lines = df.groupby("series").line.min().to_dict()
    return CountPanel(names, grid, freq, counts, filled, lines)


def panel_from_long(df: pd.DataFrame, freq: str, *, start=None, end=None) -> CountPanel:
    """A panel from a clean long frame with columns series, period (first days), count.

    Every period of the calendar from ``start`` (default: the first period) to ``end`` that
    has no row counts as 0 for every series: the frame is a complete tally (e.g. incidents
    counted per area and period), where an absent row means no incidents."""
    frame = pd.DataFrame(
        {
            "series": df["series"].astype(str),
            "period": pd.to_datetime(df["period"]),
            "count": df["count"].astype(float),
        }
    )
    frame = frame.groupby(["series", "period"], as_index=False)["count"].sum()
    frame["line"] = 0
    panel = _panel(frame, freq, None, "missing", start=start, end=end)
    panel.counts = np.nan_to_num(panel.counts)
    return panel
