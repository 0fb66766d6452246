"""Checking and converting one batch of text columns into canonical incident columns.

Everything is vectorised (Arrow compute and numpy): a batch of 250,000 rows is checked in a
fraction of a second. Each problem becomes a reject (line, column, reason); a row with any
reject is left out of the batch's good rows.

Dates: ISO 8601 (``2018-01-15``, ``2018-01-15T13:45``, ``2018-01-15 13:45:00``, with ``Z`` or a
UTC offset, converted to Dutch local time; ``2018-01`` = a month, stored as its first day) and
Dutch day-first (``15-01-2018``, ``15/1/2018 13:45``, ``15.01.2018``), or the mapping's own
``date_formats``. Impossible dates (30 February) are rejects, not silently moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from safetyplan.warehouse import Reject

from . import geo
from .mapping import Mapping

ISO = (r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?"
       r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?)?"
       r"(?P<z>Z|[+-]\d{2}:?\d{2})?$")
DUTCH = (r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})"
         r"(?:[ T](?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?(?P<z>)$")
BUURT_CODE = r"^BU\d{8}$"
MUNICIPALITY_CODE = r"^GM\d{4}$"
TRUE_WORDS = ("1", "true", "t", "ja", "j", "yes", "y", "waar", "opgelost")
FALSE_WORDS = ("0", "false", "f", "nee", "n", "no", "onwaar", "niet opgelost")
FIRST_YEAR = 1900
LOCAL_ZONE = "Europe/Amsterdam"


@dataclass
class Parsed:
    """The good rows of one batch as canonical columns (numpy / pandas), and the rejects."""

    columns: dict[str, np.ndarray]
    rejects: list[Reject] = field(default_factory=list)
    rejected_rows: int = 0
    month_only: int = 0  # good rows whose date is known to the month only

    @property
    def rows(self) -> int:
        return len(self.columns["id"])


class Problems:
    """Per-row problems of a batch: a reason per (row, column), at most one per column."""

    def __init__(self, lines: np.ndarray):
        self.lines = lines
        self.bad = np.zeros(len(lines), dtype=bool)
        self.items: list[tuple[int, str, str]] = []  # (row index, column, reason)

    def add(self, mask: np.ndarray, column: str, reason: str | np.ndarray) -> None:
        rows = np.flatnonzero(mask)
        if len(rows) == 0:
            return
        self.bad[rows] = True
        reasons = (reason[rows] if isinstance(reason, np.ndarray)
                   else np.full(len(rows), reason, dtype=object))
        self.items.extend(zip(rows.tolist(), [column] * len(rows), reasons.tolist(),
                              strict=True))

    def rejects(self) -> list[Reject]:
        self.items.sort(key=lambda item: item[0])
        return [Reject(int(self.lines[row]), column, str(reason))
                for row, column, reason in self.items]


def parse_batch(batch: pa.RecordBatch, lines: np.ndarray, mapping: Mapping,
                boundaries: geo.Boundaries | None, today: date | None = None) -> Parsed:
    """Check and convert one batch whose columns are the file's (text), named canonically."""
    text = {name: _clean(batch.column(name), mapping.values.get(name))
            for name in batch.schema.names}
    for name, value in mapping.constants.items():
        text.setdefault(name, pa.array(np.full(batch.num_rows, value, dtype=object),
                                       pa.string()))
    problems = Problems(lines)
    ids = _ids(text, lines, mapping, problems)
    occurred, month_only = _dates(text, mapping, problems, today or date.today())
    crime = _required_text(text, "crime_type", problems)
    location = _locations(text, mapping, boundaries, problems)
    solved = _booleans(text.get("solved"), "solved", problems)
    attempt = _booleans(text.get("attempt"), "attempt", problems)
    good = ~problems.bad
    columns = {"id": ids, "line": lines, "occurred_at": occurred, "crime_type": crime,
               **location, "solved": solved, "attempt": attempt}
    columns = {name: values[good] for name, values in columns.items()}
    return Parsed(columns, problems.rejects(), int(problems.bad.sum()),
                  int((month_only & good).sum()))


# -- text ----------------------------------------------------------------------------------


def _clean(column: pa.Array, codes: dict[str, str] | None) -> pa.Array:
    """Trimmed text; values recoded by the mapping's ``values`` table (exact match)."""
    column = pc.utf8_trim_whitespace(column.cast(pa.string()))
    if not codes:
        return column
    keys = pa.array(list(codes), pa.string())
    found = pc.index_in(column, value_set=keys)
    recoded = pc.take(pa.array(list(codes.values()), pa.string()), found)
    return pc.if_else(pc.is_valid(found), recoded, column)


def _as_numpy(column: pa.Array) -> np.ndarray:
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype=object)


def _texts(column: pa.Array, mask: np.ndarray) -> list:
    """The values of the masked rows as Python strings (only these: bad rows are few)."""
    return pc.filter(column, pa.array(mask, pa.bool_())).to_pylist() if mask.any() else []


def _empty(column: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.equal(column, ""), True), dtype=bool)


def _ids(text, lines, mapping: Mapping, problems: Problems) -> np.ndarray:
    if "id" not in text:
        return np.array([f"L{line}" for line in lines], dtype=object)
    ids = _as_numpy(text["id"])
    empty = _empty(text["id"])
    if mapping.missing_id == "line":
        ids[empty] = np.array([f"L{line}" for line in lines[empty]], dtype=object)
    else:
        problems.add(empty, "id", "ontbreekt / missing (missing_id: line in the mapping "
                                  "numbers such rows)")
    return ids


def _required_text(text, name: str, problems: Problems) -> np.ndarray:
    column = text[name]
    problems.add(_empty(column), name, "ontbreekt / missing")
    return _as_numpy(column)


# -- dates ---------------------------------------------------------------------------------


def _dates(text, mapping: Mapping, problems: Problems, today: date):
    raw = text["occurred_at"]
    n = len(raw)
    stamps = np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    month_only = np.zeros(n, dtype=bool)
    todo = ~_empty(raw)
    problems.add(~todo, "occurred_at", "ontbreekt / missing")
    for fmt in mapping.date_formats:
        if todo.any():
            _strptime(raw, fmt, todo, stamps)
    if todo.any():
        _fixed_iso_dates(raw, todo, stamps, month_only, problems)
    for pattern in (ISO, DUTCH):
        if todo.any():
            _regex_dates(raw, pattern, todo, stamps, month_only, problems)
    reasons = np.array([f"onleesbare datum / unreadable date {v!r} (ISO 8601 of / or "
                        f"dd-mm-jjjj)" for v in _texts(raw, todo)], dtype=object)
    full = np.full(n, "", dtype=object)
    full[todo] = reasons
    problems.add(todo, "occurred_at", full)
    if "occurred_time" in text:
        stamps = stamps + _times(text["occurred_time"], problems)
    known = ~np.isnat(stamps)
    years = stamps.astype("datetime64[Y]").astype(np.int64) + 1970
    problems.add(known & (years < FIRST_YEAR), "occurred_at", f"voor / before {FIRST_YEAR}")
    limit = np.datetime64(today) + np.timedelta64(2, "D")
    problems.add(known & (stamps >= limit), "occurred_at", "in de toekomst / in the future")
    return stamps, month_only


def _times(column: pa.Array, problems: Problems) -> np.ndarray:
    """A separate time-of-day column (``13:45``, ``13:45:07``, ``1345``; empty = 00:00) as
    seconds to add to the date."""
    parts = pc.extract_regex(column, r"^(?P<H>\d{1,2})[:.]?(?P<M>\d{2})(?:[:.]?(?P<S>\d{2}))?$")
    matched = np.asarray(pc.is_valid(parts), dtype=bool)
    every = np.arange(len(column))
    h, m, sec = (_ints(pc.struct_field(parts, f), every) for f in ("H", "M", "S"))
    sec[sec < 0] = 0
    good = matched & (h >= 0) & (h <= 23) & (m >= 0) & (m <= 59) & (sec <= 59)
    wrong = ~good & ~_empty(column)
    reasons = np.full(len(column), "", dtype=object)
    reasons[wrong] = [f"onleesbare tijd / unreadable time {v!r}" for v in _texts(column, wrong)]
    problems.add(wrong, "occurred_time", reasons)
    seconds = np.where(good, h * 3600 + m * 60 + sec, 0)
    return seconds.astype("timedelta64[s]")


def _strptime(raw: pa.Array, fmt: str, todo: np.ndarray, stamps: np.ndarray) -> None:
    """A mapping format; the value must print back the same (no 30 February -> 2 March)."""
    parsed = pc.strptime(raw, format=fmt, unit="s", error_is_null=True)
    if "%z" in fmt:
        parsed = pc.local_timestamp(pc.assume_timezone(parsed, "UTC").cast(
            pa.timestamp("s", tz=LOCAL_ZONE)))
    back = pc.strftime(parsed, format=fmt.replace("%z", ""))
    same = pc.equal(_unpadded(back), _unpadded(pc.replace_substring_regex(
        raw, r"(Z|[+-]\d{2}:?\d{2})$", ""))) if "%z" in fmt else pc.equal(
        _unpadded(back), _unpadded(raw))
    ok = np.asarray(pc.fill_null(same, False), dtype=bool) & todo
    values = parsed.to_numpy(zero_copy_only=False).astype("datetime64[s]")
    stamps[ok] = values[ok]
    todo &= ~ok


def _unpadded(column: pa.Array) -> pa.Array:
    return pc.replace_substring_regex(column, r"(^|[^0-9])0+([0-9])", r"\1\2")


def _regex_dates(raw, pattern: str, todo, stamps, month_only, problems: Problems) -> None:
    parts = pc.extract_regex(raw, pattern)
    matched = np.asarray(pc.is_valid(parts), dtype=bool) & todo
    if not matched.any():
        return
    rows = np.flatnonzero(matched)
    fields = {name: _ints(pc.struct_field(parts, name), rows)
              for name in ("y", "m", "d", "H", "M", "S")}
    zone = _as_numpy(pc.struct_field(parts, "z").take(pa.array(rows)))
    _store_dates(raw, rows, fields, zone, todo, stamps, month_only, problems)


# The commonest ISO shapes, by length: 2018-01-15, 2018-01-15T13:45, 2018-01-15 13:45:07.
FIXED_ISO_FIELDS = {10: ("y", "m", "d"), 16: ("y", "m", "d", "H", "M"),
                    19: ("y", "m", "d", "H", "M", "S")}
FIELD_SPANS = {"y": (0, 4), "m": (5, 7), "d": (8, 10), "H": (11, 13), "M": (14, 16),
               "S": (17, 19)}
SEPARATORS = {4: ("-",), 7: ("-",), 10: ("T", " "), 13: (":",), 16: (":",)}


def _fixed_iso_dates(raw, todo, stamps, month_only, problems: Problems) -> None:
    """Values of a fixed-width ISO shape, read by slicing (several times faster than the
    regex). Such a value always matches the ISO pattern with the same fields, so the
    result is the same; other values are left to the patterns."""
    length = np.asarray(pc.fill_null(pc.utf8_length(raw), 0), dtype=np.int64)
    for size, names in FIXED_ISO_FIELDS.items():
        rows = np.flatnonzero(todo & (length == size))
        if len(rows) == 0:
            continue
        values = raw.take(pa.array(rows))
        ok = np.ones(len(rows), dtype=bool)
        for at, allowed in SEPARATORS.items():
            if at < size:
                char = pc.utf8_slice_codeunits(values, at, at + 1)
                ok &= np.asarray(pc.is_in(char, value_set=pa.array(allowed)), dtype=bool)
        fields = {}
        for name in ("y", "m", "d", "H", "M", "S"):
            if name not in names:
                fields[name] = np.zeros(len(rows), dtype=np.int64)
                continue
            part = pc.utf8_slice_codeunits(values, *FIELD_SPANS[name])
            digits = np.asarray(pc.fill_null(pc.ascii_is_decimal(part), False), dtype=bool)
            ok &= digits
            numbers = pc.if_else(pa.array(digits), part, pa.scalar("0"))
            fields[name] = np.asarray(numbers.cast(pa.int64()), dtype=np.int64)
        if not ok.any():
            continue
        fields = {name: values_[ok] for name, values_ in fields.items()}
        _store_dates(raw, rows[ok], fields, None, todo, stamps, month_only, problems)


def _store_dates(raw, rows, fields, zone, todo, stamps, month_only, problems: Problems):
    """The dates of ``rows`` from their fields (-1: not given): impossible ones rejected,
    the others stored (converted to local time where a zone was given)."""
    no_day = fields["d"] < 0
    fields["d"][no_day] = 1
    for name in ("H", "M", "S"):
        fields[name][fields[name] < 0] = 0
    valid = _valid_parts(fields)
    stamp = _compose(fields)
    if zone is not None:
        stamp = _to_local(stamp, zone)
    bad = rows[~valid]
    mask = np.zeros(len(todo), dtype=bool)
    mask[bad] = True
    reasons = np.full(len(todo), "", dtype=object)
    reasons[bad] = [f"bestaat niet / no such date or time {v!r}" for v in _texts(raw, mask)]
    problems.add(mask, "occurred_at", reasons)
    good = rows[valid]
    stamps[good] = stamp[valid]
    month_only[good] = no_day[valid]
    todo[rows] = False


def _ints(column: pa.Array, rows: np.ndarray) -> np.ndarray:
    values = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
    return np.asarray(pc.fill_null(values.cast(pa.int64()), -1), dtype=np.int64)[rows]


def _valid_parts(f: dict[str, np.ndarray]) -> np.ndarray:
    month_ok = (f["m"] >= 1) & (f["m"] <= 12)
    first = (f["y"] - 1970) * 12 + np.clip(f["m"], 1, 12) - 1
    months = np.array(first, dtype="datetime64[M]")
    days_in_month = ((months + 1).astype("datetime64[D]")
                     - months.astype("datetime64[D]")).astype(np.int64)
    return (month_ok & (f["d"] >= 1) & (f["d"] <= days_in_month) & (f["H"] <= 23)
            & (f["M"] <= 59) & (f["S"] <= 59))


def _compose(f: dict[str, np.ndarray]) -> np.ndarray:
    months = ((f["y"] - 1970) * 12 + np.clip(f["m"], 1, 12) - 1).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + np.clip(f["d"], 1, 31) - 1
    seconds = f["H"] * 3600 + f["M"] * 60 + f["S"]
    return days.astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def _to_local(stamp: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """Date-times with an offset (or Z) to naive Dutch local time; others unchanged."""
    has_zone = np.array([bool(z) for z in zone], dtype=bool)
    if not has_zone.any():
        return stamp
    offsets = np.array([_offset_seconds(z) for z in zone[has_zone]], dtype=np.int64)
    utc = stamp[has_zone] - offsets.astype("timedelta64[s]")
    local = (pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(LOCAL_ZONE)
             .tz_localize(None).to_numpy().astype("datetime64[s]"))
    out = stamp.copy()
    out[has_zone] = local
    return out


def _offset_seconds(zone: str) -> int:
    if zone == "Z":
        return 0
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
    sign = -1 if match.group(1) == "-" else 1
    return sign * (int(match.group(2)) * 3600 + int(match.group(3)) * 60)


# -- locations -----------------------------------------------------------------------------


def _floats(text, name: str, problems: Problems) -> np.ndarray:
    """Numbers with '.' or a Dutch decimal comma; empty = NaN; other text is a reject."""
    column = pc.replace_substring(text[name], ",", ".")
    empty = _empty(column)
    blanked = pc.if_else(pa.array(empty), pa.scalar(None, pa.string()), column)
    try:
        numbers = blanked.cast(pa.float64())
        values = np.array(pc.fill_null(numbers, np.nan), dtype=np.float64)
    except pa.ArrowInvalid:
        values = np.array([_float_or_none(v) for v in _as_numpy(blanked)], dtype=np.float64)
        wrong = np.isnan(values) & ~empty
        raw = _as_numpy(text[name])
        reasons = np.full(len(values), "", dtype=object)
        reasons[wrong] = [f"geen getal / not a number {v!r}" for v in raw[wrong]]
        problems.add(wrong, name, reasons)
    return values


def _float_or_none(value) -> float:
    try:
        return float(value) if value is not None else np.nan
    except ValueError:
        return np.nan


def _codes(text, name: str, pattern: str, example: str, problems: Problems) -> np.ndarray:
    column = pc.utf8_upper(text[name])
    empty = _empty(column)
    ok = np.asarray(pc.fill_null(pc.match_substring_regex(column, pattern), False), dtype=bool)
    wrong = ~ok & ~empty
    reasons = np.full(len(column), "", dtype=object)
    reasons[wrong] = [f"geen CBS-code / not a CBS code {v!r} (e.g. {example})"
                      for v in _texts(text[name], wrong)]
    problems.add(wrong, name, reasons)
    values = _as_numpy(column)
    values[~ok] = None
    return values


def _locations(text, mapping: Mapping, boundaries, problems: Problems) -> dict:
    n = len(text["occurred_at"])
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    given = np.zeros(n, dtype=bool)
    if "x" in text and "y" in text:
        x, y = _floats(text, "x", problems), _floats(text, "y", problems)
        has = np.isfinite(x) & np.isfinite(y)
        if mapping.crs.upper() != geo.RD_NEW:
            x[has], y[has] = geo.from_crs(x[has], y[has], mapping.crs)
            problems.add(has & ~np.isfinite(x), "x", f"buiten Nederland / outside the "
                                                     f"Netherlands ({mapping.crs})")
        else:
            outside = has & ~geo.in_bounds(x, y, geo.RD_BOUNDS)
            problems.add(outside, "x", "buiten het bereik van RD New / outside the range of "
                                       "RD New (EPSG:28992): swapped x and y, or WGS84?")
            x[outside] = np.nan
            y[outside] = np.nan
            has &= ~outside
        given |= has
    if "lat" in text and "lon" in text:
        lat, lon = _floats(text, "lat", problems), _floats(text, "lon", problems)
        has = np.isfinite(lat) & np.isfinite(lon) & ~given
        wrong = has & ((np.abs(lat) > 90) | (np.abs(lon) > 180))
        problems.add(wrong, "lat", "geen WGS84-graden / not WGS84 degrees")
        rd_x, rd_y = geo.to_rd(lon[has], lat[has])
        x[has], y[has] = rd_x, rd_y
        given |= has
    buurt = (_codes(text, "buurt", BUURT_CODE, "BU05990101", problems) if "buurt" in text
             else np.full(n, None, dtype=object))
    municipality = (_codes(text, "municipality", MUNICIPALITY_CODE, "GM0599", problems)
                    if "municipality" in text else np.full(n, None, dtype=object))
    coded = np.flatnonzero(buurt != None)  # noqa: E711 - elementwise
    wijk = np.full(n, None, dtype=object)
    wijk[coded] = [f"WK{b[2:8]}" for b in buurt[coded]]
    municipality[coded] = [f"GM{b[2:6]}" for b in buurt[coded]]
    has_code = municipality != None  # noqa: E711
    problems.add(~given & ~has_code & ~problems.bad, "location",
                 "geen locatie / no location (x,y or lat,lon or buurt or municipality)")
    points = np.isfinite(x) & np.isfinite(y)
    located = np.zeros(n, dtype=bool)
    if boundaries is not None and points.any():
        found = boundaries.assign(x[points], y[points])
        idx = np.flatnonzero(points)
        hit = found.municipality != None  # noqa: E711 - elementwise
        located[idx[hit]] = True
        # A code given in the file wins over a point that falls outside every polygon.
        keep = hit | (municipality[idx] == None)  # noqa: E711
        buurt[idx[keep]] = found.buurt[keep]
        wijk[idx[keep]] = found.wijk[keep]
        municipality[idx[keep]] = found.municipality[keep]
    if mapping.outside_boundaries == "reject":
        problems.add(given & ~located & ~has_code, "location",
                     "buiten de meegeleverde gebiedsgrenzen / outside the bundled boundaries "
                     "(outside_boundaries: keep in the mapping keeps such points)")
    return {"x": x, "y": y, "lat": lat, "lon": lon, "buurt": buurt, "wijk": wijk,
            "municipality": municipality}


def _booleans(column: pa.Array | None, name: str, problems: Problems) -> np.ndarray:
    if column is None:
        return np.full(len(problems.lines), None, dtype=object)
    lower = pc.utf8_lower(column)
    true = np.asarray(pc.is_in(lower, value_set=pa.array(TRUE_WORDS)), dtype=bool)
    false = np.asarray(pc.is_in(lower, value_set=pa.array(FALSE_WORDS)), dtype=bool)
    empty = _empty(lower)
    wrong = ~(true | false | empty)
    reasons = np.full(len(column), "", dtype=object)
    reasons[wrong] = [f"geen ja/nee / not yes/no {v!r}" for v in _texts(column, wrong)]
    problems.add(wrong, name, reasons)
    out = np.full(len(column), None, dtype=object)
    out[true] = True
    out[false] = False
    return out
