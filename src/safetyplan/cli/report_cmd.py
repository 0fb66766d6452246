# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan report``: the annual report or quarterly monitor as PDF or HTML."""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path

import typer

from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _

from . import app
from ._common import err_console, parse_date, progress

log = logging.getLogger(__name__)


class Kind(StrEnum):
    annual = "annual"
    quarter = "quarter"


class Language(StrEnum):
    nl = "nl"
    en = "en"


@app.command(
    "report",
    help=_(
        "Annual report or quarterly monitor as PDF or HTML.\n\n"
        "A cover, a summary table of every goal (baseline, target, trajectory, actual, "
        "forecast, status), per theme each goal with a chart and a table per municipality, "
        "maps, the overall objectives beside the national figures and an appendix on sources "
        "and definitions. The annual plan's activities come from the web database when there "
        "is one, service-promise compliance and the year's early signals from the warehouse; "
        "where figures are missing the report says 'no data'. With --allocation the division "
        "of police strength of that scenario is added. In the plan's evaluation years "
        "(evaluation_years) the annual report has an evaluation chapter: the plan period's "
        "effect against a counterfactual. With --public small counts are suppressed. The "
        "same inputs give the same report."
    ),
)
def report(
    plan: Path = typer.Option(..., "--plan", help=_("Plan file (YAML).")),
    out: Path = typer.Option(..., "--out", help=_("Output: FILE.pdf or FILE.html.")),
    year: int = typer.Option(
        None, "--year", help=_("Report year (default: the plan's last year with data).")
    ),
    public: bool = typer.Option(
        False, "--public", help=_("Public version: small counts are suppressed.")
    ),
    kind: Kind = typer.Option(
        Kind.annual,
        "--kind",
        help=_("annual (annual report) or quarter (quarterly monitor)."),
    ),
    lang: Language = typer.Option(
        None,
        "--lang",
        help=_(
            "Language of the report: nl or en (default: the language of the command line: "
            "SAFETYPLAN_LANG, the locale, nl)."
        ),
    ),
    min_count: int = typer.Option(
        None,
        "--min-count",
        help=_(
            "--public: counts below this are shown as '<N' (default 5, or "
            "SAFETYPLAN_DISCLOSURE_MIN_COUNT)."
        ),
    ),
    min_population: int = typer.Option(
        None,
        "--min-population",
        help=_(
            "--public: no rates for areas with fewer inhabitants (default 1000, or "
            "SAFETYPLAN_DISCLOSURE_MIN_POPULATION)."
        ),
    ),
    date: str = typer.Option(
        None,
        "--date",
        help=_("Date on the report, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)."),
    ),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help=_("DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb)."),
    ),
    allocation: Path = typer.Option(
        None,
        "--allocation",
        help=_("A division scenario of police strength (YAML) as an extra section."),
    ),
) -> None:
    """The report command (its help: the decorator's, from the catalogues)."""
    from safetyplan.report import DisclosurePolicy, ReportOptions, make_report, write_output

    from .monitor_cmd import default_year, open_warehouse

    if out.suffix.lower() not in (".pdf", ".html", ".htm"):
        raise SafetyplanError(_("--out {path}: choose a .pdf or .html file name").format(path=out))
    from safetyplan.plan import load_plan  # lazy: pydantic, yaml

    the_plan = load_plan(plan)
    _check_year(the_plan, year)
    options = ReportOptions(
        year=year or default_year(the_plan),
        kind=kind.value,
        lang=lang.value if lang else i18n.active(),
        disclosure=DisclosurePolicy.from_settings(public, min_count, min_population),
        produced_on=parse_date(date, "--date"),
    )

    with progress() as bar:
        task = bar.add_task(_("report"), total=4)

        def step(description: str, done: int) -> None:
            bar.update(task, description=description, completed=done)

        with open_warehouse(warehouse) as wh:
            supplements = _supplements(the_plan, wh, options, allocation)
            html = make_report(the_plan, wh, options, supplements=supplements, progress=step)
        step("PDF" if out.suffix.lower() == ".pdf" else "HTML", 3)
        write_output(html, out)
        step(_("done"), 4)
    err_console.print(_("Report written: {path}").format(path=out))


def _check_year(plan, year: int | None) -> None:
    """The web refuses a year outside the plan (400); so does the command (exit 2)."""
    first, last = plan.period.start, plan.period.end
    if year is not None and not first <= year <= last:
        raise SafetyplanError(
            _("--year {year}: outside the plan period {first}-{last}").format(
                year=year, first=first, last=last
            )
        )


def _supplements(plan, wh, options, allocation: Path | None):
    """The sections other layers give: service and signals from the warehouse, activities
    from the web database (when one exists), the allocation scenario when asked for."""
    from safetyplan.areas import load_registry
    from safetyplan.report.supplements import warehouse_supplements

    supplements = warehouse_supplements(
        plan, wh, options.year, options.lang, registry=load_registry(), kind=options.kind
    )
    if options.kind == "annual":
        supplements.activities, supplements.notes["activities"] = _activities(plan, options)
    if allocation is not None:
        from safetyplan.allocation import load_scenario, run_scenario

        supplements.allocation = run_scenario(load_scenario(allocation), wh=wh)
    return supplements


def _activities(plan, options) -> tuple[list[dict] | None, str]:
    from safetyplan.report.i18n import Formatter

    no_database = Formatter(options.lang).t("activities_no_database")
    try:
        from safetyplan.web.reports.activities import activities_for, web_database_present
    except ImportError:  # the web extra is not installed
        return None, no_database
    if not web_database_present():
        return None, no_database
    from django.db import DatabaseError

    from safetyplan.web.runner import configure

    configure()
    try:
        return activities_for(plan.id, options.year, options.lang)
    except DatabaseError as exc:  # an old or foreign database: say so, do not fail
        log.warning("report without activities: %s", exc)
        return None, f"{no_database} ({exc})"
