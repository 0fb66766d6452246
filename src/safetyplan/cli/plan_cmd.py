# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan plan``: check, show and review plan files; templates for a goal's figures."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt

from . import app
from ._common import OutputFormat, console, err_console, print_json, print_table

plan_app = typer.Typer(
    help="Planbestanden controleren en tonen. / Check and show plan files.", no_args_is_help=True
)
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
        base = (
            f"{fmt.value(goal.baseline.value, ind.unit)} ({goal.baseline.year})"
            if goal.baseline
            else "–"
        )
        target = (
            fmt.value(goal.target_value, ind.unit)
            if not goal.is_pending
            else "nog niet vastgesteld / pending"
        )
        table.add_row(
            ind.name,
            plan.theme(goal.theme).name if goal.theme else "–",
            base,
            target,
            str(goal.target.year),
        )
    console.print(table)


@plan_app.command("review")
def review(
    path: Path = typer.Argument(..., help="Planbestand (YAML) / plan file."),
    ambition: float = typer.Option(
        0.25,
        "--ambition",
        min=0.01,
        max=0.99,
        help="Kans voor het voorgestelde doel / probability of the suggested target on the trend.",
    ),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help="DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb).",
    ),
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
    for col in (
        "Doel / goal",
        "Doel",
        "Trend [80%]",
        "Landelijke trend [80%]",
        "Kans / P",
        "Vlag / flag",
        f"Voorstel ({ambition:.0%})",
        "Toelichting / note",
    ):
        table.add_column(col)
    for r in results:
        unit = plan.indicator(plan.goal(r.goal).indicator).unit

        def rng(v, lo, hi, unit=unit):
            return (
                "–"
                if v is None
                else (f"{fmt.value(v, unit)} [{fmt.value(lo, unit)}–{fmt.value(hi, unit)}]")
            )

        target = f"{fmt.value(r.target, unit)} ({r.target_year})" if r.target is not None else "–"
        table.add_row(
            r.name,
            target,
            rng(r.trend_forecast, r.trend_low, r.trend_high),
            rng(r.national_forecast, r.national_low, r.national_high),
            "–" if r.probability is None else f"{r.probability:.0%}",
            f"{r.flag_nl} / {r.flag}" if r.flag else "–",
            fmt.value(r.suggested_target, unit),
            r.note or "",
        )
    print_table(table)


@plan_app.command("template")
def template(
    path: Path = typer.Argument(..., help="Planbestand (YAML) / plan file."),
    goal: str = typer.Option(
        ...,
        "--goal",
        help="Doel-id zoals in het plan / goal id as in the plan file (goals: - id: ...).",
    ),
    out: Path = typer.Option(None, "--out", help="CSV-bestand / CSV file (default: stdout)."),
    from_year: int = typer.Option(
        None, "--from-year", help="Eerste jaar / first year (default: the plan's start)."
    ),
    to_year: int = typer.Option(
        None, "--to-year", help="Laatste jaar / last year (default: the plan's end)."
    ),
) -> None:
    """Sjabloon voor eigen cijfers van een doel. / CSV template for a goal's own figures.

    One row per area, year and measure the monitor reads for the goal, with an empty value,
    in the format 'safetyplan ingest facts' loads (area,period,measure,value,provisional;
    the extra column area_name is ignored on loading). Fill in the values, delete the rows
    without a figure (an empty value is rejected, never read as zero), then load it with
    'safetyplan ingest facts FILE --source eigen-GOAL'.
    """
    from safetyplan.areas import load_registry
    from safetyplan.errors import DataError
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml
    from safetyplan.plan.template import template_csv, template_rows

    the_plan = load_plan(path)
    if out is not None and not out.parent.is_dir():
        raise DataError(f"--out {out}: map bestaat niet / folder does not exist: {out.parent}")
    registry = load_registry()
    rows = template_rows(the_plan, goal, from_year, to_year, name=registry.name)
    text = template_csv(rows)
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")
    target = out or "FILE.csv"
    err_console.print(
        f"{fmt.number(len(rows))} regels / rows voor doel / for goal {goal}. Vul 'value' in en "
        "verwijder regels zonder cijfer / fill in 'value' and delete rows without a figure; "
        f"daarna / then: safetyplan ingest facts {target} --source eigen-{goal}"
    )
