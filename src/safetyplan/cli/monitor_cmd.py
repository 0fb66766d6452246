# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan monitor``: the status of every goal of a plan for one year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt
from safetyplan import i18n
from safetyplan.i18n import _

from . import app
from ._common import OutputFormat, err_console, print_json, print_table

STATUS_STYLES = {
    "achieved": "bold green",
    "on track": "green",
    "at risk": "yellow",
    "off track": "bold red",
    "no data": "dim",
    "target pending": "dim cyan",
}

# The fields of the JSON contract in DESIGN.md, first and in this order.
CONTRACT_FIELDS = [
    "goal",
    "indicator",
    "theme",
    "baseline_year",
    "baseline",
    "target_year",
    "target",
    "year",
    "actual",
    "expected",
    "forecast",
    "forecast_low",
    "forecast_high",
    "status",
]


@app.command(
    "monitor",
    help=_(
        "Goal monitor: per goal the standing, forecast and status.\n\n"
        "Every goal of the plan with its baseline, target, trajectory value for the year, the "
        "actual on the plan's territory, a forecast to the target year with an 80% interval and "
        "a status (achieved, on track, at risk, off track, no data, target pending). With an "
        "empty warehouse the shipped real data are loaded first."
    ),
)
def monitor(
    plan: Path = typer.Option(..., "--plan", help=_("Plan file (YAML).")),
    year: int = typer.Option(None, "--year", help=_("Year (default: the last year with data).")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help=_("DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb)."),
    ),
) -> None:
    """The goal monitor (the help text is the translated ``help`` above)."""
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    the_plan = load_plan(plan)
    results = run_monitor(the_plan, year, warehouse, plan_file=str(plan))
    if format is OutputFormat.json:
        print_json([_contract_dict(r) for r in results])
    else:
        print_table(monitor_table(the_plan, results))
        print_fill_hints(results)


def run_monitor(the_plan, year: int | None, warehouse: Path | None, plan_file: str = "PLAN.yaml"):
    from safetyplan.monitor import evaluate_plan

    with open_warehouse(warehouse) as wh:
        chosen = year or default_year(the_plan)
        return evaluate_plan(the_plan, wh, chosen, plan_file=plan_file)


def print_fill_hints(results) -> None:
    """Under the table: for every goal without figures, where they come from and the command
    that loads them (or that no public table exists and the region's own route)."""
    from rich.markup import escape

    from ._common import console

    missing = [r for r in results if r.fill]
    if not missing:
        return
    console.print("\n[bold]" + escape(_("Filling in the missing figures")) + "[/]")
    for r in missing:
        name = (getattr(r, "name_en", None) if i18n.active() == "en" else None) or r.name
        console.print(f"\n[bold]{escape(name)}[/] ({r.goal})")
        for hint in r.fill:
            label = (
                _("public: {table}").format(table=hint["table"])
                if hint["public"]
                else _("no public table")
            )
            console.print(f"  {escape(hint['measure'])} — {escape(label)}")
            console.print(f"    {escape(_in_language(hint, 'text'))}")
            for command in hint["commands"]:
                console.print(f"    $ {escape(command)}", highlight=False)
            proxy = hint.get("proxy")
            if proxy:
                text = f"{_in_language(proxy, 'text')} {_in_language(proxy, 'differences')}"
                console.print(f"    {escape(text)}")
                for command in proxy["commands"]:
                    console.print(f"    $ {escape(command)}", highlight=False)
                figure = proxy.get("figure")
                if figure:
                    line = _(
                        "Approximation {year}: {value} ({cleared} of {registered} cleared, "
                        "{source}); not the goal itself"
                    ).format(
                        year=figure["year"],
                        value=fmt.value(figure["value"], "percent"),
                        cleared=fmt.number(figure["cleared"]),
                        registered=fmt.number(figure["registered"]),
                        source=figure["source"],
                    )
                    console.print(f"    {escape(line)}")


def _in_language(texts: dict, key: str) -> str:
    """``texts['text_en']`` in English, ``texts['text_nl']`` in Dutch: the source catalogue
    (sources/catalogue.yaml) carries both; a language it lacks gets the Dutch text."""
    return texts.get(f"{key}_{i18n.active()}") or texts[f"{key}_nl"]


def open_warehouse(path: Path | None):
    """The warehouse read-only for a command; an empty one is first filled with the shipped
    data, so a first run shows real figures. Messages go to stderr."""
    from safetyplan.sources.bundled import open_with_data

    return open_with_data(path, notice=err_console.print)


def default_year(the_plan) -> int:
    """The plan's last year, or last calendar year when the plan runs on."""
    return min(the_plan.period.end, dt.date.today().year - 1)


def _contract_dict(result) -> dict:
    data = result.to_dict()
    ordered = {k: data[k] for k in CONTRACT_FIELDS}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return ordered


def monitor_table(the_plan, results) -> Table:
    from rich.markup import escape

    year = results[0].year if results else ""
    title = _("{title} — status {year}").format(title=the_plan.text("title"), year=year)
    table = Table(title=title, show_lines=False, expand=False)
    for col, justify in [
        (_("Goal"), "left"),
        (_("Theme"), "left"),
        (_("Baseline"), "right"),
        (_("Target"), "right"),
        (_("Trajectory"), "right"),
        (_("Actual"), "right"),
        (_("Forecast [80%]"), "right"),
        (_("Status"), "left"),
    ]:
        table.add_column(col, justify=justify)
    for r in results:
        unit = r.unit
        baseline = (
            f"{fmt.value(r.baseline, unit)} ({r.baseline_year})" if r.baseline is not None else "–"
        )
        target = f"{fmt.value(r.target, unit)} ({r.target_year})" if r.target is not None else "–"
        actual = fmt.value(r.actual, unit, missing=_("no data"))
        if r.actual is not None and (r.approximate or r.provisional):
            actual += "~" if r.approximate else ""
            actual += "*" if r.provisional else ""
        forecast = "–"
        if r.forecast is not None:
            forecast = (
                f"{fmt.value(r.forecast, unit)} "
                f"[{fmt.value(r.forecast_low, unit)}–{fmt.value(r.forecast_high, unit)}]"
            )
        style = STATUS_STYLES.get(r.status, "")
        table.add_row(
            the_plan.indicator(r.indicator).text("name"),
            the_plan.theme(r.theme).text("name") if r.theme else "–",
            baseline,
            target,
            fmt.value(r.expected, unit),
            actual,
            forecast,
            f"[{style}]{escape(r.status_label)}[/]",
        )
    table.caption = _("~ territory approximation;  * provisional")
    return table
