# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan ingest incidents``: incident-level records (CSV or Parquet) into the warehouse.

Registered on the ``ingest`` group of :mod:`safetyplan.cli.ingest_cmd`.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich import box
from rich.table import Table

from safetyplan.csvsafe import check_file_size
from safetyplan.formatting import number
from safetyplan.i18n import N_, _

from ._common import OutputFormat, check_rejects_target, console, err_console, print_json
from ._loading import open_load, wait_option
from .ingest_cmd import WAREHOUSE_HELP, ingest_app, rejects_table

REJECTS_SHOWN = 10


@ingest_app.command(
    "incidents",
    help=_(
        "Load incident-level records.\n\n"
        "Columns id, occurred_at (ISO 8601 or dd-mm-yyyy), crime_type and a location: x,y "
        "(RD New), lat,lon (WGS84), buurt (BU code) or municipality (GM code); optional "
        "solved, attempt. Points are assigned to buurt, wijk and municipality with the bundled "
        "boundaries; a point in a gap of the generalised layers (a river) gets the nearest "
        "buurt within 500 m. Rows that fail go to a rejects file (file, line, id, column, "
        "value, reason); with more than --max-rejects of them nothing is loaded and the exit "
        "status is 2."
    ),
)
def ingest_incidents_cmd(
    file: Path = typer.Argument(..., help=_("CSV (also .csv.gz) or Parquet.")),
    source: str = typer.Option(
        None,
        "--source",
        help=_("Source name (default: the file name); a reload replaces exactly this source."),
    ),
    mapping: Path = typer.Option(
        None,
        "--mapping",
        help=_("MAP.yaml: your own column names, date formats and codes (docs/incidents.md)."),
    ),
    max_rejects: int = typer.Option(
        0,
        "--max-rejects",
        min=0,
        help=_("Rejected rows allowed; with more, nothing is loaded."),
    ),
    rejects: Path = typer.Option(
        None,
        "--rejects",
        help=_("File for the rejected rows (default: FILE.rejects.csv)."),
    ),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help=WAREHOUSE_HELP,
    ),
    wait: float = wait_option(),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
) -> None:
    """Load incident-level records (help: the command's ``help``).

    Columns id, occurred_at (ISO 8601 or dd-mm-jjjj), crime_type and a location: x,y (RD New),
    lat,lon (WGS84), buurt (BU code) or municipality (GM code); optional solved, attempt.
    Points are assigned to buurt, wijk and municipality with the bundled boundaries; a point
    in a gap of the generalised layers (a river) gets the nearest buurt within 500 m. Rows
    that fail go to a rejects file (file, line, id, column, value, reason); with more than
    --max-rejects of them nothing is loaded and the exit status is 2.
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeElapsedColumn

    from safetyplan.incidents import TooManyRejects, ingest_incidents, load_mapping_file

    name = source or _source_name(file)
    check_rejects_target(rejects)
    check_file_size(file)
    loaded_mapping = load_mapping_file(mapping)
    bar = Progress(
        BarColumn(), DownloadColumn(), TimeElapsedColumn(), console=err_console, transient=True
    )
    try:
        with open_load(warehouse, wait) as wh, bar:
            task = bar.add_task(_("incidents"), total=None)
            result = ingest_incidents(
                file,
                name,
                mapping=loaded_mapping,
                max_rejects=max_rejects,
                warehouse=wh,
                rejects_path=rejects,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except TooManyRejects as exc:
        _show_rejects(exc.result)
        raise
    if result.rejected:
        _show_rejects(result)
    if format is OutputFormat.json:
        print_json(result.as_dict())
        return
    _print_summary(result)


def _source_name(file: Path) -> str:
    import re

    stem = file.name.split(".")[0]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("_.-") or "incidents"


def _show_rejects(result) -> None:
    table = rejects_table(result.rejected)
    for reject in result.first_rejects[:REJECTS_SHOWN]:
        table.add_row(str(reject.line), reject.column, reject.reason)
    err_console.print(table)
    err_console.print(_("Rejected rows: {target}").format(target=result.rejects_file))


def _print_summary(result) -> None:
    from safetyplan.incidents.locator import GAP_TOLERANCE_M

    table = Table(
        title=_("Loaded: {source}").format(source=result.source),
        box=box.SIMPLE_HEAD,
        show_header=False,
    )
    table.add_column("")
    table.add_column("", justify="right")
    rows = [
        (_("incidents"), number(result.rows)),
        (_("rejected"), number(result.rejected)),
        (_("replaced"), number(result.replaced)),
        (_("from"), result.first_at or "-"),
        (_("to"), result.last_at or "-"),
        (_("time resolution"), _resolution(result.resolution)),
        (_("crime types"), number(result.crime_types)),
        (_("with buurt"), number(result.with_buurt)),
        (_("municipality only"), number(result.with_municipality)),
        (_("without area"), number(result.without_area)),
        (
            _("nearest buurt (gap, < {metres} m)").format(metres=f"{GAP_TOLERANCE_M:g}"),
            number(result.located_nearest),
        ),
        (_("facts"), number(result.facts)),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)


RESOLUTIONS = {"day": N_("day"), "month": N_("month")}


def _resolution(code: str) -> str:
    """The load's time resolution (a stable code in the JSON) in the active language."""
    return _(RESOLUTIONS[code]) if code in RESOLUTIONS else code
