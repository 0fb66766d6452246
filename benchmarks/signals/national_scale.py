# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""National scale: every buurt x crime type of the Netherlands is about 400,000 monthly
series. Simulate that many series of 10 years (120 months), judge the last year with the
default detector (``--method auto``: NB-CUSUM on the Farrington baseline, as every series
has the 5 years it needs) and report wall time, CPU time and peak memory.

    python benchmarks/signals/national_scale.py --series 400000 --chunk 20000 \
        --out benchmarks/signals/results/national_scale.csv

The series are generated chunk by chunk (negative binomial, a wide spread of levels so
that most buurt x type series are small and many months are 0) and judged chunk by chunk,
so memory stays bounded by one chunk plus the alarms kept. Only ``detect()`` (including
building its result frame) is timed; generation is timed separately. Reading a 48-million
row CSV is not part of it (see docs/signals.md for the CLI path).
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from safetyplan.earlywarning import DetectOptions, detect
from safetyplan.earlywarning.detect import summarise
from safetyplan.earlywarning.series import MONTH, CountPanel

log = logging.getLogger("safetyplan.benchmarks.national_scale")
MONTHS = 120
OUTBREAK_SHARE = 0.01  # series with an added rise in the judged year


def simulate_chunk(
    rng: np.random.Generator, n: int, first: int
) -> tuple[list[str], np.ndarray, dict]:
    """``n`` monthly series (n, 120): mean exp(level + trend + season), level ~ N(-0.3, 1.4)
    (median 0.74 a month: most buurt x type series are small; the top 1% above 20), variance
    phi * mean with phi ~ U(1, 3), and in 1% of the series a rise of 3 baseline standard
    deviations per month for 3 months somewhere in the last year."""
    t = np.arange(MONTHS)
    level = rng.normal(-0.3, 1.4, n)
    trend = rng.normal(0.0, 0.002, n)
    amp = rng.uniform(0.0, 0.3, n)
    phase = rng.uniform(0, 2 * np.pi, n)
    log_mu = (
        level[:, None]
        + trend[:, None] * t
        + amp[:, None] * np.sin(2 * np.pi * t / 12 + phase[:, None])
    )
    mu = np.exp(log_mu)
    phi = rng.uniform(1.0, 3.0, n)[:, None]
    extra = phi - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(
            extra > 1e-9,
            rng.gamma(np.maximum(mu / np.maximum(extra, 1e-9), 1e-12), np.maximum(extra, 1e-9)),
            mu,
        )
    counts = rng.poisson(lam).astype(float)
    hit = rng.random(n) < OUTBREAK_SHARE
    start = rng.integers(MONTHS - 12, MONTHS - 2, n)
    for i in np.flatnonzero(hit):
        s = start[i]
        sd = np.sqrt(phi[i, 0] * mu[i, s : s + 3])
        counts[i, s : s + 3] += np.ceil(3 * sd)
    names = [f"BU{first + i:07d} | type" for i in range(n)]
    facts = {
        "zero_share": float((counts == 0).mean()),
        "outbreaks": int(hit.sum()),
        "mean": float(counts.mean()),
    }
    return names, counts, facts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--series", type=int, default=400_000)
    ap.add_argument("--chunk", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--out", type=Path, help="append one result line to this CSV")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    rng = np.random.default_rng(args.seed)
    periods = pd.date_range("2016-01-01", periods=MONTHS, freq="MS")
    opts = DetectOptions()  # the default: auto
    gen_s = det_s = cpu_s = 0.0
    totals = {"series": 0, "judged": 0, "alarms": 0, "periods_not_judged": 0}
    methods: dict[str, int] = {}
    zero, outbreaks = [], 0
    done = 0
    while done < args.series:
        n = min(args.chunk, args.series - done)
        t0 = time.perf_counter()
        names, counts, facts = simulate_chunk(rng, n, done)
        gen_s += time.perf_counter() - t0
        zero.append(facts["zero_share"])
        outbreaks += facts["outbreaks"]
        panel = CountPanel(names, periods, MONTH, counts)
        t0, c0 = time.perf_counter(), time.process_time()
        result = detect(panel, opts)
        s = summarise(result)
        det_s += time.perf_counter() - t0
        cpu_s += time.process_time() - c0
        for key in totals:
            totals[key] += s[key]
        for m, k in s["methods"].items():
            methods[m] = methods.get(m, 0) + k
        done += n
        log.info(
            "%d/%d series, detect %.1f s so far, peak RSS %.0f MB",
            done,
            args.series,
            det_s,
            peak_rss_mb(),
        )
        del result, counts, panel
    row = {
        "when_utc": pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d %H:%M"),
        "series": args.series,
        "months": MONTHS,
        "judged_months": 12,
        "chunk": args.chunk,
        "detect_wall_s": round(det_s, 1),
        "detect_cpu_s": round(cpu_s, 1),
        "generate_s": round(gen_s, 1),
        "peak_rss_mb": round(peak_rss_mb()),
        "series_periods_per_wall_s": round(totals["judged"] / det_s),
        "judged": totals["judged"],
        "alarms": totals["alarms"],
        "not_judged": totals["periods_not_judged"],
        "outbreak_series": outbreaks,
        "zero_share": round(float(np.mean(zero)), 3),
        "methods": ";".join(f"{k}={v}" for k, v in sorted(methods.items())),
        "load_at_end": " ".join(f"{x:.2f}" for x in __import__("os").getloadavg()),
    }
    print(pd.Series(row).to_string())
    if args.out:
        header = not args.out.exists()
        pd.DataFrame([row]).to_csv(args.out, mode="a", header=header, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
