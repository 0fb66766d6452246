# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The area registry: every Dutch municipality 2010-2025, the regions above them, mergers.

Everything comes from data files shipped in ``safetyplan/datasets``:

- ``boundaries/municipalities.csv``: code and name of every municipality per year;
- ``boundaries/mergers.csv``: which municipality went where, and when;
- ``boundaries/merger_weights.csv.gz``: population and registered crime of merged
  municipalities, to estimate how much of a merged municipality lies in a territory;
- ``boundaries/subareas.csv.gz``: wijk and buurt codes and names;
- ``regions/regions.yaml``: country, provinces, police units and their territory.

A region without code changes: add it to ``regions.yaml`` (or pass its codes to ``compose``).
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from safetyplan import formatting as fmt
from safetyplan import settings
from safetyplan.errors import DataError
from safetyplan.i18n import N_, _

from .composition import Composition, TerritoryPart
from .lineage import Lineage, MergerRow, Piece, Version
from .names import base_name, normalise_name

AREA_CODE = re.compile(r"^(NL01|PV\d{2}|RE\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
NOT_ASSIGNABLE = "GM0000"
EPS = 1e-6
CRIME_MIN_COUNT = 100  # below this, counts rounded to 5 make a share too noisy to use
CRIME_PREFIXES = ("registered:", "cleared:", "suspects:")
POINT_BASIS = {"crime": "registered:cbs:totaal", "population": "population", "area": "area_km2"}
# What a set of codes is, in messages (``_versions``'s ``what``).
VERSION_OF = {"territory": N_("Territory"), "available": N_("Figures")}
BASIS_TEXT = {
    "crime": N_("the share of registered crime (CBS 83648NED)"),
    "population": N_("the share of the population (CBS 70072ned)"),
    "area": N_("the share of the land area (no population or crime figures)"),
}


@dataclass(frozen=True)
class BaseTeam:
    code: str
    name: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class District:
    code: str
    name: str
    municipalities: tuple[str, ...]
    base_teams: tuple[BaseTeam, ...]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str  # country | province | police_unit
    name_en: str | None = None
    year: int | None = None  # boundaries on which ``municipalities`` are listed
    municipalities: tuple[str, ...] = ()
    source: str | None = None
    districts: tuple[District, ...] = ()


@dataclass(frozen=True)
class Merger:
    first_year: int
    predecessor: str
    predecessor_name: str
    successor: str
    successor_name: str
    area_share: float
    kind: str


class AreaRegistry:
    """Names, codes, territories and the mapping between boundaries of different years."""

    def __init__(self, datasets_dir: Path):
        self.datasets_dir = Path(datasets_dir)
        boundaries = self.datasets_dir / "boundaries"
        self._names: dict[str, dict[int, str]] = defaultdict(dict)
        codes_by_year: dict[int, set[str]] = defaultdict(set)
        for row in _read_csv(boundaries / "municipalities.csv"):
            year = int(row["year"])
            self._names[row["code"]][year] = row["name"]
            codes_by_year[year].add(row["code"])
        self.mergers = [
            Merger(
                int(r["first_year"]),
                r["predecessor"],
                r["predecessor_name"],
                r["successor"],
                r["successor_name"],
                float(r["area_share"]),
                r["kind"],
            )
            for r in _read_csv(boundaries / "mergers.csv")
        ]
        self.lineage = Lineage(
            dict(codes_by_year),
            [
                MergerRow(m.first_year, m.predecessor, m.successor, m.area_share)
                for m in self.mergers
            ],
        )
        self._sizes: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
        for row in _read_csv(boundaries / "merger_weights.csv.gz"):
            self._sizes[(row["code"], row["basis"])][int(row["period"])] = float(row["value"])
        self._regions = _read_regions(self.datasets_dir / "regions" / "regions.yaml", self)

    # -- lookups ----------------------------------------------------------------------------

    @property
    def years(self) -> list[int]:
        return list(self.lineage.years)

    def municipalities(self, year: int) -> list[str]:
        """Codes of all municipalities on the boundaries of 1 January ``year``."""
        if year not in self.lineage.codes_by_year:
            raise DataError(
                _("No municipal boundaries for {year} (known: {first}-{last})").format(
                    year=year, first=self.years[0], last=self.years[-1]
                )
            )
        return sorted(self.lineage.codes_by_year[year])

    def is_municipality(self, code: str, year: int | None = None) -> bool:
        names = self._names.get(code)
        return bool(names) and (year is None or year in names)

    def valid_years(self, code: str) -> list[int]:
        return sorted(self._names.get(code, {}))

    def kind(self, code: str) -> str:
        code = str(code).strip().upper()
        if code == "NL01":
            return "country"
        prefix = {
            "PV": "province",
            "RE": "police_unit",
            "GM": "municipality",
            "WK": "wijk",
            "BU": "buurt",
        }.get(code[:2])
        if prefix is None or not AREA_CODE.match(code):
            raise DataError(_("Unknown area code: '{code}'").format(code=code))
        return prefix

    def name(self, code: str, year: int | None = None) -> str | None:
        """The name of an area code; for municipalities the name of ``year`` (or the latest).

        None for a code the registry does not know (callers show the code instead)."""
        code = str(code).strip().upper()
        if code == NOT_ASSIGNABLE:
            return _("Not assignable")
        if code in self._names:
            names = self._names[code]
            if year is None:
                return names[max(names)]
            return names[min(names, key=lambda y: (abs(y - year), -y))]
        if code in self._regions:
            return self._regions[code].name
        if code[:2] in ("WK", "BU") and code in self._subareas:
            return self._subareas[code][0]
        return None

    def lookup(self, name: str, year: int | None = None) -> str:
        """The code of a (possibly historic) municipality or region name.

        ``year`` restricts the search to that year's municipalities. Spelling variants
        (``Capelle a/d IJssel``, ``Hengelo (O.)``, ``'s-Gravenhage (gemeente)``) are accepted.
        """
        for key, index in ((normalise_name, self._by_name), (base_name, self._by_base_name)):
            hits = {code for code, y in index.get(key(name), ()) if year is None or y == year}
            if len(hits) == 1:
                return hits.pop()
            if len(hits) > 1:
                listed = ", ".join(f"{c} {self.name(c)}" for c in sorted(hits))
                raise DataError(
                    _("The name '{name}' is ambiguous: {listed}").format(name=name, listed=listed)
                )
        for region in self._regions.values():
            if normalise_name(name) in {
                normalise_name(region.name),
                normalise_name(region.name_en or ""),
            }:
                return region.code
        if year:
            message = _("Unknown municipality or region in {year}: '{name}'")
        else:
            message = _("Unknown municipality or region: '{name}'")
        raise DataError(message.format(year=year, name=name))

    def region(self, code: str) -> Region:
        try:
            return self._regions[str(code).strip().upper()]
        except KeyError:
            raise DataError(_("Unknown region: '{code}'").format(code=code)) from None

    def regions(self, kind: str | None = None) -> list[Region]:
        return [r for r in self._regions.values() if kind is None or r.kind == kind]

    def predecessors(self, code: str) -> list[Merger]:
        return [m for m in self.mergers if m.successor == code]

    def successors(self, code: str) -> list[Merger]:
        return [m for m in self.mergers if m.predecessor == code]

    @cached_property
    def _by_name(self) -> dict[str, set[tuple[str, int]]]:
        return self._name_index(normalise_name)

    @cached_property
    def _by_base_name(self) -> dict[str, set[tuple[str, int]]]:
        return self._name_index(base_name)

    def _name_index(self, key) -> dict[str, set[tuple[str, int]]]:
        index: dict[str, set[tuple[str, int]]] = defaultdict(set)
        for code, names in self._names.items():
            for year, name in names.items():
                index[key(name)].add((code, year))
        return index

    @cached_property
    def _subareas(self) -> dict[str, tuple[str, str, int]]:
        """Wijk/buurt code -> (name, municipality, year)."""
        out = {}
        for row in _read_csv(self.datasets_dir / "boundaries" / "subareas.csv.gz"):
            out[row["code"]] = (row["name"], row["municipality"], int(row["year"]))
        return out

    # -- territories ------------------------------------------------------------------------

    def territory(self, region: str, year: int) -> list[TerritoryPart]:
        """A region's territory on the boundaries of ``year`` (for maps and breakdowns)."""
        reg = self.region(region)
        if not reg.municipalities:
            raise DataError(
                _("{code} {name}: no territory defined (regions.yaml)").format(
                    code=reg.code, name=reg.name
                )
            )
        comp = self.compose(
            reg.municipalities,
            self.municipalities(year),
            year,
            territory_year=reg.year,
            data_year=year,
        )
        return [
            TerritoryPart(
                code, self.name(code, year), share, comp.weight_ranges.get(code, (share, share))
            )
            for code, share in sorted(comp.weights.items())
        ]

    def compose(
        self,
        territory,
        available,
        year: int,
        *,
        measure: str | None = None,
        territory_year: int | None = None,
        data_year: int | None = None,
    ) -> Composition:
        """How figures of the ``available`` codes add up to ``territory``.

        ``territory``: municipality codes (as a plan lists them, on one year's boundaries;
        that year is taken as the latest in which all of them exist, or ``territory_year``).
        ``available``: the codes that have a figure for one measure and period; other codes
        (NL01, PVxx, GM0000 ...) are ignored. Their boundaries are those of ``year`` when all
        codes exist then, else the nearest year in which they all exist (47018NED publishes
        2012 on 2024 boundaries), or ``data_year``. ``measure`` chooses how a partial share is
        estimated: crime counts by shares of registered crime, population and survey figures
        by population.
        """
        terr = self._municipal_codes(territory, strict=True)
        if not terr:
            raise DataError(_("Empty territory: no municipality codes"))
        comp = Composition()
        t_versions = self._versions(terr, territory_year, None, "territory")
        comp.territory_year = territory_year or self._common_year(terr, None)
        t_pieces = self.lineage.by_base(
            piece for v in t_versions.values() for piece in self.lineage.pieces[v]
        )

        avail = self._municipal_codes(available, strict=False)
        comp.data_year = data_year or self._common_year(avail, year)
        a_versions = self._versions(avail, data_year, year, "available")
        a_versions = self._without_overlaps(a_versions, year, comp.notes)

        for code, version in sorted(a_versions.items()):
            per_base = self.lineage.overlap_by_base(self.lineage.pieces[version], t_pieces)
            inside = sum(i for i, _ in per_base.values())
            total = sum(t for _, t in per_base.values())
            if inside <= EPS:
                continue
            if inside >= total - EPS:
                comp.weights[code] = 1.0
                continue
            weight, low, high, note = self._partial(code, version, per_base, measure)
            comp.weights[code] = weight
            comp.weight_ranges[code] = (low, high)
            comp.notes.append(note)

        a_pieces = self.lineage.by_base(
            piece for v in a_versions.values() for piece in self.lineage.pieces[v]
        )
        for code, version in t_versions.items():
            per_base = self.lineage.overlap_by_base(self.lineage.pieces[version], a_pieces)
            if sum(i for i, _ in per_base.values()) < sum(t for _, t in per_base.values()) - EPS:
                comp.missing.append(code)
        if comp.missing:
            listed = ", ".join(f"{c} {self.name(c)}" for c in comp.missing)
            comp.notes.append(
                _("No figures for: {listed}; the total is incomplete.").format(listed=listed)
            )
        mapped = {a_versions[c] for c in comp.weights} - set(t_versions.values())
        if mapped and comp.data_year and comp.territory_year:
            comp.notes.insert(0, self._boundaries_note(comp))
        return comp

    # -- compose helpers --------------------------------------------------------------------

    def _municipal_codes(self, codes, strict: bool) -> list[str]:
        out = []
        for raw in codes:
            code = str(raw).strip().upper()
            if MUNICIPALITY_CODE.match(code) and code in self._names:
                out.append(code)
            elif strict:
                raise DataError(
                    _(
                        "Territory: '{code}' is not a known municipality code (GMxxxx, 2010-2025)"
                    ).format(code=raw)
                )
        return sorted(set(out))

    def _common_year(self, codes: list[str], near: int | None) -> int | None:
        years = [y for y in self.lineage.years if set(codes) <= self.lineage.codes_by_year[y]]
        if not years:
            return None
        if near is None:
            return max(years)
        return min(years, key=lambda y: (abs(y - near), -y))

    def _versions(
        self, codes: list[str], fixed: int | None, near: int | None, what: str
    ) -> dict[str, Version]:
        year = fixed or self._common_year(codes, near)
        out = {}
        for code in codes:
            if year is not None:
                version = self.lineage.version(code, year)
                if version is None:
                    raise DataError(
                        _("{what}: {code} {name} does not exist in {year}").format(
                            what=_(VERSION_OF[what]), code=code, name=self.name(code), year=year
                        )
                    )
            else:  # codes of different years: each on its own nearest boundaries
                valid = self.lineage.valid_years(code)
                target = near if near is not None else max(valid)
                version = self.lineage.version(
                    code, min(valid, key=lambda y: (abs(y - target), -y))
                )
            out[code] = version
        return out

    def _without_overlaps(
        self, versions: dict[str, Version], year: int, notes: list[str]
    ) -> dict[str, Version]:
        """Drop codes that cover the same ground as others (old and new codes mixed)."""
        owners: dict[str, list[tuple[str, Piece]]] = defaultdict(list)
        for code, version in versions.items():
            for piece in self.lineage.pieces[version]:
                owners[piece[0]].append((code, piece))
        clash = set()
        for pieces in owners.values():
            for i, (ca, pa) in enumerate(pieces):
                for cb, pb in pieces[i + 1 :]:
                    if ca != cb and self.lineage.overlap(pa, pb) > EPS:
                        clash |= {ca, cb}
        if not clash:
            return versions
        drop = {c for c in clash if self.lineage.version(c, year) is None}
        if not drop or drop == clash:
            listed = ", ".join(f"{c} {self.name(c)}" for c in sorted(clash))
            raise DataError(_("Overlapping areas in the figures: {listed}").format(listed=listed))
        listed = ", ".join(f"{c} {self.name(c)}" for c in sorted(drop))
        notes.append(
            _("Not counted (did not exist in {year}, overlaps other codes): {listed}").format(
                year=year, listed=listed
            )
        )
        return {c: v for c, v in versions.items() if c not in drop}

    def _partial(
        self,
        code: str,
        version: Version,
        per_base: dict[str, tuple[float, float]],
        measure: str | None,
    ) -> tuple[float, float, float, str]:
        estimates = self._share_estimates(per_base)
        point_family, range_families = _families(measure, estimates)
        pooled = [e for e in estimates if e.basis == POINT_BASIS[point_family]]
        if pooled:
            weight = sum(e.inside for e in pooled) / sum(e.total for e in pooled)
        else:  # nothing known about the parts: their share of the area
            weight = sum(i for i, _ in per_base.values()) / sum(t for _, t in per_base.values())
        if point_family == "area":
            low, high = 0.0, 1.0
        else:
            shares = [e.share for e in estimates if e.family in range_families]
            low, high = min(shares + [weight]), max(shares + [weight])
        periods = sorted({e.period for e in pooled})
        span = f"{periods[0]}-{periods[-1]}" if len(periods) > 1 else "".join(map(str, periods))
        inside = [b for b, (i, _) in per_base.items() if i > EPS]
        outside = [b for b, (i, t) in per_base.items() if i < t - EPS]
        name = f"{self.name(code, version[1])} ({code})"
        parts_in = " + ".join(self._base_name(b) for b in sorted(inside))
        parts_out = ", ".join(self._base_name(b) for b in sorted(outside))
        split = any(i < t - EPS and i > EPS for i, t in per_base.values())
        note = _(
            "{name}: {weight} counted ({parts_in}; without {parts_out}), estimated from "
            "{basis} {span}; range {low}-{high}."
        ).format(
            name=name,
            weight=fmt.percent(100 * weight),
            parts_in=parts_in,
            parts_out=parts_out,
            basis=_(BASIS_TEXT[point_family]),
            span=span,
            low=fmt.percent(100 * low),
            high=fmt.percent(100 * high),
        )
        if split:
            note += " " + _("Split municipalities divided by area.")
        return weight, low, high, note

    def _share_estimates(self, per_base: dict[str, tuple[float, float]]) -> list[_Estimate]:
        """The share inside the territory by every size measure and year that covers every
        part on its own territory."""
        bases = list(per_base)
        out = []
        measures = {basis for (code, basis) in self._sizes if code in bases}
        for basis in sorted(measures):
            periods = set.intersection(*(set(self._sizes.get((b, basis), {})) for b in bases))
            for period in sorted(periods):
                if not all(
                    self.lineage.is_own_version(b, period) or basis == "area_km2" for b in bases
                ):
                    continue
                sizes = {b: self._sizes[(b, basis)][period] for b in bases}
                inside = sum(sizes[b] * per_base[b][0] for b in bases)
                total = sum(sizes[b] * per_base[b][1] for b in bases)
                family = _family(basis)
                if total <= 0 or (family == "crime" and total < CRIME_MIN_COUNT):
                    continue
                out.append(_Estimate(basis, family, period, inside, total))
        return out

    def _base_name(self, base: str) -> str:
        return self.name(base, self.lineage.valid_years(base)[-1])

    def _boundaries_note(self, comp: Composition) -> str:
        return _(
            "Figures on the municipal boundaries of {data_year}, territory on those of "
            "{territory_year}; merged municipalities are mapped."
        ).format(data_year=comp.data_year, territory_year=comp.territory_year)


@dataclass(frozen=True)
class _Estimate:
    basis: str
    family: str
    period: int
    inside: float
    total: float

    @property
    def share(self) -> float:
        return self.inside / self.total


def _family(basis: str) -> str:
    if basis == "population":
        return "population"
    if basis == "area_km2":
        return "area"
    return "crime"


def _families(measure: str | None, estimates: list[_Estimate]) -> tuple[str, set[str]]:
    have = {e.basis for e in estimates}
    crime_like = measure is None or measure.startswith(CRIME_PREFIXES)
    if crime_like and POINT_BASIS["crime"] in have:
        return "crime", {"crime", "population"}
    if "population" in have:
        return "population", ({"crime", "population"} if crime_like else {"population"})
    return "area", {"area"}


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise DataError(_("{path}: missing (scripts/prepare_datasets)").format(path=path))
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _read_regions(path: Path, registry: AreaRegistry) -> dict[str, Region]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: {exc}") from None
    regions: dict[str, Region] = {}
    country = data["country"]
    regions[country["code"]] = Region(
        country["code"], country["name"], "country", country.get("name_en")
    )
    for prov in data.get("provinces", []):
        regions[prov["code"]] = Region(prov["code"], prov["name"], "province")
    for unit in data.get("police_units", []):
        regions[unit["code"]] = _police_unit(unit, path, registry)
    return regions


def _police_unit(unit: dict, path: Path, registry: AreaRegistry) -> Region:
    where = f"{path}, {unit.get('code')}"
    territory = unit.get("territory") or {}
    year = territory.get("year")
    codes = []
    for item in territory.get("municipalities", []):
        code, name = item["code"], item["name"]
        if not registry.is_municipality(code, year):
            raise DataError(
                _("{where}: {code} is not a municipality in {year}").format(
                    where=where, code=code, year=year
                )
            )
        if normalise_name(registry.name(code, year)) != normalise_name(name):
            raise DataError(
                _("{where}: {code} is named '{actual}' in {year}, not '{name}'").format(
                    where=where, code=code, actual=registry.name(code, year), year=year, name=name
                )
            )
        codes.append(code)
    districts = tuple(
        District(
            d["code"],
            d["name"],
            tuple(d.get("municipalities", [])),
            tuple(
                BaseTeam(b["code"], b["name"], tuple(b.get("areas", [])))
                for b in d.get("base_teams", [])
            ),
        )
        for d in unit.get("districts", []) or []
    )
    return Region(
        unit["code"],
        unit["name"],
        "police_unit",
        unit.get("name_en"),
        year,
        tuple(codes),
        territory.get("source"),
        districts,
    )


@lru_cache(maxsize=4)
def load_registry(datasets_dir: str | Path | None = None) -> AreaRegistry:
    """The registry built from the bundled data (cached)."""
    return AreaRegistry(Path(datasets_dir) if datasets_dir else settings.DATASETS_DIR)
