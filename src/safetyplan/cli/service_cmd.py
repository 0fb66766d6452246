# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan api-token USER`` and ``safetyplan service ...``: the meldingen register from the
command line (bulk import, compliance, facts for the monitor, purge of personal data).

These commands use the web application's database (``DATABASE_URL``, else SQLite under
``SAFETYPLAN_HOME``) and migrate it first when needed.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich import box
from rich.table import Table

from safetyplan.errors import SafetyplanError

from . import app
from ._common import (
    OutputFormat,
    check_rejects_target,
    console,
    err_console,
    parse_date,
    print_json,
    progress,
    web_database,
)
from ._loading import open_load, wait_option

service_app = typer.Typer(
    name="service",
    help="Dienstverlening: meldingenregister en servicenormen. / Service promises: the "
    "meldingen register and service standards.",
    no_args_is_help=True,
)
app.add_typer(service_app, name="service")


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise SafetyplanError(f"gebruiker / user '{username}' bestaat niet / does not exist")
    return user


@app.command("api-token")
def api_token(
    username: str = typer.Argument(..., help="Gebruikersnaam / user name."),
    renew: bool = typer.Option(
        False,
        "--renew",
        help="Nieuw token; het oude vervalt / new token, the old one stops working.",
    ),
) -> None:
    """Het API-token van een gebruiker tonen. / Print a user's API token (created if needed).

    Use it as ``Authorization: Token <token>`` on /api/v1/.
    """
    web_database()
    from rest_framework.authtoken.models import Token

    user = _user(username)
    if renew:
        Token.objects.filter(user=user).delete()
    token, _ = Token.objects.get_or_create(user=user)
    print(token.key)


@service_app.command("centre")
def service_centre(
    username: str = typer.Argument(..., help="Gebruikersnaam / user name."),
    remove: bool = typer.Option(
        False, "--remove", help="Uit het servicecentrum halen / take out of the service centre."
    ),
) -> None:
    """Gebruiker in het servicecentrum zetten. / Put a user in the service centre group.

    Members of the group see every reporter's contact details; --remove takes a user out.
    """
    web_database()
    from django.contrib.auth.models import Group

    from safetyplan.web.meldingen.app_settings import SERVICE_CENTRE_GROUP

    user = _user(username)
    group, _ = Group.objects.get_or_create(name=SERVICE_CENTRE_GROUP)
    if remove:
        user.groups.remove(group)
        console.print(f"{username}: niet meer in / no longer in {SERVICE_CENTRE_GROUP}")
    else:
        user.groups.add(group)
        console.print(f"{username}: in {SERVICE_CENTRE_GROUP}")


@service_app.command("import")
def service_import(
    file: Path = typer.Argument(..., help="CSV met meldingen / CSV of reports."),
    source: str = typer.Option(
        "default",
        "--source",
        help="Bronsysteem als de kolom source "
        "ontbreekt / source system when the file has no source column.",
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
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """Meldingen in bulk laden. / Bulk-load reports from a police system's CSV export.

    Columns: external_id, category, received_at, municipality (required), kind, channel,
    base_team, hic, source, reporter_name, reporter_email, reporter_phone, feedback_at,
    progress_at, forwarded_at, closed_at. Idempotent: existing reports (same source and
    external id) stay as they are. Bad rows go to a rejects file (file, line, id, column,
    value, reason); with more than --max-rejects of them nothing is loaded (exit status 2).
    """
    check_rejects_target(rejects)
    web_database()
    from safetyplan.web.meldingen.importer import import_csv

    if not file.exists():
        raise SafetyplanError(f"{file}: bestand niet gevonden / file not found")
    with progress() as bar:
        total = max(sum(1 for _ in file.open("rb")) - 1, 0)
        task = bar.add_task(f"laden / loading {file.name}", total=total)
        summary = import_csv(
            file,
            source=source,
            max_rejects=max_rejects,
            rejects_path=rejects,
            progress=lambda n: bar.advance(task, n),
        )
    if format is OutputFormat.json:
        print_json(summary.as_dict())
        return
    console.print(
        f"{summary.rows} regels / rows: {summary.created} nieuw / new, {summary.existing} "
        f"bestonden al / already there, {summary.events_added} gebeurtenissen / events, "
        f"{summary.rejected} afgekeurd / rejected"
        + (f" ({summary.rejects_file})" if summary.rejects_file else "")
    )


@service_app.command("compliance")
def service_compliance(
    standard: str = typer.Option(
        None, "--standard", help="Norm-id / standard id (default: all of the plan)."
    ),
    start: str = typer.Option(None, "--from", help="Eerste ontvangstdag / first day YYYY-MM-DD."),
    end: str = typer.Option(None, "--to", help="Laatste ontvangstdag / last day YYYY-MM-DD."),
    by: str = typer.Option(None, "--by", help="base_team, municipality, month of year."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """Naleving van de servicenormen. / Compliance with the plan's service standards."""
    web_database()
    from safetyplan.service import GROUPINGS
    from safetyplan.web.meldingen import services

    if by is not None and by not in GROUPINGS:
        raise SafetyplanError(f"--by: '{by}' onbekend / unknown (known: {', '.join(GROUPINGS)})")
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    stds = services.standards()
    if standard:
        stds = [s for s in stds if s.id == standard]
        if not stds:
            known = ", ".join(s.id for s in services.standards())
            raise SafetyplanError(f"--standard: '{standard}' onbekend / unknown (known: {known})")
    results = []
    for std in stds:
        total, groups = services.compliance(std, first, last, group_by=by)
        entry = {**total.as_dict(), "name": std.name}
        if groups is not None:
            entry["groups"] = [{"key": k, **c.as_dict()} for k, c in groups.items()]
        results.append(entry)
    if format is OutputFormat.json:
        print_json(results)
        return
    table = Table(box=box.SIMPLE_HEAD)
    for column in (
        "norm / standard",
        "groep / group",
        "due",
        "met",
        "late",
        "open_overdue",
        "open",
        "%",
    ):
        table.add_column(column, justify="left" if "/" in column else "right")
    for entry in results:
        rows = [("", entry)] + [(g["key"], g) for g in entry.get("groups", [])]
        for key, c in rows:
            pct = "geen gegevens / no data" if c["percentage"] is None else f"{c['percentage']:.1f}"
            table.add_row(
                entry["standard"] if key == "" else "",
                key or "totaal / total",
                *(str(c[k]) for k in ("due", "met", "late", "open_overdue", "open")),
                pct,
            )
    console.print(table)
    from safetyplan.web.meldingen.models import Melding

    if Melding.objects.filter(is_example=True).exists():
        console.print(
            "Let op: het register bevat fictieve voorbeeldrecords van de demo "
            "(fictief voorbeeld). / Note: the register holds the demo's fictitious "
            "example records."
        )


@service_app.command("facts")
def service_facts(
    out: Path = typer.Option(None, "--out", help="CSV voor / for `safetyplan ingest facts`."),
    load: bool = typer.Option(
        False, "--load", help="Direct in het warehouse laden / load into the warehouse directly."
    ),
    source: str = typer.Option(
        "meldingen", "--source", help="Bronnaam in het warehouse / warehouse source name."
    ),
    period: str = typer.Option("year", "--period", help="year of month."),
    region_area: str = typer.Option(
        None,
        "--region-area",
        help="Gebiedscode voor de hele "
        "regio / area code for the whole region (default: the "
        "plan's police unit, when it names one).",
    ),
    warehouse: Path = typer.Option(None, "--warehouse", help="DuckDB-bestand / warehouse file."),
    wait: float = wait_option(),
) -> None:
    """Naleving als feiten voor de monitor. / Compliance as facts for the monitor.

    Measures service:<standard>:pct_met (0-100), service:<standard>:due and
    service:<standard>:met per municipality (and region) and period of receipt.
    """
    web_database()
    import pandas as pd

    from safetyplan.web.meldingen import services

    if period not in ("year", "month"):
        raise SafetyplanError(f"--period: '{period}': year of/or month")
    if not out and not load:
        raise SafetyplanError(
            "geef --out FILE.csv en/of --load / give --out FILE.csv and/or --load"
        )
    region_area = region_area or _plan_police_unit()
    rows = services.compliance_facts(period=period, region_area=region_area)
    if not rows:
        err_console.print("Geen gegevens / no data: nothing due in the register yet.")
        raise typer.Exit(0)
    frame = pd.DataFrame(rows, columns=["area", "period", "measure", "value"])
    if out:
        frame.to_csv(out, index=False)
        console.print(f"{len(frame)} feiten / facts -> {out}")
    if load:
        extra = [region_area] if region_area else []
        with open_load(warehouse, wait) as wh:
            summary = wh.load_facts(frame, source, origin="reports register", extra_areas=extra)
        console.print(f"{summary.rows} feiten geladen / facts loaded as source '{source}'")


@service_app.command("purge")
def service_purge(
    days: int = typer.Option(
        None,
        "--days",
        min=0,
        help="Bewaartermijn in dagen / retention "
        "in days (default: SAFETYPLAN_REPORTER_RETENTION_DAYS, 365).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Alleen tellen / only count."),
) -> None:
    """Verlopen persoonsgegevens wissen. / Purge reporters' contact details past retention.

    Reports, events and therefore every count stay; only names, e-mail addresses, phone
    numbers and free-text notes of reports received before the retention period go.
    """
    web_database()
    from safetyplan.web.meldingen import app_settings, services

    days = app_settings.retention_days() if days is None else days
    count = services.purge_expired(days=days, dry_run=dry_run)
    verb = "te wissen / to purge" if dry_run else "gewist / purged"
    console.print(f"{count} contactgegevens {verb} (bewaartermijn / retention {days} dagen/days)")


def _plan_police_unit() -> str | None:
    from safetyplan.web.plans.seeding import current_plan

    plan = current_plan()
    if plan is None:
        return None
    return (plan.document.get("region") or {}).get("police_unit")
