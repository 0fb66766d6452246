# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan demo``: build the demo from the shipped plan and real data, then serve it."""

from __future__ import annotations

from pathlib import Path

import typer

from safetyplan.settings import bundled_plan, warehouse_path

from . import app
from ._common import console, print_table, progress
from ._loading import open_load, wait_option


@app.command("demo")
def demo(
    no_serve: bool = typer.Option(
        False,
        "--no-serve",
        help="Alleen opbouwen en de monitor tonen. / Build, print the monitor and exit.",
    ),
    year: int = typer.Option(2018, "--year", help="Jaar voor de monitor / monitor year."),
    port: int = typer.Option(8000, "--port", help="Poort van de webapplicatie / web port."),
    no_examples: bool = typer.Option(
        False,
        "--no-examples",
        help="Zonder activiteiten uit het plan en fictieve "
        "voorbeeldrecords (meldingen, evenementen). / Without "
        "the plan's activities and fictitious example "
        "records.",
    ),
    wait: float = wait_option(),
) -> None:
    """Demo: het Rotterdamse plan 2015-2018 met echte cijfers. / The Rotterdam demo.

    Loads the shipped real data (CBS/police open data) into the warehouse, evaluates every goal
    of the Rotterdam 2015-2018 plan and prints the monitor, prepares the web application
    (database, organisations, demo accounts, plan); then serves the dashboard on
    http://127.0.0.1:PORT. With --no-serve it stops after preparing: a later `safetyplan serve`
    serves the same demo. By default it also seeds the annual plans 2015-2018 with the
    activities the plan names (example statuses) and generates fictitious example records for
    the meldingen register and the events calendar (marked "fictief voorbeeld", never in the
    monitor or the public report); --no-examples leaves them out and removes earlier ones.
    """
    from safetyplan.monitor import evaluate_plan
    from safetyplan.sources.bundled import load_bundled
    from safetyplan.warehouse import Warehouse

    from .monitor_cmd import monitor_table

    plan_path = bundled_plan()
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    plan = load_plan(plan_path)
    wh_path = warehouse_path()
    with open_load(wh_path, wait) as wh, progress() as bar:
        summaries = load_bundled(wh, progress=bar)
    rows = sum(s.rows for s in summaries)
    console.print(
        f"Datawarehouse {wh_path}: {len(summaries)} bronnen, "
        f"{fmt_int(rows)} feiten / sources, facts."
    )
    with Warehouse.open(wh_path, read_only=True) as wh:
        results = evaluate_plan(plan, wh, year)
    print_table(monitor_table(plan, results))
    without = sum(1 for r in results if r.fill)
    if without:  # the full hints are long; the monitor command prints them
        console.print(
            f"{without} doelen zonder cijfers; waar die vandaan komen / {without} "
            f"goals without figures; where they come from: safetyplan monitor "
            f"--plan {plan_path} --year {year}"
        )
    examples = not no_examples
    counts: dict = {}
    accounts = _prepare_web(plan_path, wh_path, examples, counts)
    if examples:
        console.print(
            f"Voorbeelden / examples: {counts.get('activities', 0)} activiteiten uit het plan "
            f"/ activities from the plan; fictief voorbeeld / fictitious: "
            f"{counts.get('reports', 0)} meldingen / reports, {counts.get('events', 0)} "
            f"evenementen / events."
        )
    print_table(accounts_table(accounts))
    if no_serve:
        console.print(
            "Klaar; start de webapplicatie met / done; start the web application "
            "with: safetyplan serve"
        )
        return
    _serve(port)


def fmt_int(n: int) -> str:
    from safetyplan.formatting import number

    return number(n)


def accounts_table(accounts: list[dict]):
    from rich.table import Table

    table = Table(title="Demo-accounts (wachtwoord / password 'demo')")
    for header in ("Gebruiker / user", "Rol / role", "Organisatie / organisation", "Wie / who"):
        table.add_column(header)
    for account in accounts:
        table.add_row(
            account["username"], account["role"], account["organisation"], account["description"]
        )
    return table


def _prepare_web(
    plan_path: Path, wh_path: Path, examples: bool = True, counts: dict | None = None
) -> list[dict]:
    """The web database with organisations, demo accounts and the plan (idempotent)."""
    from safetyplan.web import runner

    return runner.prepare_demo(plan_path, wh_path, examples=examples, counts=counts)


def _serve(port: int) -> None:
    from safetyplan.web import runner

    console.print(f"\nDashboard: http://127.0.0.1:{port}/  (Ctrl+C om te stoppen / to stop)")
    runner.serve(host="127.0.0.1", port=port)
