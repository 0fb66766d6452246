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

from safetyplan import formatting as fmt
from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import N_, _

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

# The compliance table's count columns: JSON key -> header.
COMPLIANCE_HEADERS = {
    "due": N_("Due"),
    "met": N_("On time"),
    "late": N_("Late"),
    "open_overdue": N_("Overdue"),
    "open": N_("Open"),
}

service_app = typer.Typer(
    name="service",
    help=_("Service promises: the meldingen register and service standards."),
    no_args_is_help=True,
)
app.add_typer(service_app, name="service")


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise SafetyplanError(_("User '{user}' does not exist.").format(user=username))
    return user


@app.command(
    "api-token",
    help=_(
        "Print a user's API token (created if needed).\n\n"
        "Use it as ``Authorization: Token <token>`` on /api/v1/."
    ),
)
def api_token(
    username: str = typer.Argument(..., help=_("User name.")),
    renew: bool = typer.Option(
        False,
        "--renew",
        help=_("A new token; the old one stops working."),
    ),
) -> None:
    """Print a user's API token (created if needed)."""
    _web()
    from rest_framework.authtoken.models import Token

    user = _user(username)
    if renew:
        Token.objects.filter(user=user).delete()
    token, _created = Token.objects.get_or_create(user=user)
    print(token.key)


@service_app.command(
    "centre",
    help=_(
        "Put a user in the service centre group.\n\n"
        "Members of the group see every reporter's contact details; --remove takes a "
        "user out."
    ),
)
def service_centre(
    username: str = typer.Argument(..., help=_("User name.")),
    remove: bool = typer.Option(
        False, "--remove", help=_("Take the user out of the service centre.")
    ),
) -> None:
    """Put a user in the service centre group."""
    _web()
    from django.contrib.auth.models import Group

    from safetyplan.web.meldingen.app_settings import SERVICE_CENTRE_GROUP

    user = _user(username)
    group, _created = Group.objects.get_or_create(name=SERVICE_CENTRE_GROUP)
    if remove:
        user.groups.remove(group)
        console.print(
            _("{user}: no longer in {group}").format(user=username, group=SERVICE_CENTRE_GROUP)
        )
    else:
        user.groups.add(group)
        console.print(_("{user}: in {group}").format(user=username, group=SERVICE_CENTRE_GROUP))


@service_app.command(
    "import",
    help=_(
        "Bulk-load reports from a police system's CSV export.\n\n"
        "Columns: external_id, category, received_at, municipality (required), kind, "
        "channel, base_team, hic, source, reporter_name, reporter_email, "
        "reporter_phone, feedback_at, progress_at, forwarded_at, closed_at. Idempotent: "
        "existing reports (same source and external id) stay as they are. Bad rows go "
        "to a rejects file (file, line, id, column, value, reason); with more than "
        "--max-rejects of them nothing is loaded (exit status 2)."
    ),
)
def service_import(
    file: Path = typer.Argument(..., help=_("CSV of reports.")),
    source: str = typer.Option(
        "default",
        "--source",
        help=_("Source system when the file has no source column."),
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
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """Bulk-load reports from a police system's CSV export."""
    check_rejects_target(rejects)
    _web()
    from safetyplan.web.meldingen.importer import import_csv

    if not file.exists():
        raise SafetyplanError(_("{path}: file not found").format(path=file))
    with progress() as bar:
        total = max(sum(1 for _ in file.open("rb")) - 1, 0)
        task = bar.add_task(_("loading {name}").format(name=file.name), total=total)
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
        _(
            "{rows} rows: {created} new, {existing} already there, {events} events, "
            "{rejected} rejected"
        ).format(
            rows=fmt.number(summary.rows),
            created=fmt.number(summary.created),
            existing=fmt.number(summary.existing),
            events=fmt.number(summary.events_added),
            rejected=fmt.number(summary.rejected),
        )
        + (f" ({summary.rejects_file})" if summary.rejects_file else "")
    )


@service_app.command("compliance", help=_("Compliance with the plan's service standards."))
def service_compliance(
    standard: str = typer.Option(
        None, "--standard", help=_("Standard id (default: all of the plan's standards).")
    ),
    start: str = typer.Option(None, "--from", help=_("First day of receipt, YYYY-MM-DD.")),
    end: str = typer.Option(None, "--to", help=_("Last day of receipt, YYYY-MM-DD.")),
    by: str = typer.Option(None, "--by", help=_("base_team, municipality, month or year.")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format"),
) -> None:
    """Compliance with the plan's service standards."""
    _web()
    from safetyplan.service import GROUPINGS
    from safetyplan.web.meldingen import services

    if by is not None and by not in GROUPINGS:
        raise SafetyplanError(
            _("{option}: unknown value '{value}' (known: {known})").format(
                option="--by", value=by, known=", ".join(GROUPINGS)
            )
        )
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    stds = services.standards()
    if standard:
        stds = [s for s in stds if s.id == standard]
        if not stds:
            known = ", ".join(s.id for s in services.standards())
            raise SafetyplanError(
                _("{option}: unknown value '{value}' (known: {known})").format(
                    option="--standard", value=standard, known=known
                )
            )
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
    table.add_column(_("Standard"))
    table.add_column(_("Group"))
    for header in COMPLIANCE_HEADERS.values():
        table.add_column(_(header), justify="right")
    table.add_column("%", justify="right")
    for entry in results:
        rows = [("", entry)] + [(g["key"], g) for g in entry.get("groups", [])]
        for key, c in rows:
            table.add_row(
                entry["standard"] if key == "" else "",
                key or _("total"),
                *(fmt.number(c[k]) for k in COMPLIANCE_HEADERS),
                fmt.number(c["percentage"], 1, missing=_("no data")),
            )
    console.print(table)
    from safetyplan.web.meldingen.models import Melding

    if Melding.objects.filter(is_example=True).exists():
        console.print(_("Note: the register holds the demo's fictitious example records."))


@service_app.command(
    "facts",
    help=_(
        "Compliance as facts for the monitor.\n\n"
        "Measures service:<standard>:pct_met (0-100), service:<standard>:due and "
        "service:<standard>:met per municipality (and region) and period of receipt."
    ),
)
def service_facts(
    out: Path = typer.Option(None, "--out", help=_("CSV for `safetyplan ingest facts`.")),
    load: bool = typer.Option(False, "--load", help=_("Load into the warehouse directly.")),
    source: str = typer.Option("meldingen", "--source", help=_("Source name in the warehouse.")),
    period: str = typer.Option("year", "--period", help=_("year or month.")),
    region_area: str = typer.Option(
        None,
        "--region-area",
        help=_(
            "Area code for the whole region (default: the plan's police unit, when it names one)."
        ),
    ),
    warehouse: Path = typer.Option(None, "--warehouse", help=_("Warehouse file (DuckDB).")),
    wait: float = wait_option(),
) -> None:
    """Compliance as facts for the monitor."""
    _web()
    import pandas as pd

    from safetyplan.web.meldingen import services

    if period not in ("year", "month"):
        raise SafetyplanError(
            _("{option}: unknown value '{value}' (known: {known})").format(
                option="--period", value=period, known="year, month"
            )
        )
    if not out and not load:
        raise SafetyplanError(_("Give --out FILE.csv and/or --load."))
    region_area = region_area or _plan_police_unit()
    rows = services.compliance_facts(period=period, region_area=region_area)
    if not rows:
        err_console.print(_("No data: nothing due in the register yet."))
        raise typer.Exit(0)
    frame = pd.DataFrame(rows, columns=["area", "period", "measure", "value"])
    if out:
        frame.to_csv(out, index=False)
        console.print(_("{n} facts -> {path}").format(n=fmt.number(len(frame)), path=out))
    if load:
        extra = [region_area] if region_area else []
        with open_load(warehouse, wait) as wh:
            summary = wh.load_facts(frame, source, origin="reports register", extra_areas=extra)
        console.print(
            _("{n} facts loaded as source '{source}'").format(
                n=fmt.number(summary.rows), source=source
            )
        )


@service_app.command(
    "purge",
    help=_(
        "Purge reporters' contact details past retention.\n\n"
        "Reports, events and therefore every count stay; only names, e-mail addresses, "
        "phone numbers and free-text notes of reports received before the retention "
        "period go."
    ),
)
def service_purge(
    days: int = typer.Option(
        None,
        "--days",
        min=0,
        help=_("Retention in days (default: SAFETYPLAN_REPORTER_RETENTION_DAYS, 365)."),
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help=_("Only count.")),
) -> None:
    """Purge reporters' contact details past retention."""
    _web()
    from safetyplan.web.meldingen import app_settings, services

    days = app_settings.retention_days() if days is None else days
    count = services.purge_expired(days=days, dry_run=dry_run)
    message = (
        _("{n} contact details to purge (retention {days} days)")
        if dry_run
        else _("{n} contact details purged (retention {days} days)")
    )
    console.print(message.format(n=fmt.number(count), days=days))


def _plan_police_unit() -> str | None:
    from safetyplan.web.plans.seeding import current_plan

    plan = current_plan()
    if plan is None:
        return None
    return (plan.document.get("region") or {}).get("police_unit")


def _web() -> None:
    """The web application's database, with Django speaking the command line's language: the
    web layer's services this command calls translate through Django's catalogues."""
    web_database()
    from django.utils import translation

    translation.activate(i18n.active())
