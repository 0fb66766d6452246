# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Municipal territory through time: versions, pieces and how they overlap.

A *version* is a municipality code with the first year of an unchanged territory: Rotterdam
before and after it absorbed Rozenburg are ``("GM0599", 2010)`` and ``("GM0599", 2011)``.

Every version is a set of *pieces*. A piece is a municipality of the first year of the table
(the *base*) or a part of it: when a municipality is split over several successors each
successor receives a sub-piece, named by the path of splits that led to it, with a *mass* =
the share of the base's area it holds. Two pieces overlap when one path is a prefix of the
other. With pieces, any version can be compared with any other, in both directions of time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

Split = tuple[int, str, str]  # (first year, predecessor, successor)
Piece = tuple[str, tuple[Split, ...]]  # (base code, path of splits)
Version = tuple[str, int]  # (code, first year of this territory)


@dataclass(frozen=True)
class MergerRow:
    first_year: int
    predecessor: str
    successor: str
    area_share: float


class Lineage:
    def __init__(self, codes_by_year: dict[int, set[str]], mergers: list[MergerRow]):
        self.years = sorted(codes_by_year)
        self.first_year = self.years[0]
        self.codes_by_year = codes_by_year
        self._incoming: dict[tuple[str, int], list[MergerRow]] = defaultdict(list)
        self._outgoing: dict[tuple[str, int], list[MergerRow]] = defaultdict(list)
        for row in mergers:
            self._incoming[(row.successor, row.first_year)].append(row)
            self._outgoing[(row.predecessor, row.first_year)].append(row)
        self.share: dict[Split, float] = {
            (r.first_year, r.predecessor, r.successor): r.area_share for r in mergers
        }
        self._starts: dict[str, list[int]] = self._version_starts()
        self.pieces: dict[Version, frozenset[Piece]] = {}
        self._build_pieces()

    # -- versions ---------------------------------------------------------------------------

    def _version_starts(self) -> dict[str, list[int]]:
        starts: dict[str, set[int]] = defaultdict(set)
        previous: set[str] = set()
        for year in self.years:
            for code in self.codes_by_year[year]:
                if code not in previous or (code, year) in self._incoming:
                    starts[code].add(year)
            previous = self.codes_by_year[year]
        return {code: sorted(years) for code, years in starts.items()}

    def version(self, code: str, year: int) -> Version | None:
        """The version of ``code`` on the boundaries of 1 January ``year`` (None if invalid)."""
        if code not in self.codes_by_year.get(year, ()):
            return None
        start = max(y for y in self._starts[code] if y <= year)
        return (code, start)

    def valid_years(self, code: str) -> list[int]:
        return [y for y in self.years if code in self.codes_by_year[y]]

    def version_years(self, version: Version) -> list[int]:
        return [y for y in self.valid_years(version[0]) if self.version(version[0], y) == version]

    # -- pieces -----------------------------------------------------------------------------

    def _build_pieces(self) -> None:
        for year in self.years:
            for code in sorted(self.codes_by_year[year]):
                if self.version(code, year) != (code, year):
                    continue
                self.pieces[(code, year)] = self._pieces_at_start(code, year)

    def _pieces_at_start(self, code: str, year: int) -> frozenset[Piece]:
        incoming = self._incoming.get((code, year), [])
        earlier = self.version(code, year - 1) if year > self.first_year else None
        if not incoming and earlier is None:
            return frozenset({(code, ())})  # a base: first year, or no known predecessor
        pieces: set[Piece] = set(self.pieces[earlier]) if earlier else set()
        for row in incoming:
            source = self.pieces[self.version(row.predecessor, year - 1)]
            if len(self._outgoing[(row.predecessor, year)]) > 1:
                step = (year, row.predecessor, code)
                pieces |= {(base, path + (step,)) for base, path in source}
            else:
                pieces |= source
        return frozenset(pieces)

    def mass(self, piece: Piece) -> float:
        """Share of the base's area that the piece holds."""
        value = 1.0
        for step in piece[1]:
            value *= self.share[step]
        return value

    def overlap(self, a: Piece, b: Piece) -> float:
        """Mass (relative to the base) that two pieces have in common."""
        if a[0] != b[0]:
            return 0.0
        pa, pb = a[1], b[1]
        if pb[: len(pa)] == pa:
            return self.mass(b)
        if pa[: len(pb)] == pb:
            return self.mass(a)
        return 0.0

    @staticmethod
    def by_base(pieces) -> dict[str, list[Piece]]:
        """Pieces grouped by their base, for repeated ``overlap_by_base`` calls."""
        out: dict[str, list[Piece]] = defaultdict(list)
        for piece in pieces:
            out[piece[0]].append(piece)
        return out

    def overlap_by_base(
        self, pieces: frozenset[Piece], others: dict[str, list[Piece]]
    ) -> dict[str, tuple[float, float]]:
        """Per base of ``pieces``: (mass shared with ``others`` (see ``by_base``), total)."""
        by_base = others
        out: dict[str, tuple[float, float]] = {}
        for piece in pieces:
            shared = sum(self.overlap(piece, other) for other in by_base.get(piece[0], ()))
            inside, total = out.get(piece[0], (0.0, 0.0))
            out[piece[0]] = (inside + min(shared, self.mass(piece)), total + self.mass(piece))
        return out

    def is_own_version(self, base: str, year: int) -> bool:
        """True when the base municipality still had exactly its first-year territory."""
        return self.version(base, year) == (base, self.first_year)
