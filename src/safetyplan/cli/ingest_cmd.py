# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan ingest ...`` (load data into the warehouse) and ``safetyplan warehouse info``.

``ingest_app`` is the ``ingest`` sub-command group; other modules add their own sub-commands
to it (``from safetyplan.cli.ingest_cmd import ingest_app``).
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich import box
from rich.table import Table

from safetyplan.errors import DataError
from safetyplan.formatting import number
from safetyplan.i18n import N_, _, ngettext

from . import app
from ._common import (
    OutputFormat,
    check_rejects_target,
    console,
    err_console,
    print_json,
    progress,
)
from ._loading import open_load, wait_option

ingest_app = typer.Typer(
    name="ingest",
    help=_("Load data into the warehouse."),
    no_args_is_help=True,
)
warehouse_app = typer.Typer(
    name="warehouse",
    help=_("Inspect the warehouse."),
    no_args_is_help=True,
)
app.add_typer(ingest_app, name="ingest")
app.add_typer(warehouse_app, name="warehouse")

WAREHOUSE_HELP = _("DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb).")
REJECTS_SHOWN = 10


def _warehouse_option():
    return typer.Option(None, "--warehouse", help=WAREHOUSE_HELP)


def _format_option():
    return typer.Option(OutputFormat.table, "--format", help=_("table or json."))


# -- ingest facts ----------------------------------------------------------------------------


@ingest_app.command(
    "facts",
    help=_(
        "Load aggregated figures from a CSV file.\n\n"
        "Columns area (CBS code such as GM0599, or a unit code), period (YYYY, YYYY-MM or "
        "YYYY-Www), measure (e.g. registered:pol:1.1.1 or an indicator id of the plan), value "
        "and optionally provisional. ';' or tab as separator and a decimal comma are accepted. "
        "Invalid rows go to a rejects file (file, line, id, column, value, reason); with more "
        "than --max-rejects of them nothing is loaded and the exit status is 2. Loading the "
        "same source again replaces it; replacing a source shipped with Safetyplan needs "
        "--replace-shipped."
    ),
)
def ingest_facts(
    file: Path = typer.Argument(..., help=_("CSV: area,period,measure,value[,provisional].")),
    source: str = typer.Option(
        ..., "--source", help=_("Source name; a reload replaces exactly this source.")
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
    area_code: list[str] = typer.Option(
        [],
        "--area-code",
        help=_("Extra area code that a plan declares (repeatable)."),
    ),
    replace_shipped: bool = typer.Option(
        False,
        "--replace-shipped",
        help=_("Replace a source shipped with Safetyplan (e.g. cbs_47018ned_gemeente)."),
    ),
    warehouse: Path = _warehouse_option(),
    wait: float = wait_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Load aggregated figures from a CSV file (help: the command's ``help``).

    Columns area (CBS code such as GM0599, or a unit code), period (YYYY, YYYY-MM or
    YYYY-Www), measure (e.g. registered:pol:1.1.1 or an indicator id of the plan), value and
    optionally provisional. ';' or tab as separator and a decimal comma are accepted. Invalid
    rows go to a rejects file (file, line, id, column, value, reason); with more than
    --max-rejects of them nothing is loaded and the exit status is 2. Loading the same source
    again replaces it; replacing a source shipped with Safetyplan needs --replace-shipped.
    """
    from safetyplan.sources.bundled import shipped_source_names
    from safetyplan.sources.facts_csv import read_facts_csv
    from safetyplan.warehouse import check_source_name

    check_source_name(source)
    if source in shipped_source_names() and not replace_shipped:
        raise DataError(
            _(
                "--source {source} is a shipped source: loading would replace its real data. "
                "Choose another name, or add --replace-shipped."
            ).format(source=source)
        )
    check_rejects_target(rejects)
    with progress() as bar:
        task = bar.add_task(_("reading {file}").format(file=file.name), total=2)
        read = read_facts_csv(file, extra_areas=area_code)
        bar.update(task, completed=1)
        if read.rejects:
            target = rejects or file.with_name(file.name + ".rejects.csv")
            read.write_rejects(target)
            _show_rejects(read.rejects, read.rejected_lines, target)
            if read.rejected_lines > max_rejects:
                raise DataError(
                    ngettext(
                        "{file}: {n} rejected row, more than --max-rejects {max}: nothing "
                        "loaded. See {target}",
                        "{file}: {n} rejected rows, more than --max-rejects {max}: nothing "
                        "loaded. See {target}",
                        read.rejected_lines,
                    ).format(
                        file=file,
                        n=number(read.rejected_lines),
                        max=max_rejects,
                        target=target,
                    )
                )
        if read.facts.empty:
            raise DataError(_("{file}: no valid rows: nothing loaded").format(file=file))
        bar.update(task, description=_("loading {source}").format(source=source))
        with open_load(warehouse, wait) as wh:
            summary = wh.load_facts(read.facts, source, origin=str(file), extra_areas=area_code)
        bar.update(task, completed=2)
    _print_summaries([summary], format)


def _show_rejects(rejects, rejected_lines: int, target: Path) -> None:
    table = rejects_table(rejected_lines)
    for reject in rejects[:REJECTS_SHOWN]:
        table.add_row(str(reject.line), reject.column, reject.reason)
    if len(rejects) > REJECTS_SHOWN:
        table.caption = _("... {n} more in {target}").format(
            n=number(len(rejects) - REJECTS_SHOWN), target=target
        )
    err_console.print(table)
    err_console.print(_("Rejected rows: {target}").format(target=target))


def rejects_table(rejected: int) -> Table:
    """The empty table of rejected rows, in the active language (also for incidents)."""
    title = ngettext("Rejected: {n} row", "Rejected: {n} rows", rejected).format(n=number(rejected))
    table = Table(title=title)
    for column in (_("line"), _("column"), _("reason")):
        table.add_column(column)
    return table


# -- ingest bundled --------------------------------------------------------------------------


@ingest_app.command(
    "bundled",
    help=_(
        "Load the real data shipped with Safetyplan.\n\n"
        "Every src/safetyplan/datasets/<source>/facts.csv.gz becomes the source <source> (CBS "
        "and police open data; see each folder's PROVENANCE.md). Safe to repeat: unchanged "
        "sources are left as they are."
    ),
)
def ingest_bundled(
    datasets: Path = typer.Option(
        None,
        "--datasets",
        help=_("Folder of <source>/facts.csv.gz (default: the shipped one)."),
    ),
    warehouse: Path = _warehouse_option(),
    wait: float = wait_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Load the real data shipped with Safetyplan.

    Every src/safetyplan/datasets/<source>/facts.csv.gz becomes the source <source> (CBS and
    police open data; see each folder's PROVENANCE.md). Safe to repeat: unchanged sources
    are left as they are.
    """
    from safetyplan.sources.bundled import load_bundled

    with open_load(warehouse, wait) as wh, progress() as bar:
        summaries = load_bundled(wh, progress=bar, datasets_dir=datasets)
    _print_summaries(summaries, format)


# -- ingest statline -------------------------------------------------------------------------


@ingest_app.command(
    "statline",
    help=_(
        "Fetch live from CBS StatLine (needs a network).\n\n"
        "Needs the optional dependency cbsodata (pip install 'safetyplan[live]') and a "
        "network. Registered and cleared counts per region and period become facts such as "
        "registered:cbs:totaal (83648NED) or registered:pol:1.1.1 (47018NED)."
    ),
)
def ingest_statline(
    table: str = typer.Argument(..., help=_("StatLine table id, e.g. 83648NED, 47018NED.")),
    source: str = typer.Option(
        None, "--source", help=_("Source name (default: statline_<table>).")
    ),
    region: list[str] = typer.Option(
        ["NL", "PV", "RE", "GM"],
        "--region",
        help=_("Area code or prefix (repeatable): NL, PV, GM, GM0599, WK0599, ..."),
    ),
    from_year: int = typer.Option(None, "--from-year", help=_("First year.")),
    to_year: int = typer.Option(None, "--to-year", help=_("Last year.")),
    monthly: bool = typer.Option(False, "--monthly", help=_("Monthly figures (e.g. 47022NED).")),
    catalog: str = typer.Option(
        None,
        "--catalog",
        help=_("Catalog, e.g. opendata.cbs.nl or dataderden.cbs.nl (known tables: automatic)."),
    ),
    classification: str = typer.Option(
        None,
        "--classification",
        help=_("cbs (penal code) or pol (police); known tables: automatic."),
    ),
    warehouse: Path = _warehouse_option(),
    wait: float = wait_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Fetch live from CBS StatLine (needs a network).

    Needs the optional dependency cbsodata (pip install 'safetyplan[live]') and a network.
    Registered and cleared counts per region and period become facts such as
    registered:cbs:totaal (83648NED) or registered:pol:1.1.1 (47018NED).
    """
    from safetyplan.sources.statline import fetch_facts
    from safetyplan.warehouse import check_source_name

    name = source or f"statline_{table.strip().lower()}"
    check_source_name(name)
    with progress() as bar:
        fetched = fetch_facts(
            table,
            regions=region,
            years=(from_year, to_year),
            period_type="month" if monthly else "year",
            catalog_url=catalog,
            classification=classification,
            progress=bar,
        )
    for reason, cells in sorted(fetched.skipped.items()):
        err_console.print(
            ngettext("Skipped: {n} cell: {reason}", "Skipped: {n} cells: {reason}", cells).format(
                n=number(cells), reason=_(reason)
            )
        )
    if fetched.facts.empty:
        raise DataError(
            _("StatLine {table}: no data for this selection").format(table=fetched.table)
        )
    with open_load(warehouse, wait) as wh:
        summary = wh.load_facts(fetched.facts, name, origin=f"statline:{fetched.table}")
    _print_summaries([summary], format)


# -- output ----------------------------------------------------------------------------------


def _print_summaries(summaries, format: OutputFormat) -> None:
    if format is OutputFormat.json:
        print_json([s.as_dict() for s in summaries])
        return
    # Fits an 80-column terminal with typical source names; the JSON has every count.
    table = Table(title=_("Loaded"), box=box.SIMPLE_HEAD)
    table.add_column(_("source"), overflow="fold")
    for header in (_("facts"), _("measures"), _("areas")):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column(_("periods"), no_wrap=True)
    table.add_column(_("status"), no_wrap=True)
    for s in summaries:
        table.add_row(
            s.source,
            number(s.rows),
            number(s.measures),
            number(s.areas),
            f"{s.periods[0]}–{s.periods[1]}",
            _status(s),
        )
    console.print(table)


def _status(summary) -> str:
    if summary.unchanged:
        return _("unchanged")
    if summary.replaced:
        return _("replaced")
    return _("new")


# -- warehouse info --------------------------------------------------------------------------


@warehouse_app.command("info", help=_("Sources and measures in the warehouse."))
def warehouse_info(
    warehouse: Path = _warehouse_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Sources and measures in the warehouse."""
    from safetyplan.settings import warehouse_path
    from safetyplan.warehouse import Warehouse

    path = warehouse or warehouse_path()
    with Warehouse.open(path, read_only=True) as wh:
        sources, measures = wh.sources(), wh.measures()
    if format is OutputFormat.json:
        print_json(
            {
                "path": str(path),
                "sources": sources.to_dict(orient="records"),
                "measures": measures.to_dict(orient="records"),
            }
        )
        return
    console.print(_("Warehouse: {path}").format(path=path))
    if sources.empty:
        console.print(_("No data: safetyplan ingest bundled"))
        return
    console.print(_frame_table(_("Sources"), sources, ["source", "rows", "loaded_at", "checksum"]))
    console.print(
        _frame_table(
            _("Measures"),
            measures,
            ["measure", "areas", "first_period", "last_period", "rows", "sources"],
        )
    )


# The warehouse's column names (the JSON's keys) and their headers for people.
COLUMN_HEADERS = {
    "source": N_("source"),
    "rows": N_("rows"),
    "loaded_at": N_("loaded at"),
    "checksum": N_("checksum"),
    "measure": N_("measure"),
    "areas": N_("areas"),
    "first_period": N_("first period"),
    "last_period": N_("last period"),
    "sources": N_("sources"),
}


def _frame_table(title: str, frame, columns: list[str]) -> Table:
    table = Table(title=title)
    for column in columns:
        numeric = frame[column].dtype.kind in "iuf"
        header = _(COLUMN_HEADERS[column]) if column in COLUMN_HEADERS else column
        table.add_column(header, justify="right" if numeric else "left")
    for record in frame[columns].itertuples(index=False):
        table.add_row(*(_cell(v) for v in record))
    return table


def _cell(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    text = str(value)
    return text[:19] + "…" if text.startswith("sha256:") else text
