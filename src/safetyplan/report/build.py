# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Assemble a report's content from the plan, the warehouse and the monitor.

:func:`build_report` returns plain data (dicts, lists, formatted strings, chart SVGs) that the
Jinja2 templates lay out; every figure is formatted here, in the report's language, after
disclosure control. Nothing here depends on the time of day except ``produced_on``, which the
caller fixes (or ``SOURCE_DATE_EPOCH``), so the same inputs give the same report.

Sections that belong to other parts of the system (the annual plan's activities, service
promise compliance, early-warning signals) come in through :class:`Supplements`; when a
caller supplies none, the report says the section is not available yet.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from safetyplan import charts, i18n
from safetyplan.errors import SafetyplanError
from safetyplan.evaluation.plan_eval import in_language
from safetyplan.i18n import _
from safetyplan.monitor import STATUSES, GoalResult, evaluate_plan
from safetyplan.plan import Plan

from . import boundaries
from .disclosure import SUPPRESSED_SECONDARY, DisclosurePolicy, suppress_column
from .evaluation import evaluation_chapter
from .i18n import NONE, Formatter
from .provenance import provenance_summary

KINDS = ("annual", "quarter")
MAX_MAPS = 3
MIN_MAP_AREAS = 3  # municipalities with a rate before a map is drawn
STATUS_CLASSES = {
    "achieved": "achieved",
    "on track": "on-track",
    "at risk": "at-risk",
    "off track": "off-track",
    "no data": "no-data",
    "target pending": "pending",
}


@dataclass(frozen=True)
class ReportOptions:
    year: int
    kind: str = "annual"
    lang: str | None = None  # default: the active language (SAFETYPLAN_LANG, --lang, Dutch)
    disclosure: DisclosurePolicy = field(default_factory=DisclosurePolicy)
    produced_on: dt.date | None = None  # default: SOURCE_DATE_EPOCH, else today
    with_maps: bool = True


@dataclass
class Supplements:
    """Sections supplied by other layers (e.g. the web application). None = not available.

    - ``activities``: ``[{title, owner, status, progress, due, goals}]`` (progress 0-100,
      due a date or None, status a display label);
    - ``service``: ``[{name, due, met, late, open_overdue, percentage, target_share}]``;
    - ``signals``: ``[{series, period, count, expected, threshold}]`` (the year's alarms);
    - ``allocation``: a division of police strength (``safetyplan.allocation.Allocation``);
    - ``notes``: per section (``activities``, ``service``, ``signals``) a sentence for the
      reader: why there are no figures, or how they were made.

    :func:`safetyplan.report.supplements` computes service and signals from the warehouse.
    """

    activities: list[dict] | None = None
    service: list[dict] | None = None
    signals: list[dict] | None = None
    allocation: Any = None  # a safetyplan.allocation.Allocation: an optional extra section
    notes: dict[str, str] = field(default_factory=dict)  # section -> why it is missing / how


def produced_on_default() -> dt.date:
    """The report date: SOURCE_DATE_EPOCH (reproducible builds) or today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except ValueError as exc:
            raise SafetyplanError(
                _("SOURCE_DATE_EPOCH={value}: not a Unix time").format(value=repr(epoch))
            ) from exc
    return dt.date.today()


def build_report(
    plan: Plan,
    facts: Any,
    options: ReportOptions,
    registry: Any = None,
    supplements: Supplements | None = None,
    progress=None,
) -> dict:
    """The report's content as plain data for the templates, in the report's language:
    everything made here (the monitor's reasons, labels, numbers) speaks ``options.lang``."""
    lang = i18n.check_language(options.lang) if options.lang else i18n.active()
    with i18n.override(lang):
        return _build_report(plan, facts, options, lang, registry, supplements, progress)


def _build_report(
    plan: Plan,
    facts: Any,
    options: ReportOptions,
    lang: str,
    registry: Any,
    supplements: Supplements | None,
    progress,
) -> dict:
    if options.kind not in KINDS:
        raise SafetyplanError(
            _("--kind {kind}: choose one of {choices}").format(
                kind=repr(options.kind), choices=", ".join(KINDS)
            )
        )
    step = progress or (lambda *_: None)
    if registry is None:
        from safetyplan.areas import load_registry

        registry = load_registry()
    fmt = Formatter(lang)
    policy = options.disclosure
    supplements = supplements or Supplements()
    year = options.year

    step(_("goal monitor"), 0)
    results = evaluate_plan(plan, facts, year, registry)
    previous = {r.goal: r for r in evaluate_plan(plan, facts, year - 1, registry)}
    populations = _populations(facts, year)
    annual = options.kind == "annual"

    step(_("charts"), 1)
    goals = [
        _goal_block(
            plan, r, previous.get(r.goal), populations, registry, fmt, policy, with_table=annual
        )
        for r in results
    ]
    step(_("maps"), 2)
    maps = _maps(goals, fmt, plan.region.municipalities) if annual and options.with_maps else []
    produced_on = options.produced_on or produced_on_default()
    title = _("Annual report {year}") if annual else _("Quarterly monitor {year}")
    n_municipalities = len(plan.region.municipalities)
    return {
        "lang": lang,
        "kind": options.kind,
        "public": policy.active,
        "meta": {
            "title": title.format(year=year),
            "subtitle": _("As of {date}").format(date=fmt.date(produced_on))
            if not annual
            else None,
            "plan_title": plan.text("title", lang),
            "region": plan.region.text("name", lang),
            "municipalities": i18n.ngettext(
                "{n} municipality", "{n} municipalities", n_municipalities
            ).format(n=n_municipalities),
            "period": f"{plan.period.start}–{plan.period.end}",
            "produced_on": fmt.date(produced_on),
            "produced_iso": produced_on.isoformat(),
            "version": (
                _("Public version: small counts are suppressed")
                if policy.active
                else _("Internal version: not for publication (small counts not suppressed)")
            ),
            "year": year,
        },
        "status_counts": _status_counts(results, fmt),
        "summary": _summary(plan, goals, fmt),
        # headings with a figure or a '%' in them: the template's _() would read '%' as a
        # format character
        "summary_head": {
            "title": _("Summary: all goals in {year}").format(year=year),
            "intro": _(
                "Per goal the plan's baseline and target, the trajectory value for {year}, the "
                "actual on the plan's territory, the forecast for the target year with an 80% "
                "interval, and the status."
            ).format(year=year),
            "trajectory": _("Trajectory {year}").format(year=year),
            "actual": _("Actual {year}").format(year=year),
            "forecast": _("Forecast [80%]"),
            "national": _("Netherlands {year}").format(year=year),
        },
        "objectives": _objectives(plan, goals, fmt),
        "themes": _themes(plan, goals, fmt),
        "maps": maps,
        "maps_unavailable": annual
        and options.with_maps
        and not maps
        and any(g["table"] for g in goals),
        "activities": (
            _activities(supplements.activities, fmt, supplements.notes.get("activities"))
            if annual
            else None
        ),
        "service": (
            _service(plan, supplements.service, fmt, policy, supplements.notes.get("service"))
            if annual
            else None
        ),
        "signals": _signals(
            supplements.signals, fmt, year, supplements.notes.get("signals"), policy
        ),
        "allocation": (
            _allocation(supplements.allocation, fmt) if supplements.allocation is not None else None
        ),
        # the plan's evaluation years only (report/evaluation.py, _evaluation.html.j2)
        "evaluation": (
            evaluation_chapter(plan, facts, year, fmt, policy, registry) if annual else None
        ),
        "appendix": _appendix(plan, goals, facts, fmt, policy),
        "legend": {
            "small": _("{label} suppressed small count (1 to {n})").format(
                label=policy.small_label, n=policy.min_count - 1
            ),
        },
    }


# --- per goal ---------------------------------------------------------------------------------


def _goal_block(
    plan: Plan,
    r: GoalResult,
    prev: GoalResult | None,
    populations: dict,
    registry,
    fmt: Formatter,
    policy: DisclosurePolicy,
    with_table: bool,
) -> dict:
    goal = plan.goal(r.goal)
    indicator = plan.indicator(r.indicator)
    name = indicator.text("name", fmt.lang) or indicator.name
    is_count = r.unit == "count"

    def shown(value: float | None, missing: str = NONE) -> str:
        if is_count and policy.is_small_count(value):
            return policy.small_label
        return fmt.value(value, r.unit, missing=missing)

    actual = shown(r.actual, missing=_("no data"))
    markers = ("~" if r.approximate else "") + ("*" if r.provisional else "")
    forecast_hidden = is_count and any(
        policy.is_small_count(v) for v in (r.forecast, r.forecast_low, r.forecast_high)
    )
    block = {
        "id": r.goal,
        "name": name,
        "theme": r.theme,
        "unit": r.unit,
        "status": r.status,
        "status_label": fmt.status(r.status),
        "status_class": STATUS_CLASSES.get(r.status, "no-data"),
        "baseline": (
            f"{fmt.value(r.baseline, r.unit)} ({r.baseline_year})"
            if r.baseline is not None
            else NONE
        ),
        "target": (
            f"{fmt.value(r.target, r.unit)} ({r.target_year})" if r.target is not None else NONE
        ),
        "expected": fmt.value(r.expected, r.unit),
        "actual": actual,
        "actual_markers": markers if r.actual is not None else "",
        "forecast": _forecast_text(r, fmt, forecast_hidden),
        "forecast_value": (
            fmt.value(r.forecast, r.unit)
            if r.forecast is not None and not forecast_hidden
            else NONE
        ),
        "forecast_interval": (
            f"[{fmt.value(r.forecast_low, r.unit)}–{fmt.value(r.forecast_high, r.unit)}]"
            if r.forecast is not None
            and not forecast_hidden
            and r.forecast_low is not None
            and r.forecast_low != r.forecast_high
            else None
        ),
        "sentence": _(
            "Baseline {baseline_year}: {baseline}. Target {target_year}: {target}. "
            "Trajectory {year}: {expected}. Actual {year}: {actual}."
        ).format(
            baseline_year=r.baseline_year or NONE,
            baseline=fmt.value(r.baseline, r.unit),
            target_year=r.target_year,
            target=fmt.value(r.target, r.unit),
            year=r.year,
            expected=fmt.value(r.expected, r.unit),
            actual=actual + markers if r.actual is not None else actual,
        ),
        "forecast_sentence": (
            _("Forecast {target_year}: {forecast} (80% interval {low} to {high}).").format(
                target_year=r.target_year,
                forecast=fmt.value(r.forecast, r.unit),
                low=fmt.value(r.forecast_low, r.unit),
                high=fmt.value(r.forecast_high, r.unit),
            )
            if r.forecast is not None and not forecast_hidden
            else None
        ),
        "reason": _reason(goal, r, fmt.lang),
        "fill": _fill_lines(r, fmt),
        "result": r,
        "indicator": indicator,
        "table": (
            _municipal_table(plan, r, prev, populations, registry, fmt, policy)
            if with_table
            else None
        ),
    }
    block["chart"] = _goal_chart(goal, r, fmt, policy, forecast_hidden, name)
    return block


def _fill_lines(r: GoalResult, fmt: Formatter) -> list[dict]:
    """Where a goal's missing figures come from, in the report's language (issue 19)."""
    with i18n.override(fmt.lang):
        return _fill_lines_in(r, fmt)


def _fill_lines_in(r: GoalResult, fmt: Formatter) -> list[dict]:
    en = fmt.lang == "en"
    lines = []
    for hint in r.fill:
        proxy = hint.get("proxy")
        lines.append(
            {
                "label": (
                    _("Public table {table}").format(table=hint["table"])
                    if hint["public"]
                    else _("No public table")
                ),
                "measure": hint["measure"],
                "text": hint["text_en"] if en else hint["text_nl"],
                "load": _("load with") if hint["public"] else _("load own figures with"),
                "commands": hint["commands"],
                "proxy": (
                    {
                        "text": (
                            f"{proxy['text_en']} {proxy['differences_en']}"
                            if en
                            else f"{proxy['text_nl']} {proxy['differences_nl']}"
                        ),
                        "commands": proxy["commands"],
                        "figure": _proxy_figure_text(proxy.get("figure"), fmt),
                    }
                    if proxy
                    else None
                ),
            }
        )
    return lines


def _proxy_figure_text(figure: dict | None, fmt: Formatter) -> str | None:
    if not figure:
        return None
    return _(
        "Approximation {year}: {value} ({cleared} of {registered} cleared); not the goal itself."
    ).format(
        year=figure["year"],
        value=fmt.value(figure["value"], "percent"),
        cleared=fmt.number(figure["cleared"]),
        registered=fmt.number(figure["registered"]),
    )


def _forecast_text(r: GoalResult, fmt: Formatter, hidden: bool) -> str:
    if r.forecast is None or hidden:
        return NONE
    if r.forecast_low is None or r.forecast_low == r.forecast_high:
        return fmt.value(r.forecast, r.unit)
    return (
        f"{fmt.value(r.forecast, r.unit)} "
        f"[{fmt.value(r.forecast_low, r.unit)}–{fmt.value(r.forecast_high, r.unit)}]"
    )


def _goal_chart(
    goal, r: GoalResult, fmt: Formatter, policy: DisclosurePolicy, forecast_hidden: bool, name: str
) -> dict | None:
    data = r.to_dict()
    data["series"] = {int(y): v for y, v in r.series.items() if y <= r.year}
    if forecast_hidden:
        data["forecast"] = None
    hide = (
        [y for y, v in data["series"].items() if policy.is_small_count(v)]
        if r.unit == "count"
        else []
    )
    trajectory = charts.trajectory_points(r.baseline_year, r.target_year, goal.expected)
    # one decimal where the ticks need it ("~" drops ",0"): a narrow range such as 10-12%
    # would else print the ticks 10, 10,5, 11 ... as "10, 11, 11, 12"
    value_format = ",.1~f"
    y_title = {"percent": "%", "eur": "€"}.get(r.unit)
    chart = charts.goal_chart(
        data, trajectory, lang=fmt.lang, hide=hide, value_format=value_format, y_title=y_title
    )
    if chart is None or not (data["series"] or trajectory):
        return None
    return {
        "src": _svg_data_uri(charts.to_svg(chart, fmt.lang)),
        "alt": _("Chart: actuals, the plan's trajectory and the forecast for {name}").format(
            name=name
        ),
    }


def _municipal_table(
    plan: Plan,
    r: GoalResult,
    prev: GoalResult | None,
    populations: dict,
    registry,
    fmt: Formatter,
    policy: DisclosurePolicy,
) -> dict | None:
    """Per municipality: last year, this year, change, inhabitants, rate per 1,000."""
    if not r.breakdown:
        return None
    now = {b["area"]: b for b in r.breakdown}
    before = {b["area"]: b["value"] for b in (prev.breakdown if prev else [])}
    weights = _weights(plan, registry, set(now), r.year)
    areas = sorted(now, key=lambda a: (now[a]["name"].casefold(), a))
    values = [now[a]["value"] for a in areas]
    prev_values = [before.get(a) for a in areas]
    marks = suppress_column(values, policy)
    prev_marks = suppress_column(prev_values, policy)
    rows, composed = [], False
    for i, area in enumerate(areas):
        value, weight = values[i], weights.get(area, 1.0)
        population = populations.get(area)
        if population is None:
            population = _composed_population(area, r.year, populations, registry)
            composed = composed or population is not None
        whole = value / weight if weight else None  # the municipality's own count
        rate_ok = (
            marks[i] is None
            and whole is not None
            and population
            and policy.rate_allowed(whole, population)
        )
        change = (
            100 * (value / prev_values[i] - 1)
            if prev_values[i] and marks[i] is None and prev_marks[i] is None
            else None
        )
        rows.append(
            {
                "name": now[area]["name"] + (" ~" if weight < 1 else ""),
                "area": area,
                "previous": prev_marks[i] or fmt.value(prev_values[i], r.unit),
                "value": marks[i] or fmt.value(value, r.unit),
                "change": fmt.change(change),
                "population": fmt.number(population) if population else _("no data"),
                "rate": fmt.number(1000 * whole / population, 1) if rate_ok else "—",
                "rate_value": 1000 * whole / population if rate_ok else None,
            }
        )
    total_prev = prev.actual if prev else None
    return {
        "head_previous": str(r.year - 1),
        "head_value": str(r.year),
        "rows": rows,
        "total": {
            "previous": fmt.value(total_prev, r.unit),
            "value": fmt.value(r.actual, r.unit, missing=_("no data")),
            "change": fmt.change(
                100 * (r.actual / total_prev - 1) if r.actual is not None and total_prev else None
            ),
        },
        "has_small": any(m and m != SUPPRESSED_SECONDARY for m in marks + prev_marks),
        "has_secondary": SUPPRESSED_SECONDARY in marks + prev_marks,
        "has_hidden_rate": any(row["rate"] == "—" for row in rows),
        "has_partial": any(w < 1 for w in weights.values()),
        "has_composed_population": composed,
    }


def _weights(plan: Plan, registry, available: set[str], year: int) -> dict[str, float]:
    """Which share of each data area belongs to the plan's territory (1.0 = all of it)."""
    compose = getattr(registry, "compose", None)
    if compose is None:
        return {}
    comp = compose(territory=list(plan.region.municipalities), available=available, year=year)
    return {a: float(w) for a, w in getattr(comp, "weights", {}).items()}


def _composed_population(area: str, year: int, populations: dict, registry) -> float | None:
    """Inhabitants of a municipality that did not exist yet in ``year`` (a table re-published
    on later boundaries): the sum over the municipalities it was formed from."""
    compose = getattr(registry, "compose", None)
    municipal = {a for a in populations if a.startswith("GM")}
    if compose is None or not municipal:
        return None
    try:
        comp = compose(territory=[area], available=municipal, year=year, measure="population")
    except SafetyplanError:
        return None
    if comp.missing or not comp.weights:
        return None
    return sum(w * populations[a] for a, w in comp.weights.items())


def _populations(facts, year: int) -> dict[str, float]:
    """Inhabitants per area for ``year`` (measure ``population``); {} when absent."""
    rows = facts.facts(measures=["population"], periods=[str(year)])
    if rows is None or len(rows) == 0:
        return {}
    rows = rows.sort_values(["area", "source"])
    first = rows.drop_duplicates("area", keep="first")
    return {str(a): float(v) for a, v in zip(first["area"], first["value"], strict=True)}


# --- sections -----------------------------------------------------------------------------------


def _status_counts(results: Sequence[GoalResult], fmt: Formatter) -> list[dict]:
    out = []
    for status in STATUSES:
        n = sum(r.status == status for r in results)
        if n:
            out.append({"label": fmt.status(status), "count": n, "class": STATUS_CLASSES[status]})
    return out


def _summary(plan: Plan, goals: list[dict], fmt: Formatter) -> list[dict]:
    """The summary table's rows, grouped by theme in the plan's order."""
    keys = (
        "id",
        "name",
        "baseline",
        "target",
        "expected",
        "actual",
        "actual_markers",
        "forecast_interval",
        "status_label",
        "status_class",
    )
    return [
        {
            "theme": theme["name"],
            "rows": [
                {k: g[k] for k in keys} | {"forecast": g["forecast_value"]} for g in theme["goals"]
            ],
        }
        for theme in _themes(plan, goals, fmt)
        if theme["goals"]
    ]


def _objectives(plan: Plan, goals: list[dict], fmt: Formatter) -> list[dict]:
    by_id = {g["id"]: g for g in goals}
    out = []
    for obj in plan.objectives:
        rows = []
        for gid in obj.goals:
            g = by_id.get(gid)
            if g is None:
                continue
            r: GoalResult = g["result"]
            since = _("since {year}").format(year=r.comparison_since) if r.comparison_since else ""
            rows.append(
                {
                    "name": g["name"],
                    "actual": g["actual"] + g["actual_markers"],
                    "national": fmt.value(r.national, r.unit, missing=_("no data")),
                    "territory_change": (
                        f"{fmt.change(r.territory_change_pct)} {since}".strip()
                        if r.territory_change_pct is not None
                        else NONE
                    ),
                    "national_change": (
                        f"{fmt.change(r.national_change_pct)} {since}".strip()
                        if r.national_change_pct is not None
                        else NONE
                    ),
                    "status_label": g["status_label"],
                    "status_class": g["status_class"],
                }
            )
        name = obj.text("name", fmt.lang)
        out.append({"name": name, "rows": rows})
    return out


def _themes(plan: Plan, goals: list[dict], fmt: Formatter) -> list[dict]:
    out = []
    for theme in plan.themes:
        out.append(
            {
                "id": theme.id,
                "name": theme.text("name", fmt.lang),
                "description": _given_in(theme, "description", fmt.lang),
                "goals": [g for g in goals if g["theme"] == theme.id],
            }
        )
    loose = [g for g in goals if g["theme"] is None]
    if loose:
        out.append(
            {
                "id": "other",
                "name": _("Other goals"),
                "description": None,
                "goals": loose,
            }
        )
    return out


def _maps(goals: list[dict], fmt: Formatter, territory: Sequence[str] = ()) -> list[dict]:
    """A choropleth per count goal with a municipal table (rates per 1,000 inhabitants), for
    goals with rates in at least MIN_MAP_AREAS municipalities (one coloured area compares
    nothing); the territory's other municipalities are drawn grey (geen gegevens)."""
    out = []
    for g in goals:
        table = g["table"]
        if g["unit"] != "count" or not table or len(out) >= MAX_MAPS:
            continue
        values = {row["area"]: row["rate_value"] for row in table["rows"]}
        if sum(v is not None for v in values.values()) < MIN_MAP_AREAS:
            continue
        features = boundaries.features_for(values, also=territory)
        if not features:
            continue
        year = g["result"].year
        chart = charts.municipal_choropleth(
            features, values, legend_title=_("Per 1,000 inhabitants"), lang=fmt.lang
        )
        if chart is None:
            continue
        out.append(
            {
                "title": _("Map: {name} per 1,000 inhabitants, {year}").format(
                    name=g["name"], year=year
                ),
                "src": _svg_data_uri(charts.to_svg(chart, fmt.lang)),
                "alt": _(
                    "Map of the territory's municipalities, coloured by {name} per 1,000 "
                    "inhabitants"
                ).format(name=g["name"]),
                "goal": g["id"],
            }
        )
    return out


def _activities(items: list[dict] | None, fmt: Formatter, note: str | None = None) -> dict:
    if items is None:
        return {"available": False, "rows": [], "note": note}
    rows = [
        {
            "title": a.get("title", ""),
            "owner": a.get("owner") or NONE,
            "status": a.get("status") or NONE,
            "progress": fmt.percent(a.get("progress")),
            "due": fmt.date(a["due"]) if isinstance(a.get("due"), dt.date) else NONE,
        }
        for a in items
    ]
    return {"available": True, "rows": rows, "note": note}


def _service(
    plan: Plan,
    items: list[dict] | None,
    fmt: Formatter,
    policy: DisclosurePolicy | None = None,
    note: str | None = None,
) -> dict:
    policy = policy or DisclosurePolicy()
    if items is None:
        rows = [
            {
                "name": s.text("name", fmt.lang),
                "promise": s.text("promise", fmt.lang),
                "target_share": fmt.percent(s.target_share),
            }
            for s in plan.service_standards
        ]
        return {"available": False, "standards": rows, "rows": [], "note": note}
    rows = []
    for s in items:
        small = policy.is_small_count(s.get("due")) or policy.is_small_count(s.get("met"))
        rows.append(
            {
                "name": s.get("name", ""),
                "due": _count(s.get("due"), policy, fmt),
                "met": _count(s.get("met"), policy, fmt),
                "percentage": "—"
                if small
                else fmt.percent(s.get("percentage"), 1, missing=_("no data")),
                "target_share": fmt.percent(s.get("target_share")),
            }
        )
    return {"available": True, "standards": [], "rows": rows, "note": note}


def _count(value, policy: DisclosurePolicy, fmt: Formatter) -> str:
    """A count as shown: the small-count label under the disclosure threshold."""
    return policy.small_label if policy.is_small_count(value) else fmt.number(value)


def _signals(
    items: list[dict] | None,
    fmt: Formatter,
    year: int,
    note: str | None = None,
    policy: DisclosurePolicy | None = None,
) -> dict:
    if items is None:
        return {"available": False, "rows": [], "none": None, "note": note}
    policy = policy or DisclosurePolicy()
    rows = [
        {
            "series": s.get("series", ""),
            "period": str(s.get("period", "")),
            "count": _count(s.get("count"), policy, fmt),
            "expected": fmt.number(s.get("expected"), 1),
            "threshold": fmt.number(s.get("threshold"), 1),
        }
        for s in items
    ]
    return {
        "available": True,
        "rows": rows,
        "note": note,
        "none": _("No signals in {year}.").format(year=year) if not rows else None,
    }


def _allocation(result: Any, fmt: Formatter, top: int = 2) -> dict:
    """A division of police strength (``safetyplan allocate``) as a table and a chart."""
    from safetyplan.allocation import assumption_lines

    scenario = result.scenario
    decimals = 0 if float(scenario.step) == 1 else 1
    names = {d.id: d.name for d in scenario.drivers}
    has_current = any(u.current_fte is not None for u in result.units)
    rows = []
    for u in sorted(result.units, key=lambda u: (-u.fte, u.name)):
        largest = sorted(u.drivers.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        bound = {"min": _("at minimum"), "max": _("at maximum")}.get(u.bound or "", "")
        rows.append(
            {
                "name": u.name,
                "workload_share": fmt.percent(u.workload_share, 1),
                "min": fmt.number(u.min_fte, decimals),
                "fte": fmt.number(u.fte, decimals),
                "bound": bound,
                "current": fmt.number(u.current_fte, decimals),
                "shift": fmt.change_abs(u.shift, decimals),
                "drivers": "; ".join(
                    f"{names.get(d, d)} {fmt.number(v, 1)}" for d, v in largest if v > 0
                ),
            }
        )
    title = getattr(scenario, f"title_{fmt.lang}", None) or scenario.title
    chart = charts.allocation_chart(
        [
            {"unit": u.name, "driver": names.get(d, d), "fte": v}
            for u in result.units
            for d, v in u.drivers.items()
            if v > 0
        ],
        lang=fmt.lang,
    )
    return {
        "intro": _(
            "Scenario '{title}': {available} FTE divided by workload (total {total} FTE, of "
            "which {fixed} FTE fixed parts)."
        ).format(
            title=title,
            available=fmt.number(result.available_fte, decimals),
            total=fmt.number(result.total_fte, decimals),
            fixed=fmt.number(result.total_fte - result.available_fte, decimals),
        ),
        "rows": rows,
        "has_current": has_current,
        "total": fmt.number(sum(u.fte for u in result.units), decimals),
        "chart": (
            {
                "src": _svg_data_uri(charts.to_svg(chart, fmt.lang)),
                "alt": _("Bar chart: strength per unit by workload driver"),
            }
            if chart is not None
            else None
        ),
        "assumptions": list(assumption_lines(scenario)) + list(result.notes),
    }


def _appendix(
    plan: Plan, goals: list[dict], facts, fmt: Formatter, policy: DisclosurePolicy
) -> dict:
    goal_rows = []
    used: set[str] = set()
    for g in goals:
        r: GoalResult = g["result"]
        ind = g["indicator"]
        definition = ind.measure or f"{ind.numerator} / {ind.denominator}"
        flags = []
        if r.provisional:
            flags.append(_("provisional"))
        if r.approximate:
            flags.append(_("territory approximation"))
        notes = [_plan_note(ind, note, fmt.lang) for note in r.notes]
        if ind.source_note:
            notes.insert(0, ind.text("source_note", fmt.lang))
        if g["reason"]:
            notes.append(g["reason"])
        if r.source:
            used.add(r.source)
        goal_rows.append(
            {
                "name": g["name"],
                "definition": definition,
                "source": r.source or NONE,
                "flags": ", ".join(flags),
                "notes": _dedupe(notes),
            }
        )
    if any(g["table"] for g in goals):
        used |= _population_sources(facts)
    status = {key.replace(" ", "_"): fmt.status(key).lower() for key in STATUS_CLASSES}
    method = [
        _(
            "Status: '{achieved}' when the actual already meets the target; '{on_track}' when "
            "the actual meets the trajectory or the forecast for the target year meets the "
            "target; '{at_risk}' when only the favourable end of the 80% interval meets it; "
            "'{off_track}' when even that misses; '{no_data}' when the year has no figure; "
            "'{target_pending}' when the plan gives no target."
        ).format(**status),
        _("Trajectory: the plan's yearly values, else a straight line from baseline to target."),
        _(
            "Where a figure is missing the report says '{no_data}': nothing is estimated or "
            "filled in."
        ).format(no_data=_("no data")),
        _(
            "Names of crime classes and data sets are the publishers' own (CBS, Politie): they "
            "are Dutch in every language of the report."
        ),
    ]
    method.append(
        _(
            "Suppression: counts from 1 to {n} are shown as '{label}'; rates per 1,000 "
            "inhabitants are left out for areas with fewer than {pop} inhabitants."
        ).format(
            n=policy.min_count - 1,
            label=policy.small_label,
            pop=fmt.number(policy.min_population),
        )
        if policy.active
        else _(
            "This internal version does not suppress small counts; use --public for publication."
        )
    )
    return {
        "goals": goal_rows,
        "datasets": [provenance_summary(s, lang=fmt.lang) for s in sorted(used)],
        "method": method,
    }


def _reason(goal, r: GoalResult, lang: str) -> str | None:
    """Why a goal has no status of its own, in the report's language: a pending target in
    the plan's words (its text in this language where the plan gives one), else the
    monitor's reason."""
    if r.status == "target pending" and goal.target.pending:
        return goal.target.text("pending", lang)
    return in_language(r.reason, lang) or None


def _plan_note(indicator, note: str, lang: str) -> str:
    """A monitor note; the indicator's definition note is the plan's text, taken from the
    plan in the report's language."""
    if indicator.definition_note and note == indicator.definition_note:
        return indicator.text("definition_note", lang)
    return in_language(note, lang)


def _given_in(item, field: str, lang: str) -> str | None:
    """An optional plan text only where the plan gives it in *lang* (``description_en``), or
    the plan's own text in the default language: an untranslated description is left out
    rather than shown in the other language."""
    own = getattr(item, f"{field}_{lang}", None)
    if own:
        return own
    return getattr(item, field, None) if lang == i18n.DEFAULT_LANGUAGE else None


def _population_sources(facts) -> set[str]:
    rows = facts.facts(measures=["population"])
    return set() if rows is None or len(rows) == 0 else {str(s) for s in rows["source"]}


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
