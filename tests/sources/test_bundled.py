# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Shipped datasets load as one source per folder, all-or-nothing when one file is broken."""

import pandas as pd
import pytest
from rich.progress import Progress

from safetyplan import settings
from safetyplan.errors import DataError
from safetyplan.sources.bundled import bundled_sources, load_bundled
from safetyplan.sources.facts_csv import read_facts_csv

from .conftest import write


def test_every_folder_becomes_a_source_named_after_it(wh, datasets_dir):
    summaries = load_bundled(wh, datasets_dir=datasets_dir)

    names = sorted(p.name for p in datasets_dir.iterdir() if (p / "facts.csv.gz").exists())
    assert [s.source for s in summaries] == names
    for summary in summaries:
        shipped = read_facts_csv(datasets_dir / summary.source / "facts.csv.gz").facts
        stored = wh.facts(sources=[summary.source])
        assert len(stored) == len(shipped) == summary.rows
        assert stored["value"].sum() == shipped["value"].sum()


def test_loading_the_bundle_again_changes_nothing(wh, datasets_dir):
    load_bundled(wh, datasets_dir=datasets_dir)
    before = wh.facts()

    again = load_bundled(wh, datasets_dir=datasets_dir)

    assert all(s.unchanged for s in again)
    pd.testing.assert_frame_equal(wh.facts(), before)


def test_a_broken_file_stops_the_load_before_anything_changes(wh, datasets_dir):
    write(
        datasets_dir / "zz_broken" / "facts.csv.gz",
        "area,period,measure,value\nGM0599,2015,registered:pol:1.1.1,drie\n",
    )

    with pytest.raises(DataError) as error:
        load_bundled(wh, datasets_dir=datasets_dir)

    assert "zz_broken" in str(error.value) and "regel 2" in str(error.value)
    assert wh.sources().empty  # the good sources, read first, were not loaded either


def test_progress_is_reported_step_by_step(wh, datasets_dir):
    steps = []
    load_bundled(
        wh,
        progress=lambda text, done, total: steps.append((done, total)),
        datasets_dir=datasets_dir,
    )

    dones = [done for done, _ in steps]
    assert dones == sorted(dones)
    assert steps[-1][0] == steps[-1][1] == 2 * len(bundled_sources(datasets_dir))


def test_a_rich_progress_bar_is_accepted(wh, datasets_dir):
    with Progress(disable=True) as bar:
        load_bundled(wh, progress=bar, datasets_dir=datasets_dir)
        task = bar.tasks[0]
    assert task.completed == task.total


def test_no_datasets_is_an_error_not_an_empty_warehouse(wh, tmp_path):
    with pytest.raises(DataError, match="geen meegeleverde gegevens"):
        load_bundled(wh, datasets_dir=tmp_path / "nothing")


@pytest.mark.skipif(not bundled_sources(), reason="no datasets shipped yet")
@pytest.mark.parametrize("path", bundled_sources(), ids=lambda p: p.parent.name)
def test_each_shipped_dataset_is_valid_and_documented(path):
    facts = read_facts_csv(path)

    assert not facts.rejects, facts.rejects[:5]
    assert len(facts.facts) > 0
    assert (path.parent / "PROVENANCE.md").is_file()
    assert path.is_relative_to(settings.DATASETS_DIR)
