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
    help="Gegevens laden in het datawarehouse. / Load data into the warehouse.",
    no_args_is_help=True,
)
warehouse_app = typer.Typer(
    name="warehouse",
    help="Het datawarehouse bekijken. / Inspect the warehouse.",
    no_args_is_help=True,
)
app.add_typer(ingest_app, name="ingest")
app.add_typer(warehouse_app, name="warehouse")

WAREHOUSE_HELP = "DuckDB-bestand / warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb)."
REJECTS_SHOWN = 10


def _warehouse_option():
    return typer.Option(None, "--warehouse", help=WAREHOUSE_HELP)


def _format_option():
    return typer.Option(OutputFormat.table, "--format", help="table of json / table or json.")


# -- ingest facts ----------------------------------------------------------------------------


@ingest_app.command("facts")
def ingest_facts(
    file: Path = typer.Argument(..., help="CSV: area,period,measure,value[,provisional]."),
    source: str = typer.Option(
        ..., "--source", help="Bronnaam / source name; a reload replaces exactly this source."
    ),
    max_rejects: int = typer.Option(
        0,
        "--max-rejects",
        min=0,
        help="Zoveel afgekeurde regels toegestaan / rejected rows allowed; more: nothing loaded.",
    ),
    rejects: Path = typer.Option(
        None,
        "--rejects",
        help="Bestand voor afgekeurde regels / rejects file (default: FILE.rejects.csv).",
    ),
    area_code: list[str] = typer.Option(
        [],
        "--area-code",
        help="Extra gebiedscode die het plan "
        "declareert / extra area code a plan declares "
        "(repeatable).",
    ),
    replace_shipped: bool = typer.Option(
        False,
        "--replace-shipped",
        help="Een meegeleverde "
        "bron vervangen / replace a source shipped with "
        "Safetyplan (e.g. cbs_47018ned_gemeente).",
    ),
    warehouse: Path = _warehouse_option(),
    wait: float = wait_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Geaggregeerde cijfers laden. / Load aggregated figures from a CSV file.

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
            f"--source {source} is een meegeleverde bron / is a shipped source: "
            "loading would replace its real data. Choose another name, or add "
            "--replace-shipped."
        )
    check_rejects_target(rejects)
    with progress() as bar:
        task = bar.add_task(f"lezen / reading {file.name}", total=2)
        read = read_facts_csv(file, extra_areas=area_code)
        bar.update(task, completed=1)
        if read.rejects:
            target = rejects or file.with_name(file.name + ".rejects.csv")
            read.write_rejects(target)
            _show_rejects(read.rejects, read.rejected_lines, target)
            if read.rejected_lines > max_rejects:
                raise DataError(
                    f"{file}: {read.rejected_lines} afgekeurde regel(s) / rejected row(s), meer "
                    f"dan / more than --max-rejects {max_rejects}: niets geladen / nothing "
                    f"loaded. Zie / see {target}"
                )
        if read.facts.empty:
            raise DataError(
                f"{file}: geen geldige regels / no valid rows: niets geladen / nothing loaded"
            )
        bar.update(task, description=f"laden / loading {source}")
        with open_load(warehouse, wait) as wh:
            summary = wh.load_facts(read.facts, source, origin=str(file), extra_areas=area_code)
        bar.update(task, completed=2)
    _print_summaries([summary], format)


def _show_rejects(rejects, rejected_lines: int, target: Path) -> None:
    table = Table(title=f"Afgekeurd / rejected: {number(rejected_lines)} regel(s) / row(s)")
    for column in ("regel / line", "kolom / column", "reden / reason"):
        table.add_column(column)
    for reject in rejects[:REJECTS_SHOWN]:
        table.add_row(str(reject.line), reject.column, reject.reason)
    if len(rejects) > REJECTS_SHOWN:
        table.caption = f"... {number(len(rejects) - REJECTS_SHOWN)} meer / more in {target}"
    err_console.print(table)
    err_console.print(f"Afgekeurde regels / rejects: {target}")


# -- ingest bundled --------------------------------------------------------------------------


@ingest_app.command("bundled")
def ingest_bundled(
    datasets: Path = typer.Option(
        None,
        "--datasets",
        help="Map met <bron>/facts.csv.gz / "
        "folder of <source>/facts.csv.gz (default: the shipped one).",
    ),
    warehouse: Path = _warehouse_option(),
    wait: float = wait_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Meegeleverde echte gegevens laden. / Load the real data shipped with Safetyplan.

    Every src/safetyplan/datasets/<source>/facts.csv.gz becomes the source <source> (CBS and
    police open data; see each folder's PROVENANCE.md). Safe to repeat: unchanged sources
    are left as they are.
    """
    from safetyplan.sources.bundled import load_bundled

    with open_load(warehouse, wait) as wh, progress() as bar:
        summaries = load_bundled(wh, progress=bar, datasets_dir=datasets)
    _print_summaries(summaries, format)


# -- ingest statline -------------------------------------------------------------------------


@ingest_app.command("statline")
def ingest_statline(
    table: str = typer.Argument(..., help="StatLine-tabel / table id, e.g. 83648NED, 47018NED."),
    source: str = typer.Option(
        None, "--source", help="Bronnaam / source name (default: statline_<table>)."
    ),
    region: list[str] = typer.Option(
        ["NL", "PV", "RE", "GM"],
        "--region",
        help="Gebiedscode of "
        "-voorvoegsel / area code or prefix (repeatable): NL, PV, "
        "GM, GM0599, WK0599, ...",
    ),
    from_year: int = typer.Option(None, "--from-year", help="Eerste jaar / first year."),
    to_year: int = typer.Option(None, "--to-year", help="Laatste jaar / last year."),
    monthly: bool = typer.Option(
        False, "--monthly", help="Maandcijfers / monthly figures (e.g. 47022NED)."
    ),
    catalog: str = typer.Option(
        None,
        "--catalog",
        help="Catalogus / catalog, e.g. "
        "opendata.cbs.nl or dataderden.cbs.nl (known tables: automatic).",
    ),
    classification: str = typer.Option(
        None, "--classification", help="cbs (wetboek) or pol (police); known tables: automatic."
    ),
    warehouse: Path = _warehouse_option(),
    wait: float = wait_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Live ophalen bij CBS StatLine (netwerk nodig). / Fetch live from CBS StatLine.

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
        err_console.print(f"Overgeslagen / skipped: {number(cells)} cellen / cells: {reason}")
    if fetched.facts.empty:
        raise DataError(f"StatLine {fetched.table}: geen gegevens / no data for this selection")
    with open_load(warehouse, wait) as wh:
        summary = wh.load_facts(fetched.facts, name, origin=f"statline:{fetched.table}")
    _print_summaries([summary], format)


# -- output ----------------------------------------------------------------------------------


def _print_summaries(summaries, format: OutputFormat) -> None:
    if format is OutputFormat.json:
        print_json([s.as_dict() for s in summaries])
        return
    # Fits an 80-column terminal with typical source names; the JSON has every count.
    table = Table(title="Geladen / loaded", box=box.SIMPLE_HEAD)
    table.add_column("bron\nsource", overflow="fold")
    for header in ("feiten\nfacts", "maten\nmeasures", "gebieden\nareas"):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("perioden\nperiods", no_wrap=True)
    table.add_column("status", no_wrap=True)
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
        return "ongewijzigd\nunchanged"
    if summary.replaced:
        return "vervangen\nreplaced"
    return "nieuw\nnew"


# -- warehouse info --------------------------------------------------------------------------


@warehouse_app.command("info")
def warehouse_info(
    warehouse: Path = _warehouse_option(),
    format: OutputFormat = _format_option(),
) -> None:
    """Bronnen en maten in het datawarehouse. / Sources and measures in the warehouse."""
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
    console.print(f"Datawarehouse: {path}")
    if sources.empty:
        console.print("Geen gegevens / no data: safetyplan ingest bundled")
        return
    console.print(
        _frame_table("Bronnen / sources", sources, ["source", "rows", "loaded_at", "checksum"])
    )
    console.print(
        _frame_table(
            "Maten / measures",
            measures,
            ["measure", "areas", "first_period", "last_period", "rows", "sources"],
        )
    )


def _frame_table(title: str, frame, columns: list[str]) -> Table:
    table = Table(title=title)
    for column in columns:
        numeric = frame[column].dtype.kind in "iuf"
        table.add_column(column, justify="right" if numeric else "left")
    for record in frame[columns].itertuples(index=False):
        table.add_row(*(_cell(v) for v in record))
    return table


def _cell(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    text = str(value)
    return text[:19] + "…" if text.startswith("sha256:") else text
