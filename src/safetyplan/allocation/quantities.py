# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The quantities behind the workload: per item and unit, e.g. registered burglaries a year.

A measure item is read from the warehouse: the mean over the scenario's years of the measure
on each of the unit's areas, times the area's share in the unit, summed over the areas. Items
with ``values`` take the scenario's own figures; ``per_unit`` items count one per unit.
Missing figures are an error that lists them: a division on silently missing data would
quietly take strength away from the unit whose data are missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from safetyplan.errors import DataError
from safetyplan.i18n import _, ngettext

from .land_area import NOTE as GEO_NOTE
from .land_area import is_geo_measure, municipal_areas
from .scenario import Scenario

MAX_LISTED = 8  # missing figures named in an error before "+N more"


@dataclass(frozen=True)
class Quantities:
    """``values[item_id][unit_id]``: the quantity of an item in a unit (a yearly mean)."""

    values: dict[str, dict[str, float]]
    years: tuple[int, ...] = ()
    provisional: tuple[str, ...] = ()  # "measure area year" read from provisional figures
    sources: tuple[str, ...] = ()  # warehouse sources the figures come from
    notes: tuple[str, ...] = field(default=())

    def of(self, item_id: str, unit_id: str) -> float:
        return self.values[item_id][unit_id]

    def scaled(self, item_id: str, unit_id: str, factor: float) -> Quantities:
        """A copy with one quantity multiplied (what-if: this unit's workload rises)."""
        values = {k: dict(v) for k, v in self.values.items()}
        values[item_id][unit_id] *= factor
        return Quantities(values, self.years, self.provisional, self.sources, self.notes)


def inline_quantities(scenario: Scenario) -> dict[str, dict[str, float]]:
    """The quantities of the items that need no data: ``values`` and ``per_unit``."""
    out: dict[str, dict[str, float]] = {}
    for driver in scenario.drivers:
        for item in driver.items:
            if item.values is not None:
                out[item.id] = {u.id: float(item.values[u.id]) for u in scenario.units}
            elif item.per_unit:
                out[item.id] = {u.id: 1.0 for u in scenario.units}
    return out


def gather_quantities(scenario: Scenario, wh=None) -> Quantities:
    """All quantities of a scenario; measure items are read from the warehouse ``wh``."""
    values = inline_quantities(scenario)
    geo = [m for m in scenario.measures() if is_geo_measure(m)]
    notes = _geo_quantities(scenario, geo, values)
    items = [
        i
        for d in scenario.drivers
        for i in d.items
        if i.measure is not None and not is_geo_measure(i.measure)
    ]
    if not items:
        return Quantities(values, notes=tuple(notes))
    item_years = _item_years(scenario, items)
    if wh is None:
        raise DataError(_("A warehouse is needed to read the measures."))
    years = tuple(sorted(set().union(*item_years.values())))
    areas = sorted({code for u in scenario.units for code, _ in u.area_shares()})
    facts = wh.facts(
        measures=sorted({i.measure for i in items}), areas=areas, periods=[str(y) for y in years]
    )
    table, sources, source_notes = _one_source_per_figure(facts)
    notes.extend(source_notes)
    figures = {
        (r.measure, r.area, r.period): (float(r.value), bool(r.provisional))
        for r in table.itertuples()
    }
    missing: list[str] = []
    provisional: set[str] = set()
    for item in items:
        means = {}
        for code in areas:
            found = []
            for year in item_years[item.id]:
                key = (item.measure, code, str(year))
                if key not in figures:
                    missing.append(" ".join(key))
                    continue
                value, is_provisional = figures[key]
                found.append(value)
                if is_provisional:
                    provisional.add(f"{item.measure} {year}")
            means[code] = sum(found) / len(found) if found else 0.0
        values[item.id] = {
            unit.id: float(
                sum(share * means[code] for code, share in unit.area_shares(item.measure))
            )
            for unit in scenario.units
        }
    _refuse_missing(scenario, sorted(set(missing), key=missing.index))
    _refuse_provisional(scenario, provisional)
    return Quantities(values, years, tuple(sorted(provisional)), sources, tuple(notes))


def _item_years(scenario: Scenario, items) -> dict[str, tuple[int, ...]]:
    """The years each measure item averages over: its own 'years', else the scenario's."""
    out = {}
    for item in items:
        years = item.years or (scenario.data.years if scenario.data else None)
        if not years:
            raise DataError(
                _(
                    "scenario {scenario}: item '{item}' reads {measure} but neither it nor "
                    "the scenario gives years ('data: years')"
                ).format(scenario=scenario.id, item=item.id, measure=item.measure)
            )
        out[item.id] = tuple(years)
    return out


def _geo_quantities(scenario: Scenario, measures: list[str], values: dict) -> list[str]:
    """Items on ``geo:area_km2``: computed from the bundled boundaries, not the warehouse."""
    if not measures:
        return []
    km2 = municipal_areas()
    codes = sorted({code for u in scenario.units for code, _ in u.area_shares()})
    missing = [c for c in codes if c not in km2]
    if missing:
        raise DataError(
            _(
                "scenario {scenario}: no area (geo:area_km2) for {codes}: only "
                "municipalities on the 2024 boundaries have one"
            ).format(scenario=scenario.id, codes=", ".join(missing[:MAX_LISTED]))
        )
    for driver in scenario.drivers:
        for item in driver.items:
            if item.measure is not None and is_geo_measure(item.measure):
                values[item.id] = {
                    u.id: float(
                        sum(share * km2[code] for code, share in u.area_shares(item.measure))
                    )
                    for u in scenario.units
                }
    return [_(GEO_NOTE)]


def _one_source_per_figure(facts: pd.DataFrame) -> tuple[pd.DataFrame, tuple, tuple]:
    """Where two sources hold the same figure, use the first source by name (and say so)."""
    notes: list[str] = []
    if facts.empty:
        return facts, (), ()
    facts = facts.sort_values(["measure", "area", "period", "source"], kind="stable")
    doubled = facts.duplicated(["measure", "area", "period"], keep="first")
    if doubled.any():
        kept = ", ".join(sorted(facts.loc[~doubled, "source"].unique()))
        notes.append(
            _("figures held by more than one source: used {sources} (first by name)").format(
                sources=kept
            )
        )
        facts = facts[~doubled]
    return facts, tuple(sorted(facts["source"].unique())), tuple(notes)


def _refuse_provisional(scenario: Scenario, provisional: set[str]) -> None:
    if provisional and scenario.data is not None and not scenario.data.allow_provisional:
        listed = ", ".join(sorted(provisional)[:MAX_LISTED])
        raise DataError(
            _(
                "scenario {scenario}: provisional figures ({figures}) while "
                "data.allow_provisional is false"
            ).format(scenario=scenario.id, figures=listed)
        )


def _refuse_missing(scenario: Scenario, missing: list[str]) -> None:
    if not missing:
        return
    listed = "; ".join(missing[:MAX_LISTED])
    extra = len(missing) - MAX_LISTED
    more = " " + _("(+{n} more)").format(n=extra) if extra > 0 else ""
    raise DataError(
        ngettext(
            "scenario {scenario}: no data for {n} figure the workload needs: {figures}. "
            "Load it (safetyplan ingest ...), choose other years, or drop the item.",
            "scenario {scenario}: no data for {n} figures the workload needs: {figures}. "
            "Load them (safetyplan ingest ...), choose other years, or drop the item.",
            len(missing),
        ).format(scenario=scenario.id, n=len(missing), figures=listed + more)
    )
