# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Where each figure comes from: the shipped datasets' PROVENANCE.md, condensed for the appendix.

The PROVENANCE.md files are written in English only (documentation of the data, kept beside
it); a report in another language names the file instead of quoting English text."""

from __future__ import annotations

import re
from pathlib import Path

from safetyplan import settings
from safetyplan.i18n import _

MAX_SUMMARY = 600  # characters of a PROVENANCE.md shown in the appendix
PROVENANCE_LANGUAGE = "en"


def provenance_summary(
    source: str, datasets_dir: Path | None = None, lang: str = PROVENANCE_LANGUAGE
) -> dict:
    """``{source, title, summary}`` for a warehouse source; title/summary are None when the
    source has no shipped PROVENANCE.md (e.g. figures a user ingested). In a language other
    than the files' own the summary says where the description is, in *lang*."""
    root = datasets_dir or settings.DATASETS_DIR
    path = root / source / "PROVENANCE.md"
    if not path.is_file():
        return {"source": source, "title": None, "summary": None}
    if lang != PROVENANCE_LANGUAGE:
        where = f"datasets/{source}/PROVENANCE.md"
        return {
            "source": source,
            "title": None,
            "summary": _(
                "Origin, licence and processing of this data set: {file} (in English)."
            ).format(file=where),
        }
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
    if title == source:  # a heading that only repeats the code says nothing more
        title = None
    summary = " ".join(body)
    if len(summary) > MAX_SUMMARY:
        summary = summary[:MAX_SUMMARY].rsplit(" ", 1)[0] + " …"
    return {"source": source, "title": title, "summary": summary or None}


def _plain(markdown_line: str) -> str:
    """Markdown list markers, emphasis and link syntax removed."""
    text = re.sub(r"^[-*]\s+", "", markdown_line)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return text.replace("**", "").replace("`", "")
