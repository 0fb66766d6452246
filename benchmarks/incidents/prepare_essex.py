# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Build ``src/safetyplan/datasets/essex_street_crime_2018/`` from the raw data.police.uk files
in ``../shared/data/raw/isavita_detective_uk_police_essex`` (developers only; the tests and
the commands use the shipped result).

    python benchmarks/incidents/prepare_essex.py

Canonical columns of ``safetyplan ingest incidents``: id (crime_id), occurred_at (the month,
``YYYY-MM``: the data's resolution), crime_type, lat, lon, solved (a clearance proxy from
last_outcome_category, see PROVENANCE.md), plus lsoa_code and outcome as published.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
RAW = REPO.parent / "shared" / "data" / "raw" / "isavita_detective_uk_police_essex"
OUT = REPO / "src" / "safetyplan" / "datasets" / "essex_street_crime_2018"

SOLVED_PREFIXES = (
    "Offender ",
    "Awaiting court outcome",
    "Suspect charged",
    "Defendant ",
    "Court case unable to proceed",
    "Local resolution",
)
NOT_SOLVED = (
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Formal action is not in the public interest",
    "Further investigation is not in the public interest",
)


def solved(outcome: str) -> str:
    """'true' when an offender was identified and dealt with, 'false' when the case closed
    without that, '' when open or unknown (under investigation, no update)."""
    if outcome.startswith(SOLVED_PREFIXES):
        return "true"
    return "false" if outcome in NOT_SOLVED else ""


def main() -> int:
    frames = [
        pd.read_csv(path, dtype=str, keep_default_na=False)
        for path in sorted(RAW.glob("2018-0*-essex-street.csv.gz"))
    ]
    raw = pd.concat(frames, ignore_index=True)
    print(f"raw rows: {len(raw):,}")
    asb = raw["crime_type"] == "Anti-social behaviour"
    no_point = (raw["longitude"] == "") | (raw["latitude"] == "")
    no_id = raw["crime_id"] == ""
    print(
        f"left out: anti-social behaviour {asb.sum():,}; without coordinates "
        f"{(no_point & ~asb).sum():,}; without crime_id (other) "
        f"{(no_id & ~asb & ~no_point).sum():,}"
    )
    kept = raw[~asb & ~no_point & ~no_id]
    doubled = kept["crime_id"].duplicated(keep="first")
    print(f"duplicate crime_id left out: {doubled.sum():,}")
    kept = kept[~doubled]
    out = pd.DataFrame(
        {
            "id": kept["crime_id"].str[:16],  # 64 hex digits; 16 stay unique (checked below)
            "occurred_at": kept["month"],
            "crime_type": kept["crime_type"],
            "lat": kept["latitude"].astype(float),
            "lon": kept["longitude"].astype(float),
            "solved": kept["last_outcome_category"].map(solved),
            "lsoa_code": kept["lsoa_code"],
            "outcome": kept["last_outcome_category"],
        }
    )
    assert out["id"].is_unique, "16-digit ids clash"
    OUT.mkdir(parents=True, exist_ok=True)
    out.to_parquet(
        OUT / "incidents.parquet", index=False, compression="zstd", row_group_size=50_000
    )
    print(f"shipped rows: {len(out):,}")
    print(out.groupby("occurred_at").size().to_string())
    print(out["crime_type"].value_counts().to_string())
    print(out["solved"].value_counts().to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
