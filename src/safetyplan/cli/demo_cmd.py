# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan demo``: build the demo from the shipped plan and real data, then serve it."""

from __future__ import annotations

from pathlib import Path

import typer

from safetyplan.i18n import N_, _, ngettext
from safetyplan.settings import bundled_plan, warehouse_path

from . import app
from ._common import console, print_table, progress
from ._loading import open_load, wait_option

# The web's roles (web/organisations/models.py Role), named as the web names them.
ROLE_LABELS = {
    "administrator": N_("Administrator"),
    "analyst": N_("Analyst"),
    "viewer": N_("Viewer"),
}


@app.command(
    "demo",
    help=_(
        "Demo: the Rotterdam plan 2015-2018 with real figures.\n\n"
        "Loads the shipped real data (CBS/police open data) into the warehouse, evaluates every "
        "goal of the Rotterdam 2015-2018 plan and prints the monitor, prepares the web "
        "application (database, organisations, demo accounts, plan); then serves the dashboard "
        "on http://127.0.0.1:PORT. With --no-serve it stops after preparing: a later "
        "'safetyplan serve' serves the same demo. By default it also seeds the annual plans "
        "2015-2018 with the activities the plan names (example statuses) and generates "
        "fictitious example records for the reports register and the events calendar (marked "
        "as fictitious examples, never in the monitor or the public report); --no-examples "
        "leaves them out and removes earlier ones."
    ),
)
def demo(
    no_serve: bool = typer.Option(
        False, "--no-serve", help=_("Only build and print the monitor, then stop.")
    ),
    year: int = typer.Option(2018, "--year", help=_("Year of the monitor.")),
    port: int = typer.Option(8000, "--port", help=_("Port of the web application.")),
    no_examples: bool = typer.Option(
        False,
        "--no-examples",
        help=_(
            "Without the plan's activities and the fictitious example records (reports, events)."
        ),
    ),
    wait: float = wait_option(),
) -> None:
    """The Rotterdam demo (the help text is the translated ``help`` above)."""
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
    sources = ngettext("{n} source", "{n} sources", len(summaries)).format(
        n=fmt_int(len(summaries))
    )
    facts = ngettext("{n} fact", "{n} facts", rows).format(n=fmt_int(rows))
    line = _("Warehouse {path}: {sources}, {facts}.").format(
        path=wh_path, sources=sources, facts=facts
    )
    console.print(line, markup=False)
    with Warehouse.open(wh_path, read_only=True) as wh:
        results = evaluate_plan(plan, wh, year)
    print_table(monitor_table(plan, results))
    without = sum(1 for r in results if r.fill)
    if without:  # the full hints are long; the monitor command prints them
        line = ngettext(
            "{n} goal without figures; where they come from: {command}",
            "{n} goals without figures; where they come from: {command}",
            without,
        ).format(n=without, command=f"safetyplan monitor --plan {plan_path} --year {year}")
        console.print(line, markup=False)
    examples = not no_examples
    counts: dict = {}
    accounts = _prepare_web(plan_path, wh_path, examples, counts)
    if examples:
        activities, reports, events = (
            counts.get(k, 0) for k in ("activities", "reports", "events")
        )
        line = _(
            "Examples: {activities} from the plan; fictitious examples: {reports}, {events}."
        ).format(
            activities=ngettext("{n} activity", "{n} activities", activities).format(n=activities),
            reports=ngettext("{n} report", "{n} reports", reports).format(n=reports),
            events=ngettext("{n} event", "{n} events", events).format(n=events),
        )
        console.print(line, markup=False)
    print_table(accounts_table(accounts))
    if no_serve:
        console.print(
            _("Done; start the web application with: {command}").format(command="safetyplan serve")
        )
        return
    _serve(port)


def fmt_int(n: int) -> str:
    from safetyplan.formatting import number

    return number(n)


def accounts_table(accounts: list[dict]):
    from rich.table import Table

    table = Table(title=_("Demo accounts (password '{password}')").format(password="demo"))
    for header in (_("User"), _("Role"), _("Organisation"), _("Who")):
        table.add_column(header)
    for account in accounts:
        role = account["role"]
        table.add_row(
            account["username"],
            _(ROLE_LABELS[role]) if role in ROLE_LABELS else role,
            account["organisation"],
            account["description"],
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

    console.print(
        "\n" + _("Dashboard: {url}  (Ctrl+C to stop)").format(url=f"http://127.0.0.1:{port}/")
    )
    runner.serve(host="127.0.0.1", port=port)
