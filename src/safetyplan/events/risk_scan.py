# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The risk scan: scoring rules read from a YAML file, and the classification A/B/C of one
event with its explanation (which answers made it B or C)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyplan import i18n
from safetyplan.errors import DataError
from safetyplan.i18n import N_, _
from safetyplan.yamlfile import FileKind, load_mapping, read_text, validate_model

RiskClass = Literal["A", "B", "C"]
CLASSES: tuple[str, ...] = ("A", "B", "C")
DEFAULT_SCAN = Path(__file__).with_name("risk_scan.yaml")
SCAN_FILE = FileKind("risk scan", "risicoscanbestand", DataError)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def shown(self, field: str, lang: str | None = None) -> str:
        """The scan file's text *field* in *lang* (default: the active language): ``label_en``
        in English where the file gives it, else ``label``, the text in the file's own
        language (as the plan's texts: Safetyplan does not translate a region's words)."""
        name = f"{field}_{lang or i18n.active()}"
        # a field lookup, not getattr(): a missing attribute costs pydantic an exception
        own = getattr(self, name) if name in type(self).model_fields else None
        return own or getattr(self, field)


class Option(_Strict):
    value: str
    label: str
    label_en: str | None = None
    points: float = 0
    min_class: RiskClass | None = None


class Band(_Strict):
    below: float | None = None  # None: the open-ended last band
    label: str
    label_en: str | None = None
    points: float = 0
    min_class: RiskClass | None = None


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str
    text_en: str | None = None
    field: str | None = None  # the event attribute that answers it; None: a scan answer
    multiple: bool = False
    options: list[Option] = []
    bands: list[Band] = []

    @model_validator(mode="after")
    def _one_kind(self):
        if bool(self.options) == bool(self.bands):
            raise ValueError(
                _("question '{id}' needs either options or bands, not both").format(id=self.id)
            )
        if self.bands and (
            self.bands[-1].below is not None or any(b.below is None for b in self.bands[:-1])
        ):
            raise ValueError(
                _("question '{id}': only the last band is open-ended").format(id=self.id)
            )
        return self

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


class Profile(_Strict):
    id: str
    name: str
    name_en: str | None = None
    questions: list[Question]


class Thresholds(_Strict):
    B: float
    C: float

    @model_validator(mode="after")
    def _ordered(self):
        if self.C < self.B:
            raise ValueError(_("classes.C must be at least classes.B"))
        return self


class ClashRules(_Strict):
    c_events: int = Field(2, ge=1)
    b_events: int = Field(3, ge=1)


class RiskScan(_Strict):
    version: int
    name: str
    name_en: str | None = None
    classes: Thresholds
    police_demand: dict[RiskClass, float | None] = {}
    clashes: ClashRules = ClashRules()
    profiles: list[Profile]

    @model_validator(mode="after")
    def _unique_ids(self):
        seen: set[str] = set()
        for q in self.questions():
            if q.id in seen:
                raise ValueError(_("question id '{id}' appears twice").format(id=q.id))
            seen.add(q.id)
        return self

    def questions(self) -> list[Question]:
        return [q for p in self.profiles for q in p.questions]

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions() if q.id == qid), None)

    def field_question(self, field_name: str) -> Question | None:
        return next((q for q in self.questions() if q.field == field_name), None)

    def answer_questions(self) -> list[Question]:
        """Questions not answered by an event field: the extra questions of the scan form."""
        return [q for q in self.questions() if q.field is None]

    def choices(self, field_name: str) -> list[tuple[str, str]]:
        q = self.field_question(field_name)
        return [(o.value, o.shown("label")) for o in q.options] if q else []

    def demand(self, risk_class: str) -> float | None:
        return self.police_demand.get(risk_class)


def load_scan(path: str | Path | None = None) -> RiskScan:
    """The scan of ``path``, else of SAFETYPLAN_EVENTS_RISK_SCAN, else the shipped default."""
    path = Path(path or os.environ.get("SAFETYPLAN_EVENTS_RISK_SCAN") or DEFAULT_SCAN)
    return _load(str(path.resolve()))


@lru_cache(maxsize=8)
def _load(path: str) -> RiskScan:
    text = read_text(path, SCAN_FILE)
    data, lines = load_mapping(text, path, SCAN_FILE)
    return validate_model(RiskScan, data, path, lines, SCAN_FILE)


@dataclass(frozen=True)
class Contribution:
    """One answer of the scan and what it added."""

    profile: str
    question: str
    text: str
    answer: str  # the answer's label, or NOT_ANSWERED in the active language
    points: float
    min_class: str | None = None
    answered: bool = True


@dataclass
class Classification:
    risk_class: str
    score: float
    contributions: list[Contribution] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why the class is what it is

    @property
    def unanswered(self) -> list[str]:
        return [c.question for c in self.contributions if not c.answered]

    def as_dict(self) -> dict:
        return {
            "risk_class": self.risk_class,
            "score": self.score,
            "reasons": list(self.reasons),
            "unanswered": self.unanswered,
            "contributions": [c.__dict__ | {} for c in self.contributions],
        }


NOT_ANSWERED = N_("not answered")


def classify(answers: dict, scan: RiskScan | None = None) -> Classification:
    """Classify an event from its answers: ``{question_or_field_id: value}``.

    Field questions look up ``answers[question.field]``, the others ``answers[question.id]``.
    Unanswered questions add nothing and are listed, so a reader sees the scan is incomplete.
    """
    scan = scan or load_scan()
    contributions = []
    for profile in scan.profiles:
        for q in profile.questions:
            contributions.extend(_answer(profile, q, answers.get(q.field or q.id)))
    score = sum(c.points for c in contributions)
    by_score = _class_for_score(score, scan.classes)
    reasons = []
    if by_score != "A":
        threshold = getattr(scan.classes, by_score)
        reasons.append(f"score {_num(score)} >= {_num(threshold)}: {by_score}")
    final = by_score
    for c in contributions:
        if c.min_class and _rank(c.min_class) > _rank("A"):
            reasons.append(
                _("{question}: {answer} -> at least {risk_class}").format(
                    question=c.text, answer=c.answer, risk_class=c.min_class
                )
            )
            if _rank(c.min_class) > _rank(final):
                final = c.min_class
    if final == "A":
        reasons.append(f"score {_num(score)} < {_num(scan.classes.B)}: A")
    return Classification(final, score, contributions, reasons)


def _answer(profile: Profile, q: Question, value) -> list[Contribution]:
    def made(answer, points=0.0, min_class=None, answered=True):
        return Contribution(profile.id, q.id, q.shown("text"), answer, points, min_class, answered)

    if value is None or value == "" or value == [] or value == ():
        return [made(_(NOT_ANSWERED), answered=False)]
    if q.bands:
        number = float(value)
        band = next(b for b in q.bands if b.below is None or number < b.below)
        return [made(f"{_num(number)} ({band.shown('label')})", band.points, band.min_class)]
    values = list(value) if q.multiple and not isinstance(value, str) else [value]
    out = []
    for v in values:
        option = q.option(str(v))
        if option is None:
            known = ", ".join(o.value for o in q.options)
            raise DataError(
                _("{question}: unknown answer '{value}' (known: {known})").format(
                    question=q.id, value=v, known=known
                )
            )
        out.append(made(option.shown("label"), option.points, option.min_class))
    return out


def _class_for_score(score: float, t: Thresholds) -> str:
    if score >= t.C:
        return "C"
    if score >= t.B:
        return "B"
    return "A"


def _rank(risk_class: str) -> int:
    return CLASSES.index(risk_class)


def higher(a: str, b: str) -> str:
    return a if _rank(a) >= _rank(b) else b


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
