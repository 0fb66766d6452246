# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The command line: which steps run, in which order, with what they share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from prepare_datasets import __doc__ as DESCRIPTION
from prepare_datasets.boundaries import load_geometries, prepare_boundaries
from prepare_datasets.cbs_47018ned_gemeente import prepare_47018_gemeente
from prepare_datasets.cbs_83648ned_gemeente import prepare_83648_gemeente
from prepare_datasets.cbs_83648ned_opgehelderd_2022 import prepare_83648_2022
from prepare_datasets.cbs_83648ned_provincie import prepare_83648_provincie
from prepare_datasets.cbs_vm_provincie import prepare_vm
from prepare_datasets.common import DEFAULT_OUT, DEFAULT_RAW, PrepareError, Raw, check
from prepare_datasets.municipalities import Municipalities, build_municipality_table
from prepare_datasets.pages_benchmarks_rotterdam import prepare_pages
from prepare_datasets.politie_47018ned_nl import prepare_47018_nl
from prepare_datasets.politie_misdrijven_2022_2024 import prepare_politie_2022_2024
from prepare_datasets.rotterdam_straatroven_2011_2012 import prepare_straatroven

# In this order: later steps read the boundaries' registry and the municipality table.
STEPS = {
    "boundaries": lambda raw, out, munis, geoms: prepare_boundaries(raw, out),
    "cbs_47018ned_gemeente": lambda raw, out, munis, geoms: prepare_47018_gemeente(
        raw, out, munis()
    ),
    "politie_47018ned_nl": lambda raw, out, munis, geoms: prepare_47018_nl(raw, out),
    "cbs_83648ned_gemeente": lambda raw, out, munis, geoms: prepare_83648_gemeente(
        raw, out, munis()
    ),
    "cbs_83648ned_provincie": lambda raw, out, munis, geoms: prepare_83648_provincie(raw, out),
    "cbs_vm_provincie": lambda raw, out, munis, geoms: prepare_vm(raw, out),
    "cbs_83648ned_opgehelderd_2022": lambda raw, out, munis, geoms: prepare_83648_2022(
        raw, out, munis()
    ),
    "politie_misdrijven_2022_2024": lambda raw, out, munis, geoms: prepare_politie_2022_2024(
        raw, out, munis()
    ),
    "pages_benchmarks_rotterdam": lambda raw, out, munis, geoms: prepare_pages(raw, out),
    "rotterdam_straatroven_2011_2012": lambda raw, out, munis, geoms: prepare_straatroven(
        raw, out, munis(), geoms()
    ),
}


def run(raw: Raw, out: Path, steps: list[str]) -> None:
    """Run ``steps`` (names of STEPS) in the order of STEPS; a failed check raises
    PrepareError and leaves that step's files unwritten."""
    unknown = sorted(set(steps) - set(STEPS))
    check(not unknown, f"unknown step(s) {unknown}; known: {list(STEPS)}")
    cache: dict = {}

    # Built on first use: both read many raw files, and a step that names no municipality
    # (e.g. the national series) must run on a raw folder that has only its own files.
    def munis() -> Municipalities:
        if "munis" not in cache:
            cache["munis"] = Municipalities(build_municipality_table(raw)[0])
        return cache["munis"]

    def geoms():
        if "geoms" not in cache:
            cache["geoms"] = load_geometries(raw)
        return cache["geoms"]

    for step in [s for s in STEPS if s in steps]:
        print(f"== {step}")
        STEPS[step](raw, out, munis, geoms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=DESCRIPTION.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="datasets folder")
    parser.add_argument("--only", nargs="+", choices=STEPS, help="run only these steps")
    args = parser.parse_args(argv)
    raw, out = Raw(args.raw.resolve()), args.out.resolve()
    steps = args.only or list(STEPS)
    try:
        run(raw, out, steps)
    except PrepareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
