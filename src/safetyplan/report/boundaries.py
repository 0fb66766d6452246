# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Municipal boundaries for the report's maps, read from the shipped GeoJSON files.

Data tables use the municipal codes of some year (a re-published table uses today's, a
historic one those of its year), so the file chosen is the one that covers most of the codes
asked for; ties go to the newest file name, so the choice is deterministic.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from safetyplan import settings

PATTERNS = ("*.geojson", "*.geojson.gz", "*.json")


def boundaries_dir() -> Path:
    return settings.DATASETS_DIR / "boundaries"


def boundary_files(root: Path | None = None) -> list[Path]:
    root = root or boundaries_dir()
    if not root.is_dir():
        return []
    files = {p for pattern in PATTERNS for p in root.rglob(pattern)}
    return sorted(
        p
        for p in files
        if "gemeente" in p.name.lower() or "municip" in p.name.lower() or _has_municipalities(p)
    )


def features_for(
    codes: Iterable[str], root: Path | None = None, also: Iterable[str] = ()
) -> list[dict]:
    """GeoJSON features (properties ``statcode``, ``statnaam``) of the codes asked for, from the
    best-covering boundary file; [] when no file has any of them. Codes in ``also`` (e.g. the
    rest of the plan's territory, drawn grey) are added when the chosen file has them; they
    only break ties between files."""
    wanted, extra = set(codes), set(also)
    best: tuple[int, int, str] | None = None
    best_features: list[dict] = []
    for path in boundary_files(root):
        all_features = _features(str(path))
        features = [f for f in all_features if f["properties"]["statcode"] in wanted]
        more = [f for f in all_features if f["properties"]["statcode"] in extra - wanted]
        key = (len(features), len(more), path.name)
        if features and (best is None or key > best):
            best, best_features = key, features + more
    return sorted(best_features, key=lambda f: f["properties"]["statcode"])


def _has_municipalities(path: Path) -> bool:
    return any(f["properties"]["statcode"].startswith("GM") for f in _features(str(path))[:5])


@lru_cache(maxsize=16)
def _features(path: str) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if data.get("type") == "Topology":
        return []  # TopoJSON files are for other uses; the report reads GeoJSON
    out = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = props.get("statcode") or props.get("code") or props.get("gemeentecode")
        if not code or feature.get("geometry") is None:
            continue
        code = str(code)
        if code.isdigit():
            code = f"GM{int(code):04d}"
        name = props.get("statnaam") or props.get("name") or props.get("gemeentenaam") or code
        out.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {"statcode": code, "statnaam": str(name)},
            }
        )
    return out
