# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan events ...``: the regional events calendar from the command line (import,
clashes, export, capacity).

These commands use the web application's database (``DATABASE_URL``, else SQLite under
``SAFETYPLAN_HOME``) and migrate it first when needed. The command line is trusted like the
Django admin: it may write the events of any municipality.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich import box
from rich.table import Table

from safetyplan.csvsafe import check_file_size
from safetyplan.errors import DataError, SafetyplanError

from . import app
from ._common import (
    OutputFormat,
    console,
    parse_date,
    print_json,
    print_table,
    progress,
    web_database,
)

events_app = typer.Typer(
    name="events",
    help="Evenementenkalender: import, conflicten, export. / The regional events calendar: "
    "import, clashes, export.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")


@events_app.command("import")
def events_import(
    file: Path = typer.Argument(..., help="iCalendar (.ics) of CSV / iCalendar or CSV file."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """Evenementen laden. / Load events from an iCalendar or CSV file.

    Idempotent on the event's external id (UID in iCalendar): an event already on the
    calendar is updated, an unchanged one left alone. A file with any bad event loads
    nothing (exit status 2) and the message names every problem.
    """
    web_database()
    from safetyplan.web.events import services

    if not file.exists():
        raise DataError(f"{file}: file not found / bestand niet gevonden")
    check_file_size(file)
    records = services.read_upload(file.read_bytes(), str(file))
    with progress() as bar:
        task = bar.add_task(f"laden / loading {file.name}", total=len(records))
        summary = services.import_records(
            records, source=str(file), on_progress=lambda n: bar.update(task, completed=n)
        )
    if format == OutputFormat.json:
        print_json({"file": str(file), **summary.as_dict()})
    else:
        console.print(
            f"{file}: {summary.created} nieuw / new, {summary.updated} gewijzigd / "
            f"updated, {summary.unchanged} ongewijzigd / unchanged"
        )


@events_app.command("conflicts")
def events_conflicts(
    date_from: str = typer.Option(..., "--from", help="Eerste dag / first day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Laatste dag / last day (YYYY-MM-DD)."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """Capaciteitsconflicten tonen. / List the clashes between two days (inclusive).

    A clash: a day on which the events of a district (or municipality without districts)
    claim more police than its capacity, or on which too many C or B events coincide there
    (the numbers are in the risk scan file). Events count on every day they touch.
    """
    first, last = parse_date(date_from, "--from"), parse_date(date_to, "--to")
    web_database()
    from safetyplan.events import KIND_LABELS
    from safetyplan.web.events import services

    clashes = services.clashes(first, last)
    if format == OutputFormat.json:
        print_json(clashes)
        return
    if not clashes:
        console.print(f"Geen conflicten / no clashes from {first} to {last}.")
        return
    table = Table(box=box.SIMPLE_HEAD, title=f"Conflicten / clashes {first} – {last}")
    for column in (
        "dag / day",
        "gebied / area",
        "conflict / clash",
        "vraag / demand",
        "capaciteit / capacity",
        "evenementen / events",
    ):
        table.add_column(column)
    for c in clashes:
        capacity = "geen gegevens / no data" if c["capacity"] is None else f"{c['capacity']:g}"
        demand = f"{c['demand']:g}" + (
            f" (+{len(c['demand_unknown'])} ?)" if c["demand_unknown"] else ""
        )
        events = "\n".join(
            f"[{e['risk_class']}] {e['name']} ({e['external_id']})" for e in c["events"]
        )
        table.add_row(
            c["date"],
            c["area_name"],
            "\n".join(KIND_LABELS[k] for k in c["kinds"]),
            demand,
            capacity,
            events,
        )
    print_table(table)


@events_app.command("export")
def events_export(
    out: Path = typer.Argument(..., help="Doelbestand / output file (.ics or .csv)."),
    date_from: str = typer.Option(..., "--from", help="Eerste dag / first day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Laatste dag / last day (YYYY-MM-DD)."),
) -> None:
    """Kalender exporteren. / Write the events between two days to iCalendar or CSV."""
    first, last = parse_date(date_from, "--from"), parse_date(date_to, "--to")
    kind = out.suffix.lower().lstrip(".")
    if kind not in {"ics", "csv"}:
        raise SafetyplanError(f"{out}: use .ics or .csv / gebruik .ics of .csv")
    web_database()
    from safetyplan.web.events import services

    events = services.events_between(first, last)
    out.write_bytes(services.export(events, kind))
    console.print(f"{out}: {events.count()} evenementen / events")


@events_app.command("capacity")
def events_capacity(
    file: Path = typer.Argument(..., help="CSV: area,day,officers[,note]."),
) -> None:
    """Politiecapaciteit laden. / Load police capacity per district (or municipality) and day.

    ``area`` is the code of a district or municipality organisation; a row replaces the
    figure of the same area and day. Any bad row loads nothing.
    """
    web_database()
    from safetyplan.web.events import services

    count = services.import_capacity(file)
    console.print(f"{file}: {count} dagen / days")
