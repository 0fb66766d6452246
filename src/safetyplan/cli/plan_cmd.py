"""``safetyplan plan``: check and show plan files."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt

from . import app
from ._common import OutputFormat, console, print_json, print_table

plan_app = typer.Typer(help="Planbestanden controleren en tonen. / Check and show plan files.",
                       no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("check")
def check(path: Path = typer.Argument(..., help="Planbestand (YAML) / plan file.")) -> None:
    """Controleer een planbestand. / Validate a plan file (exit 2 with the place of the error)."""
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml
    plan = load_plan(path)
    console.print(
        f"[green]OK[/] {path}: {len(plan.themes)} thema's, {len(plan.indicators)} indicatoren, "
        f"{len(plan.goals)} doelen, {len(plan.service_standards)} servicenormen, "
        f"{len(plan.region.municipalities)} gemeenten."
    )


@plan_app.command("show")
def show(path: Path = typer.Argument(..., help="Planbestand (YAML) / plan file.")) -> None:
    """Toon de doelen van een plan. / Show the goals of a plan."""
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml
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


@plan_app.command("review")
def review(
    path: Path = typer.Argument(..., help="Planbestand (YAML) / plan file."),
    ambition: float = typer.Option(0.25, "--ambition", min=0.01, max=0.99,
                                   help="Kans voor het voorgestelde doel / probability of the "
                                   "suggested target on the trend."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
    warehouse: Path = typer.Option(None, "--warehouse", help="DuckDB warehouse file "
                                   "(default: $SAFETYPLAN_HOME/warehouse.duckdb)."),
) -> None:
    """Toets de ambitie van de doelen. / Review the ambition of the plan's targets.

    Per goal, from the data before the plan only: the forecast for the target year on the
    region's trend and on the national trend (80% intervals), the probability of reaching the
    target without any change, a flag for targets already met or more than 90% likely
    ("weinig ambitieus") or under 10% likely ("weinig kans"), and a suggested target reached
    with probability --ambition on the trend.
    """
    from safetyplan.evaluation.review import review_plan
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    from .monitor_cmd import open_warehouse
    plan = load_plan(path)
    with open_warehouse(warehouse) as wh:
        results = review_plan(plan, wh, ambition)
    if format is OutputFormat.json:
        print_json([r.to_dict() for r in results])
        return
    table = Table(title=f"{plan.title} — ambitie van de doelen / target review")
    for col in ("Doel / goal", "Doel", "Trend [80%]", "Landelijke trend [80%]", "Kans / P",
                "Vlag / flag", f"Voorstel ({ambition:.0%})", "Toelichting / note"):
        table.add_column(col)
    for r in results:
        unit = plan.indicator(plan.goal(r.goal).indicator).unit

        def rng(v, lo, hi, unit=unit):
            return "–" if v is None else (f"{fmt.value(v, unit)} [{fmt.value(lo, unit)}–"
                                          f"{fmt.value(hi, unit)}]")

        target = (f"{fmt.value(r.target, unit)} ({r.target_year})" if r.target is not None
                  else "–")
        table.add_row(r.name, target, rng(r.trend_forecast, r.trend_low, r.trend_high),
                      rng(r.national_forecast, r.national_low, r.national_high),
                      "–" if r.probability is None else f"{r.probability:.0%}",
                      f"{r.flag_nl} / {r.flag}" if r.flag else "–",
                      fmt.value(r.suggested_target, unit), r.note or "")
    print_table(table)
