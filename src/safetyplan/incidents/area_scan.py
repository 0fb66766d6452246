# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The area scan (gebiedsscan): the profile of one area from its incidents in the warehouse.

Per crime type: the count, the rate per 1,000 inhabitants (population facts of the area, when
the warehouse has them), the trend (log-linear Poisson regression on the monthly counts), the
rate of the comparison territories (the police unit as far as the source covers it, and the
country from the registered-crime facts), early-warning alarms from the signals engine,
clearance where the source says whether a case was solved, and hot spots.

Hot spots. With coordinates: a square grid over the area (cell size 125-250 m), the count and
a Gaussian kernel density per cell, and Getis-Ord Gi* (esda, queen neighbours on the full
lattice, analytic z-scores) per cell; a hot spot is a cell with z >= 1.96 holding incidents.
Without coordinates (buurt codes only, like the Rotterdam street robberies): Gi* over the
buurten (queen contiguity of the bundled polygons); kernel density needs points and is then
"no data".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from safetyplan import i18n
from safetyplan.errors import DataError
from safetyplan.i18n import N_, _

from . import aggregate, hotspots, locator, tables

Z_HOT = 1.96
CORE_MARGIN_M = 5_000.0
CODE = re.compile(r"^(BU\d{8}|WK\d{6}|GM\d{4})$")
LEVEL_OF = {"BU": "buurt", "WK": "wijk", "GM": "municipality"}
NO_DATA = N_("no data")  # translated where a note is made: _(NO_DATA)


@dataclass
class Selection:
    """The incidents of the scanned area within the window, and where they came from."""

    area: str
    level: str | None  # buurt | wijk | municipality | None (a whole source)
    source: str
    classification: str
    resolution: str
    rows: pd.DataFrame
    start: pd.Timestamp
    end: pd.Timestamp  # exclusive


def select(con, area: str, start=None, end=None, source: str | None = None) -> Selection:
    """The area's incidents: AREA is a CBS code (BU/WK/GM) or the name of a loaded source
    (its whole territory, e.g. the Essex data that has no Dutch area codes)."""
    if not tables.has_incidents(con):
        raise DataError(
            _("No incidents in the warehouse: load them with {command}").format(
                command="safetyplan ingest incidents FILE"
            )
        )
    sources = tables.incident_sources(con)
    area = area.strip()
    code = area.upper()
    if CODE.match(code):
        level = LEVEL_OF[code[:2]]
        candidates = _sources_with(con, level, code, sources, source)
    elif area in set(sources["source"]):
        level, code, candidates = None, area, [area]
    else:
        raise DataError(
            _(
                "Unknown area '{area}': give a CBS code (BU05990101, WK059901, GM0599) "
                "or a loaded source ({sources})"
            ).format(area=area, sources=", ".join(sources["source"]))
        )
    chosen = candidates[0]
    info = sources.set_index("source").loc[chosen]
    where = "source = ?" + (f" AND {level} = ?" if level else "")
    params = [chosen] + ([code] if level else [])
    first, last = info["first_at"], info["last_at"]
    window_start = pd.Timestamp(start) if start else pd.Timestamp(first).normalize()
    if end:
        window_end = pd.Timestamp(end) + pd.Timedelta(days=1)
    elif info["resolution"] == "month":  # dates are firsts of months: the whole last month
        window_end = pd.Timestamp(last).to_period("M").to_timestamp() + pd.DateOffset(months=1)
    else:
        window_end = pd.Timestamp(last).normalize() + pd.Timedelta(days=1)
    if window_end <= window_start:
        raise DataError(_("--to {end} lies before --from {start}").format(end=end, start=start))
    rows = con.execute(
        f"SELECT * FROM incidents WHERE {where} AND occurred_at >= ? AND occurred_at < ?",
        params + [window_start.to_pydatetime(), window_end.to_pydatetime()],
    ).df()
    return Selection(
        code,
        level,
        chosen,
        str(info["classification"]),
        str(info["resolution"]),
        rows,
        window_start,
        window_end,
    )


def _sources_with(
    con, level: str, code: str, sources: pd.DataFrame, wanted: str | None
) -> list[str]:
    found = con.execute(
        f"SELECT DISTINCT source FROM incidents WHERE {level} = ?", [code]
    ).fetchall()
    names = [s for s in sources["source"] if (s,) in found]  # newest load first
    if wanted:
        if wanted not in names:
            raise DataError(
                _("Source '{source}' has no incidents in {area}").format(source=wanted, area=code)
            )
        return [wanted]
    if not names:
        raise DataError(_("{area}: no incidents in the warehouse").format(area=code))
    return names


# -- the profile ---------------------------------------------------------------------------


def scan(
    con,
    area: str,
    start=None,
    end=None,
    *,
    source: str | None = None,
    cell_size: float = 200.0,
    registry=None,
) -> dict:
    """The whole area scan as plain data (JSON-ready); the map as a Vega-Lite spec."""
    hotspots.check_cell_size(cell_size)
    sel = select(con, area, start, end, source)
    years = list(range(sel.start.year, (sel.end - pd.Timedelta(days=1)).year + 1))
    population = _population(con, sel.area, years) if sel.level else None
    months = _months(sel)
    profile = []
    for crime, rows in sorted(sel.rows.groupby("crime_type"), key=lambda kv: -len(kv[1])):
        profile.append(_crime_row(con, sel, crime, rows, population, months, registry))
    return {
        "area": sel.area,
        "name": _name(sel, registry),
        "level": sel.level or "source",
        "source": sel.source,
        "from": sel.start.date().isoformat(),
        "to": (sel.end - pd.Timedelta(days=1)).date().isoformat(),
        "resolution": sel.resolution,
        "incidents": int(len(sel.rows)),
        "population": population,
        "crime_types": profile,
        "alarms": alarms(sel, months),
        "hotspots": hot_spots(sel, cell_size),
    }


def _months(sel: Selection) -> pd.DatetimeIndex:
    return pd.date_range(
        sel.start.to_period("M").to_timestamp(),
        (sel.end - pd.Timedelta(days=1)).to_period("M").to_timestamp(),
        freq="MS",
    )


def _crime_row(con, sel, crime, rows, population, months, registry) -> dict:
    n = int(len(rows))
    known = rows["solved"].notna()
    solved = int(rows.loc[known, "solved"].astype(bool).sum())
    per_month = (
        rows["occurred_at"]
        .dt.to_period("M")
        .dt.to_timestamp()
        .value_counts()
        .reindex(months, fill_value=0)
    )
    years = len(months) / 12
    rate = _rate(n, population, years)
    return {
        "crime_type": crime,
        "count": n,
        "rate_per_1000": rate,
        "trend": trend(per_month.to_numpy()),
        "monthly": {p.strftime("%Y-%m"): int(v) for p, v in per_month.items()},
        "clearance_pct": round(100 * solved / int(known.sum()), 1) if known.any() else None,
        "clearance_known": int(known.sum()),
        "comparison": _comparison(con, sel, crime, months, registry),
    }


def _rate(count: float, population: float | None, years: float) -> float | None:
    """Incidents per 1,000 inhabitants per year (None without a population)."""
    if not population or years <= 0:
        return None
    return round(1000 * count / population / years, 2)


def trend(counts: np.ndarray) -> dict:
    """Log-linear Poisson regression of the monthly counts on time: change per year (%),
    its 95% interval and p-value; None for fewer than 4 months or no incidents."""
    counts = np.asarray(counts, dtype=float)
    if len(counts) < 4 or counts.sum() == 0:
        return {
            "pct_per_year": None,
            "low": None,
            "high": None,
            "p": None,
            "note": _("too short") if len(counts) < 4 else _(NO_DATA),
        }
    t = np.arange(len(counts)) / 12.0
    fit = poisson_slope(t, counts)
    if fit is None:
        return {
            "pct_per_year": None,
            "low": None,
            "high": None,
            "p": None,
            "note": _("cannot be fitted"),
        }
    slope, se = fit
    from scipy import stats

    p = float(2 * stats.norm.sf(abs(slope / se))) if se > 0 else None
    return {
        "pct_per_year": round(100 * math.expm1(slope), 1),
        "low": round(100 * math.expm1(slope - 1.96 * se), 1),
        "high": round(100 * math.expm1(slope + 1.96 * se), 1),
        "p": round(p, 4) if p is not None else None,
        "note": "",
    }


def poisson_slope(t: np.ndarray, counts: np.ndarray) -> tuple[float, float] | None:
    """Slope of log(mean) on t by Poisson regression (Newton / IRLS), with its standard
    error inflated by the Pearson over-dispersion (quasi-Poisson) when that exceeds 1."""
    X = np.column_stack([np.ones_like(t), t])
    beta = np.array([math.log(max(counts.mean(), 1e-9)), 0.0])
    for _step in range(50):
        mu = np.exp(X @ beta)
        info = X.T @ (X * mu[:, None])
        try:
            step = np.linalg.solve(info, X.T @ (counts - mu))
        except np.linalg.LinAlgError:
            return None
        beta += step
        if np.max(np.abs(step)) < 1e-10:
            break
    else:
        return None
    mu = np.exp(X @ beta)
    cov = np.linalg.inv(X.T @ (X * mu[:, None]))
    dispersion = max(1.0, float(((counts - mu) ** 2 / mu).sum()) / max(len(counts) - 2, 1))
    return float(beta[1]), float(math.sqrt(cov[1, 1] * dispersion))


def _population(con, area: str, years: list[int]) -> float | None:
    """Mean population of the area over the window's years; the nearest year's when the
    window's are missing (a scan of 2011 with population known from 2012)."""
    rows = con.execute(
        "SELECT period, value FROM facts WHERE measure = 'population' AND "
        "area = ? AND length(period) = 4",
        [area],
    ).fetchall()
    if not rows:
        return None
    by_year = {int(p): v for p, v in rows}
    inside = [by_year[y] for y in years if y in by_year]
    if inside:
        return float(np.mean(inside))
    nearest = min(by_year, key=lambda y: min(abs(y - w) for w in years))
    return float(by_year[nearest]) if min(abs(nearest - w) for w in years) <= 1 else None


def _comparison(con, sel: Selection, crime: str, months, registry) -> list[dict]:
    """Rates of the same crime type in the police unit (the part the source covers) and in
    the country (registered crime facts, when the crime type is a police class)."""
    years = len(months) / 12
    out = []
    unit = _unit_of(sel, registry)
    if unit is not None:
        code, name, municipalities = unit
        counts = con.execute(
            "SELECT municipality, count(*) FROM incidents WHERE source = ? AND crime_type = ? "
            "AND occurred_at >= ? AND occurred_at < ? AND municipality IS NOT NULL "
            "GROUP BY municipality",
            [sel.source, crime, sel.start.to_pydatetime(), sel.end.to_pydatetime()],
        ).fetchall()
        covered = {
            m
            for m in con.execute(
                "SELECT DISTINCT municipality FROM incidents WHERE source = ?", [sel.source]
            ).fetchall()
        }
        inside = [m for m in municipalities if (m,) in covered]
        count = sum(c for m, c in counts if m in inside)
        pops = [_population(con, m, _years(sel)) for m in inside]
        population = sum(p for p in pops if p) if all(pops) and pops else None
        out.append(
            {
                "area": code,
                "name": name,
                "count": int(count),
                "rate_per_1000": _rate(count, population, years),
                "note": _("{inside} of {total} municipalities in the source").format(
                    inside=len(inside), total=len(municipalities)
                ),
            }
        )
    country = _country_rate(con, crime, _years(sel), sel.classification)
    if country is not None:
        out.append(country)
    return out


def _years(sel: Selection) -> list[int]:
    return list(range(sel.start.year, (sel.end - pd.Timedelta(days=1)).year + 1))


def _unit_of(sel: Selection, registry):
    if registry is None or sel.level is None:
        return None
    municipality = "GM" + sel.area[2:6]
    for region in registry.regions("police_unit"):
        if municipality in region.municipalities:
            # the registry's English name where it has one (the Dutch name is the official one)
            name = region.name_en if i18n.active() == "en" and region.name_en else region.name
            return region.code, name, list(region.municipalities)
    return None


def _country_rate(con, crime: str, years: list[int], classification: str) -> dict | None:
    code = aggregate.measure_code(crime)
    for measure in dict.fromkeys((f"registered:{classification}:{code}", f"registered:pol:{code}")):
        found = _national(con, measure, years)
        if found is not None:
            return found
    return None


def _national(con, measure: str, years: list[int]) -> dict | None:
    rows = con.execute(
        "SELECT f.period, f.value, p.value FROM facts f JOIN facts p ON p.area = f.area AND "
        "p.period = f.period AND p.measure = 'population' WHERE f.area = 'NL01' AND "
        "f.measure = ? AND length(f.period) = 4",
        [measure],
    ).fetchall()
    rates = {int(y): 1000 * v / pop for y, v, pop in rows if int(y) in years and pop}
    if not rates:
        return None
    return {
        "area": "NL01",
        "name": _("Netherlands"),
        "count": None,
        "rate_per_1000": round(float(np.mean(list(rates.values()))), 2),
        "note": _("registered {measure}, {years}").format(
            measure=measure, years=", ".join(str(y) for y in sorted(rates))
        ),
    }


def _name(sel: Selection, registry) -> str:
    if sel.level is None:
        return sel.source
    if registry is not None:
        try:
            name = registry.name(sel.area)
        except Exception:  # noqa: BLE001 - a name is a nicety, never a reason to fail
            name = None
        if name:
            return name
    names = locator.bundled().buurten
    match = np.flatnonzero(names.codes == sel.area)
    return str(names.names[match[0]]) if len(match) else sel.area


# -- alarms --------------------------------------------------------------------------------


def alarms(sel: Selection, months: pd.DatetimeIndex) -> dict:
    """Early-warning alarms per crime type on the monthly counts (signals engine): the
    default method when there are 3+ years of months, else EARS C2 (short histories)."""
    from safetyplan.earlywarning import DetectOptions, detect, panel_from_long

    if sel.rows.empty:
        return {"method": None, "judged": 0, "alarms": [], "note": NO_DATA}
    month = sel.rows["occurred_at"].dt.to_period("M").dt.to_timestamp()
    long = (
        pd.DataFrame({"series": sel.rows["crime_type"], "period": month})
        .value_counts()
        .rename("count")
        .reset_index()
    )
    panel = panel_from_long(long, "month", start=months[0], end=months[-1])
    method = "nbcusum" if len(months) >= 36 else "ears-c2"
    result = detect(panel, DetectOptions(method=method))
    judged = result[result["alarm"].notna()]
    raised = judged[judged["alarm"] == 1]
    return {
        "method": method,
        "judged": int(len(judged)),
        "alarms": [
            {
                "crime_type": r.series,
                "period": r.period[:7],
                "count": int(r.count),
                "expected": float(r.expected),
                "threshold": float(r.threshold),
            }
            for r in raised.itertuples()
        ],
        "note": "" if len(judged) else str(result["note"].iloc[0]) if len(result) else NO_DATA,
    }


# -- hot spots -----------------------------------------------------------------------------


def hot_spots(sel: Selection, cell_size: float) -> dict:
    x, y, crs = hotspots.metric_coordinates(sel.rows)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() >= 1:
        core = _core(x, y, ok) if sel.level is None else ok
        result = _grid_hot_spots(x[core], y[core], crs, cell_size, sel)
        result["outliers_left_out"] = int(ok.sum() - core.sum())
        return result
    return _buurt_hot_spots(sel)


def _core(x: np.ndarray, y: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """A whole source has no boundary: leave out the stray points (recorded far outside the
    force area, e.g. Essex crimes located in the north of England) that lie more than
    ``CORE_MARGIN_M`` beyond the 0.5-99.5 percentile box."""
    lo_x, hi_x = np.percentile(x[ok], [0.5, 99.5])
    lo_y, hi_y = np.percentile(y[ok], [0.5, 99.5])
    m = CORE_MARGIN_M
    return ok & (x >= lo_x - m) & (x <= hi_x + m) & (y >= lo_y - m) & (y <= hi_y + m)


def _grid_hot_spots(x, y, crs, cell_size, sel: Selection) -> dict:
    grid = hotspots.Grid.covering(x, y, cell_size)
    cells = grid.cells(x, y)
    cols, rows = int(cells[:, 0].max()) + 1, int(cells[:, 1].max()) + 1
    counts = np.zeros((rows, cols))
    np.add.at(counts, (cells[:, 1], cells[:, 0]), 1)
    inside = _cells_inside(sel, grid, rows, cols, crs)
    z = hotspots.gi_star_grid(counts, inside)
    occupied = np.flatnonzero(counts.ravel() > 0)
    where = np.column_stack([occupied % cols, occupied // cols]).astype(np.int64)
    centres = grid.centres(where)
    density = hotspots.kernel_density(np.column_stack([x, y]), centres, cell_size)
    flat = counts.ravel()[occupied]
    zs = z[occupied]
    table = [
        {
            "col": int(c),
            "row": int(r),
            "x": round(float(cx), 1),
            "y": round(float(cy), 1),
            "count": int(n),
            "density_km2": round(float(d), 2),
            "gi_z": None if not np.isfinite(zz) else round(float(zz), 2),
            "hot": bool(np.isfinite(zz) and zz >= Z_HOT),
        }
        for (c, r), (cx, cy), n, d, zz in zip(where, centres, flat, density, zs, strict=True)
    ]
    return {
        "method": "grid",
        "cell_size_m": cell_size,
        "crs": crs,
        "cells": table,
        "lattice": [int(rows), int(cols)],
        "hot_cells": int(sum(c["hot"] for c in table)),
        "kernel_bandwidth_m": cell_size,
        "study_region": "cells of the area" if inside is not None else "bounding box",
        "note": _(
            "Gi* (queen, binary, incl. the cell) z >= 1.96 over the cells of the area "
            "(a whole source: its bounding box); cells with incidents listed; p < 0.05 "
            "per cell, not corrected for multiple testing"
        ),
    }


def _cells_inside(sel: Selection, grid, rows: int, cols: int, crs: str) -> np.ndarray | None:
    """The lattice cells whose centre lies in the scanned CBS area (bundled buurten; in a gap
    of the layer: the nearest buurt, as for the points), so that Gi* compares the area's cells
    with each other; None (the whole box) for a whole source or
    an area outside the buurt layer."""
    if sel.level is None or crs != locator.RD_NEW:
        return None
    every = np.array([(c, r) for r in range(rows) for c in range(cols)], dtype=np.int64)
    centres = grid.centres(every)
    boundaries = locator.bundled()
    layer = boundaries.buurten
    # a centre in a gap of the layer (a river) counts for the nearest buurt, like the points
    index, _, _ = boundaries.fill_gaps(
        centres[:, 0], centres[:, 1], layer.locate(centres[:, 0], centres[:, 1])
    )
    codes = np.where(index >= 0, layer.codes[np.maximum(index, 0)], "").astype(str)
    prefix = {
        "buurt": sel.area,
        "wijk": "BU" + sel.area[2:8],
        "municipality": "BU" + sel.area[2:6],
    }[sel.level]
    inside = np.char.startswith(codes, prefix).reshape(rows, cols)
    return inside if inside.sum() >= 9 else None


def _buurt_hot_spots(sel: Selection) -> dict:
    rows = sel.rows[sel.rows["buurt"].notna()]
    if rows.empty or sel.level in ("buurt", None):
        why = (
            _("a single neighbourhood without coordinates")
            if sel.level == "buurt" and not rows.empty
            else _("no coordinates or neighbourhoods")
        )
        return {
            "method": None,
            "cells": [],
            "hot_cells": 0,
            "crs": locator.RD_NEW,
            "note": why + ": " + _(NO_DATA),
        }
    boundaries = locator.bundled()
    frame = boundaries.outline()
    prefix = {"wijk": "BU" + sel.area[2:8], "municipality": "BU" + sel.area[2:6]}[sel.level]
    frame = frame[frame["code"].str.startswith(prefix)].reset_index(drop=True)
    per_buurt = rows["buurt"].value_counts()
    counts = per_buurt.reindex(frame["code"], fill_value=0).to_numpy()
    unmapped = int(per_buurt.sum() - counts.sum())  # buurt codes the bundled layer lacks
    z = (
        hotspots.gi_star(counts, queen_neighbours(frame.geometry.to_numpy()))
        if len(frame) >= 3
        else np.full(len(frame), np.nan)
    )
    table = [
        {
            "buurt": code,
            "name": name,
            "count": int(n),
            "density_km2": None,
            "gi_z": None if not np.isfinite(zz) else round(float(zz), 2),
            "hot": bool(np.isfinite(zz) and zz >= Z_HOT and n > 0),
        }
        for code, name, n, zz in zip(frame["code"], frame["name"], counts, z, strict=True)
    ]
    return {
        "method": "buurt",
        "crs": locator.RD_NEW,
        "cells": table,
        "not_on_map": unmapped,
        "hot_cells": int(sum(c["hot"] for c in table)),
        "note": _(
            "no coordinates: Gi* per neighbourhood (queen); kernel density: {no_data}"
        ).format(no_data=_(NO_DATA)),
    }


def queen_neighbours(polygons: np.ndarray):
    """Sparse 0/1 matrix: polygons that share at least a boundary point, and each itself."""
    import shapely
    from scipy import sparse

    tree = shapely.STRtree(polygons)
    left, right = tree.query(polygons, predicate="intersects")
    data = np.ones(len(left))
    matrix = sparse.csr_matrix((data, (left, right)), shape=(len(polygons), len(polygons)))
    matrix.data[:] = 1.0
    return matrix
