# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan scan AREA``: the area scan (gebiedsscan) from the incidents in the warehouse."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import JustifyMethod
from rich.table import Table

from safetyplan.formatting import change_abs, number
from safetyplan.i18n import _, ngettext

from . import app
from ._common import console, print_table, progress


class ScanFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


@app.command(
    "scan",
    help=_(
        "Area scan: counts, rates per 1,000 inhabitants, trend, comparison, early-warning "
        "alarms, clearance and hot spots."
    ),
)
def scan_cmd(
    area: str = typer.Argument(
        ...,
        help=_("CBS code (BU05990101, WK059901, GM0599) or the name of a loaded source."),
    ),
    date_from: str = typer.Option(
        None,
        "--from",
        help=_("First day (YYYY-MM-DD); default: the source's first incident."),
    ),
    date_to: str = typer.Option(None, "--to", help=_("Last day (YYYY-MM-DD).")),
    source: str = typer.Option(
        None,
        "--source",
        help=_("Incident source (default: the latest loaded source with incidents in AREA)."),
    ),
    cell_size: float = typer.Option(200.0, "--cell-size", help=_("Grid cell in metres (125-250).")),
    format: ScanFormat = typer.Option(ScanFormat.table, "--format", help=_("table, json or html.")),
    out: Path = typer.Option(
        None, "--out", help=_("Write to FILE (html or json) instead of standard output.")
    ),
    map_file: Path = typer.Option(None, "--map", help=_("Hot-spot map as SVG file.")),
    warehouse: Path = typer.Option(None, "--warehouse", help=_("Warehouse file (DuckDB).")),
) -> None:
    """The area scan (gebiedsscan) of one area from the incidents in the warehouse."""
    import json

    from safetyplan.areas import load_registry
    from safetyplan.incidents.area_scan import scan
    from safetyplan.incidents.area_scan_map import map_svg, scan_html
    from safetyplan.warehouse import Warehouse

    with progress() as bar:
        task = bar.add_task(_("area scan"), total=2)
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
        bar.update(task, completed=1, description=_("map"))
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
        console.print(_("Written: {path}").format(path=out))


def _print(result: dict) -> None:
    title = _("Area scan: {name} ({area})").format(name=result["name"], area=result["area"])
    window = ngettext(
        "source {source}, {start} .. {end}, {incidents} incident",
        "source {source}, {start} .. {end}, {incidents} incidents",
        result["incidents"],
    ).format(
        source=result["source"],
        start=result["from"],
        end=result["to"],
        incidents=number(result["incidents"]),
    )
    console.print(f"[bold]{title}[/]  {window}")
    table = Table()
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        (_("crime type"), "left"),
        (_("count"), "right"),
        (_("per 1,000/yr"), "right"),
        (_("trend %/yr (95%)"), "right"),
        (_("comparison per 1,000"), "left"),
        (_("cleared %"), "right"),
    )
    for column, justify in columns:
        table.add_column(column, justify=justify)
    for c in result["crime_types"]:
        t = c["trend"]
        trend = (
            _("no data")
            if t["pct_per_year"] is None
            else f"{change_abs(t['pct_per_year'])} "
            f"({change_abs(t['low'])}..{change_abs(t['high'])})"
        )
        compare = "; ".join(f"{x['area']} {_n(x['rate_per_1000'])}" for x in c["comparison"])
        table.add_row(
            str(c["crime_type"]),
            number(c["count"]),
            _n(c["rate_per_1000"]),
            trend,
            compare or _("no data"),
            _n(c["clearance_pct"]),
        )
    print_table(table)
    alarms = result["alarms"]
    listed = ", ".join(
        f"{a['crime_type']} {a['period']} ({a['count']})" for a in alarms["alarms"]
    ) or _("none")
    console.print(
        _("Alarms ({method}, {judged} judged): {alarms}").format(
            method=alarms["method"] or _("no data"), judged=alarms["judged"], alarms=listed
        )
    )
    spots = result["hotspots"]
    hot = [c for c in spots["cells"] if c["hot"]]
    hot.sort(key=lambda c: -(c["gi_z"] or 0))
    console.print(
        _("Hot spots ({method}): {hot} — {note}").format(
            method=spots.get("method") or _("no data"), hot=spots["hot_cells"], note=spots["note"]
        )
    )
    for c in hot[:5]:
        where = c.get("buurt") or f"x={c['x']:.0f} y={c['y']:.0f}"
        if c.get("name"):
            where = f"{where} {c['name']}"
        console.print(
            "  "
            + ngettext(
                "{where}: {count} incident, Gi* z={z}",
                "{where}: {count} incidents, Gi* z={z}",
                c["count"],
            ).format(where=where, count=number(c["count"]), z=number(c["gi_z"], 2))
        )


def _n(value) -> str:
    return _("no data") if value is None else number(value, 1)
