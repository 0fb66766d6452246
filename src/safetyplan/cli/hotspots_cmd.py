# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan hotspots evaluate``: how well the hot-spot forecast predicts a test window."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safetyplan.formatting import number, percent
from safetyplan.i18n import _

from . import app
from ._common import OutputFormat, console, print_json, progress

hotspots_app = typer.Typer(
    name="hotspots",
    help=_("Hot spots: forecast and evaluate."),
    no_args_is_help=True,
)
app.add_typer(hotspots_app, name="hotspots")


@hotspots_app.command(
    "evaluate",
    help=_(
        "Hit rate and PAI of the hot-spot forecast beside the naive one (last period's "
        "counts).\n\n"
        "Study area: the grid cells holding at least one incident (of --crime-type) in the "
        "training window. The test window runs from the day after --train-until to "
        "--test-until. The model is a Poisson regression on cell features (the target type's "
        "past counts, and with --covariates those of the other types of the training window) "
        "or kernel density, whichever forecasts the training window's own last periods best; "
        "the test window is never used for a choice."
    ),
)
def evaluate_cmd(
    incidents: Path = typer.Argument(
        ..., help=_("Incidents: CSV or Parquet in the columns of 'ingest incidents'.")
    ),
    train_until: str = typer.Option(
        ...,
        "--train-until",
        help=_("Last day of the training window (YYYY-MM-DD)."),
    ),
    test_until: str = typer.Option(
        ...,
        "--test-until",
        help=_("Last day of the test window (YYYY-MM-DD)."),
    ),
    cell_size: float = typer.Option(
        250.0, "--cell-size", help=_("Cell size in metres (125-250 usual).")
    ),
    coverage: float = typer.Option(
        0.05,
        "--coverage",
        help=_("Share of study-area cells selected (0.05 = 5%)."),
    ),
    crime_type: str = typer.Option(
        None,
        "--crime-type",
        help=_(
            "The crime type to forecast (e.g. Burglary); test counts, naive forecast and "
            "study area use it alone."
        ),
    ),
    covariates: bool = typer.Option(
        True,
        "--covariates/--no-covariates",
        help=_(
            "The model also sees the other crime types of the training window (with --crime-type)."
        ),
    ),
    model: str = typer.Option(
        "auto",
        "--model",
        help=_("auto (learned model or kernel density, chosen inside the training window) or kde."),
    ),
    mapping: Path = typer.Option(None, "--mapping", help=_("MAP.yaml as for ingest incidents.")),
    max_rejects: int = typer.Option(0, "--max-rejects", min=0, help=_("Rejected rows allowed.")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
) -> None:
    """How well the hot-spot forecast predicts a test window, beside the naive one."""
    from safetyplan.incidents import hotspots, load_mapping_file
    from safetyplan.incidents.ingest import read_incidents_frame

    with progress() as bar:
        task = bar.add_task(_("reading {file}").format(file=incidents.name), total=2)
        # With covariates the other types are read too; evaluate() picks the target type.
        frame = read_incidents_frame(
            incidents,
            load_mapping_file(mapping),
            max_rejects,
            crime_type=None if covariates else crime_type,
        )
        bar.update(task, completed=1, description=_("forecasting"))
        result = hotspots.evaluate(
            frame,
            train_until,
            test_until,
            cell_size,
            coverage,
            crime_type=crime_type,
            covariates=covariates,
            method=model,
        )
        bar.update(task, completed=2)
    if format is OutputFormat.json:
        print_json(result)
        return
    table = Table(
        title=_("Hot spots: {file} (cell {size} m, {coverage} of {cells} cells)").format(
            file=incidents.name,
            size=number(cell_size, 0 if float(cell_size).is_integer() else 1),
            coverage=percent(100 * coverage, 1),
            cells=number(result["study_cells"]),
        )
    )
    table.add_column("", justify="left")
    table.add_column(_("hit rate"), justify="right")
    table.add_column("PAI", justify="right")
    for name, label in (("model", _("model")), ("naive", _("naive"))):
        row = result[name]
        table.add_row(label, _pct(row["hit_rate"]), _num(row["pai"]))
    console.print(table)
    console.print(_("model: {description}").format(description=_describe(result["model"])))
    if result["model"].get("note"):
        console.print(f"[yellow]{result['model']['note']}[/yellow]")


def _describe(model: dict) -> str:
    if model["method"] == "kernel density":
        decay = model["decay_months"]
        return _("kernel density, {bandwidth} m, {decay}").format(
            bandwidth=number(model["bandwidth_m"]),
            decay=_("no decay")
            if decay is None
            else _("decay {months} months").format(
                months=number(decay, 0 if float(decay).is_integer() else 1)
            ),
        )
    return _("Poisson regression ({features})").format(features=_(model["features"]))


def _pct(value) -> str:
    return _("no data") if value is None else percent(100 * value, 1)


def _num(value) -> str:
    return _("no data") if value is None else number(value, 2)
