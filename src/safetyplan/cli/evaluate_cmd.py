# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan evaluate``: did the plan work? Effect per count goal against a counterfactual."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan import formatting as fmt
from safetyplan.i18n import _

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


@app.command(
    "evaluate",
    help=_(
        "Policy evaluation: the plan period's effect per goal.\n\n"
        "For every count goal: the plan period's effect on the region in % of a counterfactual "
        "built from municipalities outside the region (synthetic difference-in-differences on "
        "log counts), per plan year and over the period, with a 90% interval and a p-value from "
        "placebos in space, the pre-period fit and the donors with their weights. Goals the "
        "method cannot judge get a note that says why. An unknown goal id or a plan without "
        "data exits 2."
    ),
)
def evaluate(
    plan: Path = typer.Option(..., "--plan", help=_("Plan file (YAML).")),
    goal: str = typer.Option(None, "--goal", help=_("Only this goal (its id in the plan).")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help=_("DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb)."),
    ),
) -> None:
    """Policy evaluation per goal."""
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
    """A signed percentage with one decimal: ``'-12,3%'`` (nl), ``'-12.3%'`` (en)."""
    if v is None:
        return "–"
    return ("+" if v > 0 else "-" if v < 0 else "") + fmt.percent(abs(v), 1)


def _p(v: float) -> str:
    return fmt.number(v, 2)


def evaluate_table(the_plan, results) -> Table:
    from rich.markup import escape

    title = _("{title} — evaluation").format(title=the_plan.text("title"))
    table = Table(title=title, expand=False)
    for col, justify in [
        (_("Goal"), "left"),
        (_("Year"), "left"),
        (_("Actual"), "right"),
        (_("Without the plan"), "right"),
        (_("Effect [90%]"), "right"),
        ("p", "right"),
        (_("Note"), "left"),
    ]:
        table.add_column(col, justify=justify)
    for r in results:
        if not r.estimated:
            table.add_row(escape(r.name), "–", "–", "–", "–", "–", escape(r.note or ""))
            continue
        for row in r.years:
            if row["period"] != "plan":
                continue
            table.add_row(
                escape(r.name),
                str(row["year"]),
                fmt.number(row["actual"]),
                fmt.number(row["counterfactual"]),
                f"{_pct(row['effect_pct'])} [{_pct(row['effect_low_pct'])} – "
                f"{_pct(row['effect_high_pct'])}]",
                _p(row["placebo_p"]),
                "",
            )
        donors = ", ".join(
            f"{d['name'] or d['area']} {fmt.number(d['weight'], 3)}" for d in r.donors[:5]
        )
        effect = f"{_pct(r.effect_pct)} [{_pct(r.effect_low_pct)} – {_pct(r.effect_high_pct)}]"
        note = _(
            "SDID; pre-period {first}-{last}, RMSPE {rmspe}; {donors} donor municipalities "
            "(largest weights: {weights})"
        ).format(
            first=r.pre_years[0],
            last=r.pre_years[-1],
            rmspe=fmt.number(r.pre_rmspe),
            donors=fmt.number(r.donor_count),
            weights=donors,
        )
        table.add_row(
            f"[bold]{escape(r.name)}[/]",
            f"{r.post_years[0]}-{r.post_years[-1]}",
            "",
            "",
            f"[bold]{escape(effect)}[/]",
            _p(r.placebo_p),
            escape(note),
        )
    table.caption = _("Effect in % of the situation without the plan; p: placebo p-value")
    return table
