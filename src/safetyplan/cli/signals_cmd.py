# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan signals``: early warning (vroegsignalering) and the CompStat view.

- ``signals detect COUNTS.csv --out ALARMS.csv``: the contract of DESIGN.md;
- ``signals run --plan PLAN``: the signals on the shipped real data for the plan's area;
- ``signals compstat [INCIDENTS.csv]``: last week, 28 days and year to date against a year
  earlier, judged by the square-root z-score.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from safetyplan import formatting as fmt
from safetyplan.errors import DataError
from safetyplan.i18n import N_, _, ngettext, pgettext

from . import app
from ._common import (
    OutputFormat,
    console,
    err_console,
    parse_date,
    print_json,
    print_table,
    progress,
)

if TYPE_CHECKING:  # pandas is imported where it is used: other commands start faster
    import pandas as pd

signals_app = typer.Typer(
    help=_("Early warning (aberration detection) and CompStat."),
    no_args_is_help=True,
)
app.add_typer(signals_app, name="signals")

METHOD_HELP = "nbcusum, farrington, ears-c1, ears-c2, ears-c3"
AUTO_HELP = _("auto (default: per series what the history allows, nbcusum else ears-c2), ")
# the series' frequency (a code in the rows' `frequency`) as people read it
FREQUENCY_LABELS = {
    "week": N_("weekly series"),
    "month": N_("monthly series"),
    "year": N_("yearly series"),
}
CONTRACT = ["series", "period", "count", "expected", "threshold", "alarm"]


def _options(
    method: str, alpha: float, since: str | None, years_back: int | None, min_cases: int | None
):
    import pandas as pd

    from safetyplan.earlywarning import DetectOptions

    day = parse_date(since, "--since")
    opts = DetectOptions(
        method=method.strip().lower(),
        alpha=alpha,
        since=pd.Timestamp(day) if day else None,
        years_back=years_back,
        min_cases=min_cases,
    )
    opts.check()
    return opts


def _run_detect(panels, opts, label: str) -> pd.DataFrame:
    from safetyplan.earlywarning import detect
    from safetyplan.earlywarning.detect import work_size

    with progress() as bar:
        task = bar.add_task(_("judging {what}").format(what=label), total=work_size(panels, opts))
        return detect(panels, opts, on_progress=lambda n: bar.advance(task, n))


# -- detect -----------------------------------------------------------------------------------


DETECT_HELP = "\n\n".join(
    [
        _("Flag unusual periods in count series."),
        _(
            "COUNTS has columns series,period,count (period = ISO date of the period's first "
            "day; weekly or monthly series). ALARMS gets "
            "series,period,count,expected,threshold,alarm for every judged period, then "
            "pvalue, score (above 1 = alarm), method and note. A period that cannot be judged "
            '(too short a series) has an empty alarm and the note "not enough history". The '
            "default method auto uses per series and period the strongest method its history "
            "allows (nbcusum with 5 years, else ears-c2 with 9 periods) and names it in the "
            "method column; the summary counts the judged periods per method."
        ),
    ]
)


@signals_app.command("detect", help=DETECT_HELP)
def detect_cmd(
    counts: Path = typer.Argument(..., help=_("CSV with series,period,count.")),
    out: Path = typer.Option(..., "--out", help=_("Output file ALARMS.csv.")),
    since: str = typer.Option(
        None,
        "--since",
        help=_("First judged period, YYYY-MM-DD (default: the last year of data)."),
    ),
    method: str = typer.Option("auto", "--method", help=AUTO_HELP + METHOD_HELP),
    alpha: float = typer.Option(0.01, "--alpha", help=_("False-alarm level per period.")),
    years_back: int = typer.Option(
        None, "--years-back", help=_("Farrington's b, years of history (default 5).")
    ),
    min_cases: int = typer.Option(
        None,
        "--min-cases",
        help=_("No alarm below this many cases in the last 4 weeks (default 5; monthly 0)."),
    ),
) -> None:
    """``signals detect``: the help is DETECT_HELP (translated)."""
    from safetyplan.earlywarning import read_counts_csv
    from safetyplan.earlywarning.detect import summarise

    opts = _options(method, alpha, since, years_back, min_cases)
    if out.parent and not out.parent.exists():
        raise DataError(
            _("{path}: directory does not exist: {directory}").format(
                path=out, directory=out.parent
            )
        )
    with progress() as bar:
        bar.add_task(_("reading {what}").format(what=counts.name), total=None)
        panels = read_counts_csv(counts)
    result = _run_detect(panels, opts, counts.name)
    try:
        result.to_csv(out, index=False)
    except OSError as exc:
        raise DataError(
            _("{path}: cannot write: {error}").format(path=out, error=exc.strerror)
        ) from None
    s = summarise(result) if len(result) else {}
    console.print(
        _(
            "{series} series, {judged} judged periods, [bold]{alarms} alarms[/] in "
            "{with_alarm} series ({method}, alpha {alpha}) -> {out}"
        ).format(
            series=fmt.number(s.get("series", 0)),
            judged=fmt.number(s.get("judged", 0)),
            alarms=fmt.number(s.get("alarms", 0)),
            with_alarm=fmt.number(s.get("series_with_alarm", 0)),
            method=opts.method,
            alpha=fmt.number(opts.alpha, _decimals(opts.alpha)),
            out=out,
        )
    )
    if s.get("methods"):
        console.print(
            _("method: {counts}").format(
                counts=", ".join(
                    ngettext("{method} {n} period", "{method} {n} periods", n).format(
                        method=name, n=fmt.number(n)
                    )
                    for name, n in s["methods"].items()
                )
            )
        )
    if s.get("periods_not_judged"):
        err_console.print(
            "[yellow]"
            + _("{n} periods not judged: not enough history").format(
                n=fmt.number(s["periods_not_judged"])
            )
            + "[/] "
            + _("({n} series without any judgement)").format(
                n=fmt.number(s["series_not_enough_history"])
            )
        )


def _decimals(x: float) -> int:
    """Decimals to show *x* (an alpha such as 0.01 or 0.005) without rounding it away."""
    text = f"{x:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


# -- run on the real data ---------------------------------------------------------------------


RUN_HELP = "\n\n".join(
    [
        _("Early signals on the real data of the plan's area."),
        _(
            "Counts per municipality and crime type in the warehouse (the shipped data are "
            "loaded into an empty one) for the plan's municipalities, their predecessors and "
            "successors: monthly series (the 2011-2012 street robberies: too short for "
            "Farrington, so EARS C2 under auto) and yearly series (47018NED 2012-2025 per "
            "municipality and police crime class: under auto the NB-CUSUM calibrated on the "
            "yearly series, every year with 5 previous years)."
        ),
    ]
)


@signals_app.command("run", help=RUN_HELP)
def run_cmd(
    plan: Path = typer.Option(..., "--plan", help=_("Plan file (YAML).")),
    method: str = typer.Option(
        "auto",
        "--method",
        help=_("auto (what the history allows) or {methods}").format(methods=METHOD_HELP),
    ),
    alpha: float = typer.Option(0.01, "--alpha", help=_("False-alarm level per period.")),
    since: str = typer.Option(
        None,
        "--since",
        help=_("First judged period, YYYY-MM-DD (default: the last year of data)."),
    ),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
    all_periods: bool = typer.Option(
        False,
        "--all",
        help=_("Show every judged period, not only the alarms."),
    ),
    warehouse: Path = typer.Option(
        None,
        "--warehouse",
        help=_("DuckDB warehouse file (default: $SAFETYPLAN_HOME/warehouse.duckdb)."),
    ),
) -> None:
    """``signals run``: the help is RUN_HELP (translated)."""
    import pandas as pd

    from safetyplan.areas import load_registry
    from safetyplan.earlywarning.detect import summarise
    from safetyplan.plan import load_plan

    from .monitor_cmd import open_warehouse

    the_plan = load_plan(plan)
    _options("nbcusum" if method == "auto" else method, alpha, since, None, None)
    registry = load_registry()
    with open_warehouse(warehouse) as wh:
        facts = wh.facts(areas=sorted(plan_areas(the_plan, registry)))
    facts = facts[facts.measure.astype(str).str.startswith("registered:")]
    facts, notes = one_source_per_series(facts)
    parts, explanations = [], []
    for kind, source, opts, choice in _real_sources(facts, the_plan.title, method, alpha, since):
        what = _(FREQUENCY_LABELS[kind]) if kind in FREQUENCY_LABELS else kind
        parts.append(_run_detect(source.panels, opts, what).assign(frequency=kind))
        explanations.append(f"{what}: {choice.explanation}")
        notes += source.notes
    if not parts:
        raise DataError(
            _("{plan}: no monthly, weekly or yearly figures for the plan's area").format(plan=plan)
        )
    result = pd.concat(parts, ignore_index=True)
    split = result.series.str.partition(SERIES_SEPARATOR)
    result.insert(1, "area", split[0])
    result.insert(2, "area_name", [_name(registry, a) for a in split[0]])
    result.insert(3, "measure", split[2])
    summary = summarise(result)
    shown = result if all_periods else result[result.alarm.fillna(0) == 1]
    if format is OutputFormat.json:
        print_json(
            {
                "plan": the_plan.title,
                "alpha": alpha,
                "explanation": explanations,
                "notes": notes,
                "summary": summary,
                "rows": _records(shown),
            }
        )
        return
    for line in explanations + notes:
        console.print(line)
    print_table(_alarm_table(shown, the_plan.title, all_periods))
    console.print(
        _(
            "{series} series, {judged} judged, [bold]{alarms} alarms[/], "
            "{not_judged} not judged (not enough history)"
        ).format(
            series=fmt.number(summary["series"]),
            judged=fmt.number(summary["judged"]),
            alarms=fmt.number(summary["alarms"]),
            not_judged=fmt.number(summary["periods_not_judged"]),
        )
    )


SERIES_SEPARATOR = " | "


def one_source_per_series(facts):
    from safetyplan.earlywarning.realdata import one_source_per_series as pick

    return pick(facts)


def plan_areas(the_plan, registry):
    from safetyplan.earlywarning.realdata import plan_areas as areas

    return areas(the_plan, registry)


def _real_sources(facts, title: str, method: str, alpha: float, since: str | None):
    """(label, source, options, method choice) for the sub-annual and the yearly series."""
    from safetyplan.earlywarning.realdata import (
        YEARLY_METHOD,
        MethodChoice,
        choose_method,
        facts_to_source,
        judge_all_years,
        yearly_source,
    )

    period = facts["period"].astype(str)
    sub_annual = facts[~period.str.fullmatch(r"\d{4}")]
    method = method.strip().lower()
    if not sub_annual.empty:
        source = facts_to_source(sub_annual, f"warehouse ({title})")
        base = _options("nbcusum" if method == "auto" else method, alpha, since, None, None)
        choice = choose_method(source, method, base)
        label = source.panels[0].freq
        yield label, source, _options(choice.method, alpha, since, None, None), choice
    yearly = yearly_source(facts, f"warehouse ({title})")
    if yearly is not None:
        chosen = YEARLY_METHOD if method == "auto" else method
        opts = _options(chosen, alpha, since, None, None)
        if since is None:
            opts = judge_all_years(yearly, opts)
        first, last = yearly.periods
        years_back = opts.farrington_settings("year").years_back
        choice = MethodChoice(
            chosen,
            ngettext(
                "{first}..{last}, {method} (b = {b} year)",
                "{first}..{last}, {method} (b = {b} years)",
                years_back,
            ).format(first=first.year, last=last.year, method=chosen, b=years_back),
            True,
        )
        yield "year", yearly, opts, choice


def _name(registry, code: str) -> str:
    try:
        return registry.name(code) or code
    except DataError:
        return code


def _records(frame: pd.DataFrame) -> list[dict]:
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    for r in records:
        if r.get("alarm") is not None:
            r["alarm"] = bool(r["alarm"])
    return records


def _alarm_table(rows: pd.DataFrame, title: str, all_periods: bool) -> Table:
    import pandas as pd

    what = _("judged periods") if all_periods else _("alarms")
    table = Table(title=f"{title}: {what}")
    for col, justify in [
        (_("Municipality"), "left"),
        (_("Measure"), "left"),
        (_("Period"), "left"),
        (_("Count"), "right"),
        (_("Expected"), "right"),
        (_("Threshold"), "right"),
        (_("Alarm"), "left"),
        ("p", "right"),
        (pgettext("signals table", "Method"), "left"),
    ]:
        table.add_column(col, justify=justify)
    for r in rows.itertuples(index=False):
        alarm = (
            "–" if pd.isna(r.alarm) else ("[bold red]" + _("yes") + "[/]" if r.alarm else _("no"))
        )
        period = r.period[:4] if r.frequency == "year" else r.period
        table.add_row(
            f"{r.area_name} ({r.area})",
            r.measure,
            period,
            fmt.number(r.count),
            _num(r.expected, 1),
            _num(r.threshold, 1),
            alarm,
            _num(r.pvalue, 4),
            r.method,
        )
    if rows.empty:
        table.caption = _("no alarms")
    return table


def _num(value, digits: int) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return "–"
    return fmt.number(value, digits)


# -- compstat ---------------------------------------------------------------------------------


COMPSTAT_HELP = "\n\n".join(
    [
        _("CompStat: last week, 28 days and year to date against a year earlier."),
        _(
            "Per area and crime type the last week, the last 28 days and the year to date "
            "against the same period a year earlier, and the last week and 28 days against "
            "the week and 28 days just before (so data shorter than a year still compare), "
            "with z = 2*(sqrt(now) - sqrt(before)): |z| > 2 notable, |z| > 3 strong. A window "
            'before the start of the data is "no comparison", never zero; --notable leaves '
            "those out."
        ),
    ]
)


@signals_app.command("compstat", help=COMPSTAT_HELP)
def compstat_cmd(
    incidents: Path = typer.Argument(
        None,
        help=_(
            "Incidents CSV with occurred_at, crime_type and area (or municipality, buurt); "
            "default: the shipped Rotterdam street robberies 2011-2012."
        ),
    ),
    as_of: str = typer.Option(
        None, "--as-of", help=_("As-of date, YYYY-MM-DD (default: the last incident's day).")
    ),
    area_column: str = typer.Option(
        None,
        "--area-column",
        help=_("The area column (default: area, municipality or buurt)."),
    ),
    notable: bool = typer.Option(False, "--notable", help=_("Only notable changes (|z| > 2).")),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", help=_("table or json.")),
) -> None:
    """``signals compstat``: the help is COMPSTAT_HELP (translated)."""
    from safetyplan.earlywarning import compstat
    from safetyplan.earlywarning.compstat import notable as notable_rows
    from safetyplan.earlywarning.incidents import read_incidents, street_robberies

    day = parse_date(as_of, "--as-of")
    if incidents is None:
        data, skipped = street_robberies()
        label = _("shipped street robberies 2011-2012")
    else:
        data, skipped = read_incidents(incidents, area_column=area_column), 0
        label = str(incidents)
    table = compstat(data, day)
    if notable:
        table = notable_rows(table)
    names = _area_names(table.area.unique())
    table.insert(1, "area_name", table.area.map(names))
    if format is OutputFormat.json:
        print_json(
            {
                "source": label,
                "as_of": (day or data.day.max().date()).isoformat(),
                "skipped_incidents": skipped,
                "rows": _records(table),
            }
        )
        return
    if skipped:
        err_console.print(
            "[dim]"
            + ngettext(
                "{n} incident without a date or place skipped",
                "{n} incidents without a date or place skipped",
                skipped,
            ).format(n=fmt.number(skipped))
            + "[/]"
        )
    print_table(_compstat_table(table, label))


def _area_names(codes) -> dict[str, str]:
    from safetyplan.areas import load_registry

    registry = load_registry()
    names = {}
    for code in codes:
        try:
            names[code] = registry.name(code) or code
        except DataError:
            names[code] = code
    return names


def _compstat_table(rows: pd.DataFrame, label: str) -> Table:
    import pandas as pd

    from safetyplan.earlywarning.compstat import ALL_TYPES, all_types_label

    table = Table(title=f"CompStat: {label}")
    for col, justify in [
        (_("Area"), "left"),
        (_("Crime type"), "left"),
        (_("Window"), "left"),
        (_("Now"), "right"),
        (_("Before"), "right"),
        ("%", "right"),
        ("z", "right"),
        (_("Judgement"), "left"),
    ]:
        table.add_column(col, justify=justify)
    styles = {
        "strong_rise": "bold red",
        "rise": "red",
        "fall": "green",
        "strong_fall": "bold green",
        "no_comparison": "dim",
    }
    for r in rows.itertuples(index=False):
        style = styles.get(r.judgement, "")
        before = _("no data") if pd.isna(r.before) else fmt.number(r.before)
        pct = "–" if pd.isna(r.change_pct) else f"{fmt.number(r.change_pct, 1)}%"
        z = "–" if pd.isna(r.z) else fmt.number(r.z, 2)
        table.add_row(
            f"{r.area_name} ({r.area})",
            all_types_label() if r.crime_type == ALL_TYPES else r.crime_type,
            r.window_label,
            fmt.number(r.now),
            before,
            pct,
            z,
            f"[{style}]{r.judgement_label}[/]" if style else r.judgement_label,
        )
    if rows.empty:
        table.caption = _("no rows")
    return table
