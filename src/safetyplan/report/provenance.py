# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Where each figure comes from: the shipped datasets' PROVENANCE.md, condensed for the appendix."""

from __future__ import annotations

import re
from pathlib import Path

from safetyplan import settings

MAX_SUMMARY = 600  # characters of a PROVENANCE.md shown in the appendix


def provenance_summary(source: str, datasets_dir: Path | None = None) -> dict:
    """``{source, title, summary}`` for a warehouse source; title/summary are None when the
    source has no shipped PROVENANCE.md (e.g. figures a user ingested)."""
    root = datasets_dir or settings.DATASETS_DIR
    path = root / source / "PROVENANCE.md"
    if not path.is_file():
        return {"source": source, "title": None, "summary": None}
    lines = path.read_text(encoding="utf-8").splitlines()
    title = None
    body: list[str] = []
    for line in lines:
        stripped = line.strip()
        if title is None and stripped.startswith("#"):
            title = stripped.lstrip("#").strip()
            continue
        if stripped.startswith("#") and body:
            break  # the first section is the summary
        if stripped:
            body.append(_plain(stripped))
    summary = " ".join(body)
    if len(summary) > MAX_SUMMARY:
        summary = summary[:MAX_SUMMARY].rsplit(" ", 1)[0] + " …"
    return {"source": source, "title": title, "summary": summary or None}


def _plain(markdown_line: str) -> str:
    """Markdown list markers, emphasis and link syntax removed."""
    text = re.sub(r"^[-*]\s+", "", markdown_line)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return text.replace("**", "").replace("`", "")
