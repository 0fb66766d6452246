# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The report's sections that other layers compute: service-promise compliance and early
signals, both read from the warehouse (plain Python, no Django).

- :func:`service_from_facts`: the compliance facts that ``safetyplan service facts`` loads
  (``service:<standard>:due`` and ``:met``) for the report year;
- :func:`signals_from_facts`: the year's alarms of the early-warning engine
  (:func:`safetyplan.earlywarning.detect`) on the warehouse's monthly, weekly and yearly crime
  counts.

Each returns ``(rows, note)``: rows ``None`` means "no figures", and ``note`` then says why in
the report's language (never an empty table that looks like "all is well").
"""

from __future__ import annotations

import re

import pandas as pd

from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _

from .i18n import Formatter

_MONTH = re.compile(r"^\d{4}-\d{2}$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
SIGNAL_MEASURE_PREFIX = "registered:"  # crime counts: what the detectors are made for
SHORT_HISTORY_METHOD = "ears-c2"  # when the default lacks its years of history
SERIES_KINDS = {
    "month": i18n.N_("monthly series"),
    "week": i18n.N_("weekly series"),
    "year": i18n.N_("yearly series"),
}


def service_from_facts(plan, facts, year: int, fmt: Formatter) -> tuple[list[dict] | None, str]:
    """Per service standard of the plan: due, met and percentage met in ``year`` for the
    region (the police unit's code when the facts have it, else the sum over the plan's
    municipalities; yearly figures, else the sum of the year's months)."""
    with i18n.override(fmt.lang):
        return _service_from_facts(plan, facts, year, fmt)


def _service_from_facts(plan, facts, year: int, fmt: Formatter) -> tuple[list[dict] | None, str]:
    standards = list(plan.service_standards)
    if not standards:
        return None, _("The plan has no service promises.")
    measures = [f"service:{s.id}:{what}" for s in standards for what in ("due", "met")]
    no_facts = _(
        "No data: the warehouse has no compliance figures for {year} (load them with "
        "'safetyplan service facts --load'). The plan's promises:"
    ).format(year=year)
    rows = facts.facts(measures=measures)
    if rows is None or len(rows) == 0:
        return None, no_facts
    rows = rows[rows["period"].astype(str).str.startswith(str(year))]
    out = []
    for s in standards:
        due = _year_total(rows, f"service:{s.id}:due", year, plan)
        met = _year_total(rows, f"service:{s.id}:met", year, plan)
        if due is None:
            continue
        out.append(
            {
                "name": s.text("name", fmt.lang),
                "due": due,
                "met": met or 0.0,
                "percentage": 100 * (met or 0.0) / due if due else None,
                "target_share": s.target_share,
            }
        )
    if not out:
        return None, no_facts
    return out, ""


def _year_total(rows: pd.DataFrame, measure: str, year: int, plan) -> float | None:
    sub = rows[rows["measure"] == measure]
    if sub.empty:
        return None
    unit = plan.region.police_unit
    areas = [unit] if unit and (sub["area"] == unit).any() else list(plan.region.municipalities)
    sub = sub[sub["area"].isin(areas)]
    yearly = sub[sub["period"].astype(str) == str(year)]
    chosen = yearly if not yearly.empty else sub[sub["period"].astype(str).str.match(_MONTH)]
    if chosen.empty:
        return None
    # several sources may carry the same figure: take one per area and period
    chosen = chosen.sort_values(["area", "period", "source"]).drop_duplicates(["area", "period"])
    return float(chosen["value"].sum())


def signals_from_facts(
    plan, facts, year: int, fmt: Formatter, registry=None
) -> tuple[list[dict] | None, str]:
    """The alarms of ``year`` on the warehouse's crime counts (``registered:*``) for the plan's
    municipalities, their predecessors and successors, one source per series:

    - monthly or weekly series: the engine's default method where there is enough history,
      else EARS C2;
    - yearly series (e.g. 47018NED per municipality and crime class): the engine's yearly
      method (Farrington on the previous years), where the engine offers it.

    The note says which methods judged how many series."""
    with i18n.override(fmt.lang):
        return _signals_from_facts(plan, facts, year, fmt, registry)


def _signals_from_facts(
    plan, facts, year: int, fmt: Formatter, registry=None
) -> tuple[list[dict] | None, str]:
    try:
        import safetyplan.earlywarning  # noqa: F401
    except ImportError as exc:  # the engine is optional for the report
        return None, _(
            "Not available: the early-warning engine is not installed ({error})."
        ).format(error=exc)
    counts = _signal_counts(plan, facts, year, registry)
    if counts is None:
        return None, _(
            "No data: the warehouse has no crime counts for {year} in the plan's area."
        ).format(year=year)
    since = pd.Timestamp(year=year, month=1, day=1)
    names = _series_names(plan, registry, fmt)
    rows, notes = [], []
    try:
        for kind, alarms, method in _judge(counts, since):
            judged = _judged(alarms)
            if not judged.any():
                continue
            hits = alarms[judged & (alarms["alarm"] == True)]  # noqa: E712 (nullable ints)
            hits = hits[pd.to_datetime(hits["period"]).dt.year == year]
            found = sorted(
                (((pd.Timestamp(r.period), names(str(r.series))), r) for r in hits.itertuples()),
                key=lambda pair: pair[0],
            )
            rows += [
                {
                    "series": name,
                    "period": _period_text(when, kind, fmt),
                    "count": float(r.count),
                    "expected": float(r.expected),
                    "threshold": float(r.threshold),
                }
                for (when, name), r in found
            ]
            notes.append(
                _(
                    "Method {method} on {series} {kind} (area x crime type) from the warehouse; "
                    "judged: {year}."
                ).format(
                    method=method,
                    kind=i18n.gettext(SERIES_KINDS[kind]),
                    series=int(alarms.loc[judged, "series"].nunique()),
                    year=year,
                )
            )
    except SafetyplanError as exc:
        return None, _("Not available: the early-warning engine failed: {error}").format(error=exc)
    if not notes:
        return None, _(
            "No data: the series are too short to judge {year} (not enough history)."
        ).format(year=year)
    return rows, " ".join(notes)


def _judge(counts: pd.DataFrame, since: pd.Timestamp):
    """(kind, alarms, method) for the sub-annual series and for the yearly ones."""
    from safetyplan.earlywarning import DetectOptions, counts_from_frame, detect
    from safetyplan.earlywarning.detect import BASELINE_METHOD
    from safetyplan.earlywarning.realdata import YEARLY_METHOD, yearly_source

    period = counts["period"].astype(str)
    sub = counts[period.str.match(_MONTH) | period.str.match(_WEEK)]
    if (sub["period"].astype(str).str[:4] == str(since.year)).any():
        frame = pd.DataFrame(
            {
                "series": sub["series"],
                "period": sub["period"].astype(str),
                "count": sub["value"].map(lambda v: f"{v:g}"),
            }
        )
        panels = counts_from_frame(frame, source="warehouse")
        method = BASELINE_METHOD
        alarms = detect(panels, DetectOptions(method=method, since=since))
        if not _judged(alarms).any():  # too short for the default: the short-history method
            method = SHORT_HISTORY_METHOD
            alarms = detect(panels, DetectOptions(method=method, since=since))
        kind = "month" if frame["period"].str.match(_MONTH).all() else "week"
        yield kind, alarms, method
    yearly = counts[period.str.fullmatch(r"\d{4}")]
    if (yearly["period"].astype(str) == str(since.year)).any():
        source = yearly_source(yearly[["area", "period", "measure", "value"]], "warehouse")
        if source is not None:
            yield (
                "year",
                detect(source.panels, DetectOptions(method=YEARLY_METHOD, since=since)),
                YEARLY_METHOD,
            )


def _judged(alarms: pd.DataFrame) -> pd.Series:
    return alarms["alarm"].notna() if len(alarms) else pd.Series([], dtype=bool)


def _signal_counts(plan, facts, year: int, registry) -> pd.DataFrame | None:
    """``area, measure, period, value, series`` of the plan's areas up to the end of
    ``year``, each series (area x measure) from one source (the one with the most periods,
    so that no series mixes or doubles sources); None when ``year`` has no crime counts."""
    rows = facts.facts(areas=sorted(_plan_areas(plan, registry)))
    if rows is None or len(rows) == 0:
        return None
    rows = rows[
        rows["measure"].astype(str).str.startswith(SIGNAL_MEASURE_PREFIX) & rows["value"].notna()
    ]
    rows = rows[rows["period"].astype(str).str[:4].astype(int) <= year]
    if rows.empty or not (rows["period"].astype(str).str[:4] == str(year)).any():
        return None
    from safetyplan.earlywarning.realdata import one_source_per_series

    rows, _ = one_source_per_series(rows)
    rows = rows.sort_values(["measure", "area", "period"]).reset_index(drop=True)
    rows["series"] = rows["area"].astype(str) + " | " + rows["measure"].astype(str)
    return rows


def _plan_areas(plan, registry) -> set[str]:
    """The plan's municipalities and, through the merger history, their predecessors (older
    series use the codes of their time) and successors (47018NED is republished on the 2024
    boundaries)."""
    codes = set(plan.region.municipalities)
    out = set(codes)
    for lookup, side in (("predecessors", "predecessor"), ("successors", "successor")):
        step = getattr(registry, lookup, None)
        frontier = list(codes)
        while step and frontier:
            for merger in step(frontier.pop()):
                other = getattr(merger, side)
                if other not in out:
                    out.add(other)
                    frontier.append(other)
    return out


# The police classes of 47018NED that the shipped data hold: the publisher's (CBS/Politie)
# own names, Dutch in every language of the report (its method section says so).
POLICE_CLASSES = {
    "1.1.1": "Diefstal/inbraak woning",
    "1.1.2": "Diefstal/inbraak box/garage/schuur",
    "1.2.1": "Diefstal uit/vanaf motorvoertuigen",
    "1.2.2": "Diefstal van motorvoertuigen",
    "1.2.3": "Diefstal van brom-, snor-, fietsen",
    "1.4.2": "Moord, doodslag",
    "1.4.4": "Bedreiging",
    "1.4.5": "Mishandeling",
    "1.4.6": "Straatroof",
    "1.4.7": "Overval",
    "2.2.1": "Vernieling cq. zaakbeschadiging",
    "2.5.1": "Diefstal/inbraak bedrijven en instellingen",
    "3.1.1": "Drugshandel",
    "3.1.3": "Wapenhandel",
    "totaal": "Totaal misdrijven",
}


def _series_names(plan, registry, fmt: Formatter):
    labels = {i.measure: i.text("name", fmt.lang) for i in plan.indicators if i.measure}
    name_of = getattr(registry, "name", None)

    def measure_label(measure: str) -> str:
        if measure in labels:
            return labels[measure]
        kind, _, code = measure.partition(":pol:")
        if kind == "registered" and code in POLICE_CLASSES:
            return f"{POLICE_CLASSES[code]} ({code})"
        return measure

    def name(series: str) -> str:
        area, _, measure = series.partition(" | ")
        try:
            place = (name_of(area) if name_of else None) or area
        except SafetyplanError:  # a code the registry does not know
            place = area
        return f"{place} — {measure_label(measure)}"

    return name


def _period_text(period, kind: str, fmt: Formatter) -> str:
    day = pd.Timestamp(period)
    if kind == "year":
        return str(day.year)
    if kind == "month":
        return f"{fmt.month(day.month)} {day.year}"
    return _("week of {date}").format(date=fmt.date(day.date()))


def warehouse_supplements(
    plan, facts, year: int, lang: str | None = None, registry=None, kind: str = "annual"
):
    """:class:`Supplements` with the sections the warehouse can give: service compliance
    (annual report only) and the year's early signals, each with its note, in *lang*
    (default: the active language)."""
    from .build import Supplements

    with i18n.override(lang or i18n.active()) as language:
        fmt = Formatter(language)
        supplements = Supplements()
        if kind == "annual":
            supplements.service, supplements.notes["service"] = service_from_facts(
                plan, facts, year, fmt
            )
        supplements.signals, supplements.notes["signals"] = signals_from_facts(
            plan, facts, year, fmt, registry
        )
    return supplements
