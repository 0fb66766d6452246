# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Build the shipped point-in-polygon index of the bundled buurt layer.

    python scripts/build_area_index.py

Writes ``src/safetyplan/datasets/boundaries/<layer>.index.npz`` (see
``safetyplan.incidents.area_index``), with the bundled municipality layer folded in. Run it
again whenever a bundled layer changes; a load notices a stale index by its SHA-256 (of the
buurt layer file; of the municipality layer as projected) and then works it out itself (a
few seconds each).
"""

from __future__ import annotations

import time

from safetyplan.incidents import area_index, locator


def main() -> None:
    layer_file = locator.boundaries_dir() / locator.BUURT_LAYER
    started = time.perf_counter()
    boundaries = locator.bundled()
    index = area_index.AreaIndex.build(boundaries.buurten, area_index.file_sha256(layer_file))
    target = area_index.index_path(layer_file)
    index.save(target, index.with_municipalities(boundaries))
    print(
        f"{target}: {index.nx} x {index.ny} tiles, {len(index.border)} border tiles, "
        f"{target.stat().st_size / 1024:.0f} KiB, {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
