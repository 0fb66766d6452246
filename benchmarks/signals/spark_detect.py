# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The detector on Spark against the same detector on one machine: the same simulated
monthly series as benchmarks/signals/national_scale.py, judged by ``detect_spark`` on
local PySpark and by ``detect`` in-process; the script checks that both give the same
alarms and reports both times.

    python benchmarks/signals/spark_detect.py --series 20000 --buckets 8 \
        --out benchmarks/signals/results/spark_detect.csv

Needs pyspark and Java (``pip install -e '.[spark]'``). On one 2-core machine Spark only
adds overhead (a JVM, Arrow transfers, a Python worker per task); it is there for clusters,
where buckets run on many machines at once.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national_scale import MONTHS, simulate_chunk  # noqa: E402

from safetyplan.earlywarning import DetectOptions, detect  # noqa: E402
from safetyplan.earlywarning.series import MONTH, CountPanel  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--series", type=int, default=20_000)
    ap.add_argument("--buckets", type=int, default=8)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need numpy and pandas
    from pyspark.sql import SparkSession

    from safetyplan.earlywarning.spark import detect_spark

    names, counts, facts = simulate_chunk(np.random.default_rng(args.seed), args.series, 0)
    periods = pd.date_range("2016-01-01", periods=MONTHS, freq="MS")
    t0 = time.perf_counter()
    one = detect(CountPanel(names, periods, MONTH, counts), DetectOptions())
    single_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        long = pd.DataFrame(
            {
                "series": np.repeat(np.asarray(names, dtype=object), MONTHS),
                "period": np.tile(periods.strftime("%Y-%m-%d").to_numpy(object), len(names)),
                "count": counts.ravel().astype("int64"),
            }
        )
        long.to_parquet(Path(tmp) / "counts.parquet", index=False)
        spark = (
            SparkSession.builder.master(args.master)
            .appName("safetyplan-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", str(args.buckets))
            .getOrCreate()
        )
        try:
            t0 = time.perf_counter()
            frame = spark.read.parquet(str(Path(tmp) / "counts.parquet"))
            detect_spark(frame, DetectOptions(), buckets=args.buckets).write.parquet(
                str(Path(tmp) / "alarms.parquet")
            )
            spark_s = time.perf_counter() - t0
        finally:
            spark.stop()
        many = pd.read_parquet(Path(tmp) / "alarms.parquet")

    key = ["series", "period"]
    a = one[one.alarm.fillna(0) == 1][key].sort_values(key).reset_index(drop=True)
    b = many[many.alarm.fillna(0) == 1][key].sort_values(key).reset_index(drop=True)
    same = len(one) == len(many) and a.astype(str).equals(b.astype(str))
    row = {
        "when_utc": pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d %H:%M"),
        "series": args.series,
        "months": MONTHS,
        "buckets": args.buckets,
        "master": args.master,
        "single_machine_s": round(single_s, 1),
        "spark_s": round(spark_s, 1),
        "rows": len(many),
        "alarms_single": len(a),
        "alarms_spark": len(b),
        "same_alarms": same,
        "load_at_end": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    print(pd.Series(row).to_string())
    if args.out:
        pd.DataFrame([row]).to_csv(args.out, mode="a", header=not args.out.exists(), index=False)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
