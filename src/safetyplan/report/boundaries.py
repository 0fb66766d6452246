# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Municipal boundaries for the report's maps, from the shipped GeoJSON files (read by
:mod:`safetyplan.areas.boundaries`).

Data tables use the municipal codes of some year (a re-published table uses today's, a
historic one those of its year), so the file chosen is the one that covers most of the codes
asked for; ties go to the newest file name, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from safetyplan.areas import boundaries as shared


def boundary_files(root: Path | None = None) -> list[Path]:
    return shared.municipal_files(root)


def features_for(
    codes: Iterable[str], root: Path | None = None, also: Iterable[str] = ()
) -> list[dict]:
    """GeoJSON features (properties ``statcode``, ``statnaam``) of the codes asked for, from the
    best-covering boundary file; [] when no file has any of them. Codes in ``also`` (e.g. the
    rest of the plan's territory, drawn grey) are added when the chosen file has them; they
    only break ties between files."""
    wanted, extra = set(codes), set(also)
    best: tuple[int, int, str] | None = None
    best_features: list[shared.Boundary] = []
    for path in boundary_files(root):
        records = shared.layer(path)
        features = [b for b in records if b.code in wanted]
        more = [b for b in records if b.code in extra - wanted]
        key = (len(features), len(more), path.name)
        if features and (best is None or key > best):
            best, best_features = key, features + more
    return [
        {
            "type": "Feature",
            "geometry": b.geometry,
            "properties": {"statcode": b.code, "statnaam": b.name or b.code},
        }
        for b in sorted(best_features, key=lambda b: b.code)
    ]
