# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The one CSV reader of the importers (``safetyplan.csvread``): the delimiter sniffer, BOM,
quoted fields and their line numbers, the reject record and file, the yes/no words; and that
the four import paths use them alike."""

import csv
from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from safetyplan.csvread import (
    NO_WORDS,
    REJECT_COLUMNS,
    YES_WORDS,
    Reject,
    decode,
    read_rows,
    read_text,
    sniff_delimiter,
    write_rejects,
    yes_no,
)
from safetyplan.csvsafe import MAX_FIELD_CHARS
from safetyplan.errors import DataError
from tests.i18n.lang_fixture import english, lang  # noqa: F401 (fixtures; English wording)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("area,period,measure,value", ","),
        ("area;period;measure;value", ";"),
        ("area\tperiod\tmeasure\tvalue", "\t"),
        ("area;period;measure,value", ";"),  # the most frequent wins
        ("area\tperiod;measure,value", ","),  # a tie: ',' before ';' before tab
        ("area\tperiod\tmeasure;value;x", ";"),
        ("area", ","),  # one column: nothing to sniff
        ('"a;b;c",d', ","),  # inside quotes a ';' is part of the name
        ('"a,b,c";d', ";"),
    ],
)
def test_the_sniffer(header, expected):
    assert sniff_delimiter(header) == expected


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_rows_of_each_delimiter_with_a_bom(delimiter):
    text = "\ufeff" + "\n".join(
        delimiter.join(row) for row in (["a", " b "], ["1", "x"], ["2", "y"])
    )
    rows = read_rows(text, "in.csv")

    assert rows.delimiter == delimiter
    assert rows.header == ["a", "b"]  # BOM and spaces gone from the names
    assert [(r.line, r.fields) for r in rows] == [
        (2, {"a": "1", "b": "x"}),
        (3, {"a": "2", "b": "y"}),
    ]


def test_quoted_fields_keep_delimiters_quotes_and_line_breaks_and_lines_count_from_the_start():
    text = 'id;note\n1;"a;b"\n2;"two\nlines"\n\n3;"say ""hi"""\n'
    rows = list(read_rows(text, "in.csv"))

    assert [(r.line, r.fields["note"]) for r in rows] == [
        (2, "a;b"),
        (3, "two\nlines"),
        (6, 'say "hi"'),  # the blank line 5 is skipped, not counted away
    ]


def test_short_and_long_records_like_dictreader():
    rows = list(read_rows("a,b\n1\n1,2,3\n", "in.csv"))
    assert rows[0].fields == {"a": "1", "b": None}
    assert rows[1].fields == {"a": "1", "b": "2", None: ["3"]}


def test_a_long_field_is_a_reject_naming_file_line_and_column():
    text = "a,b\n1," + "x" * (MAX_FIELD_CHARS + 1) + "\n2,y\n"
    rows = list(read_rows(text, "in.csv"))

    assert rows[0].reject is not None
    assert (rows[0].reject.file, rows[0].reject.line, rows[0].reject.column) == ("in.csv", 2, "b")
    assert str(rows[0].reject).startswith("in.csv, regel 2, kolom b: veld 'b' langer dan")
    assert rows[1].reject is None


@pytest.mark.parametrize("text", ["", "\n", "\ufeff\r\n"])
def test_an_empty_file_is_refused_with_its_name(text):
    with pytest.raises(DataError, match=r"in.csv, regel 1: .*leeg bestand"):
        read_rows(text, "in.csv")


def test_text_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes("a,b\n1,é\n".encode() + "2,é\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"in.csv, regel 3: geen UTF-8-tekst"):
        read_text(path)
    assert decode("\ufeffa,b\n".encode(), "x") == "a,b\n"


@pytest.mark.parametrize("word", sorted(YES_WORDS))
def test_yes_words(word):
    assert yes_no(word) is True
    assert yes_no(f" {word.upper()} ") is True


@pytest.mark.parametrize("word", sorted(NO_WORDS))
def test_no_words(word):
    assert yes_no(word) is False
    assert yes_no(f" {word.upper()} ") is False


@pytest.mark.parametrize("word", ["", "  ", None, "misschien", "2", "ja nee", "opgelost"])
def test_anything_else_is_neither(word):
    assert yes_no(word) is None


def test_yes_and_no_words_do_not_overlap():
    assert not YES_WORDS & NO_WORDS


def test_a_reject_reads_as_its_place_and_reason():
    assert str(Reject(4, "value", "geen getal", "abc", "f.csv")) == (
        "f.csv, regel 4, kolom value: geen getal"
    )
    assert str(Reject(4, "", "dubbel")) == "regel 4: dubbel"


def test_the_rejects_file_has_one_format_and_is_spreadsheet_safe(tmp_path):
    target = write_rejects(
        [
            Reject(2, "hic", "not yes/no", "=cmd()", "", "M-7"),
            Reject(3, "*", "wrong number of fields", file="other.csv"),
        ],
        tmp_path / "out" / "rejects.csv",
        file="in.csv",
    )
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == REJECT_COLUMNS == ("file", "line", "id", "column", "value", "reason")
    assert rows[1] == ["in.csv", "2", "M-7", "hic", "'=cmd()", "not yes/no"]
    assert rows[2] == ["other.csv", "3", "", "*", "", "wrong number of fields"]


# -- the four import paths alike --------------------------------------------------------------


def test_ingest_facts_reads_a_tab_separated_file_and_the_shared_words(tmp_path):
    from safetyplan.sources.facts_csv import read_facts_csv

    path = tmp_path / "f.tsv"
    path.write_text(
        "area\tperiod\tmeasure\tvalue\tprovisional\n"
        "GM0599\t2016\tregistered:pol:1.1.1\t5\tonwaar\n"
        "GM0599\t2017\tregistered:pol:1.1.1\t6\tvoorlopig\n"
        "GM0599\t2018\tregistered:pol:1.1.1\t7\tmisschien\n",
        encoding="utf-8",
    )
    read = read_facts_csv(path)

    assert read.separator == "\t"
    assert read.facts["provisional"].tolist() == [False, True]
    assert [(r.line, r.column, r.value) for r in read.rejects] == [(4, "provisional", "misschien")]
    rows = list(csv.DictReader(read.write_rejects(tmp_path / "r.csv").open(encoding="utf-8")))
    assert [(r["file"], r["line"], r["value"]) for r in rows] == [(str(path), "4", "misschien")]


def test_ingest_incidents_sniffs_with_the_shared_sniffer(tmp_path):
    from safetyplan.incidents.read import open_incident_file

    path = tmp_path / "i.csv"
    path.write_text('\ufeff"id";"straat, nummer, plaats";x\n1;a;b\n', encoding="utf-8")
    opened = open_incident_file(path)
    assert opened.delimiter == ";"  # the commas inside the quoted name no longer count
    assert opened.columns == ["id", "straat, nummer, plaats", "x"]


def test_ingest_incidents_takes_the_shared_yes_no_words():
    from safetyplan.incidents.mapping import Mapping
    from safetyplan.incidents.parse import parse_table

    from .incidents.conftest import point_in

    x, y = point_in("BU05990110")
    solved = ["1.0", "0.0", "onwaar", "opgelost", "niet opgelost", "misschien"]
    n = len(solved)
    table = pa.table(
        {
            "id": pa.array([str(i) for i in range(n)], pa.string()),
            "occurred_at": pa.array(["2018-01-15"] * n, pa.string()),
            "crime_type": pa.array(["1.1.1"] * n, pa.string()),
            "x": pa.array([f"{x:.1f}"] * n, pa.string()),
            "y": pa.array([f"{y:.1f}"] * n, pa.string()),
            "solved": pa.array(solved, pa.string()),
            "line": pa.array(np.arange(2, 2 + n), pa.int64()),
        }
    )
    parsed = parse_table(table, Mapping(), today=date(2026, 1, 1))
    assert list(parsed.columns["solved"]) == [True, False, False, True, False]
    assert [(r.line, r.column) for r in parsed.rejects] == [(7, "solved")]


def test_events_import_reads_semicolons_and_tabs(tmp_path, english):  # noqa: F811
    from safetyplan.events.exchange import parse_capacity_csv

    for sep in (";", "\t"):
        text = sep.join(["area", "day", "officers", "note"]) + "\n"
        text += sep.join(["GM0599", "2026-05-01", "40,5", "a; b" if sep == "\t" else "x"]) + "\n"
        text += sep.join(["GM0599", "1 mei", "3", ""]) + "\n"
        with pytest.raises(DataError) as raised:
            parse_capacity_csv(text, "cap.csv")
        assert "cap.csv, line 3: day '1 mei' is not a date" in str(raised.value)
        text = text.splitlines(keepends=True)[:2]
        assert parse_capacity_csv("".join(text), "cap.csv")[0][:3] == (
            "GM0599",
            date(2026, 5, 1),
            40.5,
        )
