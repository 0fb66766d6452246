# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Area pages: a choropleth of the plan's municipalities (crimes per 1,000 inhabitants) and a
municipality profile against the region and the country.

Figures come from the warehouse as published (e.g. 47018NED on today's boundaries); the
area registry says how those municipalities make up the plan's territory (a municipality that
lies only partly inside counts with its share, and the page says so). Boundaries are the
bundled, generalised CBS ones (WGS84): no map tiles, nothing fetched.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import app_settings, charts
from .monitor import MonitorUnavailable, no_warehouse, warehouse_file, warehouse_version

log = logging.getLogger(__name__)

NATIONAL = "NL01"


def _english() -> bool:
    return (get_language() or "nl").startswith("en")


def measure_choices() -> list[tuple[str, str]]:
    return [(m, en if _english() else nl) for m, nl, en in app_settings.AREA_MEASURES]


def pick_measure(value: str | None) -> str:
    known = [m for m, _nl, _en in app_settings.AREA_MEASURES]
    return value if value in known else known[0]


def measure_label(measure: str) -> str:
    return dict(measure_choices()).get(measure, measure)


@lru_cache(maxsize=1)
def _registry():
    from safetyplan.areas import load_registry

    return load_registry()


@lru_cache(maxsize=1)
def _boundary_files() -> list[tuple[set[str], list[dict]]]:
    """Every bundled municipal boundary file: (its codes, its features in d3's winding)."""
    from safetyplan.areas import boundaries

    out = []
    for path in boundaries.municipal_files():
        features = [
            {
                "type": "Feature",
                "geometry": boundaries.rewind_for_d3(b.geometry),
                "properties": {"code": b.code, "name": b.name},
            }
            for b in boundaries.layer(path)
        ]
        out.append(({f["properties"]["code"] for f in features}, features))
    out.sort(key=lambda item: len(item[0]))  # the smallest file that covers the codes wins
    return out


def _features_for(codes: set[str]) -> dict[str, dict]:
    for file_codes, features in _boundary_files():
        if codes <= file_codes:
            return {
                f["properties"]["code"]: f for f in features if f["properties"]["code"] in codes
            }
    found = {}
    for _codes, features in _boundary_files():
        for f in features:
            if f["properties"]["code"] in codes:
                found.setdefault(f["properties"]["code"], f)
    return found


def _facts(plan, measure: str):
    """Yearly municipal and national counts and populations: {(area, year): (count, pop)}."""
    path = warehouse_file(plan)
    if not path.exists():
        raise no_warehouse(path)
    key = "areafacts:" + hashlib.sha1(f"{warehouse_version(plan)}|{measure}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    from safetyplan.warehouse import Warehouse

    try:
        with Warehouse.open(path, read_only=True) as wh:
            frame = wh.facts(measures=[measure, "population"])
    except Exception as exc:  # the page says so, the log has the details
        log.exception("area figures unavailable (warehouse %s, measure %s)", path, measure)
        raise MonitorUnavailable(
            _("The figures cannot be read right now; please try again in a moment.")
        ) from exc
    frame = frame[frame["period"].str.len() == 4]
    frame = frame[frame["area"].str.startswith(("GM", NATIONAL))]
    table: dict[str, dict[tuple[str, int], float]] = {measure: {}, "population": {}}
    # One source per measure: the one covering most municipalities, so sources never mix.
    for name, rows in frame.groupby("measure"):
        counts = rows[rows["area"].str.startswith("GM")].groupby("source")["area"].nunique()
        order = list(counts.sort_values(ascending=False).index) + sorted(
            set(rows["source"]) - set(counts.index)
        )
        for source in reversed(order):  # best source written last, so it wins
            for row in rows[rows["source"] == source].itertuples():
                table[name][(row.area, int(row.period))] = float(row.value)
    cache.set(key, table, app_settings.MONITOR_CACHE_SECONDS)
    return table


def _populations(population: dict, year: int, codes, registry) -> dict[str, float]:
    """Population per code in ``year``; a municipality formed later (figures republished on
    today's boundaries) gets the sum of the municipalities it was formed from."""
    pops = {a: v for (a, y), v in population.items() if y == year}

    def of(code, depth=0):
        if code in pops:
            return pops[code]
        parts = [m for m in registry.predecessors(code) if m.first_year > year] if depth < 4 else []
        values = [of(m.predecessor, depth + 1) for m in parts]
        if not values or any(v is None for v in values):
            return None
        return sum(v * m.area_share for v, m in zip(values, parts, strict=False))

    return {code: value for code in codes if (value := of(code)) is not None} | pops


def _year_figures(plan, measure: str, year: int) -> dict:
    table = _facts(plan, measure)
    counts = {a: v for (a, y), v in table[measure].items() if y == year and a.startswith("GM")}
    if not counts:
        return {}
    registry = _registry()
    pops = _populations(table["population"], year, counts.keys(), registry)
    comp = registry.compose(
        plan.municipality_codes,
        counts.keys(),
        year,
        measure=measure,
        territory_year=plan.document["region"].get("boundaries_year"),
    )
    rows = []
    for code, weight in comp.weights.items():
        count, pop = counts.get(code), pops.get(code)
        rate = count / pop * 1000 if count is not None and pop else None
        name = registry.name(code, year) or code
        if weight < 0.999:
            name = _("%(name)s (partly, %(share)s%%)") % {
                "name": name,
                "share": round(weight * 100),
            }
        rows.append(
            {
                "code": code,
                "name": name,
                "count": count,
                "population": pop,
                "rate": rate,
                "weight": weight,
            }
        )
    rows.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0)))
    known = [r for r in rows if r["count"] is not None and r["population"]]
    region = None
    if known:
        count = sum(r["count"] * r["weight"] for r in known)
        pop = sum(r["population"] * r["weight"] for r in known)
        region = {
            "name": plan.display_region,
            "count": count,
            "rate": count / pop * 1000 if pop else None,
        }
    national = None
    n_count, n_pop = table[measure].get((NATIONAL, year)), table["population"].get((NATIONAL, year))
    if n_count is not None:
        national = {
            "name": _("The Netherlands"),
            "count": n_count,
            "rate": n_count / n_pop * 1000 if n_pop else None,
        }
    return {"rows": rows, "region": region, "national": national, "notes": comp.notes}


def _years_with_data(plan, measure: str) -> list[int]:
    table = _facts(plan, measure)
    return sorted({y for (a, y) in table[measure] if a.startswith("GM")})


def map_context(plan, measure: str, year: str | None) -> dict:
    years = _years_with_data(plan, measure)
    label = measure_label(measure)
    if not years:
        return {
            "map_years": [],
            "map_year": None,
            "measure_label": label,
            "map_rows": [],
            "map_notes": [_("No municipal figures for this crime type in the warehouse.")],
        }
    chosen = (
        int(year)
        if year and year.isdigit() and int(year) in years
        else (plan.period_end if plan.period_end in years else years[-1])
    )
    figures = _year_figures(plan, measure, chosen)
    rows = figures.get("rows", [])
    for row in rows:
        row["url"] = reverse("municipality", kwargs={"code": row["code"]}) + f"?measure={measure}"
    features = []
    shapes = _features_for({r["code"] for r in rows})
    for row in rows:
        shape = shapes.get(row["code"])
        if shape:
            features.append(
                {
                    "type": "Feature",
                    "geometry": shape["geometry"],
                    "properties": {
                        "code": row["code"],
                        "name": row["name"],
                        "rate": row["rate"],
                        "url": row["url"],
                    },
                }
            )
    value_title = _("per 1,000 inhabitants")
    return {
        "map_years": years,
        "map_year": chosen,
        "measure_label": label,
        "map_rows": rows,
        "region_row": figures.get("region"),
        "national_row": figures.get("national"),
        "map_notes": figures.get("notes", []),
        "map_chart": charts.choropleth(features, value_title),
    }


def profile_context(plan, code: str, measure: str) -> dict:
    years = _years_with_data(plan, measure)
    table = _facts(plan, measure)
    rows, chart_rows, notes = [], [], []
    name = area_name(code)
    for year in years:
        figures = _year_figures(plan, measure, year)
        own = next((r for r in figures.get("rows", []) if r["code"] == code), None)
        count = table[measure].get((code, year))
        pop = table["population"].get((code, year))
        rate = own["rate"] if own else (count / pop * 1000 if count is not None and pop else None)
        region = (figures.get("region") or {}).get("rate")
        national = (figures.get("national") or {}).get("rate")
        rows.append(
            {"year": year, "count": count, "rate": rate, "region": region, "national": national}
        )
        for area, value in (
            (name, rate),
            (plan.display_region, region),
            (_("The Netherlands"), national),
        ):
            if value is not None:
                chart_rows.append({"year": year, "area": area, "value": value})
        notes = figures.get("notes", notes)
    if not any(r["count"] is not None for r in rows):
        notes = [
            _(
                "The warehouse has no figures for this municipality on these boundaries; "
                "merged municipalities are shown under their successor on the map."
            )
        ]
    return {
        "measure_label": measure_label(measure),
        "profile_rows": rows,
        "profile_chart": charts.profile_chart(chart_rows, _("per 1,000 inhabitants")),
        "profile_notes": notes,
        "area_name": name,
    }


def area_name(code: str) -> str:
    """The municipality's name from the bundled registry (no warehouse needed)."""
    return _registry().name(code) or code


def is_known_area(plan, code: str) -> bool:
    """A municipality of the plan's territory, on the plan's or on the data's boundaries."""
    if code in plan.municipality_codes:
        return True
    try:
        registry = _registry()
        for year in (plan.period_end, max(registry.years)):
            comp = registry.compose(
                plan.municipality_codes,
                registry.municipalities(year),
                year,
                territory_year=plan.document["region"].get("boundaries_year"),
            )
            if code in comp.weights:
                return True
    except Exception:  # an unknown code is simply not ours
        return False
    return False


def municipality_links(plan, code: str) -> dict:
    from safetyplan.web.annualplans.models import Activity
    from safetyplan.web.organisations.models import Organisation
    from safetyplan.web.priorities.models import LocalPriority, ThemePriority

    org = Organisation.objects.filter(code=code).first()
    if org is None:
        return {
            "organisation": None,
            "theme_priorities": [],
            "local_priorities": [],
            "activities": [],
        }
    return {
        "organisation": org,
        "theme_priorities": ThemePriority.objects.filter(
            plan=plan, municipality=org
        ).select_related("theme"),
        "local_priorities": LocalPriority.objects.filter(plan=plan, municipality=org),
        "activities": Activity.objects.filter(annual_plan__plan=plan, owner=org).select_related(
            "annual_plan"
        ),
    }
