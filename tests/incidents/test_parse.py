# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Checking rows (the load's SQL, run in memory): dates (ISO, Dutch, offsets, months,
impossible days), numbers, booleans, codes and the mapping's recoding."""

from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from safetyplan.incidents import locator
from safetyplan.incidents.mapping import Mapping
from safetyplan.incidents.parse import parse_table

from .conftest import point_in


def parse(columns: dict[str, list[str]], mapping: Mapping | None = None):
    table = pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})
    n = table.num_rows
    table = table.append_column("line", pa.array(np.arange(2, 2 + n), pa.int64()))
    return parse_table(table, mapping or Mapping(), today=date(2026, 1, 1))


def base(n: int, **overrides) -> dict[str, list[str]]:
    x, y = point_in("BU05990110")
    cols = {
        "id": [str(i) for i in range(n)],
        "occurred_at": ["2018-01-15"] * n,
        "crime_type": ["1.1.1"] * n,
        "x": [f"{x:.1f}"] * n,
        "y": [f"{y:.1f}"] * n,
    }
    cols.update(overrides)
    return cols


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2018-01-15", "2018-01-15T00:00:00"),
        ("2018-01-15T13:45", "2018-01-15T13:45:00"),
        ("2018-01-15 13:45:07", "2018-01-15T13:45:07"),
        ("2018-1-5", "2018-01-05T00:00:00"),
        ("15-01-2018", "2018-01-15T00:00:00"),
        ("15/1/2018 9:05", "2018-01-15T09:05:00"),
        ("15.01.2018", "2018-01-15T00:00:00"),
        ("2018-01-15T12:00:00Z", "2018-01-15T13:00:00"),  # CET = UTC+1 in winter
        ("2018-07-15T12:00:00+00:00", "2018-07-15T14:00:00"),  # CEST = UTC+2 in summer
        ("2018-07-15T14:00:00+0200", "2018-07-15T14:00:00"),
        ("2024-02-29", "2024-02-29T00:00:00"),
    ],
)
def test_dates_iso_and_dutch(text, expected):
    parsed = parse(base(1, occurred_at=[text]))
    assert parsed.rejects == []
    assert str(parsed.columns["occurred_at"][0]) == expected


def test_month_only_dates_are_the_first_of_the_month():
    parsed = parse(base(2, occurred_at=["2018-03", "2018-03-04"]))
    assert [str(d) for d in parsed.columns["occurred_at"]] == [
        "2018-03-01T00:00:00",
        "2018-03-04T00:00:00",
    ]
    assert parsed.month_only == 1


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2018-02-30", "datum of tijd bestaat niet"),
        ("2023-02-29", "datum of tijd bestaat niet"),
        ("31-04-2018", "datum of tijd bestaat niet"),
        ("2018-01-15 24:10", "datum of tijd bestaat niet"),
        ("2018-13-01", "datum of tijd bestaat niet"),
        ("gisteren", "onleesbare datum"),
        ("", "ontbreekt"),
        ("1850-01-01", "vóór 1900"),
        ("2030-01-01", "in de toekomst"),
    ],
)
def test_bad_dates_are_rejects_with_line_and_column(text, reason):
    parsed = parse(base(2, occurred_at=["2018-01-01", text]))
    assert parsed.rows == 1
    assert [(r.line, r.column) for r in parsed.rejects] == [(3, "occurred_at")]
    assert reason in parsed.rejects[0].reason


def test_separate_time_column_and_mapping_formats():
    mapping = Mapping(date_formats=["%Y%m%d"])
    parsed = parse(
        base(
            3, occurred_at=["20180115", "20180116", "20180230"], occurred_time=["1345", "", "0900"]
        ),
        mapping,
    )
    assert [str(d) for d in parsed.columns["occurred_at"]] == [
        "2018-01-15T13:45:00",
        "2018-01-16T00:00:00",
    ]
    assert [r.line for r in parsed.rejects] == [4]  # 30 February is not moved to March


def test_booleans_codes_and_decimal_comma():
    x, y = point_in("BU05990110")
    parsed = parse(
        base(
            6,
            solved=["ja", "Nee", "", "J", "true", "misschien"],
            x=[f"{x:.1f}".replace(".", ",")] * 6,
        )
    )
    assert list(parsed.columns["solved"]) == [True, False, None, True, True]
    assert [(r.line, r.column) for r in parsed.rejects] == [(7, "solved")]


def test_values_and_constants_of_the_mapping():
    mapping = Mapping(values={"crime_type": {"B70": "1.4.6"}}, constants={"attempt": "nee"})
    parsed = parse(base(2, crime_type=["B70", "other"]), mapping)
    assert list(parsed.columns["crime_type"]) == ["1.4.6", "other"]
    assert list(parsed.columns["attempt"]) == [False, False]


def test_locations_rd_wgs84_and_codes():
    x, y = point_in("BU05990110")
    lon, lat = locator.to_lonlat(np.array([x]), np.array([y]))
    parsed = parse(
        {
            "id": ["a", "b", "c", "d"],
            "occurred_at": ["2018-01-01"] * 4,
            "crime_type": ["t"] * 4,
            "lat": [f"{lat[0]:.7f}", "", "", ""],
            "lon": [f"{lon[0]:.7f}", "", "", ""],
            "buurt": ["", "bu05991571", "", "BU123"],
            "municipality": ["", "", "GM0606", ""],
        }
    )
    assert list(parsed.columns["buurt"]) == ["BU05990110", "BU05991571", None]
    assert list(parsed.columns["wijk"]) == ["WK059901", "WK059915", None]
    assert list(parsed.columns["municipality"]) == ["GM0599", "GM0599", "GM0606"]
    # One reason per row is enough: a bad code is not also reported as "no location".
    assert [(r.line, r.column) for r in parsed.rejects] == [(5, "buurt")]


def test_points_outside_rd_range_or_boundaries():
    # degrees given as x,y; a point in the North Sea; Groningen city (outside the bundled
    # buurten of the Rotterdam unit, inside the country-wide municipality layer)
    parsed = parse(
        base(4, x=["4.47", "92000", "50000", "233500"], y=["51.92", "437000", "500000", "582000"])
    )
    reasons = {(r.line, r.column): r.reason for r in parsed.rejects}
    assert "RD New" in reasons[(2, "x")]
    assert "buiten de meegeleverde gebiedsgrenzen" in reasons[(4, "location")]
    assert parsed.rows == 2
    assert parsed.columns["buurt"][1] is None and parsed.columns["wijk"][1] is None
    assert parsed.columns["municipality"][1] == "GM0014"  # Groningen
    keep = parse(base(1, x=["50000"], y=["500000"]), Mapping(outside_boundaries="keep"))
    assert keep.rows == 1 and keep.columns["municipality"][0] is None


def test_missing_ids_rejected_or_numbered():
    rejected = parse(base(2, id=["", "7"]))
    assert [(r.line, r.column) for r in rejected.rejects] == [(2, "id")]
    numbered = parse(base(2, id=["", "7"]), Mapping(missing_id="line"))
    assert list(numbered.columns["id"]) == ["L2", "7"]


def test_iso_dates_agree_with_python_on_random_text():
    """On any mix of good, impossible and odd values, a value is accepted exactly when
    Python reads it as an ISO date(-time) of the accepted shapes, and then to the same
    time (values with a zone are left out: converted to local time above)."""
    import re
    from datetime import datetime

    rng = np.random.default_rng(7)
    pieces = [
        "2018",
        "1999",
        "0999",
        "-",
        "T",
        " ",
        ":",
        "13",
        "24",
        "60",
        "07",
        "1",
        "02",
        "29",
        "30",
        "x",
        "٣",
        ".",
    ]
    values = ["".join(rng.choice(pieces, rng.integers(1, 7))) for _ in range(3000)]
    values += [
        f"2018-{m:02d}-{d:02d}{sep}{h:02d}:{mi:02d}"
        for m, d, sep, h, mi in zip(
            rng.integers(0, 14, 500),
            rng.integers(0, 33, 500),
            rng.choice(["T", " "], 500),
            rng.integers(0, 26, 500),
            rng.integers(0, 62, 500),
            strict=True,
        )
    ]
    values = [v for v in values if v.strip() and not v.strip().isdigit()]
    shape = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2})?)?", re.ASCII)

    def python(value: str):
        if not shape.fullmatch(value):
            return None
        date_part, _, time_part = value.replace("T", " ").partition(" ")
        y, m, d = (int(p) for p in date_part.split("-"))
        hms = [int(p) for p in time_part.split(":")] if time_part else [0, 0]
        try:
            stamp = datetime(y, m, d, *hms)
        except ValueError:
            return None
        return stamp if datetime(1900, 1, 1) <= stamp < datetime(2026, 1, 3) else None

    parsed = parse(base(len(values), occurred_at=values))
    good = {
        int(line): stamp
        for line, stamp in zip(parsed.columns["line"], parsed.columns["occurred_at"], strict=True)
    }
    checked = 0
    for line, value in enumerate(values, start=2):
        expected = python(value)
        if expected is None and re.search(r"[٣.]|^\d{1,2}[-/.]", value):
            continue  # other shapes (Dutch dates, fractions) are tested above
        got = good.get(line)
        assert (got is None) == (expected is None), value
        if expected is not None:
            assert str(got) == expected.isoformat(), value
        checked += 1
    assert checked > 1500 and 300 < len(good) < checked  # both kinds well represented


def test_yes_no_words_in_any_case_and_with_spaces():
    """The common words as written and every other spelling of the words (in any case,
    spaces, tabs and a CR at the ends) read alike; other texts are rejects that quote the
    trimmed text."""
    texts = {
        "true": True,
        "false": False,
        "ja": True,
        "nee": False,
        "J": True,
        "N": False,
        "1": True,
        "0": False,
        "TRUE": True,
        "Nee": False,
        "JA": True,
        "1.0": True,
        "0.0": False,
        " ja ": True,
        "\tnee": False,
        "true\r": True,
        "Opgelost": True,
        "NIET OPGELOST": False,
        "waar": True,
        "Onwaar": False,
        "": None,
        "   ": None,
    }
    bad = [" misschien\t", "ja nee", "1,0", "truee"]
    parsed = parse(base(len(texts) + len(bad), solved=[*texts, *bad]))
    assert list(parsed.columns["solved"]) == list(texts.values())
    first = len(texts) + 2
    assert [(r.line, r.column) for r in parsed.rejects] == [
        (line, "solved") for line in range(first, first + len(bad))
    ]
    assert "'misschien'" in parsed.rejects[0].reason


def test_numbers_with_spaces_and_decimal_commas():
    x, y = point_in("BU05990110")
    comma = f"{x:.2f}".replace(".", ",")
    good = [f"{x:.1f}", f" {x:.1f}\t", comma, f"\t{x:.1f}\r".replace(".", ",")]
    bad = ["1.000,5", "12 34", "x", "1,2,3"]
    parsed = parse(base(len(good) + len(bad), x=good + bad))
    assert np.allclose(parsed.columns["x"], [round(x, 1), round(x, 1), round(x, 2), round(x, 1)])
    rejects = [(r.line, r.column) for r in parsed.rejects]
    assert rejects == [(line, "x") for line in range(len(good) + 2, len(good) + len(bad) + 2)]
    assert "'1.000,5'" in parsed.rejects[0].reason
    empty = parse(base(2, x=["", " "], y=["", "\t"], buurt=["BU05990110"] * 2))
    assert empty.rejects == [] and empty.rows == 2  # no number: the code locates


@pytest.mark.parametrize(
    "text, expected",
    [
        (" 2018-01-15T13:45 ", "2018-01-15T13:45:00"),
        ("\t2018-03\r", "2018-03-01T00:00:00"),
        ("2018-01-15T13:45:07.999", "2018-01-15T13:45:07"),  # fractions cut off
        ("2018-01-15 13:24:07", "2018-01-15T13:24:07"),  # minute 24 is no hour 24
        ("2018-01-15T00:30:00-01:00", "2018-01-15T02:30:00"),
        ("2018-01-15T00:30:00Z", "2018-01-15T01:30:00"),
        ("1900-01-01", "1900-01-01T00:00:00"),
        ("2026-01-02 23:59:59", "2026-01-02T23:59:59"),
        ("\n2018-01-15 ", "2018-01-15T00:00:00"),  # trimmed: it ends in a space
        ("2018-06-18T05:35:0Z", "2018-06-18T07:35:00"),  # UTC, though shaped as plain
        ("2018-06-18 05:35:07", "2018-06-18T05:35:07"),
    ],
)
def test_dates_at_the_edges(text, expected):
    parsed = parse(base(1, occurred_at=[text]))
    assert parsed.rejects == []
    assert str(parsed.columns["occurred_at"][0]) == expected
    assert parsed.month_only == (1 if text.strip() == "2018-03" else 0)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2018-01-15T24:00", "datum of tijd bestaat niet"),  # DuckDB would read the next day
        ("2018-01-15 24:00:00Z", "datum of tijd bestaat niet"),
        ("15-01-2018 24:00", "datum of tijd bestaat niet"),
        ("1899-12-31 23:59:59", "vóór 1900"),
        ("2026-01-03", "in de toekomst"),
        ("2018-13", "datum of tijd bestaat niet"),
        ("\n2018-01-15", "onleesbare datum"),  # not trimmed: no space, tab at either end
        ("infinity", "onleesbare datum"),
        ("+2018-01-15", "onleesbare datum"),
        ("  ", "ontbreekt"),
        ("2018-06-18 24:00:00", "datum of tijd bestaat niet"),
        ("2018-06-18T05:35:60", "datum of tijd bestaat niet"),
        ("2018-13-01T00:00", "datum of tijd bestaat niet"),
        ("0018-06-18T05:35", "vóór 1900"),
    ],
)
def test_bad_dates_at_the_edges(text, reason):
    parsed = parse(base(1, occurred_at=[text]))
    assert parsed.rows == 0
    assert [(r.line, r.column) for r in parsed.rejects] == [(2, "occurred_at")]
    assert reason in parsed.rejects[0].reason


def test_mapping_formats_come_before_iso():
    """A text the mapping's format reads is read by it, even where ISO would read it
    otherwise (a day-first format on an ISO-shaped text)."""
    mapping = Mapping(date_formats=["%Y-%d-%m"])
    parsed = parse(base(2, occurred_at=["2018-03-04", "2018-03-30"]), mapping)
    assert [str(d) for d in parsed.columns["occurred_at"]] == [
        "2018-04-03T00:00:00",
        "2018-03-30T00:00:00",  # no day 3 of month 30: ISO reads it
    ]


def test_yes_no_words_recoded_by_the_mapping_are_trimmed_first():
    mapping = Mapping(values={"solved": {"D": "", "X": "ja", "true": "nee"}})
    parsed = parse(base(4, solved=[" D ", "X\t", "true", "ja"]), mapping)
    assert list(parsed.columns["solved"]) == [None, True, False, True]
    assert parsed.rejects == []
