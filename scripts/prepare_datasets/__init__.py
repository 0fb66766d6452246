# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Rebuild the compact datasets shipped in ``src/safetyplan/datasets`` from the raw data.

Developers only: the demo and the tests read the shipped files, never the raw folder.

    python scripts/prepare_datasets [--raw ../shared/data/raw] [--out src/safetyplan/datasets]
                                    [--only boundaries cbs_47018ned_gemeente ...]

One module per shipped dataset (named as its folder), plus ``common`` (raw folder, checks,
writers), ``municipalities`` (codes and names per year) and ``cli``. Every step reads a raw
folder (see its PROVENANCE.md), converts it to tidy facts
(``area,period,measure,value,provisional``), checks them with the warehouse's own validation
(``safetyplan.warehouse.validate``) and against figures stated in the raw provenance or in an
independent source, and writes ``<out>/<source>/facts.csv.gz`` plus a ``PROVENANCE.md`` that
records what was done and the check figures. A check that fails stops the run
(``PrepareError``); nothing is written for that step. Re-running gives byte-identical files
(sorted rows, gzip without timestamps).

Needs shapely and pyproj (run-time dependencies of safetyplan) for the boundary overlays.
"""
