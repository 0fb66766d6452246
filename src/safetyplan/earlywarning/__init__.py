# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Early warning (vroegsignalering): aberration detection per area x crime type, and CompStat.

Public API (stable: the CLI, the incidents layer and the web layer call it; see
docs/signals.md)::

    from safetyplan.earlywarning import read_counts_csv, detect, DetectOptions
    panels = read_counts_csv("counts.csv")            # checked; one panel per frequency
    alarms = detect(panels, DetectOptions(alpha=0.01))   # method "auto": nbcusum where
    # the history allows (5 years), else EARS C2; the method column names it per row
    # columns COLUMNS: series, period, count, expected, threshold, alarm (Int64; <NA> = not
    # judged, with the reason in note), pvalue, score, method, note

    panel = panel_from_long(frame, "week")            # a complete tally: absent rows are 0
    view = compstat(incidents)                        # columns day, crime_type, area

Engines (all vectorised over series, plain numpy/scipy):

- :func:`farrington_flexible` -- Farrington-flexible with Noufaily's settings, reproducing
  R's ``surveillance::farringtonFlexible`` (batched quasi-Poisson GLMs);
- :func:`nb_cusum` -- a negative-binomial CUSUM on that baseline (the strongest method: more
  outbreaks found at the same false-alarm rate, see docs/signals.md and ADR 3; the default
  ``auto`` uses it wherever a series has the 5 years of history it needs, else EARS C2);
- :func:`ears` -- EARS C1/C2/C3 for short histories;
- :func:`compstat` -- last week / 28 days / year to date against a year earlier, and last
  week / 28 days against the ones before, with the square-root z-score;
- ``safetyplan.earlywarning.spark.detect_spark`` -- the same detector over series groups on Spark.
"""

from .compstat import compstat, z_score
from .cusum import nb_cusum
from .detect import (
    AUTO,
    BASELINE_METHOD,
    COLUMNS,
    DEFAULT_ALPHA,
    DEFAULT_METHOD,
    METHODS,
    DetectOptions,
    detect,
)
from .ears import ears
from .farrington import FarringtonSettings, farrington_flexible
from .series import CountPanel, counts_from_frame, panel_from_long, read_counts_csv

__all__ = [
    "AUTO",
    "BASELINE_METHOD",
    "COLUMNS",
    "DEFAULT_ALPHA",
    "DEFAULT_METHOD",
    "METHODS",
    "CountPanel",
    "DetectOptions",
    "FarringtonSettings",
    "compstat",
    "counts_from_frame",
    "detect",
    "ears",
    "farrington_flexible",
    "nb_cusum",
    "panel_from_long",
    "read_counts_csv",
    "z_score",
]
