# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The ``ingest facts`` format: tidy CSV, Dutch spreadsheet habits tolerated, bad rows
rejected with their real line number."""

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.errors import DataError
from safetyplan.sources.facts_csv import read_facts_csv

from .conftest import NATIONAL_CSV, ROTTERDAM_BURGLARY_CSV, write


def test_a_plain_file_is_read_completely(tmp_path):
    facts = read_facts_csv(write(tmp_path / "f.csv", ROTTERDAM_BURGLARY_CSV))

    assert not facts.rejects
    source_rows = list(csv.DictReader(ROTTERDAM_BURGLARY_CSV.splitlines()))
    assert facts.facts["value"].tolist() == [float(r["value"]) for r in source_rows]
    assert facts.facts["provisional"].tolist() == [r["provisional"] == "true" for r in source_rows]
    assert facts.lines.tolist() == list(range(2, 2 + len(source_rows)))


def test_dutch_spreadsheet_export_semicolon_decimal_comma_and_bom(tmp_path):
    # Veiligheidsmonitor-style shares as a Dutch Excel would save them (values: the plan's
    # baseline figures, Bijlage I).
    text = (
        "area;period;measure;value;provisional\n"
        "RE08;2012;survey:vm:onveilig_algemeen;39,3;nee\n"
        "RE08;2013;survey:vm:onveilig_algemeen;38,1;nee\n"
    )
    path = write(tmp_path / "vm.csv", "\ufeff" + text)

    facts = read_facts_csv(path)

    assert facts.separator == ";"
    assert not facts.rejects
    assert facts.facts["value"].tolist() == [39.3, 38.1]
    assert facts.facts["area"].tolist() == ["RE08", "RE08"]


@pytest.mark.parametrize("quoted", [False, True], ids=["simple", "quoted"])
def test_rows_of_only_separators_are_skipped_not_rejected(tmp_path, quoted):
    area = '"GM0599"' if quoted else "GM0599"
    text = f"area;period;measure;value\n{area};2015;registered:pol:1.1.1;3419\n;;;\n ; ; ; \n"
    facts = read_facts_csv(write(tmp_path / "f.csv", text))

    assert not facts.rejects
    assert facts.lines.tolist() == [2]


def test_gzip_files_are_read(tmp_path):
    facts = read_facts_csv(write(tmp_path / "f.csv.gz", NATIONAL_CSV))
    assert len(facts.facts) == len(NATIONAL_CSV.strip().splitlines()) - 1


def test_rejects_carry_the_file_line_even_after_blank_and_multiline_rows(tmp_path):
    text = (
        "area,period,measure,value\n"
        "GM0599,2015,registered:pol:1.1.1,3419\n"  # line 2
        "\n"  # line 3: blank, skipped
        'GM0599,2016,"registered:pol:\n1.1.1",2889\n'  # lines 4-5: a newline in a field
        "GM0599,2017,registered:pol:1.1.1,veel\n"  # line 6
        "GM0599,2018,registered:pol:1.1.1\n"  # line 7: a field short
        "GM0599,2018,registered:pol:1.1.1,2068\n"
    )  # line 8
    facts = read_facts_csv(write(tmp_path / "f.csv", text))

    assert [(r.line, r.column) for r in facts.rejects] == [(4, "measure"), (6, "value"), (7, "*")]
    assert facts.lines.tolist() == [2, 8]
    assert facts.rejected_lines == 3


def test_the_rejects_file_has_line_column_and_reason(tmp_path):
    text = "area,period,measure,value\nGM0599,2015-13,registered:pol:1.1.1,1\n"
    facts = read_facts_csv(write(tmp_path / "f.csv", text))

    target = facts.write_rejects(tmp_path / "out" / "rejects.csv")

    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["line"], r["column"]) for r in rows] == [("2", "period")]
    assert "2015-13" in rows[0]["reason"]


def test_known_measures_restrict_what_is_accepted(tmp_path):
    path = write(tmp_path / "f.csv", NATIONAL_CSV)
    facts = read_facts_csv(path, known_measures={"registered:pol:1.1.1"})
    assert sorted(r.line for r in facts.rejects) == [2, 3]


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        ("", "leeg bestand"),
        ("area,period,value\nGM0599,2015,1\n", "ontbrekende kolom(men): measure"),
        (
            "area,period,measure,value\nGM0599,2015,m,1\nGM\xff,2016,m,2\n".encode("latin-1"),
            "regel 3: geen UTF-8-tekst",
        ),
    ],
)
def test_file_level_problems_raise_with_the_file_name(tmp_path, content, phrase):
    path = tmp_path / "broken.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(DataError) as error:
        read_facts_csv(path)

    assert str(path) in str(error.value)
    assert phrase in str(error.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match="absent.csv"):
        read_facts_csv(tmp_path / "absent.csv")


# -- property-based: whatever is put on a line, a reject for it names that line -------------

cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='",;\r\n'),
    max_size=10,
)


@settings(max_examples=40, deadline=None)
@given(
    bad_cells=st.lists(st.tuples(cell, cell, cell, cell), min_size=1, max_size=6),
    separator=st.sampled_from([",", ";"]),
)
def test_every_line_ends_up_loaded_or_rejected(tmp_path_factory, bad_cells, separator):
    good = [("GM0599", str(2012 + i), "registered:pol:1.1.1", str(4000 - i)) for i in range(3)]
    rows = good + bad_cells
    text = separator.join(["area", "period", "measure", "value"]) + "\n"
    text += "".join(separator.join(r) + "\n" for r in rows)
    path = write(tmp_path_factory.mktemp("h") / "f.csv", text)

    facts = read_facts_csv(path)

    blank = {i + 2 for i, r in enumerate(rows) if not "".join(r).strip()}
    loaded, rejected = set(facts.lines.tolist()), {r.line for r in facts.rejects}
    assert loaded.isdisjoint(rejected) and blank.isdisjoint(loaded | rejected)
    assert loaded | rejected | blank == set(range(2, 2 + len(rows)))
    assert {2, 3, 4} <= loaded  # the good rows come first, so they are never the duplicates


quoted_cell = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(quoted_cell, quoted_cell, quoted_cell, quoted_cell), min_size=1, max_size=8
    )
)
def test_quoted_fields_with_separators_and_newlines_keep_line_numbers(tmp_path_factory, rows):
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["area", "period", "measure", "value"])
    starts = []
    for row in [("GM0599", "2012", "registered:pol:1.1.1", "4453"), *rows]:
        starts.append(buffer.getvalue().count("\n") + 1)
        writer.writerow(row)
    path = write(tmp_path_factory.mktemp("q") / "f.csv", buffer.getvalue())

    facts = read_facts_csv(path)

    loaded, rejected = facts.lines.tolist(), {r.line for r in facts.rejects}
    assert loaded[0] == 2
    assert set(loaded) | rejected <= set(starts)
    blank = {start for start, row in zip(starts[1:], rows, strict=True) if not "".join(row).strip()}
    assert set(loaded) | rejected | blank == set(starts)
