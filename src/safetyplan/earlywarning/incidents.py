# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Incident-level records for the signals: reading ``occurred_at, crime_type, area`` files,
the shipped Rotterdam-Rijnmond street robberies, and counting them per area, crime type and
period (weekly or monthly series for the detectors)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from safetyplan.errors import DataError
from safetyplan.i18n import _
from safetyplan.settings import DATASETS_DIR

from .series import MONTH, WEEK, CountPanel, panel_from_long

AREA_COLUMNS = ("area", "municipality", "buurt")
STREET_ROBBERIES = "rotterdam_straatroven_2011_2012"
MAX_LISTED = 10


def read_incidents(path: str | Path, *, area_column: str | None = None) -> pd.DataFrame:
    """Read a CSV of incidents: ``occurred_at`` (ISO date or date-time), ``crime_type`` and an
    area column (``area``, or else ``municipality`` or ``buurt``). Returns columns
    ``occurred_at`` (timestamp), ``day`` (date), ``crime_type``, ``area``.

    Any unreadable date, or an empty crime type or area, is an error naming the line."""
    path = Path(path)
    if not path.exists():
        raise DataError(_("File not found: {path}").format(path=path))
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise DataError(_("{path}: empty file").format(path=path)) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(
            _("{path}: not a readable CSV: {error}").format(path=path, error=exc)
        ) from None
    return incidents_from_frame(raw, source=str(path), area_column=area_column)


def incidents_from_frame(
    raw: pd.DataFrame, *, source: str, area_column: str | None = None
) -> pd.DataFrame:
    raw = raw.rename(columns=lambda c: str(c).strip().lower())
    area_col = area_column or next((c for c in AREA_COLUMNS if c in raw.columns), None)
    missing = [c for c in ("occurred_at", "crime_type") if c not in raw.columns]
    if area_col is None or area_col not in raw.columns:
        missing.append(area_column or _("area (or municipality, buurt)"))
    if missing:
        problem = _("missing column(s) {columns} (found: {found})").format(
            columns=", ".join(missing), found=", ".join(raw.columns)
        )
        raise DataError(
            _("{source}, line {line}: {problem}").format(source=source, line=1, problem=problem)
        )
    when = parse_datetimes(raw["occurred_at"])
    problems = []
    lines = np.arange(2, len(raw) + 2)
    for line, text in zip(
        lines[when.isna().to_numpy()], raw["occurred_at"][when.isna()], strict=True
    ):
        what = (
            _("occurred_at missing")
            if not text.strip()
            else _("occurred_at unreadable: {text!r}").format(text=text)
        )
        problems.append(
            _("{source}, line {line}: {problem}").format(source=source, line=line, problem=what)
        )
    for col in ("crime_type", area_col):
        empty = raw[col].str.strip() == ""
        for line in lines[empty.to_numpy()]:
            what = _("{column} missing").format(column=col)
            problems.append(
                _("{source}, line {line}: {problem}").format(source=source, line=line, problem=what)
            )
    if problems:
        more = len(problems) - MAX_LISTED
        text = "\n".join(problems[:MAX_LISTED])
        if more > 0:
            text += "\n" + _("... and {n} more").format(n=more)
        raise DataError(text)
    return pd.DataFrame(
        {
            "occurred_at": when,
            "day": when.dt.normalize(),
            "crime_type": raw["crime_type"].str.strip(),
            "area": raw[area_col].str.strip(),
        }
    )


def parse_datetimes(text: pd.Series) -> pd.Series:
    """ISO 8601 dates or date-times to naive local timestamps (NaT where unreadable).
    Date-times with a UTC offset are converted to Dutch local time."""
    s = text.astype(str).str.strip()
    has_zone = s.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    plain = ~has_zone & (s != "")
    if plain.any():
        out[plain] = pd.to_datetime(s[plain], format="ISO8601", errors="coerce")
    if has_zone.any():
        zoned = pd.to_datetime(s[has_zone], format="ISO8601", errors="coerce", utc=True)
        out[has_zone] = zoned.dt.tz_convert("Europe/Amsterdam").dt.tz_localize(None)
    return out


def street_robberies() -> tuple[pd.DataFrame, int]:
    """The shipped street robberies of Rotterdam-Rijnmond 2011-2012 (area = municipality GM
    code, crime type 1.4.6), and the number of records left out for lack of a date or place."""
    path = DATASETS_DIR / STREET_ROBBERIES / "incidents.csv.gz"
    if not path.exists():
        raise DataError(_("Bundled dataset missing: {path}").format(path=path))
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    when = parse_datetimes(raw["occurred_at"])
    usable = when.notna() & (raw["municipality"].str.strip() != "")
    frame = pd.DataFrame(
        {
            "occurred_at": when[usable],
            "day": when[usable].dt.normalize(),
            "crime_type": raw.loc[usable, "crime_type"].str.strip(),
            "area": raw.loc[usable, "municipality"].str.strip(),
        }
    ).reset_index(drop=True)
    return frame, int((~usable).sum())


def period_start(days: pd.Series, freq: str) -> pd.Series:
    """First day of the ISO week (Monday) or of the month."""
    if freq == MONTH:
        return days.dt.to_period("M").dt.start_time
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def count_panel(incidents: pd.DataFrame, freq: str = WEEK, *, separator: str = " | ") -> CountPanel:
    """Counts per ``area | crime_type`` and period, zero-filled over the whole span of the
    data (whole periods only: a partial first or last week/month is left out)."""
    days = incidents["day"]
    first, last = days.min(), days.max()
    start = period_start(pd.Series([first]), freq).iloc[0]
    if start < first:  # a partial first period is left out
        start = start + (pd.Timedelta(days=7) if freq == WEEK else pd.offsets.MonthBegin(1))
    # exclusive end: the start of the period holding the day after the last day
    end = period_start(pd.Series([last + pd.Timedelta(days=1)]), freq).iloc[0]
    data = incidents[(days >= start) & (days < end)]
    if data.empty:
        raise DataError(_("no whole periods in the data"))
    frame = pd.DataFrame(
        {
            "series": data["area"] + separator + data["crime_type"],
            "period": period_start(data["day"], freq),
            "count": 1.0,
        }
    )
    last_period = end - (pd.Timedelta(days=7) if freq == WEEK else pd.offsets.MonthBegin(1))
    return panel_from_long(frame, freq, start=start, end=last_period)
