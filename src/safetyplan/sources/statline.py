# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Live CBS StatLine connector (optional: ``pip install 'safetyplan[live]'`` for cbsodata).

Fetches registered (and, where the table has them, cleared) crime counts per region and
period and turns them into facts with our measure names:

- 83648NED (opendata.cbs.nl, CBS classification): ``registered:cbs:<code>``,
  ``cleared:cbs:<code>`` per RegioS (NL01, PVdd, GMdddd) and year;
- 47018NED / 47022NED / 47013NED (dataderden.cbs.nl, police classification):
  ``registered:pol:<code>`` per WijkenEnBuurten / RegioS and year (47022NED: month).

``<code>`` is the number the classification puts before the title ("1.1.1 Diefstal/inbraak
woning" -> ``1.1.1``) or ``totaal`` for the total. cbsodata replaces dimension keys by
their titles; the keys are taken back from the table's metadata (``get_meta``), and the
period's ``Status`` (Voorlopig / Nader voorlopig) gives the provisional flag.

Nothing here runs unless a user asks for it: the demo and the tests never touch the network
(tests replay recorded responses by replacing ``cbsodata.get_data`` / ``get_meta``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from safetyplan.errors import DataError, SafetyplanError
from safetyplan.i18n import N_, _
from safetyplan.warehouse.validate import AREA_PATTERN, COUNTRY_ALIASES

from ._progress import Progress, as_reporter

OPENDATA = "opendata.cbs.nl"
DATADERDEN = "dataderden.cbs.nl"  # the police's tables are published in this catalog


@dataclass(frozen=True)
class TableSpec:
    catalog_url: str
    classification: str  # "cbs" (wetboek) or "pol" (police, maatschappelijke klasse)


KNOWN_TABLES: dict[str, TableSpec] = {
    "83648NED": TableSpec(OPENDATA, "cbs"),
    "47013NED": TableSpec(DATADERDEN, "pol"),
    "47018NED": TableSpec(DATADERDEN, "pol"),
    "47022NED": TableSpec(DATADERDEN, "pol"),
}

# Topic keys without their "_<n>" suffix -> what they count. Relative figures (per 1000,
# percentages) are left out: the monitor computes rates from counts.
TOPIC_MEASURES = {
    "TotaalGeregistreerdeMisdrijven": "registered",
    "GeregistreerdeMisdrijven": "registered",
    "TotaalOpgehelderdeMisdrijven": "cleared",
    "OpgehelderdeMisdrijven": "cleared",
}
PROVISIONAL_STATUS = {"voorlopig", "nader voorlopig"}
PERIOD_TYPES = {"year": "JJ", "month": "MM"}
DEFAULT_REGIONS = ("NL", "PV", "RE", "GM")


@dataclass
class StatlineFacts:
    """Facts fetched from one table, and what was left out (reason -> cells)."""

    table: str
    catalog_url: str
    facts: pd.DataFrame
    skipped: Counter = field(default_factory=Counter)
    title: str | None = None


def fetch_facts(
    table: str,
    *,
    regions: Sequence[str] = DEFAULT_REGIONS,
    years: tuple[int | None, int | None] = (None, None),
    period_type: str = "year",
    catalog_url: str | None = None,
    classification: str | None = None,
    progress: Progress | None = None,
) -> StatlineFacts:
    """Fetch ``table`` from StatLine and convert it to facts.

    ``regions`` are code prefixes (``GM``) or codes (``GM0599``); ``years`` an inclusive
    (from, to) range with None for open ends; ``period_type`` "year" or "month".
    """
    cbsodata = _import_cbsodata()
    table_id = table.strip().upper()
    spec = KNOWN_TABLES.get(table_id)
    catalog = catalog_url or (spec.catalog_url if spec else OPENDATA)
    scheme = classification or (spec.classification if spec else None)
    if scheme not in ("cbs", "pol"):
        raise SafetyplanError(
            _(
                "Table {table}: unknown classification; pass --classification cbs (penal code) "
                "or pol (police)"
            ).format(table=table_id)
        )
    if period_type not in PERIOD_TYPES:
        raise SafetyplanError(
            _("period type must be one of {types}").format(types=", ".join(PERIOD_TYPES))
        )
    report = as_reporter(progress, 3)

    report(f"metadata {table_id}", 0, 3)
    properties = _call(cbsodata.get_meta, table_id, "DataProperties", catalog_url=catalog)
    layout = TableLayout.from_properties(table_id, properties)
    dims = {
        name: _call(cbsodata.get_meta, table_id, name, catalog_url=catalog)
        for name in (layout.region, layout.period, layout.crime)
    }
    report(_("data {table}").format(table=table_id), 1, 3)
    filters = odata_filter(layout, regions, years, period_type)
    rows = _call(
        cbsodata.get_data,
        table_id,
        typed=True,
        filters=filters,
        select=layout.select(),
        catalog_url=catalog,
    )
    report(_("converting {table}").format(table=table_id), 2, 3)
    facts, skipped = rows_to_facts(rows, layout, dims, scheme)
    report(_("done"), 3, 3)
    return StatlineFacts(table_id, catalog, facts, skipped)


@dataclass(frozen=True)
class TableLayout:
    """Which dimension holds what, and which topics we take."""

    table: str
    region: str
    period: str
    crime: str
    topics: dict[str, str]  # topic key -> measure prefix ("registered", "cleared")

    @classmethod
    def from_properties(cls, table: str, properties: Iterable[dict]) -> TableLayout:
        props = list(properties)
        by_type: dict[str, list[str]] = {}
        for prop in props:
            by_type.setdefault(prop.get("Type", ""), []).append(prop.get("Key", ""))
        region = (by_type.get("GeoDimension") or [None])[0]
        period = (by_type.get("TimeDimension") or [None])[0]
        crime = "SoortMisdrijf" if "SoortMisdrijf" in by_type.get("Dimension", []) else None
        topics = {}
        for prop in props:
            if prop.get("Type") != "Topic":
                continue
            stem = re.sub(r"_\d+$", "", prop.get("Key", ""))
            unit = str(prop.get("Unit") or "").strip().lower()
            if stem in TOPIC_MEASURES and unit in ("", "aantal"):
                topics[prop["Key"]] = TOPIC_MEASURES[stem]
        missing = [
            what
            for what, found in (
                (N_("a region dimension"), region),
                (N_("a period dimension"), period),
                (N_("a SoortMisdrijf dimension"), crime),
                (N_("a registered/cleared count"), topics),
            )
            if not found
        ]
        if missing:
            raise DataError(
                _("StatLine {table}: table does not fit: no {missing}").format(
                    table=table, missing=", ".join(_(m) for m in missing)
                )
            )
        return cls(table, region, period, crime, topics)

    def select(self) -> list[str]:
        return [self.crime, self.region, self.period, *self.topics]


def odata_filter(
    layout: TableLayout,
    regions: Sequence[str],
    years: tuple[int | None, int | None],
    period_type: str,
) -> str:
    """An OData $filter limiting regions (by code prefix) and periods (type and years)."""
    clauses = []
    prefixes = [r.strip().upper() for r in regions if r.strip()]
    # The police tables call the country NL00; asking for NL finds either.
    if prefixes:
        clauses.append(
            "(" + " or ".join(f"startswith({layout.region},'{p}')" for p in prefixes) + ")"
        )
    clauses.append(f"substringof('{PERIOD_TYPES[period_type]}',{layout.period})")
    first, last = years
    if first is not None or last is not None:
        low = first if first is not None else 1900
        high = last if last is not None else 2100
        if high < low:
            raise SafetyplanError(_("years: {first} is after {last}").format(first=low, last=high))
        clauses.append(
            "("
            + " or ".join(f"startswith({layout.period},'{y}')" for y in range(low, high + 1))
            + ")"
            if high - low < 60
            else f"{layout.period} ge '{low}' and {layout.period} lt '{high + 1}'"
        )
    return " and ".join(clauses)


def rows_to_facts(
    rows: Iterable[dict],
    layout: TableLayout,
    dims: dict[str, list[dict]],
    classification: str,
) -> tuple[pd.DataFrame, Counter]:
    """cbsodata rows (dimension titles, typed or untyped values) -> facts + skipped counts."""
    regions = _title_to_key(dims[layout.region])
    periods = _title_to_key(dims[layout.period])
    crimes = _title_to_key(dims[layout.crime])
    provisional_periods = {
        str(p.get("Key", "")).strip()
        for p in dims[layout.period]
        if str(p.get("Status") or "").strip().lower() in PROVISIONAL_STATUS
    }
    skipped: Counter = Counter()
    out = []
    for row in rows:
        area = _area(row.get(layout.region), regions)
        period_key = _key(row.get(layout.period), periods)
        period = _period(period_key)
        crime = _crime_code(row.get(layout.crime), crimes)
        # English codes, translated where shown (ingest statline's "skipped" lines)
        problem = (
            N_("region not a supported area code")
            if area is None
            else N_("period type not supported")
            if period is None
            else N_("crime type without a code")
            if crime is None
            else None
        )
        for topic, what in layout.topics.items():
            value = _number(row.get(topic))
            if value is None:
                skipped[N_("no value (missing in StatLine)")] += 1
            elif problem:
                skipped[problem] += 1
            else:
                provisional = period_key in provisional_periods or str(
                    row.get(layout.period, "")
                ).strip().endswith("*")
                out.append((area, period, f"{what}:{classification}:{crime}", value, provisional))
    facts = pd.DataFrame(out, columns=["area", "period", "measure", "value", "provisional"])
    return facts, skipped


# -- helpers ---------------------------------------------------------------------------------


def _import_cbsodata():
    try:
        import cbsodata
    except ImportError as exc:
        raise SafetyplanError(
            _(
                "cbsodata is not installed: pip install 'safetyplan[live]' (only needed for live "
                "StatLine fetches)"
            )
        ) from exc
    return cbsodata


def _call(function, *args, **kwargs):
    """Call cbsodata; network trouble becomes one clear message."""
    try:
        import requests
    except ImportError:  # cbsodata depends on requests; keep the guard cheap
        requests = None
    try:
        return function(*args, **kwargs)
    except Exception as exc:
        if requests is not None and isinstance(exc, requests.HTTPError):
            raise SafetyplanError(
                _(
                    "CBS StatLine refused {table}: {error} (does the table exist in this "
                    "catalog? see --catalog)"
                ).format(table=args[0], error=exc)
            ) from exc
        if requests is not None and isinstance(exc, requests.RequestException | OSError):
            raise SafetyplanError(
                _(
                    "CBS StatLine not reachable ({error}); check the network connection or use "
                    "the shipped data (safetyplan ingest bundled)"
                ).format(error=f"{type(exc).__name__}: {exc}")
            ) from exc
        raise


def _title_to_key(entries: Iterable[dict]) -> dict[str, str | None]:
    """Title -> key; a title used by two keys maps to None (ambiguous)."""
    mapping: dict[str, str | None] = {}
    for entry in entries:
        title = str(entry.get("Title", "")).strip()
        key = str(entry.get("Key", "")).strip()
        mapping[title] = None if title in mapping and mapping[title] != key else key
    return mapping


def _key(value, mapping: dict[str, str | None]) -> str | None:
    """cbsodata gives the title; a value that is already a key (not replaced) is kept."""
    if value is None:
        return None
    text = str(value).strip()
    if text in mapping:
        return mapping[text]
    return text if text in {v for v in mapping.values() if v} else None


def _area(value, regions) -> str | None:
    key = _key(value, regions)
    if key is None:
        return None
    code = COUNTRY_ALIASES.get(key.upper(), key.upper())
    return code if AREA_PATTERN.match(code) else None


def _period(key: str | None) -> str | None:
    match = re.fullmatch(r"(\d{4})(JJ|MM)(\d{2})", key or "")
    if not match:
        return None
    year, kind, number = match.groups()
    if kind == "JJ":
        return year
    return f"{year}-{number}" if 1 <= int(number) <= 12 else None


def _crime_code(value, crimes) -> str | None:
    title = str(value or "").strip()
    numbered = re.match(r"^(\d+(?:\.\d+)*)\s", title + " ")
    if numbered:
        return numbered.group(1)
    if "totaal" in title.lower():
        return "totaal"
    key = _key(value, crimes)
    if key in ("0.0.0", "T001161"):
        return "totaal"
    if key and re.fullmatch(r"\d+(?:\.\d+)*", key):
        return key
    return None


def _number(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if text in ("", ".", "-", "x"):
        return None
    try:
        return float(text)
    except ValueError:
        return None
