# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Benchmark: hot-spot forecast of the Essex burglaries (shipped data.police.uk slice).

    python benchmarks/incidents/bench_hotspots.py

The contract case: train January-June 2018, test July, 250 m cells, 5% coverage, beside the
naive forecast (June's counts), with the model's default settings (``--covariates``: it
also sees the other crime types of January-June). Also reported, for context only: the model
without covariates and kernel density alone, other cell sizes and coverages, other target
types, another test month (June from January-May), and the "oracle" (every candidate of the
model, fitted on January-June, scored on July itself, which the model never sees: it shows
how much any choice could have won, not a result). JSON on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time

from safetyplan.incidents import hotspots, load_mapping_file
from safetyplan.incidents.ingest import read_incidents_frame
from safetyplan.settings import DATASETS_DIR

FOLDER = DATASETS_DIR / "essex_street_crime_2018"
TRAIN_UNTIL, TEST_UNTIL = "2018-06-30", "2018-07-31"


def row(result: dict, **label) -> dict:
    return {
        **label,
        "method": result["model"]["method"],
        "features": result["model"].get("features"),
        "model": result["model"]["hit_rate"],
        "naive": result["naive"]["hit_rate"],
        "ratio": result["ratio"],
        "model_pai": result["model"]["pai"],
        "naive_pai": result["naive"]["pai"],
    }


def oracle(frame, cell: float, coverage: float) -> list[dict]:
    case = hotspots.prepare(frame, TRAIN_UNTIL, TEST_UNTIL, cell, coverage, "Burglary")
    out = []
    for name, scores in hotspots.every_candidate(case.data).items():
        rate = hotspots.hit_rate_and_pai(scores, case.test_counts, case.test_total, coverage)
        out.append({"candidate": name, "hit_rate": round(rate["hit_rate"], 4)})
    return out


def main() -> int:
    started = time.perf_counter()
    frame = read_incidents_frame(
        FOLDER / "incidents.parquet", load_mapping_file(FOLDER / "mapping.yaml")
    )
    contract = hotspots.evaluate(frame, TRAIN_UNTIL, TEST_UNTIL, 250, 0.05, crime_type="Burglary")
    contract_seconds = round(time.perf_counter() - started, 1)
    context = [
        row(
            hotspots.evaluate(
                frame, TRAIN_UNTIL, TEST_UNTIL, 250, 0.05, crime_type="Burglary", covariates=False
            ),
            case="no covariates",
        ),
        row(
            hotspots.evaluate(
                frame, TRAIN_UNTIL, TEST_UNTIL, 250, 0.05, crime_type="Burglary", method="kde"
            ),
            case="kernel density only (the former model)",
        ),
    ]
    for cell, coverage in ((125, 0.03), (125, 0.05), (250, 0.03), (250, 0.10)):
        r = hotspots.evaluate(frame, TRAIN_UNTIL, TEST_UNTIL, cell, coverage, crime_type="Burglary")
        context.append(row(r, case="burglary", cell_size_m=cell, coverage=coverage))
    # Another test month: train January-May, test June (one period less of history).
    r = hotspots.evaluate(frame, "2018-05-31", "2018-06-30", 250, 0.05, crime_type="Burglary")
    context.append(
        row(r, case="burglary, train Jan-May, test June", cell_size_m=250, coverage=0.05)
    )
    for kind in ("Vehicle crime", "Criminal damage and arson", "Violence and sexual offences"):
        r = hotspots.evaluate(frame, TRAIN_UNTIL, TEST_UNTIL, 250, 0.05, crime_type=kind)
        context.append(row(r, case=kind, cell_size_m=250, coverage=0.05))
    candidates = oracle(frame, 250, 0.05)
    best = max(candidates, key=lambda c: c["hit_rate"])
    print(
        json.dumps(
            {
                "contract": contract,
                "contract_seconds": contract_seconds,
                "context": context,
                "oracle_on_test": candidates,
                "oracle_best_on_test": {
                    **best,
                    "ratio_to_naive": round(best["hit_rate"] / contract["naive"]["hit_rate"], 4),
                },
                "seconds": round(time.perf_counter() - started, 1),
                "load": os.getloadavg(),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
