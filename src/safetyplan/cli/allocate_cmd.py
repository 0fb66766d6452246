# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan allocate``: divide the police strength by workload, and compare divisions."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt
from safetyplan.i18n import N_, _

from . import app
from ._common import OutputFormat, console, print_json

allocate_app = typer.Typer(
    name="allocate",
    help=_("Divide police strength by workload."),
    invoke_without_command=True,
)
app.add_typer(allocate_app, name="allocate")

WAREHOUSE_HELP = _("Warehouse file (DuckDB; default: $SAFETYPLAN_HOME/warehouse.duckdb).")
TOP_DRIVERS = 2  # drivers named per unit in the table


@allocate_app.callback(
    help=_(
        "Divide a scenario's strength over its units.\n\n"
        "The workload per unit follows from the warehouse data (mean over the "
        "scenario's years) and the scenario's handling times and weights; strength "
        "follows workload within each unit's minimum and maximum, in whole or tenth "
        "FTE, and always adds up to the total. Every unit's FTE is traced back to the "
        "drivers that bring it. With --format json the full trace and the sensitivity "
        "to every weight are printed.\n\n"
        "Compare two scenarios: safetyplan allocate compare A.yaml B.yaml"
    )
)
def allocate(
    ctx: typer.Context,
    scenario: Path = typer.Option(None, "--scenario", help=_("Scenario file (YAML).")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
    warehouse: Path = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
    sensitivity: bool = typer.Option(
        True,
        "--sensitivity/--no-sensitivity",
        help=_("Sensitivity to each weight."),
    ),
) -> None:
    """Divide a scenario's strength over its units."""
    if ctx.invoked_subcommand is not None:
        return
    if scenario is None:
        raise typer.BadParameter(_("give --scenario FILE"), param_hint="--scenario")
    from safetyplan.allocation import load_scenario
    from safetyplan.allocation import sensitivity as sensitivity_of

    (result,) = run_scenarios([load_scenario(scenario)], warehouse)
    sens = sensitivity_of(result) if sensitivity else []
    if format is OutputFormat.json:
        print_json({**result.to_dict(), "sensitivity": [s.to_dict() for s in sens]})
        return
    console.print(allocation_table(result))
    console.print(drivers_table(result))
    if sens:
        console.print(sensitivity_table(result, sens))
    _print_notes(result)


@allocate_app.command(
    "compare",
    help=_(
        "Compare two divisions unit by unit.\n\n"
        "Per unit: FTE in A and in B, the shift, and why: the parts of the shift that "
        "each driver, the minimum/maximum bounds and rounding bring (they add up to the "
        "shift)."
    ),
)
def compare_cmd(
    a: Path = typer.Argument(..., help=_("Scenario A (e.g. today's division).")),
    b: Path = typer.Argument(..., help=_("Scenario B (e.g. new weights).")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
    warehouse: Path = typer.Option(None, "--warehouse", help=WAREHOUSE_HELP),
) -> None:
    """Compare two divisions unit by unit."""
    from safetyplan.allocation import compare, load_scenario

    result = compare(*run_scenarios([load_scenario(a), load_scenario(b)], warehouse))
    if format is OutputFormat.json:
        print_json(result.to_dict())
        return
    console.print(comparison_table(result))


def run_scenarios(scenarios: list, warehouse: Path | None) -> list:
    """Divide each scenario; the warehouse is opened once, and filled with the shipped data
    (with a message) when it is empty, only if a scenario reads measures from it."""
    from safetyplan.allocation import needs_warehouse, run_scenario

    if not any(needs_warehouse(s) for s in scenarios):
        return [run_scenario(s) for s in scenarios]

    from .monitor_cmd import open_warehouse

    with open_warehouse(warehouse) as wh:
        return [run_scenario(s, wh=wh) for s in scenarios]


# -- tables ----------------------------------------------------------------------------------


# The basis of the total strength (scenario format: total_fte.basis).
BASIS_LABELS = {
    "assumption": N_("assumption"),
    "fact": N_("fact"),
    "decision": N_("decision"),
}


def _hours(hours: float) -> str:
    return _("{hours} h").format(hours=fmt.number(hours, 2))


def _item_amount(item) -> str:
    """What an item counts: its handling hours, or 'per unit' for a base load."""
    return _("per unit") if item.per_unit else _hours(item.hours)


def _fte(value: float | None, step: float = 1) -> str:
    return fmt.number(value, 0 if step == 1 else 1)


def _decimals(step: float) -> int:
    return 0 if step == 1 else 1


def _signed(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    if abs(value) < 0.5 * 10**-decimals:
        return fmt.number(0, decimals)
    text = fmt.number(abs(value), decimals)
    return f"+{text}" if value > 0 else f"−{text}"


def allocation_table(result) -> Table:
    s = result.scenario
    has_current = any(u.current_fte is not None for u in result.units)
    table = Table(title=_("{title} — division").format(title=s.shown_title), expand=False)
    columns = [
        (_("Unit"), "left"),
        (_("Workload"), "right"),
        (_("Share"), "right"),
        (_("Min–max"), "right"),
        (_("Proportional"), "right"),
        (_("FTE"), "right"),
    ]
    if has_current:
        columns += [(_("Now"), "right"), (_("Difference"), "right")]
    columns += [(_("Main drivers (FTE)"), "left")]
    for name, justify in columns:
        table.add_column(name, justify=justify)
    names = {d.id: d.shown("name") for d in s.drivers}
    for u in result.units:
        bounds = f"{_fte(u.min_fte, s.step)}–{_fte(u.max_fte, s.step) if u.max_fte else '∞'}"
        mark = {"min": " (min)", "max": " (max)"}.get(u.bound, "")
        top = sorted(u.drivers.items(), key=lambda kv: -kv[1])[:TOP_DRIVERS]
        row = [
            u.name,
            fmt.number(u.workload),
            fmt.percent(u.workload_share, 1),
            bounds,
            fmt.number(u.proportional_fte, 1),
            f"{_fte(u.fte, s.step)}{mark}",
        ]
        if has_current:
            row += [_fte(u.current_fte, s.step), _signed(u.shift, _decimals(s.step))]
        row.append("; ".join(f"{names[d]} {fmt.number(v, 1)}" for d, v in top))
        table.add_row(*row)
    fixed = " + ".join(f"{f.shown('name')} {_fte(f.fte, s.step)}" for f in s.fixed) or _("none")
    basis = _(BASIS_LABELS[s.total_fte.basis.value])
    table.caption = _(
        "Total {total} FTE ({basis}); fixed: {fixed}; divided {divided} FTE. Workload in {unit}."
    ).format(
        total=_fte(s.total_fte.value, s.step),
        basis=basis,
        fixed=fixed,
        divided=_fte(sum(u.fte for u in result.units), s.step),
        unit=result.workload_unit(),
    ) + (
        " " + _("Years {years}.").format(years=", ".join(map(str, result.quantities.years)))
        if result.quantities.years
        else ""
    )
    return table


def drivers_table(result) -> Table:
    s = result.scenario
    table = Table(title=_("Workload by driver"), expand=False)
    for name, justify in [
        (_("Driver"), "left"),
        (_("Weight"), "right"),
        (_("Share of workload"), "right"),
        (_("Items"), "left"),
    ]:
        table.add_column(name, justify=justify)
    for d in s.drivers:
        items = ", ".join(
            f"{i.shown('label')} ({_item_amount(i)}"
            f"{'' if not i.theme else f', {i.theme} x{s.priorities.get(i.theme, 1):g}'})"
            for i in d.items
        )
        weight = f"{d.weight:g}%" if s.model.value == "shares" else f"x{d.weight:g}"
        table.add_row(d.shown("name"), weight, fmt.percent(result.driver_totals[d.id], 1), items)
    return table


def sensitivity_table(result, sens) -> Table:
    names = {u.id: u.name for u in result.units}
    table = Table(title=_("Sensitivity: weight +10%"), expand=False)
    for name, justify in [
        (_("Weight"), "left"),
        (_("Moves (FTE)"), "right"),
        (_("Largest gain"), "left"),
        (_("Largest loss"), "left"),
    ]:
        table.add_column(name, justify=justify)
    for s in sens:
        gain, loss = s.largest(1), s.largest(-1)
        d = _decimals(result.scenario.step)
        table.add_row(
            s.name,
            fmt.number(s.fte_moved, d),
            f"{names[gain[0]]} {_signed(gain[1], d)}" if gain else "–",
            f"{names[loss[0]]} {_signed(loss[1], d)}" if loss else "–",
        )
    return table


def comparison_table(result) -> Table:
    labels = result.labels()
    step = min(result.a.scenario.step, result.b.scenario.step)
    table = Table(
        title=f"A: {result.a.scenario.shown_title}\nB: {result.b.scenario.shown_title}",
        expand=False,
    )
    for name, justify in [
        (_("Unit"), "left"),
        (_("A (FTE)"), "right"),
        (_("B (FTE)"), "right"),
        (_("Shift"), "right"),
        (_("Why"), "left"),
    ]:
        table.add_column(name, justify=justify)
    for r in result.rows:
        table.add_row(
            r.name,
            _fte(r.fte_a, step) if r.fte_a is not None else "–",
            _fte(r.fte_b, step) if r.fte_b is not None else "–",
            _signed(r.shift, _decimals(step)),
            r.reason(labels),
        )
    moved = fmt.number(result.fte_moved, _decimals(step))
    table.caption = _(
        "Moved in total: {moved} FTE. Why: the part of the shift each driver, the min/max "
        "bounds and rounding bring (together the shift)."
    ).format(moved=moved)
    return table


def _print_notes(result) -> None:
    from safetyplan.allocation import assumption_lines

    lines = assumption_lines(result.scenario)
    if result.quantities.provisional:
        lines.append(
            _("Provisional figures: {figures}").format(
                figures=", ".join(result.quantities.provisional)
            )
        )
    lines.extend(result.notes)
    for line in lines:
        console.print(f"• {line}", highlight=False)
