"""``safetyplan plan``: check and show plan files."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt
from safetyplan.plan import load_plan

from . import app
from ._common import console

plan_app = typer.Typer(help="Planbestanden controleren en tonen. / Check and show plan files.",
                       no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("check")
def check(path: Path = typer.Argument(..., help="Planbestand (YAML) / plan file.")) -> None:
    """Controleer een planbestand. / Validate a plan file (exit 2 with the place of the error)."""
    plan = load_plan(path)
    console.print(
        f"[green]OK[/] {path}: {len(plan.themes)} thema's, {len(plan.indicators)} indicatoren, "
        f"{len(plan.goals)} doelen, {len(plan.service_standards)} servicenormen, "
        f"{len(plan.region.municipalities)} gemeenten."
    )


@plan_app.command("show")
def show(path: Path = typer.Argument(..., help="Planbestand (YAML) / plan file.")) -> None:
    """Toon de doelen van een plan. / Show the goals of a plan."""
    plan = load_plan(path)
    table = Table(title=plan.title)
    for col in ("Doel / goal", "Thema", "Referentie", "Doel", "Doeljaar"):
        table.add_column(col)
    for goal in plan.goals:
        ind = plan.indicator(goal.indicator)
        base = (f"{fmt.value(goal.baseline.value, ind.unit)} ({goal.baseline.year})"
                if goal.baseline else "–")
        target = (fmt.value(goal.target_value, ind.unit) if not goal.is_pending
                  else "nog niet vastgesteld / pending")
        table.add_row(ind.name, plan.theme(goal.theme).name if goal.theme else "–", base,
                      target, str(goal.target.year))
    console.print(table)
