"""Benchmark: hot-spot forecast of the Essex burglaries (shipped data.police.uk slice).

    python benchmarks/incidents/bench_hotspots.py

The contract case: train January-June 2018, test July, 250 m cells, 5% coverage, beside the
naive forecast (June's counts). Also reported, for context only: other cell sizes and
coverages, and the "oracle" (every candidate setting of the model scored on July itself,
which the model never sees: it shows how much any choice of bandwidth and decay could have
won, not a result). JSON on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np
import pandas as pd

from safetyplan.incidents import hotspots, load_mapping_file
from safetyplan.incidents.ingest import read_incidents_frame
from safetyplan.settings import DATASETS_DIR

FOLDER = DATASETS_DIR / "essex_street_crime_2018"


def oracle(frame: pd.DataFrame, cell: float, coverage: float) -> list[dict]:
    x, y, _ = hotspots.metric_coordinates(frame)
    w = hotspots.windows(frame["occurred_at"], "2018-06-30", "2018-07-31")
    grid = hotspots.Grid.covering(x, y, cell)
    cells = grid.cells(x, y)
    study = np.unique(cells[w.train], axis=0)
    lookup = {tuple(c): i for i, c in enumerate(study)}
    idx = np.array([lookup.get(tuple(c), -1) for c in cells[w.test]])
    counts = np.bincount(idx[idx >= 0], minlength=len(study)).astype(float)
    when = frame["occurred_at"].to_numpy().astype("datetime64[s]")
    points = np.column_stack([x, y])
    out = []
    for factor in hotspots.BANDWIDTH_FACTORS:
        for decay in hotspots.DECAY_MONTHS:
            settings = hotspots.KernelSettings(factor * cell, decay)
            scores = hotspots.model_scores(points[w.train], when[w.train],
                                           np.datetime64("2018-07-01"), grid.centres(study),
                                           settings)
            rate = hotspots.hit_rate_and_pai(scores, counts, int(w.test.sum()), coverage)
            out.append({"bandwidth_m": settings.bandwidth, "decay_months": decay,
                        "hit_rate": round(rate["hit_rate"], 4)})
    return out


def main() -> int:
    started = time.perf_counter()
    frame = read_incidents_frame(FOLDER / "incidents.parquet",
                                 load_mapping_file(FOLDER / "mapping.yaml"),
                                 crime_type="Burglary")
    contract = hotspots.evaluate(frame, "2018-06-30", "2018-07-31", 250, 0.05)
    context = []
    for cell, coverage in ((125, 0.03), (125, 0.05), (250, 0.03), (250, 0.10)):
        r = hotspots.evaluate(frame, "2018-06-30", "2018-07-31", cell, coverage)
        context.append({"cell_size_m": cell, "coverage": coverage,
                        "model": r["model"]["hit_rate"], "naive": r["naive"]["hit_rate"],
                        "ratio": r["ratio"], "model_pai": r["model"]["pai"]})
    candidates = oracle(frame, 250, 0.05)
    best = max(candidates, key=lambda c: c["hit_rate"])
    print(json.dumps({
        "contract": contract, "context": context,
        "oracle_best_on_test": {**best, "ratio_to_naive": round(
            best["hit_rate"] / contract["naive"]["hit_rate"], 4)},
        "seconds": round(time.perf_counter() - started, 1), "load": os.getloadavg(),
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
