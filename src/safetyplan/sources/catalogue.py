# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Where missing figures come from: the fill hints behind every "no data".

``catalogue.yaml`` (next to this module) maps measure patterns to a hint: the public table
and the command that loads it, or the plain statement that no public table exists, with the
region's own route (``safetyplan plan template PLAN.yaml --goal ID`` and ``safetyplan ingest
facts``) and, where a public table comes close, that proxy and how its definition differs.
The monitor attaches the hints to goals without figures; the CLI, the web goal page and the
report show them.

This module knows measure names only (no plan models), so every layer may use it.
"""

from __future__ import annotations

import fnmatch
import logging
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources

import yaml

from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _

log = logging.getLogger(__name__)

KINDS = ("public", "own")
DEFAULT_PLAN_FILE = "PLAN.yaml"


@dataclass(frozen=True)
class Proxy:
    """A public table that approximates a measure no public table holds."""

    measures: list[str]
    table: str
    table_title: str
    commands: list[str]
    text_nl: str
    text_en: str
    differences_nl: str
    differences_en: str

    def text(self, lang: str | None = None) -> str:
        """What the table approximates and how it differs, in *lang* (default: the active
        language)."""
        if (lang or i18n.active()) == "en":
            return f"{self.text_en} {self.differences_en}"
        return f"{self.text_nl} {self.differences_nl}"


@dataclass(frozen=True)
class FillHint:
    """How the figures for one measure of one goal can be filled."""

    measure: str
    public: bool  # a public table holds the measure itself
    table: str | None
    table_title: str | None
    commands: list[str]
    text_nl: str
    text_en: str
    proxy: Proxy | None = None
    goal: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    def text(self, lang: str | None = None) -> str:
        """The hint in *lang* (default: the active language; the catalogue has nl and en)."""
        return self.text_en if (lang or i18n.active()) == "en" else self.text_nl


@dataclass(frozen=True)
class _Entry:
    match: tuple[str, ...]
    kind: str
    text_nl: str
    text_en: str
    table: str | None = None
    table_title: str | None = None
    commands: tuple[str, ...] = ()
    proxy: dict | None = None


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[_Entry, ...]
    police_classes: dict = field(default_factory=dict)

    def entry(self, measure: str) -> _Entry:
        for entry in self.entries:
            if any(fnmatch.fnmatchcase(measure, pattern) for pattern in entry.match):
                return entry
        raise SafetyplanError(
            _("catalogue.yaml: no entry matches '{measure}' (add a '*' entry)").format(
                measure=measure
            )
        )

    def hint(
        self, measure: str, goal: str | None = None, plan_file: str = DEFAULT_PLAN_FILE
    ) -> FillHint:
        entry = self.entry(measure)
        code = measure.rsplit(":", 1)[-1]
        words = {"code": code, "measure": measure, "title": self.police_classes.get(code, code)}
        public = entry.kind == "public"
        commands = list(entry.commands) if public else own_commands(goal, plan_file)
        proxy = None
        if entry.proxy:
            p = entry.proxy
            proxy = Proxy(
                measures=list(p["measures"]),
                table=p["table"],
                table_title=p["table_title"],
                commands=list(p["commands"]),
                text_nl=_fill(p["text_nl"], words),
                text_en=_fill(p["text_en"], words),
                differences_nl=_fill(p["differences_nl"], words),
                differences_en=_fill(p["differences_en"], words),
            )
        return FillHint(
            measure=measure,
            public=public,
            table=entry.table,
            table_title=entry.table_title,
            commands=commands,
            text_nl=_fill(entry.text_nl, words),
            text_en=_fill(entry.text_en, words),
            proxy=proxy,
            goal=goal,
        )


def own_commands(goal: str | None, plan_file: str = DEFAULT_PLAN_FILE) -> list[str]:
    """The region's own route: a template for the goal, filled in and loaded under a source
    of its own (one source per goal, so loading one goal never replaces another's)."""
    goal_id = goal or "ID"
    return [
        f"safetyplan plan template {plan_file} --goal {goal_id} --out {goal_id}.csv",
        f"safetyplan ingest facts {goal_id}.csv --source eigen-{goal_id}",
    ]


def hints_for(
    measures, goal: str | None = None, plan_file: str = DEFAULT_PLAN_FILE
) -> list[FillHint]:
    """One hint per measure (in the given order, duplicates once)."""
    cat = load_catalogue()
    seen: list[str] = []
    for measure in measures:
        if measure and measure not in seen:
            seen.append(measure)
    return [cat.hint(m, goal, plan_file) for m in seen]


@cache
def load_catalogue() -> Catalogue:
    """The shipped catalogue (read once)."""
    text = resources.files("safetyplan.sources").joinpath("catalogue.yaml").read_text("utf-8")
    return parse_catalogue(text, "catalogue.yaml")


def parse_catalogue(text: str, origin: str) -> Catalogue:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise SafetyplanError(
            _("{file}: not valid YAML: {error}").format(file=origin, error=exc)
        ) from exc
    entries = []
    for i, raw in enumerate(data.get("entries") or []):
        where = f"{origin}, entries[{i}]"
        try:
            entry = _Entry(
                match=tuple(raw["match"]),
                kind=raw["kind"],
                text_nl=raw["text_nl"],
                text_en=raw["text_en"],
                table=raw.get("table"),
                table_title=raw.get("table_title"),
                commands=tuple(raw.get("commands") or ()),
                proxy=raw.get("proxy"),
            )
        except (KeyError, TypeError) as exc:
            raise SafetyplanError(
                _("{place}: missing or malformed field {field}").format(place=where, field=exc)
            ) from None
        if entry.kind not in KINDS:
            raise SafetyplanError(
                _("{place}: kind must be one of {kinds}").format(
                    place=where, kinds=", ".join(KINDS)
                )
            )
        if entry.kind == "public" and not (entry.table and entry.commands):
            raise SafetyplanError(
                _("{place}: a public entry needs 'table' and 'commands'").format(place=where)
            )
        entries.append(entry)
    if not entries:
        raise SafetyplanError(_("{file}: no entries").format(file=origin))
    log.debug("fill-hint catalogue: %d entries", len(entries))
    return Catalogue(
        tuple(entries), {str(k): v for k, v in (data.get("police_classes") or {}).items()}
    )


def _fill(text: str, words: dict) -> str:
    return " ".join(text.format(**words).split())
