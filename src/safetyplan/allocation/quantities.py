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
    measures = scenario.measures()
    if not measures:
        return Quantities(values)
    if scenario.data is None:
        raise DataError(f"scenario {scenario.id}: items read measures ({', '.join(measures)}) "
                        "but the scenario has no 'data: years' / geen jaren opgegeven")
    if wh is None:
        raise DataError("a warehouse is needed to read the measures / warehouse nodig")
    years = tuple(scenario.data.years)
    areas = sorted({code for u in scenario.units for code, _ in u.area_shares()})
    facts = wh.facts(measures=measures, areas=areas, periods=[str(y) for y in years])
    table, sources, notes = _one_source_per_figure(facts)
    provisional = _provisional(facts, scenario)
    _check_complete(table, scenario, measures, areas, years)
    means = table.groupby(["measure", "area"])["value"].mean()
    for driver in scenario.drivers:
        for item in driver.items:
            if item.measure is None:
                continue
            values[item.id] = {
                unit.id: float(sum(share * means[(item.measure, code)]
                                   for code, share in unit.area_shares()))
                for unit in scenario.units
            }
    return Quantities(values, years, provisional, sources, notes)


def _one_source_per_figure(facts: pd.DataFrame) -> tuple[pd.DataFrame, tuple, tuple]:
    """Where two sources hold the same figure, use the first source by name (and say so)."""
    notes: list[str] = []
    if facts.empty:
        return facts, (), ()
    facts = facts.sort_values(["measure", "area", "period", "source"], kind="stable")
    doubled = facts.duplicated(["measure", "area", "period"], keep="first")
    if doubled.any():
        kept = ", ".join(sorted(facts.loc[~doubled, "source"].unique()))
        notes.append(f"figures held by more than one source: used {kept} (first by name)")
        facts = facts[~doubled]
    return facts, tuple(sorted(facts["source"].unique())), tuple(notes)


def _provisional(facts: pd.DataFrame, scenario: Scenario) -> tuple[str, ...]:
    if facts.empty or not facts["provisional"].any():
        return ()
    rows = facts[facts["provisional"].astype(bool)]
    if not scenario.data.allow_provisional:
        first = rows.iloc[0]
        raise DataError(f"scenario {scenario.id}: {len(rows)} provisional figure(s), e.g. "
                        f"{first['measure']} {first['area']} {first['period']}, while "
                        "data.allow_provisional is false / voorlopige cijfers")
    return tuple(sorted({f"{r.measure} {r.period}" for r in rows.itertuples()}))


def _check_complete(facts: pd.DataFrame, scenario: Scenario, measures: list[str],
                    areas: list[str], years: tuple[int, ...]) -> None:
    have = set(zip(facts["measure"], facts["area"], facts["period"], strict=True))
    missing = [(m, a, str(y)) for m in measures for a in areas for y in years
               if (m, a, str(y)) not in have]
    if not missing:
        return
    listed = "; ".join(f"{m} {a} {y}" for m, a, y in missing[:MAX_LISTED])
    more = f" (+{len(missing) - MAX_LISTED} more)" if len(missing) > MAX_LISTED else ""
    raise DataError(
        f"scenario {scenario.id}: geen gegevens / no data for {len(missing)} figure(s) the "
        f"workload needs: {listed}{more}. Load them (safetyplan ingest ...), choose other "
        "'data: years', or drop the item.")
