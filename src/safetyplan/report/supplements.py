"""The report's sections that other layers compute: service-promise compliance and early
signals, both read from the warehouse (plain Python, no Django).

- :func:`service_from_facts`: the compliance facts that ``safetyplan service facts`` loads
  (``service:<standard>:due`` and ``:met``) for the report year;
- :func:`signals_from_facts`: the year's alarms of the early-warning engine
  (:func:`safetyplan.signals.detect`) on the warehouse's monthly or weekly crime counts.

Each returns ``(rows, note)``: rows ``None`` means "no figures", and ``note`` then says why in
the report's language (never an empty table that looks like "all is well").
"""

from __future__ import annotations

import re

import pandas as pd

from safetyplan.errors import SafetyplanError

from .i18n import Formatter

_MONTH = re.compile(r"^\d{4}-\d{2}$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
SIGNAL_MEASURE_PREFIX = "registered:"  # crime counts: what the detectors are made for
SHORT_HISTORY_METHOD = "ears-c2"  # when the default lacks its years of history


def service_from_facts(plan, facts, year: int, fmt: Formatter) -> tuple[list[dict] | None, str]:
    """Per service standard of the plan: due, met and percentage met in ``year`` for the
    region (the police unit's code when the facts have it, else the sum over the plan's
    municipalities; yearly figures, else the sum of the year's months)."""
    standards = list(plan.service_standards)
    if not standards:
        return None, fmt.t("service_no_standards")
    measures = [f"service:{s.id}:{what}" for s in standards for what in ("due", "met")]
    rows = facts.facts(measures=measures)
    if rows is None or len(rows) == 0:
        return None, fmt.t("service_no_facts", year=year)
    rows = rows[rows["period"].astype(str).str.startswith(str(year))]
    out = []
    for s in standards:
        due = _year_total(rows, f"service:{s.id}:due", year, plan)
        met = _year_total(rows, f"service:{s.id}:met", year, plan)
        if due is None:
            continue
        out.append({"name": s.name if fmt.lang == "nl" else (s.name_en or s.name),
                    "due": due, "met": met or 0.0,
                    "percentage": 100 * (met or 0.0) / due if due else None,
                    "target_share": s.target_share})
    if not out:
        return None, fmt.t("service_no_facts", year=year)
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


def signals_from_facts(plan, facts, year: int, fmt: Formatter,
                       registry=None) -> tuple[list[dict] | None, str]:
    """The alarms of ``year`` on the warehouse's monthly or weekly crime counts for the plan's
    municipalities (and their predecessors). The engine's default method where there is
    enough history, else EARS C2; the note says which was used."""
    try:
        from safetyplan.signals import DEFAULT_METHOD, DetectOptions, counts_from_frame, detect
    except ImportError as exc:  # the engine is optional for the report
        return None, fmt.t("signals_engine_missing", error=str(exc))
    frame = _signal_counts(plan, facts, year, registry)
    if frame is None:
        return None, fmt.t("signals_no_series", year=year)
    try:
        panels = counts_from_frame(frame, source="warehouse")
        since = pd.Timestamp(year=year, month=1, day=1)
        alarms = detect(panels, DetectOptions(method=DEFAULT_METHOD, since=since))
        method = DEFAULT_METHOD
        if not _judged(alarms).any():
            alarms = detect(panels, DetectOptions(method=SHORT_HISTORY_METHOD, since=since))
            method = SHORT_HISTORY_METHOD
    except SafetyplanError as exc:
        return None, fmt.t("signals_failed", error=str(exc))
    judged = _judged(alarms)
    if not judged.any():
        return None, fmt.t("signals_no_history", year=year)
    hits = alarms[judged & (alarms["alarm"] == True)]  # noqa: E712 (nullable boolean)
    hits = hits[pd.to_datetime(hits["period"]).dt.year == year]
    names = _series_names(plan, registry)
    monthly = bool(frame["period"].str.match(_MONTH).all())
    rows = [{"series": names(str(r.series)), "period": _period_text(r.period, monthly, fmt),
             "count": float(r.count), "expected": float(r.expected),
             "threshold": float(r.threshold)}
            for r in hits.sort_values(["period", "series"]).itertuples()]
    n_series = int(alarms["series"].nunique())
    return rows, fmt.t("signals_method", method=method, series=n_series, year=year)


def _judged(alarms: pd.DataFrame) -> pd.Series:
    return alarms["alarm"].notna() if len(alarms) else pd.Series([], dtype=bool)


def _signal_counts(plan, facts, year: int, registry) -> pd.DataFrame | None:
    """``series,period,count`` of the plan's areas up to the end of ``year``; None when the
    year has no monthly or weekly figures."""
    rows = facts.facts(areas=sorted(_plan_areas(plan, registry)))
    if rows is None or len(rows) == 0:
        return None
    period = rows["period"].astype(str)
    sub = rows[rows["measure"].astype(str).str.startswith(SIGNAL_MEASURE_PREFIX)
               & (period.str.match(_MONTH) | period.str.match(_WEEK))]
    sub = sub[sub["period"].astype(str).str[:4].astype(int) <= year]
    if sub.empty or not (sub["period"].astype(str).str[:4] == str(year)).any():
        return None
    sub = sub.sort_values(["measure", "area", "period", "source"])
    sub = sub.drop_duplicates(["measure", "area", "period"])
    return pd.DataFrame({"series": sub["area"].astype(str) + " | " + sub["measure"].astype(str),
                         "period": sub["period"].astype(str),
                         "count": sub["value"].map(lambda v: f"{v:g}")})


def _plan_areas(plan, registry) -> set[str]:
    """The plan's municipalities and, through the merger history, their predecessors (older
    monthly series use the codes of their time)."""
    codes = set(plan.region.municipalities)
    predecessors = getattr(registry, "predecessors", None)
    frontier = list(codes)
    while predecessors and frontier:
        for merger in predecessors(frontier.pop()):
            if merger.predecessor not in codes:
                codes.add(merger.predecessor)
                frontier.append(merger.predecessor)
    return codes


def _series_names(plan, registry):
    labels = {i.measure: i.name for i in plan.indicators if i.measure}
    name_of = getattr(registry, "name", None)

    def name(series: str) -> str:
        area, _, measure = series.partition(" | ")
        place = (name_of(area) if name_of else None) or area
        return f"{place} — {labels.get(measure, measure)}"

    return name


def _period_text(period, monthly: bool, fmt: Formatter) -> str:
    day = pd.Timestamp(period)
    if monthly:
        return f"{fmt.month(day.month)} {day.year}"
    return fmt.t("week_of", date=fmt.date(day.date()))


def warehouse_supplements(plan, facts, year: int, lang: str = "nl", registry=None,
                          kind: str = "annual"):
    """:class:`Supplements` with the sections the warehouse can give: service compliance
    (annual report only) and the year's early signals, each with its note."""
    from .build import Supplements

    fmt = Formatter(lang)
    supplements = Supplements()
    if kind == "annual":
        supplements.service, supplements.notes["service"] = service_from_facts(
            plan, facts, year, fmt)
    supplements.signals, supplements.notes["signals"] = signals_from_facts(
        plan, facts, year, fmt, registry)
    return supplements
