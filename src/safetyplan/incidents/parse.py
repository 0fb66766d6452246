# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Checking and converting incident rows, as one DuckDB SELECT.

The checks run inside DuckDB, in its threads, on the text the file holds: a load never
moves rows through Python. :func:`checked_sql` turns a relation of text columns (named
canonically, plus ``line``) into canonical typed columns, the buurt / wijk / municipality of
each point (:mod:`.area_index`) and ``reject``: NULL for a good row, else every problem of
the row as ``column <US> reason`` items joined by ``<RS>`` (at most one per column, in the
order of the checks). :func:`reject_items_sql` unpacks them.

Dates: ISO 8601 (``2018-01-15``, ``2018-01-15T13:45``, ``2018-01-15 13:45:07``, with ``Z`` or a
UTC offset, converted to Dutch local time; ``2018-01`` = a month, stored as its first day) and
Dutch day-first (``15-01-2018``, ``15/1/2018 13:45``, ``15.01.2018``), or the mapping's own
``date_formats``. Impossible dates (30 February, 24:10) are rejects, not silently moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pyarrow as pa

from safetyplan.csvread import NO_WORDS, YES_WORDS
from safetyplan.i18n import N_, _
from safetyplan.warehouse import Reject

from . import area_index, locator
from .mapping import Mapping
from .read import ident, literal, reason_sql

ISO = (
    r"^\d{4}-\d{1,2}(-\d{1,2})?([T ]\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)
DUTCH = (
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})"
    r"(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$"
)
MONTH = r"^\d{4}-\d{1,2}$"
TIME = r"^(\d{1,2})[:.]?(\d{2})(?:[:.]?(\d{2}))?$"
BUURT_CODE = r"^BU\d{8}$"
MUNICIPALITY_CODE = r"^GM\d{4}$"
# the shared yes/no words, and the police's words for "solved"
TRUE_WORDS = (*sorted(YES_WORDS), "opgelost")
FALSE_WORDS = (*sorted(NO_WORDS), "niet opgelost")
# words tested as written before the others are tested in lower case
COMMON_WORDS = {
    "true": "true",
    "false": "false",
    "ja": "true",
    "nee": "false",
    "J": "true",
    "N": "false",
    "1": "true",
    "0": "false",
}
FIRST_YEAR = 1900
LOCAL_ZONE = "Europe/Amsterdam"
ITEM, ROW = "chr(31)", "chr(30)"  # separators inside ``reject``: unit and record separator
OUTPUT = (
    "line",
    "id",
    "occurred_at",
    "crime_type",
    "x",
    "y",
    "lat",
    "lon",
    "_convert",
    "buurt",
    "wijk",
    "municipality",
    "located",
    "solved",
    "attempt",
    "month_only",
    "_poly",
    "reject",
)
CONVERT = -4  # _poly of a point still to be converted to RD New (then located)
# Columns of OUTPUT a source table may leave out, and their types: written NULL on every row
# of most files, each cost ~0.07 s per 5 million rows to write. :func:`table_sql` reads them
# back (as typed NULLs, ``wijk`` from ``buurt``, ``line`` from the row order).
OPTIONAL = {
    "line": "BIGINT",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "buurt": "VARCHAR",
    "wijk": "VARCHAR",
    "municipality": "VARCHAR",
    "located": "VARCHAR",
    "_convert": "VARCHAR",
}


class Checks:
    """The checks of one SELECT in order: (condition, column, reason SQL). Each condition
    becomes a boolean column ``_k<i>`` of its own stage (:meth:`flags_sql`), so that the
    reject, which looks at every condition two or three times, reads columns."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str, bool]] = []

    def add(self, condition: str, column: str, reason: str, alone: bool = False) -> None:
        """``alone``: only when no earlier check failed (one reason is then enough)."""
        self.items.append((f"({condition})", column, reason, alone))

    def flags_sql(self) -> str:
        return ", ".join(f"{c} AS _k{i}" for i, (c, _, _, _) in enumerate(self.items))

    def _flag(self, i: int) -> str:
        if not self.items[i][3]:
            return f"_k{i}"
        earlier = " OR ".join(f"_k{j}" for j in range(i)) or "false"
        return f"(_k{i} AND NOT ({earlier}))"

    def reject_sql(self) -> str:
        flags = [self._flag(i) for i in range(len(self.items))]
        parts = [
            f"CASE WHEN {flag} THEN {literal(col)} || {ITEM} || ({reason}) END"
            for flag, (_, col, reason, _) in zip(flags, self.items, strict=True)
        ]
        return (
            f"CASE WHEN {' OR '.join(flags) or 'false'} "
            f"THEN concat_ws({ROW}, {', '.join(parts)}) END"
        )


def quoted(sql: str) -> str:
    """SQL for a value shown in a reason, quoted like Python's repr of a plain string."""
    return f"'''' || {sql} || ''''"


def checked_sql(
    relation: str,
    columns: set[str],
    mapping: Mapping,
    today: date,
    index: area_index.AreaIndex,
    numbered: bool = True,
) -> str:
    """The SELECT of the columns of :data:`OUTPUT` the file can fill (:func:`written_columns`;
    ``numbered``: ``relation``'s ``line`` holds the line numbers) over ``relation`` (text
    columns named canonically, a subset ``columns`` of the canonical names, and ``line``).
    Needs :func:`area_index.register` on
    the connection. Stages, inner to outer, each value worked out once: text (``t_``
    trimmed, ``u_`` as read: :data:`UNTRIMMED`); numbers, codes and the date (``n_``,
    ``c_``, ``d_``); the point in RD New (``p_``), the date with its time and ``reject``;
    the point's polygon from the tiles (``_poly``). Points the tiles leave open (``_poly`` <
    0) are settled by :func:`settle_points`. The codes of a point the tiles located are not
    written per row (strings cost most of the writing): ``buurt``, ``wijk``,
    ``municipality`` hold the file's own codes, and :func:`rows_sql` reads the located ones
    from the table's area lists (:func:`write_areas`) by ``_poly``."""
    checks = Checks()
    text = _text_columns(columns, mapping)
    untrimmed = _untrimmed(columns, mapping)
    texts = {n: Text(f"u_{n}", f"nullif({_trimmed(f'u_{n}')}, '')") for n in untrimmed}
    texts |= {n: Text(f"t_{n}", f"t_{n}") for n in text if n not in untrimmed}
    stage = {f"t_{n}": sql for n, sql in text.items() if n not in untrimmed}
    stage |= {f"u_{n}": ident(n) for n in untrimmed}
    ids = _id(mapping, checks)
    date_sql, stamp_sql = _date(columns, mapping, checks, today)
    checks.add("t_crime_type IS NULL", "crime_type", literal(_("missing")))
    numbers = _numbers(checks, texts)
    point = _point(columns, mapping, checks)
    codes = _codes(checks)
    _no_location(checks)
    booleans = ", ".join(_boolean(name, checks, texts[name]) for name in ("solved", "attempt"))
    rows = f"""
        SELECT line, {ids} AS id, d_stamp AS occurred_at, t_crime_type AS crime_type,
               CASE WHEN p_convert = 'crs' THEN n_x ELSE p_x END AS x,
               CASE WHEN p_convert = 'crs' THEN n_y ELSE p_y END AS y,
               n_lat AS lat, n_lon AS lon, p_convert AS _convert, c_buurt, c_wijk,
               c_municipality, b_solved AS solved, b_attempt AS attempt,
               d_month_only AS month_only, {checks.reject_sql()} AS reject
        FROM (SELECT f.*, {checks.flags_sql()} FROM (
            SELECT n.*, {point}, {stamp_sql}
            FROM (
                SELECT r.*, {numbers}, {codes}, {date_sql}, {booleans}
                FROM (SELECT line, {", ".join(f"{sql} AS {a}" for a, sql in stage.items())}
                      FROM ({relation})) r
            ) n
        ) f) q"""
    named = {"buurt": "c_buurt", "municipality": "c_municipality"}
    written = ", ".join(
        f"{named[c]} AS {c}" if c in named else c
        for c in written_columns(columns, mapping, numbered)
    )
    return f"""
        SELECT {written}
        FROM (
            SELECT k.*, CASE WHEN _convert IS NOT NULL THEN {CONVERT} ELSE _tiles END AS _poly
            FROM ({index.polygon_sql(rows, "x", "y")}) k
        ) l
    """


def written_columns(columns: set[str], mapping: Mapping, numbered: bool = True) -> list[str]:
    """The columns of :data:`OUTPUT` a load of a file with ``columns`` writes: not those NULL
    on every row (``lat``, ``lon`` without them; ``buurt`` without a buurt code,
    ``municipality`` without any code; ``line`` unless ``numbered``), nor ``wijk`` (the given
    buurt's) or ``located`` (only settled points have one), nor ``_convert`` when there is
    nothing to convert: :func:`table_sql` reads them."""
    given = columns | set(mapping.constants)
    left_out = {"wijk", "located"}
    if not numbered:
        left_out.add("line")
    if not {"lat", "lon"} & given:
        left_out |= {"lat", "lon"}
        if mapping.crs.upper() == locator.RD_NEW:  # nothing to convert
            left_out.add("_convert")
    if "buurt" not in given:
        left_out.add("buurt")
        if "municipality" not in given:
            left_out.add("municipality")
    return [c for c in OUTPUT if c not in left_out]


TEXT_COLUMNS = (
    "id",
    "occurred_at",
    "occurred_time",
    "crime_type",
    "x",
    "y",
    "lat",
    "lon",
    "buurt",
    "municipality",
    "solved",
    "attempt",
)


def _text_columns(columns: set[str], mapping: Mapping) -> dict[str, str]:
    """Every canonical text column: trimmed, recoded by the mapping's ``values`` (exact
    match; a code mapped to "" is unknown), empty = NULL; a constant, or NULL when absent."""
    out = {}
    for name in TEXT_COLUMNS:
        if name in mapping.constants:
            sql = literal(mapping.constants[name])
        elif name in columns:
            sql = _trimmed(ident(name))
            codes = mapping.values.get(name)
            if codes:
                cases = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in codes.items())
                sql = f"(CASE {sql} {cases} ELSE {sql} END)"
        else:
            sql = "CAST(NULL AS VARCHAR)"
        out[name] = f"nullif({sql}, '')"
    return out


# columns of which only the value counts, read as the file has them (u_) where the mapping
# does not recode them: their texts are trimmed only where the value is not read
UNTRIMMED = ("x", "y", "lat", "lon", "solved", "attempt")


@dataclass(frozen=True)
class Text:
    """A canonical text column as the stages above the text stage read it: ``raw``, the
    text as the file has it (or trimmed: its ``t_`` column) and ``trimmed``, the SQL of its
    trimmed text (empty = NULL)."""

    raw: str
    trimmed: str


def _untrimmed(columns: set[str], mapping: Mapping) -> set[str]:
    return {
        n
        for n in UNTRIMMED
        if n in columns and n not in mapping.constants and not mapping.values.get(n)
    }


def _trimmed(column: str) -> str:
    """Trimmed of spaces, tabs and line ends; the test first, as trimming costs a copy."""
    ends = " OR ".join(
        [f"prefix({column}, {c})" for c in ("' '", "chr(9)")]
        + [f"suffix({column}, {c})" for c in ("' '", "chr(9)", "chr(13)")]
    )
    return (
        f"(CASE WHEN {ends} THEN trim({column}, ' ' || chr(9) || chr(10) || chr(13)) "
        f"ELSE {column} END)"
    )


def _id(mapping: Mapping, checks: Checks) -> str:
    if mapping.missing_id == "line":
        return "coalesce(t_id, 'L' || CAST(line AS VARCHAR))"  # CSV: numbered after the load
    checks.add(
        "t_id IS NULL",
        "id",
        literal(_("missing (missing_id: line in the mapping numbers such rows)")),
    )
    return "t_id"


# -- dates ---------------------------------------------------------------------------------


def _date(columns: set[str], mapping: Mapping, checks: Checks, today: date) -> tuple[str, str]:
    """SQL for the n stage (``d_parsed``, ``d_month_only``, ``d_time``: seconds of a separate
    time column, NULL when unreadable) and for the q stage (``d_stamp``); the checks on
    ``occurred_at`` and ``occurred_time``."""
    d = "t_occurred_at"
    # the regex only for short texts (AND would run it on every row); NULL text: false
    month_only = f"CASE WHEN length({d}) <= 7 THEN regexp_full_match({d}, '{MONTH}') ELSE false END"
    shaped = f"(regexp_full_match({d}, '{ISO}') OR regexp_full_match({d}, '{DUTCH}'))"
    no_such = reason_sql(_("no such date or time {value}"), value=quoted(d))
    unreadable = reason_sql(_("unreadable date {value} (ISO 8601 or dd-mm-yyyy)"), value=quoted(d))
    missing = literal(_("missing"))
    date_reason = (
        f"CASE WHEN {d} IS NULL THEN {missing} WHEN {shaped} THEN {no_such} ELSE {unreadable} END"
    )
    checks.add("d_parsed IS NULL", "occurred_at", date_reason)
    parsed = f"coalesce({', '.join(_date_parsers(d, mapping))})"
    if not mapping.date_formats:
        parsed = f"CASE WHEN {_plain_iso(d)} THEN TRY_CAST({d} AS TIMESTAMP) ELSE {parsed} END"
    n_stage = [
        f"{parsed} AS d_parsed",
        f"{month_only} AS d_month_only",
    ]
    stamp = "d_parsed"
    if "occurred_time" in columns or "occurred_time" in mapping.constants:
        t = "t_occurred_time"
        parts = f"regexp_extract({t}, '{TIME}', ['h', 'm', 's'])"
        h, m = f"CAST({parts}.h AS INTEGER)", f"CAST({parts}.m AS INTEGER)"
        sec = f"coalesce(TRY_CAST(nullif({parts}.s, '') AS INTEGER), 0)"
        n_stage.append(
            f"CASE WHEN regexp_full_match({t}, '{TIME}') AND {h} <= 23 AND {m} <= 59 "
            f"AND {sec} <= 59 THEN {h} * 3600 + {m} * 60 + {sec} END AS d_time"
        )
        checks.add(
            f"{t} IS NOT NULL AND d_time IS NULL",
            "occurred_time",
            reason_sql(_("unreadable time {value}"), value=quoted(t)),
        )
        stamp = "(d_parsed + to_seconds(coalesce(d_time, 0)))"
    limit = (today + timedelta(days=2)).isoformat()
    before = literal(_("before {year}").format(year=FIRST_YEAR))
    checks.add(f"d_stamp < TIMESTAMP '{FIRST_YEAR}-01-01'", "occurred_at", before)
    checks.add(f"d_stamp >= TIMESTAMP '{limit}'", "occurred_at", literal(_("in the future")))
    return ", ".join(n_stage), f"{stamp} AS d_stamp"


# ISO dates as most files write them: digits (a 4-digit year) where these have "_"
PLAIN_ISO = (
    "____-__-__T__:__",
    "____-__-__T__:__:__",
    "____-__-__ __:__",
    "____-__-__ __:__:__",
    "____-__-__",
)


def _plain_iso(d: str) -> str:
    """The condition: text ``d`` has a shape of :data:`PLAIN_ISO`, starts with a digit, ends
    in no "Z" and has no hour 24. The parsers read such a text as DuckDB's TIMESTAMP cast
    does (NULL where it fails: no zone, no fraction, no month, no Dutch date fits), the cast
    alone is cheaper (a few LIKEs cost less than the parsers' searches); DuckDB's cast reads
    non-digits in some places ("05:35:0Z"), so that ``_`` is not checked to be a digit has
    been tested over millions of such texts (one to three characters replaced)."""
    shapes = " OR ".join(f"{d} LIKE '{shape}'" for shape in PLAIN_ISO)
    return (
        f"({shapes}) AND ord({d}) BETWEEN 48 AND 57 AND NOT ends_with({d}, 'Z') "
        f"AND {d} NOT LIKE '___________24%'"
    )


def _date_parsers(d: str, mapping: Mapping) -> list[str]:
    """The ways a date is read, tried in order: the mapping's formats, ISO 8601 (with a zone:
    to local time), a month, Dutch day-first. DuckDB's casts reject impossible dates."""
    parsers = []
    for fmt in mapping.date_formats:
        one = f"try_strptime({d}, {literal(fmt)})"
        parsers.append(
            f"timezone('{LOCAL_ZONE}', {one})" if "%z" in fmt else f"CAST({one} AS TIMESTAMP)"
        )
    hour_24 = f"(contains({d}, '24:') AND regexp_matches({d}, '[T ]24:'))"
    zoned = (
        f"(ends_with({d}, 'Z') OR contains({d}, '+') OR "
        f"(length({d}) > 10 AND contains(substr({d}, 11), '-')))"
    )
    parsers.append(
        f"CASE WHEN {hour_24} THEN NULL WHEN {zoned} THEN "
        f"timezone('{LOCAL_ZONE}', TRY_CAST({d} AS TIMESTAMPTZ)) "
        f"WHEN ord({d}) BETWEEN 48 AND 57 THEN TRY_CAST({d} AS TIMESTAMP) END"
    )
    parsers.append(
        f"CASE WHEN length({d}) <= 7 AND regexp_full_match({d}, '{MONTH}') "
        f"THEN TRY_CAST({d} || '-01' AS TIMESTAMP) END"
    )
    dutch = f"regexp_extract({d}, '{DUTCH}', ['d', 'm', 'y', 'h', 'i', 's'])"
    as_iso = (
        f"{dutch}.y || '-' || {dutch}.m || '-' || {dutch}.d || ' ' || "
        f"coalesce(nullif({dutch}.h, ''), '0') || ':' || coalesce(nullif({dutch}.i, ''), "
        f"'0') || ':' || coalesce(nullif({dutch}.s, ''), '0')"
    )
    parsers.append(
        f"CASE WHEN regexp_full_match({d}, '{DUTCH}') AND {dutch}.h <> '24' "
        f"THEN TRY_CAST({as_iso} AS TIMESTAMP) END"
    )
    return [f"date_trunc('second', {p})" for p in parsers]


# -- locations -----------------------------------------------------------------------------


def _number_sql(t: str) -> str:
    """A number with '.' or a Dutch decimal comma; NULL when empty or not a number. (NaN
    and infinity fail the range checks that follow.) DuckDB's cast reads no text with a
    comma, so the comma is looked for only where the cast failed; it skips the spaces, tabs
    and line ends at either end, so the text need not be trimmed."""
    return (
        f"coalesce(TRY_CAST({t} AS DOUBLE), CASE WHEN contains({t}, ',') "
        f"THEN TRY_CAST(replace({t}, ',', '.') AS DOUBLE) END)"
    )


def _numbers(checks: Checks, texts: dict[str, Text]) -> str:
    for name in ("x", "y", "lat", "lon"):
        t = texts[name]
        checks.add(
            _unread(f"n_{name}", t),
            name,
            reason_sql(_("not a number {value}"), value=quoted(t.trimmed)),
        )
    return ", ".join(f"{_number_sql(texts[n].raw)} AS n_{n}" for n in ("x", "y", "lat", "lon"))


def _unread(value: str, text: Text) -> str:
    """The condition: ``value`` read from a text that is not empty is NULL (the text is
    trimmed only for a row whose value is NULL)."""
    return (
        f"CASE WHEN {value} IS NULL AND {text.raw} IS NOT NULL "
        f"THEN {text.trimmed} IS NOT NULL ELSE false END"
    )


def _point(columns: set[str], mapping: Mapping, checks: Checks) -> str:
    """p_x, p_y (RD New in range; NULL otherwise), p_convert ('crs': x,y in the mapping's
    projection, 'wgs84': lat,lon; converted by :func:`settle_points`, as pyproj cannot run in
    DuckDB's threads) and p_given (a point was given)."""
    has_xy = "(n_x IS NOT NULL AND n_y IS NOT NULL)"
    if mapping.crs.upper() == locator.RD_NEW:
        x0, y0, x1, y1 = locator.RD_BOUNDS
        in_range = f"(n_x BETWEEN {x0} AND {x1} AND n_y BETWEEN {y0} AND {y1})"
        checks.add(
            f"{has_xy} AND NOT {in_range}",
            "x",
            literal(_("outside the range of RD New (EPSG:28992): swapped x and y, or WGS84?")),
        )
        rd_x = f"CASE WHEN {has_xy} AND {in_range} THEN n_x END"
        rd_y = f"CASE WHEN {has_xy} AND {in_range} THEN n_y END"
        given_xy = f"({rd_x}) IS NOT NULL"
        crs = "NULL"
    else:
        rd_x = rd_y = "CAST(NULL AS DOUBLE)"
        given_xy = has_xy
        crs = f"CASE WHEN {has_xy} THEN 'crs' END"
    has_ll = f"(n_lat IS NOT NULL AND n_lon IS NOT NULL AND NOT {given_xy})"
    checks.add(
        f"{has_ll} AND (abs(n_lat) > 90 OR abs(n_lon) > 180)",
        "lat",
        literal(_("not WGS84 degrees")),
    )
    return (
        f"{rd_x} AS p_x, {rd_y} AS p_y, "
        f"coalesce({crs}, CASE WHEN {has_ll} THEN 'wgs84' END) AS p_convert, "
        f"({given_xy} OR {has_ll}) AS p_given"
    )


def _codes(checks: Checks) -> str:
    """c_buurt, c_wijk, c_municipality from the file's codes (a buurt code names its wijk
    and municipality: CBS codes nest)."""
    sql = []
    for name, pattern, example in (
        ("buurt", BUURT_CODE, "BU05990101"),
        ("municipality", MUNICIPALITY_CODE, "GM0599"),
    ):
        t = f"t_{name}"
        ok = f"regexp_full_match(upper({t}), '{pattern}')"
        checks.add(
            f"{t} IS NOT NULL AND NOT {ok}",
            name,
            reason_sql(
                _("not a CBS code {value} (e.g. {example})"),
                value=quoted(t),
                example=literal(example),
            ),
        )
        sql.append(f"CASE WHEN {ok} THEN upper({t}) END AS c_{name}_given")
    sql += [
        "c_buurt_given AS c_buurt",
        "'WK' || substr(c_buurt_given, 3, 6) AS c_wijk",
        "coalesce('GM' || substr(c_buurt_given, 3, 4), c_municipality_given) AS c_municipality",
    ]
    return ", ".join(sql)


def _no_location(checks: Checks) -> None:
    # one reason is enough: a bad code is not also "no location"
    checks.add(
        "NOT p_given AND c_municipality IS NULL",
        "location",
        literal(_("no location (x,y or lat,lon or buurt or municipality)")),
        alone=True,
    )


OUTSIDE = N_(
    "outside the bundled boundaries (more than {metres} m; outside_boundaries: keep in the "
    "mapping keeps such points)"
)


def settle_points(
    con, table: str, mapping: Mapping, boundaries: locator.Boundaries | None = None
) -> int:
    """The points the tiles left open, in one vectorised pass: points in another projection
    are converted to RD New and located; points in a border subtile get the exact test;
    points outside every buurt the country-wide municipality layer, and points in a gap of
    the layers the nearest buurt or municipality within ``locator.GAP_TOLERANCE_M``
    (:meth:`locator.Boundaries.fill_gaps`, ``located = 'nearest'``). Their coordinates and
    area codes are set; rejects: x,y that lie outside the Netherlands, and (with
    ``outside_boundaries: reject``) points that no polygon holds and no code backs up. The
    open rows are written, settled and with every column (line numbers included), to their
    own table (:func:`settled_table`); the big table is not touched (deleting or updating
    rows of a table of millions makes the commit rewrite it), :func:`rows_sql` reads the
    two as one. Returns how many."""
    boundaries = boundaries or locator.bundled()
    settled = settled_table(table)
    con.execute(f"DROP TABLE IF EXISTS {settled}")
    open_rows = table_sql(con, table, numbered=True, where=OPEN_ROWS, rowid=True)
    found = con.execute(
        f"SELECT _rid AS rid, x, y, lat, lon, _convert, _poly FROM {open_rows} _t"
    ).fetchnumpy()
    if len(found["rid"]) == 0:
        con.execute(f"CREATE TABLE {settled} AS SELECT * EXCLUDE (_rid) FROM {open_rows} _t")
        return 0
    x, y, poly, outside_nl = _settled(found, mapping, boundaries)
    inside = poly >= 0
    # gaps of the generalised layers (rivers, boundary lines): the nearest area within
    # locator.GAP_TOLERANCE_M, flagged; the municipality layer for points outside every buurt
    poly, hit, nearest = boundaries.fill_gaps(x, y, poly)
    codes = (
        boundaries.municipalities.codes
        if boundaries.municipalities is not None
        else np.array([None], dtype=object)
    )
    municipality = np.where(hit >= 0, codes[np.maximum(hit, 0)], None)
    located = np.where(
        nearest, "nearest", np.where(inside | (poly >= 0) | (hit >= 0), "inside", None)
    )
    con.register(
        "_settled",
        pa.table(
            {
                "rid": pa.array(found["rid"], pa.int64()),
                "poly": pa.array(poly, pa.int32()),
                "m": pa.array(municipality.tolist(), pa.string()),
                "located": pa.array(located.tolist(), pa.string()),
                "x": pa.array(x, pa.float64(), mask=~np.isfinite(x)),
                "y": pa.array(y, pa.float64(), mask=~np.isfinite(y)),
                "outside_nl": pa.array(outside_nl),
            }
        ),
    )
    try:
        _write_settled(con, settled, open_rows, mapping)
    finally:
        con.unregister("_settled")
    return len(poly)


# rows the tiles left open: a point whose _poly is neither a buurt (>= 0) nor a
# municipality (area_index.MUNICIPALITY and below); a point to convert has _poly CONVERT
# (so that the condition needs no _convert, which a table may leave out)
OPEN_ROWS = (
    f"(_poly < 0 AND _poly > {area_index.MUNICIPALITY} AND (x IS NOT NULL OR _poly = {CONVERT}))"
)


def settled_table(table: str) -> str:
    """The table of a checked table's settled points: ``"name:settled"`` or
    ``name_settled``."""
    return _beside(table, "settled")


def areas_table(table: str) -> str:
    """The one-row table of a checked table's area lists: ``"name:areas"`` or
    ``name_areas``."""
    return _beside(table, "areas")


def _beside(table: str, kind: str) -> str:
    return table[:-1] + f':{kind}"' if table.endswith('"') else f"{table}_{kind}"


def write_areas(con, table: str, source: str | None) -> None:
    """The area lists of ``table`` (one row: the source's name, the buurt, wijk and
    municipality code of every polygon of the layer the tiles index, by ``_poly`` + 1, and
    ``gm``, the code of every municipality polygon, by ``MUNICIPALITY - _poly`` + 1),
    kept beside it so that its rows stay readable whatever layer a later version ships.
    Needs :func:`area_index.register` on the connection. ``line_base``: see
    :func:`line_sql`."""
    name = literal(source) if source is not None else "CAST(NULL AS VARCHAR)"
    con.execute(
        f"CREATE OR REPLACE TABLE {areas_table(table)} AS "
        f"SELECT {name} AS source, buurt, wijk, municipality, "
        "CAST(NULL AS BIGINT) AS line_base, gm FROM _area_lists"
    )


def line_sql(t: str, table: str, stored: bool = True) -> str:
    """SQL of the line of a row of ``table`` (alias ``t``; ``stored``: it has a column
    ``line``). A CSV load without records the reader skipped does not write its line
    numbers (an UPDATE of every row, which the commit and checkpoint then rewrite: about 1 s
    per million rows; nor, since, the column): the table keeps the file's order (one
    ``INSERT ... SELECT`` into the new table, in insertion order; nothing ever deleted), so
    the line is ``rowid - min(rowid) + line_base``
    (2) of the area lists. (Not ``rowid`` alone: the row ids of a table not yet committed
    are numbered from another start.) Otherwise, and for copies of rows, ``line`` is
    stored."""
    counted = (
        f"{t}.rowid - (SELECT min(rowid) FROM {table}) + "
        f"(SELECT line_base FROM {areas_table(table)})"
    )
    return f"coalesce({t}.line, {counted})" if stored else counted


def stored_columns(con, table: str) -> set[str]:
    """The columns ``table`` has."""
    return {d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description}


def table_sql(
    con, table: str, numbered: bool = False, where: str = "true", rowid: bool = False
) -> str:
    """The rows of a source table or its settled table, as a parenthesised subquery, with
    every column of :data:`OUTPUT` whatever the layout it was written in: a column it left
    out (:func:`written_columns`; tables of earlier versions have them all, some without
    ``located``) read as NULL, ``wijk`` as the buurt code's. ``numbered``: the big table's
    ``line`` where it is not stored (:func:`line_sql`; needs ``rowid``, so only here).
    ``where``: a condition on the stored columns, applied in the scan (outside, DuckDB read
    every column of every row: 0.28 against 0.06 s for the open points of 5 million).
    ``rowid``: the table's row id as a last column ``_rid``."""
    have = stored_columns(con, table)
    wijk = "'WK' || substr(buurt, 3, 6)" if "buurt" in have else None
    read = {c: c for c in OUTPUT if c in have}
    for column, kind in OPTIONAL.items():
        if column not in have:
            read[column] = (wijk if column == "wijk" else None) or f"CAST(NULL AS {kind})"
    if numbered:
        read["line"] = line_sql("_r", table, "line" in have)
    columns = ", ".join(read[c] if read[c] == c else f"{read[c]} AS {c}" for c in OUTPUT)
    if rowid:
        columns += ", _r.rowid AS _rid"
    return f"(SELECT {columns} FROM {table} _r WHERE {where})"


ROW_COLUMNS = ("source", *OUTPUT)  # a stored row: its source, then what the parser outputs


def _row_columns(t: str) -> str:
    """The columns of a checked table ``t`` (cross-joined with its area lists ``_A``): a row
    the tiles located in a buurt (``_poly`` >= 0) or a municipality (``_poly`` <=
    ``MUNICIPALITY``) takes its codes from the lists, the others keep their own. (A table of
    a version before the lists has empty ones: its own codes count.)"""
    derived = {
        "source": "_A.source",
        **_area_columns(t),
    }
    return ", ".join(f"{derived[c]} AS {c}" if c in derived else f"{t}.{c}" for c in ROW_COLUMNS)


def _area_columns(t: str) -> dict[str, str]:
    """SQL of buurt, wijk, municipality and located of rows ``t`` (with ``_poly`` and the
    row's own codes) cross-joined with their area lists ``_A``."""
    listed = f"({t}._poly >= 0 AND _A.buurt[{t}._poly + 1] IS NOT NULL)"
    gm = f"_A.gm[{area_index.MUNICIPALITY} - {t}._poly + 1]"
    in_gm = f"({t}._poly <= {area_index.MUNICIPALITY} AND {gm} IS NOT NULL)"
    derived = {
        "located": (
            f"CASE WHEN {listed} OR {in_gm} THEN coalesce({t}.located, 'inside') "
            f"ELSE {t}.located END"
        ),
    }
    for name in ("buurt", "wijk", "municipality"):
        # a point in a municipality only has no buurt or wijk, whatever codes the file gave
        other = gm if name == "municipality" else "NULL"
        derived[name] = (
            f"CASE WHEN {listed} THEN _A.{name}[{t}._poly + 1] "
            f"WHEN {in_gm} THEN {other} ELSE {t}.{name} END"
        )
    return derived


def grouped_sql(con, table: str, weekly: bool) -> str:
    """Counts of the good rows of the checked ``table`` per buurt, wijk, municipality, crime
    type (``raw_type``), first day of the month (and of the ISO week), with ``n`` and
    ``solved``: :func:`aggregate.grouped_counts` over :func:`rows_sql` without its area
    filter, for :func:`aggregate.write_facts`. Grouped by polygon number and the codes
    looked up per group, not per row: hashing three code strings per row cost three times
    as much as the integer (5 million rows: 2.2-2.3 against 0.7 CPU s, docs/incidents.md)."""
    areas = areas_table(table)
    listed = con.execute(f"SELECT len(buurt) > 0 FROM {areas}").fetchone()[0]
    if weekly:
        # the week and the month number as keys, the month's first day per group: a week
        # lies in at most two months, and one date_trunc per row less (0.15 CPU s per 5M)
        periods = "date_trunc('week', occurred_at) AS week_start, month(occurred_at) AS _month"
        keys = "week_start, _month"
        start = "date_trunc('month', _g.week_start)"
        month = (
            f"CASE WHEN _g._month = month(_g.week_start) THEN {start} "
            f"ELSE {start} + INTERVAL 1 MONTH END AS month_start, _g.week_start"
        )
    else:
        periods = "date_trunc('month', occurred_at) AS month_start"
        keys, month = "month_start", "_g.month_start"
    rows = " UNION ALL ".join(
        f"SELECT _poly, buurt, wijk, municipality, crime_type, solved, {periods} "
        f"FROM {table_sql(con, name)} WHERE {where}"
        for name, where in (
            (table, f"reject IS NULL AND NOT {OPEN_ROWS}"),
            (settled_table(table), "reject IS NULL"),
        )
    )
    # a row the lists locate takes their codes whatever its own (_area_columns): those rows
    # grouped without their own codes, so that a settled point and a tiled one of a buurt
    # group together, and apart from the others, as three string keys per row (even NULL
    # ones) cost 0.5 CPU s per 5 million rows
    parts = [("buurt, wijk, municipality", "")]
    if listed:
        nulls = ", ".join(f"NULL::VARCHAR AS {n}" for n in ("buurt", "wijk", "municipality"))
        parts = [(nulls, "WHERE _poly >= 0"), (parts[0][0], "WHERE (_poly >= 0) IS NOT TRUE")]
    grouped = " UNION ALL ".join(
        f"SELECT _poly, {codes}, crime_type, {keys}, "
        "count(*) AS n, count(*) FILTER (solved) AS solved "
        f"FROM ({rows}) {where} GROUP BY ALL"
        for codes, where in parts
    )
    derived = _area_columns("_g")
    codes = ", ".join(f"{derived[n]} AS {n}" for n in ("buurt", "wijk", "municipality"))
    return (
        f"SELECT {codes}, _g.crime_type AS raw_type, {month}, _g.n, _g.solved "
        f"FROM ({grouped}) _g, {areas} _A"
    )


def rows_sql(con, table: str) -> str:
    """Every checked row of ``table`` once (the settled version of an open point), rejects
    included, as a parenthesised subquery."""
    areas = areas_table(table)
    big = table_sql(con, table, numbered=True)
    settled = table_sql(con, settled_table(table))
    return (
        f"(SELECT {_row_columns('_t')} FROM {big} _t, {areas} _A "
        f"WHERE NOT {OPEN_ROWS} "
        f"UNION ALL SELECT {_row_columns('_s')} FROM {settled} _s, {areas} _A)"
    )


def _settled(found: dict, mapping: Mapping, boundaries: locator.Boundaries):
    """(x, y in RD New, polygon index, outside the Netherlands) of the open points."""
    x = np.asarray(found["x"], dtype=np.float64).copy()
    y = np.asarray(found["y"], dtype=np.float64).copy()
    poly = np.asarray(found["_poly"], np.int32).copy()
    convert = np.asarray(found["_convert"], dtype=object)
    crs, wgs84 = convert == "crs", convert == "wgs84"
    if crs.any():
        x[crs], y[crs] = locator.from_crs(x[crs], y[crs], mapping.crs)
    if wgs84.any():
        lon = np.asarray(found["lon"], dtype=np.float64)
        lat = np.asarray(found["lat"], dtype=np.float64)
        x[wgs84], y[wgs84] = locator.to_rd(lon[wgs84], lat[wgs84])
    converted = crs | wgs84
    poly[converted] = boundaries.buurten.locate(x[converted], y[converted])
    border = poly == locator.BORDER
    poly[border] = boundaries.buurten._test(x[border], y[border])
    return x, y, poly, crs & ~np.isfinite(x)


def _settled_columns(t: str, mapping: Mapping) -> dict[str, str]:
    """The new values of the settled points' columns (rows ``t`` joined with the results
    ``u``): coordinates, polygon, codes and ``located`` where a polygon holds the point,
    rejects for points outside the Netherlands or (``outside_boundaries: reject``) every
    area."""
    located = "coalesce(u.a_municipality, u.m) IS NOT NULL"
    reject = f"{t}.reject"
    abroad = _("outside the Netherlands ({crs})").format(crs=mapping.crs)
    reject = (
        f"CASE WHEN u.outside_nl THEN concat_ws({ROW}, {reject}, 'x' || {ITEM} || "
        f"{literal(abroad)}) ELSE {reject} END"
    )
    if mapping.outside_boundaries == "reject":
        outside = _(OUTSIDE).format(metres=f"{locator.GAP_TOLERANCE_M:g}")
        reject = (
            f"CASE WHEN NOT ({located}) AND {t}.municipality IS NULL "
            f"THEN concat_ws({ROW}, {reject}, 'location' || {ITEM} || "
            f"{literal(outside)}) ELSE {reject} END"
        )
    return {
        "_poly": "u.poly",
        "x": "u.x",
        "y": "u.y",
        "buurt": f"CASE WHEN {located} THEN u.a_buurt ELSE {t}.buurt END",
        "wijk": f"CASE WHEN {located} THEN u.a_wijk ELSE {t}.wijk END",
        "municipality": (
            f"CASE WHEN {located} THEN coalesce(u.a_municipality, u.m) ELSE {t}.municipality END"
        ),
        "located": f"CASE WHEN {located} THEN u.located ELSE {t}.located END",
        "reject": reject,
    }


def _write_settled(con, settled: str, open_rows: str, mapping: Mapping) -> None:
    """The settled table: the open rows (``open_rows``, :func:`table_sql` with ``_rid``)
    with the results of the pass (``_settled``, by row id) in them, in one ``CREATE TABLE
    ... AS`` (a copy of the open rows updated afterwards took a second statement, and
    DuckDB made an UPDATE several seconds per 100,000 rows when the big table had been
    committed before: measured 7 December 2026)."""
    columns = ", ".join(f"{sql} AS {name}" for name, sql in _settled_columns("_o", mapping).items())
    con.execute(f"""
        CREATE TABLE {settled} AS
        SELECT _o.* EXCLUDE (_rid) REPLACE ({columns})
        FROM {open_rows} _o JOIN (
            SELECT s.*, _a.buurt AS a_buurt, _a.wijk AS a_wijk, _a.municipality AS a_municipality
            FROM _settled s LEFT JOIN _area_codes _a ON _a.idx = s.poly) u ON _o._rid = u.rid""")


def _boolean(name: str, checks: Checks, text: Text) -> str:
    """SQL for the n stage: ``b_<name>`` (true, false or NULL); the check of the text."""
    t = f"lower({text.trimmed})"
    words = lambda ws: "[" + ", ".join(literal(w) for w in ws) + "]"  # noqa: E731
    checks.add(
        _unread(f"b_{name}", text),
        name,
        reason_sql(_("not yes/no {value}"), value=quoted(text.trimmed)),
    )
    # the common words as written first (a text that is one is its own trimmed text):
    # lower() copies every text (a few: each costs a test of the rows still open)
    exact = " ".join(f"WHEN {text.raw} = {literal(w)} THEN {v}" for w, v in COMMON_WORDS.items())
    return (
        f"CASE WHEN {text.raw} IS NULL THEN NULL {exact} ELSE CASE "
        f"WHEN list_contains({words(TRUE_WORDS)}, {t}) THEN true "
        f"WHEN list_contains({words(FALSE_WORDS)}, {t}) THEN false END END AS b_{name}"
    )


# -- functions and unpacking ---------------------------------------------------------------


def reject_items_sql(table: str, where: str = "true") -> str:
    """One row per problem: line, column, reason, ``item`` (the problem's place within its
    row) and the row's id; order by line, item for file order, then check order."""
    return f"""
        SELECT line, substr(part, 1, strpos(part, {ITEM}) - 1) AS "column",
               substr(part, strpos(part, {ITEM}) + 1) AS reason, item, id
        FROM (SELECT line, id, items[item + 1] AS part, item
              FROM (SELECT line, id, items, unnest(range(len(items))) AS item
                    FROM (SELECT line, id, string_split(reject, {ROW}) AS items FROM {table}
                          WHERE reject IS NOT NULL AND {where})))
    """


# -- for tests and analyses: rows checked in memory ----------------------------------------


@dataclass
class Parsed:
    """Checked rows: the good ones as canonical columns, and the rejects."""

    columns: dict[str, np.ndarray]
    rejects: list[Reject] = field(default_factory=list)
    rejected_rows: int = 0
    month_only: int = 0

    @property
    def rows(self) -> int:
        return len(self.columns["id"])


def parse_table(
    table: pa.Table, mapping: Mapping | None = None, today: date | None = None
) -> Parsed:
    """Check an Arrow table of text columns named canonically, with ``line``, in an
    in-memory DuckDB (the same SQL as a load)."""
    import duckdb

    mapping = mapping or Mapping()
    con = duckdb.connect()
    try:
        index = area_index.register(con)
        con.register("_rows", table)
        columns = {c for c in table.column_names if c != "line"}
        con.execute(
            "CREATE TEMP TABLE _checked AS "
            + checked_sql("SELECT * FROM _rows", columns, mapping, today or date.today(), index)
        )
        write_areas(con, "_checked", None)
        settle_points(con, "_checked", mapping)
        return collect(con, "_checked")
    finally:
        con.close()


def collect(con, table: str) -> Parsed:
    """The good rows of a checked table as numpy columns, and its rejects."""
    table = rows_sql(con, table) + " AS _rows"
    good = con.execute(
        f"SELECT * EXCLUDE (source, reject, _poly, _convert) FROM {table} "
        "WHERE reject IS NULL "
        "ORDER BY line"
    ).df()
    rejects = [
        Reject(int(line), column, reason, id=key or "")
        for line, column, reason, _, key in con.execute(
            reject_items_sql(table) + " ORDER BY line, item"
        ).fetchall()
    ]
    bad = con.execute(f"SELECT count(*) FROM {table} WHERE reject IS NOT NULL").fetchone()[0]
    columns = {name: _numpy(good[name]) for name in good.columns if name != "month_only"}
    return Parsed(columns, rejects, int(bad), int(good["month_only"].fillna(False).sum()))


def _numpy(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.to_numpy().astype("datetime64[s]")
    if (
        series.dtype == object
        or pd.api.types.is_string_dtype(series)
        or pd.api.types.is_bool_dtype(series)
    ):
        return np.array([None if pd.isna(v) else v for v in series], dtype=object)
    return series.to_numpy()
