# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The CompStat view: per area and crime type the last week, the last 28 days and the year
to date against the same periods a year earlier, and the last week and 28 days against the
week and 28 days just before them (period over period: data shorter than a year still
compare).

The change is judged by the square-root difference ``z = 2 * (sqrt(now) - sqrt(before))``.
For Poisson counts the square root has variance about 1/4 whatever the level, so ``z`` is
roughly standard normal when nothing changed: ``|z| > 2`` is notable, ``|z| > 3`` strong. A
bare percentage misleads on small counts: 2 -> 4 is +100% but z = 1.2 (nothing special),
while 400 -> 480 is only +20% but z = 3.7 (a strong rise).

The week and the 28 days are compared with the same weekdays 52 weeks (364 days) earlier;
the year to date with the same calendar dates a year earlier. Period over period compares
with the 7 or 28 days right before the window (no seasonal correction: read it together with
the year-on-year rows where those exist).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from safetyplan.errors import DataError
from safetyplan.i18n import N_, _

NOTABLE = 2.0
STRONG = 3.0
ALL_TYPES = "all"  # the total over the crime types: a stable code, shown as all_types_label()

# judgement code -> label, translated when the rows are made (judgement_label)
JUDGEMENTS = {
    "strong_rise": N_("strong rise"),
    "rise": N_("notable rise"),
    "none": N_("no notable change"),
    "fall": N_("notable fall"),
    "strong_fall": N_("strong fall"),
    "no_comparison": N_("no comparison (data too short)"),
}

# window code -> label, translated when the rows are made (window_label)
WINDOW_LABELS = {
    "week": N_("last week"),
    "week_prev": N_("week vs the previous"),
    "28d": N_("last 28 days"),
    "28d_prev": N_("28 days vs the previous"),
    "ytd": N_("year to date"),
}


def all_types_label() -> str:
    """The total row's crime type as people read it ('alle soorten' / 'all types')."""
    return _("all types")


@dataclass(frozen=True)
class Window:
    key: str
    start: dt.date
    end: dt.date  # inclusive
    before_start: dt.date
    before_end: dt.date
    against: str = "year"  # 'year': a year earlier; 'previous': the period just before


def windows(as_of: dt.date) -> list[Window]:
    year_ago = dt.timedelta(days=364)
    week = as_of - dt.timedelta(days=6)
    four = as_of - dt.timedelta(days=27)
    jan1 = dt.date(as_of.year, 1, 1)
    day = dt.timedelta(days=1)
    return [
        Window("week", week, as_of, week - year_ago, as_of - year_ago),
        Window(
            "week_prev",
            week,
            as_of,
            week - dt.timedelta(days=7),
            week - day,
            "previous",
        ),
        Window("28d", four, as_of, four - year_ago, as_of - year_ago),
        Window(
            "28d_prev",
            four,
            as_of,
            four - dt.timedelta(days=28),
            four - day,
            "previous",
        ),
        Window(
            "ytd",
            jan1,
            as_of,
            dt.date(as_of.year - 1, 1, 1),
            _same_date_year_before(as_of),
        ),
    ]


def _same_date_year_before(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return dt.date(d.year - 1, 2, 28)


def z_score(now, before):
    """2 * (sqrt(now) - sqrt(before)), elementwise."""
    return 2.0 * (np.sqrt(np.asarray(now, float)) - np.sqrt(np.asarray(before, float)))


def notable(table: pd.DataFrame, limit: float = NOTABLE) -> pd.DataFrame:
    """The rows with |z| above ``limit``; rows without a comparison (z unknown) are left
    out, not treated as zero."""
    z = pd.to_numeric(table["z"], errors="coerce")
    return table[z.abs() > limit]


def judge(z: float | None) -> str:
    if z is None or not np.isfinite(z):
        return "no_comparison"
    if z > STRONG:
        return "strong_rise"
    if z > NOTABLE:
        return "rise"
    if z < -STRONG:
        return "strong_fall"
    if z < -NOTABLE:
        return "fall"
    return "none"


def compstat(
    incidents: pd.DataFrame,
    as_of: dt.date | None = None,
    *,
    data_start: dt.date | None = None,
    totals: bool = True,
) -> pd.DataFrame:
    """One row per area, crime type and window: counts now and before (a year earlier, or the
    period just before for the ``*_prev`` windows, see ``against``), the change,
    ``z`` and the judgement. ``incidents`` has columns ``day`` (timestamps), ``crime_type``,
    ``area``. The data are taken to cover ``data_start`` (default: the first incident) to
    ``as_of`` (default: the last incident); a comparison window before ``data_start`` is
    reported as "no comparison", never as zero."""
    if incidents.empty:
        raise DataError(_("no incidents"))
    days = incidents["day"].dt.date
    first, last = days.min(), days.max()
    as_of = as_of or last
    data_start = data_start or first
    if as_of < data_start:
        raise DataError(
            _("as-of date {as_of} is before the data (from {start})").format(
                as_of=as_of, start=data_start
            )
        )
    frame = incidents.assign(d=days)
    groups = [frame]
    if totals and frame.crime_type.nunique() > 1:
        groups.append(frame.assign(crime_type=ALL_TYPES))
    data = pd.concat(groups, ignore_index=True)
    keys = data[["area", "crime_type"]].drop_duplicates().sort_values(["area", "crime_type"])
    rows = []
    for w in windows(as_of):
        comparable = w.before_start >= data_start
        now = _count(data, w.start, w.end)
        before = _count(data, w.before_start, w.before_end)
        for area, ctype in keys.itertuples(index=False):
            n = int(now.get((area, ctype), 0))
            b = int(before.get((area, ctype), 0)) if comparable else None
            z = float(z_score(n, b)) if b is not None else None
            rows.append(
                {
                    "area": area,
                    "crime_type": ctype,
                    "window": w.key,
                    "window_label": _(WINDOW_LABELS[w.key]),
                    "against": w.against,
                    "from": w.start.isoformat(),
                    "to": w.end.isoformat(),
                    "before_from": w.before_start.isoformat(),
                    "before_to": w.before_end.isoformat(),
                    "now": n,
                    "before": b,
                    "change": (n - b) if b is not None else None,
                    "change_pct": round(100.0 * (n - b) / b, 1) if b else None,
                    "z": round(z, 2) if z is not None else None,
                    "judgement": judge(z),
                    "judgement_label": _(JUDGEMENTS[judge(z)]),
                }
            )
    return pd.DataFrame(rows)


def _count(data: pd.DataFrame, start: dt.date, end: dt.date) -> pd.Series:
    inside = (data.d >= start) & (data.d <= end)
    return data[inside].groupby(["area", "crime_type"]).size()
