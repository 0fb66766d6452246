# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan evaluate``: did the plan work? Effect per count goal against a counterfactual."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt

from . import app
from ._common import OutputFormat, print_json, print_table

# The fields of the JSON contract in DESIGN.md, first and in this order.
CONTRACT_FIELDS = [
    "goal",
    "method",
    "years",
    "effect_pct",
    "effect_low_pct",
    "effect_high_pct",
    "placebo_p",
    "pre_rmspe",
    "donors",
    "note",
]


@app.command("evaluate")
def evaluate(
    plan: Path = typer.Option(..., "--plan", help="Planbestand (YAML) / plan file."),
    goal: str = typer.Option(None, "--goal", help="Alleen dit doel / only this goal id."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help="DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb).",
    ),
) -> None:
    """Beleidsevaluatie: effect van de planperiode per doel. / Policy evaluation per goal.

    For every count goal: the plan period's effect on the region in % of a counterfactual built
    from municipalities outside the region (synthetic difference-in-differences on log counts),
    per plan year and over the period, with a 90% interval and a p-value from placebos in space,
    the pre-period fit and the donors with their weights. Goals the method cannot judge get a
    note that says why. An unknown goal id or a plan without data exits 2.
    """
    from safetyplan.evaluation import evaluate_goals
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    from .monitor_cmd import open_warehouse

    the_plan = load_plan(plan)
    with open_warehouse(warehouse) as wh:
        results = evaluate_goals(the_plan, wh, goal)
    if format is OutputFormat.json:
        print_json([_contract_dict(r) for r in results])
    else:
        print_table(evaluate_table(the_plan, results))


def _contract_dict(result) -> dict:
    data = result.to_dict()
    ordered = {k: data[k] for k in CONTRACT_FIELDS}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return ordered


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:+.1f}%".replace(".", ",")


def evaluate_table(the_plan, results) -> Table:
    table = Table(title=f"{the_plan.title} — evaluatie / evaluation", expand=False)
    for col, justify in [
        ("Doel / goal", "left"),
        ("Jaar / year", "left"),
        ("Werkelijk / actual", "right"),
        ("Zonder plan / counterfactual", "right"),
        ("Effect [90%]", "right"),
        ("p", "right"),
        ("Toelichting / note", "left"),
    ]:
        table.add_column(col, justify=justify)
    for r in results:
        if not r.estimated:
            table.add_row(r.name, "–", "–", "–", "–", "–", r.note or "")
            continue
        for row in r.years:
            if row["period"] != "plan":
                continue
            table.add_row(
                r.name,
                str(row["year"]),
                fmt.number(row["actual"]),
                fmt.number(row["counterfactual"]),
                f"{_pct(row['effect_pct'])} [{_pct(row['effect_low_pct'])} – "
                f"{_pct(row['effect_high_pct'])}]",
                f"{row['placebo_p']:.2f}",
                "",
            )
        donors = ", ".join(f"{d['name'] or d['area']} {d['weight']:.3f}" for d in r.donors[:5])
        table.add_row(
            f"[bold]{r.name}[/]",
            f"{r.post_years[0]}-{r.post_years[-1]}",
            "",
            "",
            f"[bold]{_pct(r.effect_pct)} [{_pct(r.effect_low_pct)} – {_pct(r.effect_high_pct)}][/]",
            f"{r.placebo_p:.2f}",
            f"SDID; voorperiode / pre-period {r.pre_years[0]}-{r.pre_years[-1]}, "
            f"fout / RMSPE {fmt.number(r.pre_rmspe)}; {r.donor_count} donorgemeenten / donors "
            f"(grootste gewichten / largest weights: {donors})",
        )
    table.caption = (
        "Effect in % van de situatie zonder plan / in % of the counterfactual; "
        "p: placebo-p-waarde / placebo p-value"
    )
    return table
