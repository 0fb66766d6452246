# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The translation catalogues of everything outside Django's templates (issue 15).

    python scripts/messages.py extract      # code -> src/safetyplan/locale/safetyplan.pot
    python scripts/messages.py update       # .pot -> every language's .po (new messages empty)
    python scripts/messages.py compile      # .po -> .mo (what the program reads)
    python scripts/messages.py check        # all of the above is current and translated
    python scripts/messages.py todo nl      # the messages still without a Dutch translation
    python scripts/messages.py merge A B    # union of two versions of a .po (merge conflicts)
    python scripts/messages.py all          # extract, update, compile, check

The source language is English; Dutch must translate every message. The web's own texts
(``src/safetyplan/web``) stay in Django's catalogues (``django-admin makemessages``).
Locations are written without line numbers and messages sorted, so that two branches that
add messages merge cleanly. docs/translating.md has the whole workflow.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "safetyplan"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "safetyplan.pot"
DOMAIN = "safetyplan"
SOURCE_LANGUAGE = "en"

# First match wins: the web has Django's catalogues; tests and migrations have no UI texts.
METHOD_MAP = [
    ("web/**", "ignore"),
    ("**/migrations/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.j2", "jinja2.ext:babel_extract"),
]
OPTIONS_MAP = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
KEYWORDS = {
    "_": None,
    "gettext": None,
    "N_": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
WRITE_OPTIONS = {"width": 100, "sort_output": True, "include_lineno": False}
HEADER = (
    "# Safetyplan: messages outside the web's templates (scripts/messages.py).\n"
    "# SPDX-License-Identifier: EUPL-1.2\n"
    "# SPDX-FileCopyrightText: 2026 Safetyplan contributors"
)
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")


def languages() -> list[str]:
    """Every language that has a catalogue folder."""
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message the code marks, with the files it comes from."""
    catalog = _new_catalog(None)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        METHOD_MAP,
        OPTIONS_MAP,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(f"safetyplan/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _new_catalog(lang: str | None) -> Catalog:
    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="Safetyplan",
        copyright_holder="Safetyplan contributors",
        fuzzy=False,
    )
    catalog.header_comment = HEADER
    return catalog


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, ignore_obsolete=True, **WRITE_OPTIONS)
    path.write_bytes(_without_dates(buffer.getvalue()))


def _without_dates(po: bytes) -> bytes:
    """Drop the header's creation and revision dates: they change on every run and would
    make every branch conflict."""
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', b"", po)


def write_template() -> Catalog:
    template = extract()
    _write(TEMPLATE, template)
    return template


def update() -> None:
    """Bring every language's .po in line with the template: new messages empty, gone ones
    dropped, existing translations kept."""
    template = _read(TEMPLATE)
    for lang in languages():
        path = po_path(lang)
        catalog = _read(path, lang) if path.exists() else _new_catalog(lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        _write(path, catalog)


def _compiled(lang: str) -> bytes:
    """The .mo of *lang*; the same bytes for the same .po (no dates in the header)."""
    catalog = _read(po_path(lang), lang)
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for lang in languages():
        po_path(lang).with_suffix(".mo").write_bytes(_compiled(lang))


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _ids(catalog: Catalog) -> set:
    return {m.id if m.context is None else (m.context, m.id) for m in catalog if m.id}


def problems() -> list[str]:
    """Everything that keeps the catalogues from being current and complete."""
    found: list[str] = []
    extracted, template = extract(), _read(TEMPLATE)
    for missing in sorted(map(str, _ids(extracted) - _ids(template))):
        found.append(f"{TEMPLATE.name}: not extracted yet: {missing} (run extract, update)")
    for stale in sorted(map(str, _ids(template) - _ids(extracted))):
        found.append(f"{TEMPLATE.name}: no longer in the code: {stale} (run extract, update)")
    for lang in languages():
        path = po_path(lang)
        if not path.exists():
            found.append(f"{lang}: no {path.name} (run update)")
            continue
        catalog = _read(path, lang)
        for missing in sorted(map(str, _ids(template) - _ids(catalog))):
            found.append(f"{lang}: missing {missing} (run update)")
        found += _translation_problems(lang, catalog)
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != _compiled(lang):
            found.append(f"{lang}: {mo.name} is older than {path.name} (run compile)")
    return found


def _translation_problems(lang: str, catalog: Catalog) -> list[str]:
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"{lang}: fuzzy (check it, then remove the flag): {ids[0]!r}")
        if lang == SOURCE_LANGUAGE and not any(texts):
            continue  # English: the source text is the translation
        if not all(texts):
            found.append(f"{lang}: not translated: {ids[0]!r}")
            continue
        for text in texts:
            if _placeholders(text) != _placeholders(ids[0]):
                found.append(f"{lang}: placeholders differ: {ids[0]!r} -> {text!r}")
    return found


def todo(lang: str) -> list[str]:
    return [p for p in problems() if p.startswith(f"{lang}: ")]


def merge(ours: Path, theirs: Path, out: Path) -> None:
    """Both sides' messages; where both translate one message differently, ours wins."""
    catalog = _read(ours)
    for message in _read(theirs):
        if not message.id:
            continue
        mine = catalog.get(message.id, message.context)
        if mine is None:
            catalog[message.id] = message
        elif not mine.string and message.string:
            mine.string = message.string
    _write(out, catalog)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command in {"extract", "all"}:
        template = write_template()
        print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} messages")
    if command in {"update", "all"}:
        update()
        print(f"updated {', '.join(languages())}")
    if command in {"compile", "all"}:
        compile_all()
        print(f"compiled {', '.join(languages())}")
    if command == "merge":
        ours, theirs = Path(argv[1]), Path(argv[2])
        merge(ours, theirs, Path(argv[3]) if len(argv) > 3 else ours)
        return 0
    if command == "todo":
        listed = todo(argv[1] if len(argv) > 1 else "nl")
        print("\n".join(listed) or "nothing to do")
        return 1 if listed else 0
    if command in {"check", "all"}:
        listed = problems()
        print("\n".join(listed) or "catalogues current and complete")
        return 1 if listed else 0
    if command not in {"extract", "update", "compile"}:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
