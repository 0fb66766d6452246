# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan scan AREA``: the area scan (gebiedsscan) from the incidents in the warehouse."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from safetyplan.formatting import number

from . import app
from ._common import console, print_table, progress


class ScanFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


@app.command("scan")
def scan_cmd(
    area: str = typer.Argument(
        ...,
        help="CBS-code (BU05990101, WK059901, GM0599) of de naam "
        "van een geladen bron / or the name of a loaded source.",
    ),
    date_from: str = typer.Option(
        None,
        "--from",
        help="Eerste dag / first day (YYYY-MM-DD); default: the source's first incident.",
    ),
    date_to: str = typer.Option(None, "--to", help="Laatste dag / last day (YYYY-MM-DD)."),
    source: str = typer.Option(
        None,
        "--source",
        help="Bron / incident source (default: the latest loaded source with incidents in AREA).",
    ),
    cell_size: float = typer.Option(
        200.0, "--cell-size", help="Rastercel in meters / grid cell in metres (125-250)."
    ),
    format: ScanFormat = typer.Option(ScanFormat.table, "--format", help="table, json of/or html."),
    out: Path = typer.Option(
        None, "--out", help="Schrijf naar bestand / write to FILE (html or json) instead of stdout."
    ),
    map_file: Path = typer.Option(
        None, "--map", help="Hotspotkaart als SVG / hot-spot map as SVG file."
    ),
    warehouse: Path = typer.Option(None, "--warehouse", help="DuckDB-bestand / warehouse file."),
) -> None:
    """Gebiedsscan: aantallen, per 1.000 inwoners, trend, vergelijking, signalen, opheldering
    en hotspots. / Area scan: counts, rates, trend, comparison, alarms, clearance, hot spots.
    """
    import json

    from safetyplan.areas import load_registry
    from safetyplan.incidents.area_scan import scan
    from safetyplan.incidents.area_scan_map import map_svg, scan_html
    from safetyplan.warehouse import Warehouse

    with progress() as bar:
        task = bar.add_task("gebiedsscan / area scan", total=2)
        with Warehouse.open(warehouse, read_only=True) as wh:
            result = scan(
                wh.connection,
                area,
                date_from,
                date_to,
                source=source,
                cell_size=cell_size,
                registry=load_registry(),
            )
        bar.update(task, completed=1, description="kaart / map")
        svg = map_svg(result) if (format is ScanFormat.html or map_file) else None
        bar.update(task, completed=2)
    public = _public(result)
    if map_file and svg:
        map_file.write_text(svg, encoding="utf-8")
    if format is ScanFormat.json:
        _emit(json.dumps(public, ensure_ascii=False, indent=2, default=str), out)
        return
    if format is ScanFormat.html:
        _emit(scan_html(public, svg), out)
        return
    _print(public)


def _public(result: dict) -> dict:
    """The result without the internal objects the map needs."""
    spots = {k: v for k, v in result["hotspots"].items() if not k.startswith("_")}
    return {**result, "hotspots": spots}


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        print(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"Geschreven / written: {out}")


def _print(result: dict) -> None:
    console.print(
        f"[bold]Gebiedsscan / area scan: {result['name']} ({result['area']})[/]  "
        f"bron / source {result['source']}, {result['from']} .. {result['to']}, "
        f"{number(result['incidents'])} incidenten / incidents"
    )
    table = Table()
    for column in (
        "soort / type",
        "aantal",
        "per 1.000/jr",
        "trend %/jr (95%)",
        "vergelijking per 1.000",
        "opgehelderd %",
    ):
        table.add_column(
            column, justify="left" if column.startswith(("soort", "verg")) else "right"
        )
    for c in result["crime_types"]:
        t = c["trend"]
        trend = (
            "geen gegevens"
            if t["pct_per_year"] is None
            else f"{t['pct_per_year']:+.0f} ({t['low']:+.0f}..{t['high']:+.0f})"
        )
        compare = "; ".join(f"{x['area']} {_n(x['rate_per_1000'])}" for x in c["comparison"])
        table.add_row(
            str(c["crime_type"]),
            number(c["count"]),
            _n(c["rate_per_1000"]),
            trend,
            compare or "geen gegevens",
            _n(c["clearance_pct"]),
        )
    print_table(table)
    alarms = result["alarms"]
    listed = (
        ", ".join(f"{a['crime_type']} {a['period']} ({a['count']})" for a in alarms["alarms"])
        or "geen / none"
    )
    console.print(
        f"Signalen / alarms ({alarms['method']}, {alarms['judged']} beoordeeld / judged): {listed}"
    )
    spots = result["hotspots"]
    hot = [c for c in spots["cells"] if c["hot"]]
    hot.sort(key=lambda c: -(c["gi_z"] or 0))
    console.print(f"Hotspots ({spots.get('method')}): {spots['hot_cells']} — {spots['note']}")
    for c in hot[:5]:
        where = c.get("buurt") or f"x={c['x']:.0f} y={c['y']:.0f}"
        console.print(f"  {where} {c.get('name', '')}: {c['count']} incidenten, Gi* z={c['gi_z']}")


def _n(value) -> str:
    return "geen gegevens" if value is None else number(value, 1)
