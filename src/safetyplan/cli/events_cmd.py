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

from safetyplan import formatting as fmt
from safetyplan import i18n
from safetyplan.csvsafe import check_file_size
from safetyplan.errors import DataError, SafetyplanError
from safetyplan.i18n import _, ngettext

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
    help=_("The regional events calendar: import, clashes, export."),
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")


@events_app.command(
    "import",
    help=_(
        "Load events from an iCalendar or CSV file.\n\n"
        "Idempotent on the event's external id (UID in iCalendar): an event already on "
        "the calendar is updated, an unchanged one left alone. A file with any bad "
        "event loads nothing (exit status 2) and the message names every problem."
    ),
)
def events_import(
    file: Path = typer.Argument(..., help=_("iCalendar (.ics) or CSV file.")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """Load events from an iCalendar or CSV file."""
    _web()
    from safetyplan.web.events import services

    if not file.exists():
        raise DataError(_("{path}: file not found").format(path=file))
    check_file_size(file)
    records = services.read_upload(file.read_bytes(), str(file))
    with progress() as bar:
        task = bar.add_task(_("loading {name}").format(name=file.name), total=len(records))
        summary = services.import_records(
            records, source=str(file), on_progress=lambda n: bar.update(task, completed=n)
        )
    if format == OutputFormat.json:
        print_json({"file": str(file), **summary.as_dict()})
    else:
        console.print(
            _("{path}: {created} new, {updated} updated, {unchanged} unchanged").format(
                path=file,
                created=fmt.number(summary.created),
                updated=fmt.number(summary.updated),
                unchanged=fmt.number(summary.unchanged),
            )
        )


@events_app.command(
    "conflicts",
    help=_(
        "List the clashes between two days (inclusive).\n\n"
        "A clash: a day on which the events of a district (or municipality without "
        "districts) claim more police than its capacity, or on which too many C or B "
        "events coincide there (the numbers are in the risk scan file). Events count on "
        "every day they touch."
    ),
)
def events_conflicts(
    date_from: str = typer.Option(..., "--from", help=_("First day (YYYY-MM-DD).")),
    date_to: str = typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD).")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """List the clashes between two days (inclusive)."""
    first, last = parse_date(date_from, "--from"), parse_date(date_to, "--to")
    assert first is not None and last is not None  # both options are required
    _web()
    from safetyplan.web.events import services

    clashes = services.clashes(first, last)
    if format == OutputFormat.json:
        print_json(clashes)
        return
    if not clashes:
        console.print(
            _("No clashes from {first} to {last}.").format(
                first=fmt.date(first), last=fmt.date(last)
            )
        )
        return
    table = Table(
        box=box.SIMPLE_HEAD,
        title=_("Clashes {first} – {last}").format(first=fmt.date(first), last=fmt.date(last)),
    )
    for column in (
        _("Day"),
        _("Area"),
        _("Clash"),
        _("Demand"),
        _("Capacity"),
        _("Events"),
    ):
        table.add_column(column)
    for c in clashes:
        capacity = fmt.number(c["capacity"], _decimals(c["capacity"]), missing=_("no data"))
        demand = fmt.number(c["demand"], _decimals(c["demand"])) + (
            f" (+{len(c['demand_unknown'])} ?)" if c["demand_unknown"] else ""
        )
        events = "\n".join(
            f"[{e['risk_class']}] {e['name']} ({e['external_id']})" for e in c["events"]
        )
        table.add_row(
            c["date"],
            c["area_name"],
            "\n".join(c["kind_labels"]),
            demand,
            capacity,
            events,
        )
    print_table(table)
    _example_notice(first, last)


def _decimals(value: float | None) -> int:
    """Officers are usually whole; a figure such as 2.5 keeps its decimal."""
    return 0 if value is None or float(value).is_integer() else 1


def _example_notice(first, last) -> None:
    """The demo's events are fictitious: say so wherever they may be shown."""
    from safetyplan.web.events import services

    if services.events_between(first, last).filter(is_example=True).exists():
        console.print(_("Note: the calendar holds the demo's fictitious example events."))


@events_app.command("export", help=_("Write the events between two days to iCalendar or CSV."))
def events_export(
    out: Path = typer.Argument(..., help=_("Output file (.ics or .csv).")),
    date_from: str = typer.Option(..., "--from", help=_("First day (YYYY-MM-DD).")),
    date_to: str = typer.Option(..., "--to", help=_("Last day (YYYY-MM-DD).")),
) -> None:
    """Write the events between two days to iCalendar or CSV."""
    first, last = parse_date(date_from, "--from"), parse_date(date_to, "--to")
    kind = out.suffix.lower().lstrip(".")
    if kind not in {"ics", "csv"}:
        raise SafetyplanError(_("{path}: use .ics or .csv").format(path=out))
    _web()
    from safetyplan.web.events import services

    events = services.events_between(first, last)
    out.write_bytes(services.export(events, kind))
    count = events.count()
    console.print(
        ngettext("{path}: {n} event", "{path}: {n} events", count).format(
            path=out, n=fmt.number(count)
        )
    )
    _example_notice(first, last)


@events_app.command(
    "capacity",
    help=_(
        "Load police capacity per district (or municipality) and day.\n\n"
        "``area`` is the code of a district or municipality organisation; a row "
        "replaces the figure of the same area and day. Any bad row loads nothing."
    ),
)
def events_capacity(
    file: Path = typer.Argument(..., help=_("CSV: area,day,officers[,note].")),
) -> None:
    """Load police capacity per district (or municipality) and day."""
    _web()
    from safetyplan.web.events import services

    count = services.import_capacity(file)
    console.print(
        ngettext("{path}: {n} day", "{path}: {n} days", count).format(
            path=file, n=fmt.number(count)
        )
    )


def _web() -> None:
    """The web application's database, with Django speaking the command line's language: the
    web layer's services this command calls translate through Django's catalogues."""
    web_database()
    from django.utils import translation

    translation.activate(i18n.active())
