# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan hotspots evaluate``: how well the hot-spot forecast predicts a test window."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from . import app
from ._common import OutputFormat, console, print_json, progress

hotspots_app = typer.Typer(
    name="hotspots",
    help="Hotspots: voorspellen en toetsen. / Hot spots: forecast and evaluate.",
    no_args_is_help=True,
)
app.add_typer(hotspots_app, name="hotspots")


@hotspots_app.command("evaluate")
def evaluate_cmd(
    incidents: Path = typer.Argument(
        ..., help="Incidenten / incidents: CSV or Parquet in the columns of 'ingest incidents'."
    ),
    train_until: str = typer.Option(
        ...,
        "--train-until",
        help="Laatste dag van de training / last day of the training window (YYYY-MM-DD).",
    ),
    test_until: str = typer.Option(
        ...,
        "--test-until",
        help="Laatste dag van de test / last day of the test window (YYYY-MM-DD).",
    ),
    cell_size: float = typer.Option(
        250.0, "--cell-size", help="Celgrootte in meters / cell size in metres (125-250 usual)."
    ),
    coverage: float = typer.Option(
        0.05,
        "--coverage",
        help="Aandeel geselecteerde cellen / share of study-area cells selected (0.05 = 5%).",
    ),
    crime_type: str = typer.Option(
        None,
        "--crime-type",
        help="Te voorspellen soort / the "
        "crime type to forecast (e.g. Burglary); test counts, "
        "naive forecast and study area use it alone.",
    ),
    covariates: bool = typer.Option(
        True,
        "--covariates/--no-covariates",
        help="Het model ziet "
        "ook de andere soorten van de training / the model also "
        "sees the other crime types of the training window (with "
        "--crime-type).",
    ),
    model: str = typer.Option(
        "auto",
        "--model",
        help="auto (geleerd model of kerndichtheid, "
        "gekozen in de training / learned model or kernel density, "
        "chosen inside the training window) of / or kde.",
    ),
    mapping: Path = typer.Option(None, "--mapping", help="MAP.yaml as for ingest incidents."),
    max_rejects: int = typer.Option(
        0, "--max-rejects", min=0, help="Afgekeurde regels toegestaan / rejected rows allowed."
    ),
    format: OutputFormat = typer.Option(
        OutputFormat.table, "--format", help="table of json / table or json."
    ),
) -> None:
    """Hitrate en PAI van de hotspotvoorspelling naast de naïeve. / Hit rate and PAI of the
    hot-spot forecast beside the naive one (last period's counts).

    Study area: the grid cells holding at least one incident (of --crime-type) in the
    training window. The test window runs from the day after --train-until to
    --test-until. The model is a Poisson regression on cell features (the target type's
    past counts, and with --covariates those of the other types of the training window) or
    kernel density, whichever forecasts the training window's own last periods best; the
    test window is never used for a choice.
    """
    from safetyplan.incidents import hotspots, load_mapping_file
    from safetyplan.incidents.ingest import read_incidents_frame

    with progress() as bar:
        task = bar.add_task(f"lezen / reading {incidents.name}", total=2)
        # With covariates the other types are read too; evaluate() picks the target type.
        frame = read_incidents_frame(
            incidents,
            load_mapping_file(mapping),
            max_rejects,
            crime_type=None if covariates else crime_type,
        )
        bar.update(task, completed=1, description="voorspellen / forecasting")
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
        title=f"Hotspots: {incidents.name} (cel / cell {cell_size:g} m, "
        f"{coverage:.1%} van / of {result['study_cells']} cellen / cells)"
    )
    for column in ("", "hitrate / hit rate", "PAI"):
        table.add_column(column, justify="right" if column else "left")
    for name in ("model", "naive"):
        row = result[name]
        table.add_row(name, _pct(row["hit_rate"]), _num(row["pai"]))
    console.print(table)
    console.print(f"model: {_describe(result['model'])}")
    if result["model"].get("note"):
        console.print(f"[yellow]{result['model']['note']}[/yellow]")


def _describe(model: dict) -> str:
    if model["method"] == "kernel density":
        decay = model["decay_months"]
        return (
            f"kerndichtheid / kernel density, {model['bandwidth_m']:g} m, "
            f"{'geen verval / no decay' if decay is None else f'decay {decay:g} months'}"
        )
    return f"Poisson-regressie / Poisson regression ({model['features']})"


def _pct(value) -> str:
    return "geen gegevens / no data" if value is None else f"{value:.1%}"


def _num(value) -> str:
    return "geen gegevens / no data" if value is None else f"{value:.2f}"
