# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Real and real-like count series for the calibration benchmark (realdata_bench.py).

Everything comes from the data the package ships (no network):

- ``yearly_47018ned``: registered crime per municipality and police class, 47018NED,
  2012-2024 (2025 is provisional and left out): real yearly series with trend breaks and
  the COVID years, the only shipped series long enough for a five-year baseline.
- ``monthly_donors``: per-series mean, dispersion (variance / mean) and share of zero months
  of the real monthly series that are too short for a five-year baseline: the Rotterdam
  street robberies per buurt and per municipality (24 months, 2011-2012) and the Essex
  street crimes per LSOA and crime type (7 months, 2018).
- ``simulate_monthly``: seven years of monthly counts (84 months, like buurt x crime type
  2011-2017) whose level, dispersion and zero share are drawn from those donors, whose
  year-to-year course is that of a real 47018NED series (trend breaks, COVID dip) and whose
  season is the Rotterdam street robberies' month profile; outbreaks in the last year as in
  the Noufaily design (k x the baseline standard deviation, k in 2, 3, 5, 10, spread by a
  lognormal(0, 0.5) week delay from a random day of the start month).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

MONTHS = 84
LAST_YEAR_M = np.arange(MONTHS - 12, MONTHS)
K_VALUES = (2, 3, 5, 10)
WEEKS_PER_MONTH = 365.25 / 12 / 7


def _dataset(name: str):
    return resources.files("safetyplan.datasets") / name


def yearly_47018ned(min_mean: float = 0.0) -> pd.DataFrame:
    """Wide frame: one row per municipality x police class, columns 2012..2024."""
    facts = pd.read_csv(_dataset("cbs_47018ned_gemeente") / "facts.csv.gz")
    facts = facts[facts.measure.str.startswith("registered:pol:") & (facts.period <= 2024)]
    wide = facts.pivot_table(index=["area", "measure"], columns="period", values="value")
    wide = wide.dropna()
    wide = wide[~wide.index.get_level_values("area").isin(["NL01", "GM0000"])]
    return wide[wide.mean(axis=1) >= min_mean]


def _stats(counts: pd.DataFrame, source: str) -> pd.DataFrame:
    mean = counts.mean(axis=1)
    var = counts.var(axis=1, ddof=1)
    return pd.DataFrame(
        {
            "source": source,
            "mean": mean,
            "dispersion": var / mean,
            "zeros": (counts == 0).mean(axis=1),
            "months": counts.shape[1],
        }
    )


def monthly_donors(min_cases: int = 3) -> pd.DataFrame:
    """Series statistics of the short real monthly series (at least ``min_cases`` cases)."""
    rob = pd.read_csv(
        _dataset("rotterdam_straatroven_2011_2012") / "incidents.csv.gz",
        usecols=["occurred_at", "municipality", "buurt"],
    )
    rob["month"] = rob.occurred_at.str[:7]
    frames = []
    for key, label in (("buurt", "rotterdam-buurt"), ("municipality", "rotterdam-gemeente")):
        tab = rob.dropna(subset=[key]).pivot_table(
            index=key, columns="month", values="occurred_at", aggfunc="size", fill_value=0
        )
        frames.append(_stats(tab[tab.sum(axis=1) >= min_cases], label))
    essex = pd.read_parquet(
        _dataset("essex_street_crime_2018") / "incidents.parquet",
        columns=["occurred_at", "crime_type", "lsoa_code"],
    )
    tab = essex.pivot_table(
        index=["lsoa_code", "crime_type"],
        columns="occurred_at",
        values="crime_type",
        aggfunc="size",
        fill_value=0,
    )
    # a crime type an LSOA never had is no series; the pivot holds only observed pairs
    frames.append(_stats(tab[tab.sum(axis=1) >= min_cases], "essex-lsoa"))
    out = pd.concat(frames).reset_index(drop=True)
    out["dispersion"] = out["dispersion"].fillna(1.0)
    return out


def rotterdam_month_profile() -> np.ndarray:
    """Relative level of each calendar month (mean 1) in the Rotterdam street robberies."""
    rob = pd.read_csv(
        _dataset("rotterdam_straatroven_2011_2012") / "incidents.csv.gz", usecols=["occurred_at"]
    )
    month = rob.occurred_at.str[5:7].astype(int)
    prof = month.value_counts().sort_index().reindex(range(1, 13), fill_value=0).to_numpy(float)
    return prof / prof.mean()


@dataclass
class MonthlySim:
    counts: np.ndarray  # (S, MONTHS)
    outbreak_cases: np.ndarray  # (S, MONTHS)
    meta: pd.DataFrame  # source, mean, dispersion, zeros, outbreak, k, start


def _nb(rng, mean, phi):
    """Negative binomial with variance phi * mean (Poisson at phi <= 1)."""
    mean = np.maximum(mean, 1e-9)
    if phi <= 1.0 + 1e-9:
        return rng.poisson(mean)
    return rng.negative_binomial(mean / (phi - 1.0), 1.0 / phi)


def simulate_monthly(
    n: int, seed: int, donors: pd.DataFrame | None = None, shapes: pd.DataFrame | None = None
) -> MonthlySim:
    rng = np.random.default_rng(seed)
    donors = monthly_donors() if donors is None else donors
    shapes = yearly_47018ned(min_mean=50) if shapes is None else shapes
    shape_values = shapes.to_numpy(float)
    essex = donors[donors.source == "essex-lsoa"]
    rotterdam = donors[donors.source != "essex-lsoa"]
    profile = rotterdam_month_profile()
    month_of_year = np.arange(MONTHS) % 12
    delay_weeks_sd = 0.5
    counts = np.zeros((n, MONTHS), dtype=int)
    extra = np.zeros((n, MONTHS), dtype=int)
    rows = []
    for i in range(n):
        # Essex and Rotterdam donors half and half (Essex has far more series)
        pool = essex if (rng.random() < 0.5 and len(essex)) or not len(rotterdam) else rotterdam
        d = pool.iloc[int(rng.integers(len(pool)))]
        phi = float(np.clip(d.dispersion, 1.0, 10.0))
        # the course over seven years of a real municipal series (start year at random)
        course = shape_values[int(rng.integers(len(shape_values)))]
        y0 = int(rng.integers(0, course.size - 7 + 1))
        course = course[y0 : y0 + 7] / course[y0 : y0 + 7].mean()
        amp = rng.uniform(0.0, 1.0)
        season = 1.0 + amp * (profile[month_of_year] - 1.0)
        mean = d["mean"] * np.repeat(course, 12) * season
        # zero inflation where the donor has more zero months than its negative binomial
        p0 = (1.0 / phi) ** (d["mean"] / (phi - 1.0)) if phi > 1.0 else np.exp(-d["mean"])
        pi = max(0.0, (d.zeros - p0) / (1.0 - p0)) if p0 < 1 else 0.0
        pi = min(pi, 0.9)
        base = _nb(rng, mean / (1.0 - pi), phi) * (rng.random(MONTHS) >= pi)
        has = i % 2 == 0
        k, start = 0, -1
        if has:
            k = K_VALUES[(i // 2) % len(K_VALUES)]
            start = int(rng.integers(LAST_YEAR_M[0], LAST_YEAR_M[-1]))
            sd = np.sqrt(phi * mean[start])
            n_cases = rng.poisson(k * sd)
            weeks = rng.uniform(0, WEEKS_PER_MONTH, n_cases) + rng.lognormal(
                0.0, delay_weeks_sd, n_cases
            )
            months = start + np.floor(weeks / WEEKS_PER_MONTH).astype(int)
            np.add.at(extra[i], months[months < MONTHS], 1)
        counts[i] = base + extra[i]
        rows.append(
            {
                "source": d.source,
                "mean": d["mean"],
                "dispersion": phi,
                "zeros": d.zeros,
                "outbreak": has,
                "k": k,
                "start": start,
            }
        )
    return MonthlySim(counts, extra, pd.DataFrame(rows))


def inject_yearly(values: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Outbreaks in the last year of half of the real yearly series: Poisson(k x sd) extra
    cases, sd from the five previous years (sqrt of mean x max(variance / mean, 1))."""
    rng = np.random.default_rng(seed)
    S, T = values.shape
    extra = np.zeros((S, T), dtype=int)
    rows = []
    for i in range(S):
        has = i % 2 == 0
        k = K_VALUES[(i // 2) % len(K_VALUES)] if has else 0
        if has:
            prev = values[i, T - 6 : T - 1]
            m = max(prev.mean(), 0.1)
            sd = np.sqrt(m * max(prev.var(ddof=1) / m, 1.0))
            extra[i, T - 1] = rng.poisson(k * sd)
        rows.append({"outbreak": has, "k": k, "start": T - 1 if has else -1})
    return values + extra, extra, pd.DataFrame(rows)


def simulate_weekly_short(n: int, seed: int, weeks: int = 48) -> MonthlySim:
    """A short weekly export (default 48 weeks, 11 months) with real dispersion: each series
    takes the mean (read as cases per week, like a larger area than the donor's) and the
    dispersion of a real short monthly series (``monthly_donors``), the Rotterdam month
    profile with a random amplitude, and in 35% of the series a level shift by 0.6-1.7 from
    a random week on (a trend break). In every other series an outbreak starts in a random
    week from the 13th on: Poisson(k x sd) cases, k = 2, 3, 5, 10, each delayed by a
    lognormal(0, 0.5) number of weeks (rounded down)."""
    rng = np.random.default_rng(seed)
    donors = monthly_donors()
    profile = rotterdam_month_profile()
    month = (np.arange(weeks) / WEEKS_PER_MONTH).astype(int) % 12
    counts = np.zeros((n, weeks), dtype=int)
    extra = np.zeros((n, weeks), dtype=int)
    rows = []
    for i in range(n):
        d = donors.iloc[int(rng.integers(len(donors)))]
        phi = float(np.clip(d.dispersion, 1.0, 10.0))
        mean = d["mean"] * (1.0 + rng.uniform(0.0, 1.0) * (profile[month] - 1.0))
        if rng.random() < 0.35:
            at = rng.integers(10, weeks)
            mean = np.where(np.arange(weeks) >= at, mean * rng.uniform(0.6, 1.7), mean)
        base = _nb(rng, mean, phi)
        has = i % 2 == 0
        k, start = 0, -1
        if has:
            k = K_VALUES[(i // 2) % len(K_VALUES)]
            start = int(rng.integers(12, weeks - 1))
            n_cases = rng.poisson(k * np.sqrt(phi * mean[start]))
            at = start + np.floor(rng.lognormal(0.0, 0.5, n_cases)).astype(int)
            np.add.at(extra[i], at[at < weeks], 1)
        counts[i] = base + extra[i]
        rows.append(
            {"source": d.source, "mean": d["mean"], "dispersion": phi, "outbreak": has, "k": k}
        )
    meta = pd.DataFrame(rows)
    meta["start"] = [
        int(np.flatnonzero(e)[0]) if e.any() else -1 for e in extra
    ]  # the first week with an added case
    return MonthlySim(counts, extra, meta)
