# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Early signals on real data: series from the warehouse, a counts file or incident records,
the method the history allows, and the alarms per area and crime type.

The honest part: Farrington-flexible and the NB-CUSUM need ``b`` (5) years of history
before the first judged period. The shipped street robberies cover two years, so for them
only the short-history EARS methods can judge anything; ``choose_method`` says so instead of
pretending.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

from safetyplan.errors import DataError
from safetyplan.i18n import _, ngettext

from .detect import BASELINE_METHOD as DEFAULT_METHOD
from .detect import DetectOptions, judged_columns
from .ears import ears_history_needed
from .series import MONTH, WEEK, YEAR, CountPanel, _panel, counts_from_frame

SEPARATOR = " | "
SHORT_HISTORY_METHOD = "ears-c2"


@dataclass
class SeriesSource:
    """Panels to judge, where they came from, and notes for the reader."""

    description: str
    panels: list[CountPanel]
    notes: list[str] = field(default_factory=list)

    @property
    def periods(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        return (min(p.periods[0] for p in self.panels), max(p.periods[-1] for p in self.panels))


def facts_to_source(facts: pd.DataFrame, description: str, freq: str | None = None) -> SeriesSource:
    """Warehouse facts (area, period, measure, value) to panels: one series per area and
    measure; monthly (``YYYY-MM``) and weekly (``YYYY-Www``) periods only."""
    if facts.empty:
        raise DataError(_("{source}: no facts match").format(source=description))
    period = facts["period"].astype(str)
    is_month = period.str.fullmatch(r"\d{4}-\d{2}")
    is_week = period.str.fullmatch(r"\d{4}-W\d{2}")
    notes = []
    yearly = int((~is_month & ~is_week).sum())
    if yearly:
        notes.append(
            ngettext(
                "{n} yearly figure skipped: early signals need weekly or monthly series",
                "{n} yearly figures skipped: early signals need weekly or monthly series",
                yearly,
            ).format(n=yearly)
        )
    wanted = is_month | is_week
    if freq == MONTH:
        wanted = is_month
    elif freq == WEEK:
        wanted = is_week
    sub = facts[wanted]
    if sub.empty:
        raise DataError(
            _(
                "{source}: no monthly or weekly figures (early signals cannot use yearly figures)"
            ).format(source=description)
        )
    frame = pd.DataFrame(
        {
            "series": sub["area"].astype(str) + SEPARATOR + sub["measure"].astype(str),
            "period": sub["period"].astype(str),
            "count": sub["value"].map(lambda v: f"{v:g}" if pd.notna(v) else ""),
        }
    )
    panels = counts_from_frame(frame, source=description)
    return SeriesSource(description, panels, notes)


# calibrated per judged year: FPR <= alpha on real yearly series (ADR 0007)
YEARLY_METHOD = "nbcusum"


def one_source_per_series(facts: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Several sources may publish the same measure for the same area (e.g. 47018NED and a
    hand-transcribed page); adding them up would double the counts. Per area and measure keep
    the source with the most periods (ties: the first by name) and say which were left out."""
    if "source" not in facts.columns or facts.empty:
        return facts, []
    size = facts.groupby(["area", "measure", "source"]).size().rename("n").reset_index()
    size = size.sort_values(["area", "measure", "n", "source"], ascending=[True, True, False, True])
    best = size.drop_duplicates(["area", "measure"])
    kept = facts.merge(best[["area", "measure", "source"]], on=["area", "measure", "source"])
    notes = []
    if len(size) > len(best):
        left = size.merge(best, on=["area", "measure", "source"], how="left", indicator=True)
        left = left[left["_merge"] == "left_only"]
        notes.append(
            ngettext(
                "{n} series from a second source skipped ({sources})",
                "{n} series from a second source skipped ({sources})",
                len(left),
            ).format(n=len(left), sources=", ".join(sorted(set(left.source))))
        )
    return kept, notes


def yearly_source(facts: pd.DataFrame, description: str) -> SeriesSource | None:
    """Yearly facts (``YYYY``) to one panel, one series per area and measure; None when there
    are none. A year without a figure stays unknown (not 0): the warehouse holds what was
    published."""
    period = facts["period"].astype(str)
    sub = facts[period.str.fullmatch(r"\d{4}") & facts["value"].notna()]
    if sub.empty:
        return None
    frame = pd.DataFrame(
        {
            "series": sub["area"].astype(str) + SEPARATOR + sub["measure"].astype(str),
            "period": pd.to_datetime(sub["period"].astype(str) + "-01-01"),
            "count": sub["value"].astype(float).round(),
            "line": 0,
        }
    )
    frame = frame.groupby(["series", "period"], as_index=False).agg(
        count=("count", "sum"), line=("line", "min")
    )
    notes = []
    provisional = (
        sorted(
            facts.loc[
                facts.get("provisional", False) == True,  # noqa: E712
                "period",
            ]
            .astype(str)
            .unique()
        )
        if "provisional" in facts
        else []
    )
    if provisional:
        notes.append(_("provisional figures: {years}").format(years=", ".join(provisional)))
    return SeriesSource(description, [_panel(frame, YEAR, None, "missing")], notes)


def judge_all_years(source: SeriesSource, options: DetectOptions) -> DetectOptions:
    """Yearly series: judge every year that has the history the method needs (from the
    first such year), not only the last one."""
    panel = source.panels[0]
    need = options.farrington_settings(YEAR).history_needed
    if len(panel.periods) <= need:
        return options
    return replace(options, since=panel.periods[need])


def incidents_to_source(
    incidents: pd.DataFrame, description: str, freq: str = WEEK, skipped: int = 0
) -> SeriesSource:
    from .incidents import count_panel

    panel = count_panel(incidents, freq, separator=SEPARATOR)
    notes = []
    if skipped:
        notes.append(
            ngettext(
                "{n} incident without a date or place skipped",
                "{n} incidents without a date or place skipped",
                skipped,
            ).format(n=skipped)
        )
    return SeriesSource(description, [panel], notes)


def restrict(source: SeriesSource, areas: Iterable[str] | None) -> SeriesSource:
    """Keep the series whose area (the part before the separator) is in ``areas``."""
    if areas is None:
        return source
    wanted = set(areas)
    panels = []
    for p in source.panels:
        keep = [i for i, n in enumerate(p.names) if n.split(SEPARATOR)[0] in wanted]
        if keep:
            panels.append(replace(p, names=[p.names[i] for i in keep], counts=p.counts[keep]))
    if not panels:
        raise DataError(_("no series for these areas"))
    return replace(source, panels=panels)


def plan_areas(plan, registry=None) -> set[str]:
    """The plan's municipalities and, through the merger history, their predecessors (data
    of 2011-2012 use the codes of that time, e.g. Spijkenisse before Nissewaard) and
    successors (47018NED is republished on the 2024 boundaries, e.g. Nissewaard, Voorne aan
    Zee; a successor may also cover territory outside the plan, e.g. Vijfheerenlanden)."""
    codes = set(plan.region.municipalities)
    if registry is None:
        return codes
    return (
        codes
        | _closure(codes, lambda c: [m.predecessor for m in registry.predecessors(c)])
        | _closure(codes, lambda c: [m.successor for m in registry.successors(c)])
    )


def _closure(start: set[str], step) -> set[str]:
    """Every code reachable from ``start`` by repeating ``step`` (one direction only, so the
    other predecessors of a successor outside the plan are not pulled in)."""
    seen, frontier = set(), list(start)
    while frontier:
        for other in step(frontier.pop()):
            if other not in seen and other not in start:
                seen.add(other)
                frontier.append(other)
    return seen


@dataclass
class MethodChoice:
    method: str
    explanation: str
    enough_for_default: bool


def choose_method(source: SeriesSource, requested: str, options: DetectOptions) -> MethodChoice:
    """For ``auto``: the benchmark's default where the history allows it, else EARS C2;
    the explanation says how much history there is and what each method needs."""
    first, last = source.periods
    freq = source.panels[0].freq
    n_periods = max(len(p.periods) for p in source.panels)
    default_opts = replace(options, method=DEFAULT_METHOD)
    need = default_opts.farrington_settings(freq).history_needed
    judged = min(judged_columns(p, options.since)[0] for p in source.panels)
    enough = judged >= need
    if freq == WEEK:
        span = ngettext(
            "the data cover {first} .. {last} ({n} week)",
            "the data cover {first} .. {last} ({n} weeks)",
            n_periods,
        )
    else:
        span = ngettext(
            "the data cover {first} .. {last} ({n} month)",
            "the data cover {first} .. {last} ({n} months)",
            n_periods,
        )
    span = span.format(first=first.date(), last=last.date(), n=n_periods)
    years = default_opts.farrington_settings(freq).years_back
    if requested != "auto":
        return MethodChoice(requested, span, enough)
    if enough:
        return MethodChoice(
            DEFAULT_METHOD,
            _("{span}; enough history for {method}").format(span=span, method=DEFAULT_METHOD),
            True,
        )
    ears_need = ears_history_needed(SHORT_HISTORY_METHOD.split("-")[1])
    if freq == WEEK:
        text = _(
            "{span}. Farrington-flexible and the NB-CUSUM need {years} years of history "
            "({need} weeks) before the first judged period: not enough history. Using EARS C2 "
            "(needs {ears_need} weeks; ignores season and trend)."
        )
    else:
        text = _(
            "{span}. Farrington-flexible and the NB-CUSUM need {years} years of history "
            "({need} months) before the first judged period: not enough history. Using "
            "EARS C2 (needs {ears_need} months; ignores season and trend)."
        )
    return MethodChoice(
        SHORT_HISTORY_METHOD,
        text.format(span=span, years=years, need=need, ears_need=ears_need),
        False,
    )
