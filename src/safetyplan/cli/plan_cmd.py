# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan plan``: check, show and review plan files; templates for a goal's figures."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt
from safetyplan.i18n import _, ngettext

from . import app
from ._common import OutputFormat, console, err_console, print_json, print_table

plan_app = typer.Typer(help=_("Check and show plan files."), no_args_is_help=True)
app.add_typer(plan_app, name="plan")

PLAN_FILE_HELP = _("Plan file (YAML).")


@plan_app.command("check", help=_("Validate a plan file (exit 2 with the place of the error)."))
def check(path: Path = typer.Argument(..., help=PLAN_FILE_HELP)) -> None:
    """Validate a plan file."""
    from rich.markup import escape

    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    plan = load_plan(path)
    counts = [
        (len(plan.themes), ngettext("{n} theme", "{n} themes", len(plan.themes))),
        (len(plan.indicators), ngettext("{n} indicator", "{n} indicators", len(plan.indicators))),
        (len(plan.goals), ngettext("{n} goal", "{n} goals", len(plan.goals))),
        (
            len(plan.service_standards),
            ngettext("{n} service standard", "{n} service standards", len(plan.service_standards)),
        ),
        (
            len(plan.region.municipalities),
            ngettext("{n} municipality", "{n} municipalities", len(plan.region.municipalities)),
        ),
    ]
    summary = ", ".join(text.format(n=fmt.number(n)) for n, text in counts)
    console.print(f"[green]OK[/] {escape(str(path))}: {escape(summary)}.")


@plan_app.command("show", help=_("Show the goals of a plan."))
def show(path: Path = typer.Argument(..., help=PLAN_FILE_HELP)) -> None:
    """Show the goals of a plan."""
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    plan = load_plan(path)
    table = Table(title=plan.text("title"))
    for col in (_("Goal"), _("Theme"), _("Baseline"), _("Target"), _("Target year")):
        table.add_column(col)
    for goal in plan.goals:
        ind = plan.indicator(goal.indicator)
        base = (
            f"{fmt.value(goal.baseline.value, ind.unit)} ({goal.baseline.year})"
            if goal.baseline
            else "–"
        )
        target = fmt.value(goal.target_value, ind.unit) if not goal.is_pending else _("not set yet")
        table.add_row(
            ind.text("name"),
            plan.theme(goal.theme).text("name") if goal.theme else "–",
            base,
            target,
            str(goal.target.year),
        )
    console.print(table)


@plan_app.command(
    "review",
    help=_(
        "Review the ambition of the plan's targets.\n\n"
        "Per goal, from the data before the plan only: the forecast for the target year on the "
        "region's trend and on the national trend (80% intervals), the probability of reaching "
        "the target without any change, a flag for targets already met, more than 90% likely "
        "(little ambition) or under 10% likely (little chance), and a suggested target reached "
        "with probability --ambition on the trend."
    ),
)
def review(
    path: Path = typer.Argument(..., help=PLAN_FILE_HELP),
    ambition: float = typer.Option(
        0.25,
        "--ambition",
        min=0.01,
        max=0.99,
        help=_("Probability of reaching the suggested target on the trend."),
    ),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help=_("DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb)."),
    ),
) -> None:
    """Review the ambition of the plan's targets."""
    from safetyplan.evaluation.review import review_plan
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    from .monitor_cmd import open_warehouse

    plan = load_plan(path)
    with open_warehouse(warehouse) as wh:
        results = review_plan(plan, wh, ambition)
    if format is OutputFormat.json:
        print_json([r.to_dict() for r in results])
        return
    table = Table(title=_("{title} — target review").format(title=plan.text("title")))
    for col in (
        _("Goal"),
        _("Target"),
        _("Trend [80%]"),
        _("National trend [80%]"),
        _("Probability"),
        _("Flag"),
        _("Suggestion ({ambition})").format(ambition=fmt.percent(100 * ambition)),
        _("Note"),
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
            "–" if r.probability is None else fmt.percent(100 * r.probability),
            r.flag_label or "–",
            fmt.value(r.suggested_target, unit),
            r.note or "",
        )
    print_table(table)


@plan_app.command(
    "template",
    help=_(
        "CSV template for a goal's own figures.\n\n"
        "One row per area, year and measure the monitor reads for the goal, with an empty "
        "value, in the format 'safetyplan ingest facts' loads (area,period,measure,value,"
        "provisional; the extra column area_name is ignored on loading). Fill in the values, "
        "delete the rows without a figure (an empty value is rejected, never read as zero), "
        "then load it with 'safetyplan ingest facts FILE --source eigen-GOAL'."
    ),
)
def template(
    path: Path = typer.Argument(..., help=PLAN_FILE_HELP),
    goal: str = typer.Option(
        ..., "--goal", help=_("Goal id as in the plan file (goals: - id: ...).")
    ),
    out: Path = typer.Option(None, "--out", help=_("CSV file (default: standard output).")),
    from_year: int = typer.Option(
        None, "--from-year", help=_("First year (default: the plan's start).")
    ),
    to_year: int = typer.Option(None, "--to-year", help=_("Last year (default: the plan's end).")),
) -> None:
    """A CSV template for a goal's own figures."""
    from safetyplan.areas import load_registry
    from safetyplan.errors import DataError
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml
    from safetyplan.plan.template import template_csv, template_rows

    the_plan = load_plan(path)
    if out is not None and not out.parent.is_dir():
        raise DataError(
            _("--out {path}: the folder does not exist: {folder}").format(
                path=out, folder=out.parent
            )
        )
    registry = load_registry()
    rows = template_rows(the_plan, goal, from_year, to_year, name=registry.name)
    text = template_csv(rows)
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")
    target = out or "FILE.csv"
    message = ngettext(
        "{n} row for goal {goal}. Fill in 'value' and delete the rows without a figure; "
        "then: {command}",
        "{n} rows for goal {goal}. Fill in 'value' and delete the rows without a figure; "
        "then: {command}",
        len(rows),
    ).format(
        n=fmt.number(len(rows)),
        goal=goal,
        command=f"safetyplan ingest facts {target} --source eigen-{goal}",
    )
    err_console.print(message, markup=False, highlight=False)
